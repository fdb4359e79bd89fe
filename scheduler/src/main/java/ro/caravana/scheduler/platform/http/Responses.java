package ro.caravana.scheduler.platform.http;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writing JSON answers. */
public final class Responses {

  private Responses() {}

  public static void json(RoutingContext ctx, int status, Object body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(Json.encode(body));
  }

  public static void page(RoutingContext ctx, JsonArray items, long total) {
    json(ctx, 200, new JsonObject().put("items", items).put("total", total));
  }

  public static void noContent(RoutingContext ctx) {
    ctx.response().setStatusCode(204).end();
  }
}
