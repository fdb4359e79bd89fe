package ro.caravana.scheduler.access;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import ro.caravana.scheduler.platform.http.Requests;
import ro.caravana.scheduler.platform.http.Responses;

/**
 * {@code POST /api/auth/login} (API token), {@code POST /api/auth/session} (portal cookie),
 * {@code POST /api/auth/logout} and {@code GET /api/auth/me}.
 */
public final class AuthRoutes {

  private final Authenticator authenticator;
  private final Tokens tokens;
  private final Sessions sessions;
  private final RevokedTokens revoked;

  public AuthRoutes(Authenticator authenticator, Tokens tokens, Sessions sessions, RevokedTokens revoked) {
    this.authenticator = authenticator;
    this.tokens = tokens;
    this.sessions = sessions;
    this.revoked = revoked;
  }

  public void mount(Router router) {
    router.post("/api/auth/login").handler(this::login);
    router.post("/api/auth/session").handler(this::openSession);
    router.post("/api/auth/logout").handler(this::logout);
    router.get("/api/auth/me").handler(this::me);
  }

  private void login(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    authenticator.login(body.getString("email"), body.getString("password"), Audit.clientIp(ctx))
        .onSuccess(account -> Responses.json(ctx, 200, new JsonObject()
            .put("token", tokens.issue(account))
            .put("tokenType", "Bearer")
            .put("expiresIn", tokens.lifetimeSeconds())
            .put("account", account.toJson())))
        .onFailure(ctx::fail);
  }

  /** Portal sign-in: a JSON body or an HTML form ({@code email}, {@code password}, optional {@code next}). */
  private void openSession(RoutingContext ctx) {
    boolean form = isForm(ctx);
    String email;
    String password;
    if (form) {
      email = ctx.request().getFormAttribute("email");
      password = ctx.request().getFormAttribute("password");
    } else {
      JsonObject body = Requests.body(ctx);
      email = body.getString("email");
      password = body.getString("password");
    }
    authenticator.login(email, password, Audit.clientIp(ctx))
        .compose(account -> sessions.open(account.id(), Audit.clientIp(ctx)).map(opened -> {
          boolean secure = SecurityHeaders.overTls(ctx);
          ctx.response().addCookie(Cookie.cookie(Sessions.COOKIE, opened.token())
              .setPath("/").setHttpOnly(true).setSecure(secure).setSameSite(CookieSameSite.STRICT)
              .setMaxAge(sessions.maxHours() * 3600L));
          // readable by the page's script, which sends it back in X-CSRF-Token (double submit)
          ctx.response().addCookie(Cookie.cookie(Sessions.CSRF_COOKIE, opened.csrfToken())
              .setPath("/").setHttpOnly(false).setSecure(secure).setSameSite(CookieSameSite.STRICT)
              .setMaxAge(sessions.maxHours() * 3600L));
          if (form) {
            ctx.redirect(safeNext(ctx.request().getFormAttribute("next")));
          } else {
            Responses.json(ctx, 200, new JsonObject().put("csrfToken", opened.csrfToken()).put("account", account.toJson()));
          }
          return null;
        }))
        .onFailure(e -> {
          // a person at the sign-in page gets the page again with the message, not a problem+json document
          if (form && e instanceof ro.caravana.scheduler.platform.http.ApiError err && err.status() == 401) {
            String next = safeNext(ctx.request().getFormAttribute("next"));
            ctx.redirect("/intrare?eroare=1&next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
          } else {
            ctx.fail(e);
          }
        });
  }

  private void logout(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    Cookie cookie = ctx.request().getCookie(Sessions.COOKIE);
    if (caller.via() == Caller.Via.BEARER) {
      // the token goes on the deny list until it expires: refused from the next request on, on every instance
      Tokens.Claims claims = ctx.get(Tokens.CLAIMS_KEY);
      revoked.revoke(claims).onSuccess(v -> Responses.noContent(ctx)).onFailure(ctx::fail);
      return;
    }
    if (cookie == null) {
      Responses.noContent(ctx);
      return;
    }
    sessions.revoke(cookie.getValue()).onSuccess(v -> {
      boolean secure = SecurityHeaders.overTls(ctx);
      for (String name : new String[] {Sessions.COOKIE, Sessions.CSRF_COOKIE}) {
        ctx.response().addCookie(Cookie.cookie(name, "").setPath("/").setMaxAge(0).setSecure(secure)
            .setHttpOnly(name.equals(Sessions.COOKIE)).setSameSite(CookieSameSite.STRICT));
      }
      if (isForm(ctx)) ctx.redirect("/");
      else Responses.noContent(ctx);
    }).onFailure(ctx::fail);
  }

  private void me(RoutingContext ctx) {
    Caller c = Caller.of(ctx);
    Responses.json(ctx, 200, new JsonObject()
        .put("id", c.accountId())
        .put("email", c.email())
        .put("role", c.role().wire())
        .put("counties", c.counties())
        .put("centreId", c.centreId())
        .put("staffId", c.staffId())
        .put("via", c.via().name().toLowerCase(java.util.Locale.ROOT)));
  }

  private static boolean isForm(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    return type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"));
  }

  /** Only a path on this site, so the login form cannot be used to send people elsewhere. */
  static String safeNext(String next) {
    if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")) return "/";
    return next;
  }
}
