package ro.caravana.portal.page;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import ro.caravana.scheduler.access.Role;

/**
 * What a page handler works with: the request, the language, the signed-in account (as {@code /api/auth/me}
 * describes it) and the API on behalf of that account.
 */
public record PageRequest(RoutingContext ctx, Lang lang, JsonObject account, PageApi api, Messages messages) {

  public Role role() {
    return Role.parse(account.getString("role")).orElseThrow();
  }

  public String t(String key, Object... args) {
    return messages.text(lang, key, args);
  }

  public String label(String list, String code) {
    return Labels.text(list, code, lang);
  }

  /** A query parameter, trimmed, absent when blank. */
  public Optional<String> param(String name) {
    String v = ctx.request().getParam(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  public Future<PageApi.Answer> get(String path) {
    return api.get(ctx, path);
  }

  /** A GET that must succeed: 404 becomes the not-found page, anything else not 2xx an error page. */
  public Future<JsonObject> read(String path) {
    return get(path).compose(a -> a.ok() ? Future.succeededFuture(a.body()) : Future.failedFuture(PageError.of(a)));
  }

  public Future<PageApi.Answer> send(HttpMethod method, String path, JsonObject body) {
    return api.send(ctx, method, path, body);
  }
}
