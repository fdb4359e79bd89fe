package ro.caravana.portal.page;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import ro.caravana.scheduler.access.ClientAddress;
import ro.caravana.scheduler.access.Sessions;

/**
 * The pages read and write through the same JSON API as everyone else, on this server, as the signed-in person
 * (their session cookie is passed on). So the access policy, county scopes, audit and validation apply to pages
 * exactly as to the API; a page never reads the database itself.
 */
public final class PageApi {

  private final WebClient client;

  public PageApi(Vertx vertx) {
    this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setFollowRedirects(false));
  }

  /** An API answer: its status and JSON body (empty when there was none or it was not JSON). */
  public record Answer(int status, JsonObject body, MultiMap headers) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /**
   * A request to this server, on the address the page request came in on. An IPv6 literal (a browser that opened
   * {@code localhost} as {@code ::1}) cannot be written bare in a Host header, so the connection goes to that
   * address while the header names {@code localhost}.
   */
  private io.vertx.ext.web.client.HttpRequest<Buffer> toSelf(RoutingContext ctx, HttpMethod method, String path) {
    SocketAddress here = ctx.request().localAddress();
    String host = here.hostAddress();
    return host != null && host.indexOf(':') >= 0
        ? client.request(method, here, here.port(), "localhost", path)
        : client.request(method, here.port(), host, path);
  }

  public Future<Answer> get(RoutingContext ctx, String path) {
    return send(ctx, HttpMethod.GET, path, null);
  }

  /** A change on behalf of a page's form: its {@code _csrf} field goes with it as the API's CSRF header. */
  public Future<Answer> send(RoutingContext ctx, HttpMethod method, String path, JsonObject body) {
    var request = toSelf(ctx, method, path)
        .putHeader(HttpHeaders.ACCEPT.toString(), "application/json");
    String cookies = ctx.request().getHeader(HttpHeaders.COOKIE);
    if (cookies != null) request.putHeader(HttpHeaders.COOKIE.toString(), cookies);
    // the token the page's form (or script) sent, never the cookie: a forged cross-site form cannot know it
    String csrf = ctx.request().getFormAttribute(Sessions.CSRF_FIELD);
    if (csrf == null) csrf = ctx.request().getHeader(Sessions.CSRF_HEADER);
    if (csrf != null && method != HttpMethod.GET) request.putHeader(Sessions.CSRF_HEADER, csrf);
    ClientAddress.pageCallHeaders(ctx).forEach(request::putHeader); // the audit records the person's address, not ours
    Future<HttpResponse<Buffer>> sent = body == null ? request.send() : request.sendJsonObject(body);
    return sent.map(PageApi::answer);
  }

  /** A file as the request body (spreadsheet import), with the page form's CSRF token. */
  public Future<Answer> sendFile(RoutingContext ctx, String path, String contentType, Buffer file) {
    var request = toSelf(ctx, HttpMethod.POST, path)
        .putHeader(HttpHeaders.ACCEPT.toString(), "application/json")
        .putHeader(HttpHeaders.CONTENT_TYPE.toString(), contentType);
    String cookies = ctx.request().getHeader(HttpHeaders.COOKIE);
    if (cookies != null) request.putHeader(HttpHeaders.COOKIE.toString(), cookies);
    String csrf = ctx.request().getFormAttribute(Sessions.CSRF_FIELD);
    if (csrf != null) request.putHeader(Sessions.CSRF_HEADER, csrf);
    return request.sendBuffer(file).map(PageApi::answer);
  }

  /** The raw answer (exports: CSV, XLSX), to pass through unchanged. */
  public Future<HttpResponse<Buffer>> raw(RoutingContext ctx, String path) {
    var request = toSelf(ctx, HttpMethod.GET, path);
    String cookies = ctx.request().getHeader(HttpHeaders.COOKIE);
    if (cookies != null) request.putHeader(HttpHeaders.COOKIE.toString(), cookies);
    ClientAddress.pageCallHeaders(ctx).forEach(request::putHeader);
    return request.send();
  }

  private static Answer answer(HttpResponse<Buffer> r) {
    JsonObject json = new JsonObject();
    String type = r.getHeader("Content-Type");
    Buffer b = r.body();
    if (b != null && b.length() > 0 && type != null && type.contains("json") && b.getByte(0) == '{') {
      json = b.toJsonObject();
    } else if (b != null && b.length() > 0 && type != null && type.contains("json") && b.getByte(0) == '[') {
      json = new JsonObject().put("items", b.toJsonArray());
    }
    return new Answer(r.statusCode(), json, r.headers());
  }
}
