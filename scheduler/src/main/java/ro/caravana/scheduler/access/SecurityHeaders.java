package ro.caravana.scheduler.access;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers on every response, pages and API alike: a content security policy, no MIME sniffing, no
 * framing by other sites, no referrer leaving the site, HSTS when the request came over TLS (directly
 * or through a proxy that says so), and no caching of API answers, which carry personal data.
 */
public final class SecurityHeaders {

  private final String contentSecurityPolicy;

  public SecurityHeaders(String contentSecurityPolicy) {
    this.contentSecurityPolicy = contentSecurityPolicy;
  }

  public void handle(RoutingContext ctx) {
    MultiMap h = ctx.response().headers();
    h.set("Content-Security-Policy", contentSecurityPolicy);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("X-Frame-Options", "DENY");
    h.set("Referrer-Policy", "no-referrer");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    h.set("Permissions-Policy", "camera=(self), microphone=(self), geolocation=(), payment=()");
    if (overTls(ctx)) h.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    if (ctx.normalizedPath().startsWith("/api/")) h.set("Cache-Control", "no-store");
    ctx.next();
  }

  /** TLS here or at the proxy in front ({@code X-Forwarded-Proto: https}). */
  public static boolean overTls(RoutingContext ctx) {
    if (ctx.request().isSSL()) return true;
    String proto = ctx.request().getHeader("X-Forwarded-Proto");
    return proto != null && proto.trim().equalsIgnoreCase("https");
  }
}
