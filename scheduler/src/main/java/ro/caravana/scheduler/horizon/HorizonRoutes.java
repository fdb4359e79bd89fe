package ro.caravana.scheduler.horizon;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.common.Ids;
import ro.caravana.scheduler.common.Params;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.http.Requests;
import ro.caravana.scheduler.platform.http.Responses;

/** {@code /api/horizons}: plan a county's caravans over 4 to 13 weeks and read the visits per locality. */
public final class HorizonRoutes {

  private final HorizonService service;

  public HorizonRoutes(HorizonService service) {
    this.service = service;
  }

  public void mount(Router router) {
    router.post("/api/horizons").handler(this::create);
    router.get("/api/horizons").handler(this::list);
    router.get("/api/horizons/:id").handler(this::get);
  }

  private void create(RoutingContext ctx) {
    HorizonRequest request = HorizonRequest.from(Requests.body(ctx));
    Caller caller = Caller.orNull(ctx);
    service.submit(request, caller == null ? null : caller.email()).onSuccess(id -> {
      ctx.response().putHeader("Location", "/api/horizons/" + id);
      Responses.json(ctx, 202, new JsonObject().put("id", id.toString()).put("status", "queued"));
    }).onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    service.horizons().list(Params.county(ctx), Caller.of(ctx).countyScope(), Requests.limit(ctx), Requests.offset(ctx))
        .onSuccess(page -> Responses.json(ctx, 200, page))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    UUID id = id(ctx.pathParam("id"));
    service.horizons().find(id).compose(found -> {
      JsonObject h = found.orElseThrow(HorizonRoutes::noSuchHorizon);
      String best = service.bestScore(id);
      if (best != null) h.put("bestScore", best);
      if (!"solved".equals(h.getString("status"))) return Future.succeededFuture(h);
      return service.horizons().stops(id).map(stops -> h.put("stops", stops));
    }).onSuccess(h -> Responses.json(ctx, 200, h)).onFailure(ctx::fail);
  }

  /** A horizon id: the canonical 36-character UUID form only; anything else names no horizon. */
  static UUID id(String raw) {
    UUID id = Ids.uuidOrNull(raw);
    if (id == null) throw noSuchHorizon();
    return id;
  }

  private static ApiError noSuchHorizon() {
    return ApiError.notFound("id", "Orizontul nu există.", "No such horizon.");
  }
}
