package ro.caravana.scheduler.planning;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.http.Requests;
import ro.caravana.scheduler.platform.http.Responses;

/** {@code /api/plans}: start, watch, stop, publish and re-plan weekly plans. */
public final class PlanRoutes {

  private static final long HEARTBEAT_MS = 2000;

  private final Vertx vertx;
  private final PlanningService service;
  private final Publisher publisher;
  private final PlanEdits edits;

  public PlanRoutes(Vertx vertx, PlanningService service, Publisher publisher, PlanEdits edits) {
    this.vertx = vertx;
    this.service = service;
    this.publisher = publisher;
    this.edits = edits;
  }

  public void mount(Router router) {
    router.post("/api/plans").handler(this::create);
    router.get("/api/plans").handler(this::list);
    router.get("/api/plans/:id").handler(this::get);
    router.get("/api/plans/:id/items").handler(this::items);
    router.get("/api/plans/:id/progress").handler(this::progress);
    router.get("/api/plans/:id/stops").handler(this::stops);
    router.post("/api/plans/:id/stop").handler(this::stop);
    router.post("/api/plans/:id/publish").handler(this::publish);
    router.post("/api/plans/:id/disruptions").handler(this::disrupt);
    // manual edits (PlanEdits)
    router.get("/api/plans/:id/moves").handler(this::session);
    router.post("/api/plans/:id/moves").handler(this::move);
    router.post("/api/plans/:id/pins").handler(this::pin);
    router.post("/api/plans/:id/resolve").handler(this::resolve);
  }

  /** The plan's sessions; with {@code ?session=KEY} that session and the values it may take. */
  private void session(RoutingContext ctx) {
    UUID id = planId(ctx);
    String key = Requests.query(ctx, "session");
    found(ctx, id).compose(plan -> key == null ? edits.sessions(plan) : edits.session(plan, key))
        .onSuccess(s -> Responses.json(ctx, 200, s)).onFailure(ctx::fail);
  }

  private void move(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    found(ctx, planId(ctx)).compose(plan -> edits.move(plan, body))
        .onSuccess(r -> Responses.json(ctx, 200, r)).onFailure(ctx::fail);
  }

  private void pin(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    found(ctx, planId(ctx)).compose(plan -> edits.pin(plan, body))
        .onSuccess(r -> Responses.json(ctx, 200, r)).onFailure(ctx::fail);
  }

  private void resolve(RoutingContext ctx) {
    found(ctx, planId(ctx)).compose(plan -> edits.resolve(plan, requester(ctx)))
        .onSuccess(id -> accepted(ctx, id)).onFailure(ctx::fail);
  }

  /** The plan if it exists in the caller's counties, else 404. */
  private io.vertx.core.Future<JsonObject> found(RoutingContext ctx, UUID id) {
    return service.plans().find(id, Caller.of(ctx).countyScope()).map(found -> found.orElseThrow(PlanRoutes::noSuchPlan));
  }

  private void create(RoutingContext ctx) {
    PlanRequest request = PlanRequest.from(Requests.body(ctx));
    service.submit(request, null, null, requester(ctx))
        .onSuccess(id -> accepted(ctx, id))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    service.plans().list(Requests.query(ctx, "county"), Requests.query(ctx, "week"), Caller.of(ctx).countyScope(),
        Requests.limit(ctx), Requests.offset(ctx))
        .onSuccess(page -> Responses.json(ctx, 200, page))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    UUID id = planId(ctx);
    service.plans().find(id, Caller.of(ctx).countyScope()).compose(found -> {
      JsonObject plan = found.orElseThrow(PlanRoutes::noSuchPlan);
      Progress p = service.latest(id);
      if (p != null) plan.put("progress", p.toJson());
      if (!List.of(PlanStatus.SOLVED, PlanStatus.PUBLISHED).contains(plan.getString("status"))) {
        return io.vertx.core.Future.succeededFuture(plan);
      }
      var pool = service.plans().pool();
      // what changed in the county's records since the plan read them
      var inputs = PlanInputChanges.since(pool, plan.getString("county"),
          java.time.OffsetDateTime.parse(plan.getString("startedAt", plan.getString("createdAt")))).map(changed -> plan.put("inputsChanged", changed));
      if (!plan.containsKey("basePlanId")) return inputs;
      UUID base = UUID.fromString(plan.getString("basePlanId"));
      return inputs.compose(x -> service.plans().items(pool, base)).compose(before -> service.plans().items(pool, id)
          .map(after -> plan.put("diff", diff(before, after))));
    }).onSuccess(plan -> Responses.json(ctx, 200, plan)).onFailure(ctx::fail);
  }

  private void items(RoutingContext ctx) {
    UUID id = planId(ctx);
    int limit = Requests.limit(ctx);
    int offset = Requests.offset(ctx);
    service.plans().find(id, Caller.of(ctx).countyScope()).compose(found -> {
      found.orElseThrow(PlanRoutes::noSuchPlan);
      return service.plans().items(service.plans().pool(), id);
    }).onSuccess(all -> {
      JsonArray page = new JsonArray();
      all.stream().skip(offset).limit(limit).forEach(i -> page.add(itemJson(i)));
      Responses.page(ctx, page, all.size());
    }).onFailure(ctx::fail);
  }

  /** The caravan stops in visiting order: {@code {items: [{caravanId, day, position, siruta, arrivesAt, departsAt}]}}. */
  private void stops(RoutingContext ctx) {
    UUID id = planId(ctx);
    service.plans().find(id).compose(found -> {
      found.orElseThrow(PlanRoutes::noSuchPlan);
      return service.plans().stops(id);
    }).onSuccess(all -> {
      JsonArray items = new JsonArray();
      all.forEach(s -> items.add(new JsonObject().put("caravanId", s.caravanId()).put("day", s.day().toString())
          .put("position", s.position()).put("siruta", s.siruta()).put("arrivesAt", PlanRepository.iso(s.arrivesAt()))
          .put("departsAt", PlanRepository.iso(s.departsAt()))));
      Responses.json(ctx, 200, new JsonObject().put("items", items).put("total", items.size()));
    }).onFailure(ctx::fail);
  }

  /** Server-Sent Events: the best score each time it improves, a heartbeat every two seconds, an end event. */
  private void progress(RoutingContext ctx) {
    UUID id = planId(ctx);
    service.plans().find(id, Caller.of(ctx).countyScope()).map(found -> found.orElseThrow(PlanRoutes::noSuchPlan)).onSuccess(plan -> {
      HttpServerResponse response = ctx.response()
          .setChunked(true)
          .putHeader("Content-Type", "text/event-stream; charset=utf-8")
          .putHeader("Cache-Control", "no-store")
          .putHeader("X-Accel-Buffering", "no");
      String status = plan.getString("status");
      Progress last = service.latest(id);
      send(response, "status", new JsonObject().put("status", status).put("progress", last == null ? null : last.toJson()));
      if (!service.isRunning(id)) {
        send(response, "end", new JsonObject().put("status", status));
        response.end();
        return;
      }
      MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(PlanningService.progressAddress(id));
      long t0 = System.currentTimeMillis();
      long heartbeat = vertx.setPeriodic(HEARTBEAT_MS, t -> send(response, "heartbeat",
          new JsonObject().put("elapsedMillis", System.currentTimeMillis() - t0)));
      Runnable close = () -> {
        vertx.cancelTimer(heartbeat);
        consumer.unregister();
      };
      consumer.handler(msg -> {
        JsonObject body = msg.body();
        send(response, "progress", body);
        if (body.getBoolean("done", false)) {
          close.run();
          end(response, id);
        }
      });
      response.closeHandler(v -> close.run());
      if (!service.isRunning(id)) {
        // the job ended between the first check and the registration: its last message may be gone
        close.run();
        end(response, id);
      }
    }).onFailure(ctx::fail);
  }

  /** The last event: the plan's status once solving has ended. */
  private void end(HttpServerResponse response, UUID id) {
    service.plans().find(id).onComplete(ar -> {
      String status = ar.succeeded() && ar.result().isPresent() ? ar.result().get().getString("status") : "unknown";
      send(response, "end", new JsonObject().put("status", status));
      if (!response.ended() && !response.closed()) response.end();
    });
  }

  private static void send(HttpServerResponse response, String event, JsonObject data) {
    if (response.ended() || response.closed()) return;
    response.write("event: " + event + "\ndata: " + data.encode() + "\n\n");
  }

  private void stop(RoutingContext ctx) {
    UUID id = planId(ctx);
    service.plans().find(id, Caller.of(ctx).countyScope()).map(found -> {
      JsonObject plan = found.orElseThrow(PlanRoutes::noSuchPlan);
      if (!service.stop(id)) {
        throw ApiError.conflict("status", "Planul nu este în lucru (starea: " + plan.getString("status") + ").",
            "The plan is not being solved (status: " + plan.getString("status") + ").");
      }
      return plan;
    }).onSuccess(plan -> Responses.json(ctx, 202, new JsonObject().put("id", id.toString()).put("status", "stopping")))
        .onFailure(ctx::fail);
  }

  private void publish(RoutingContext ctx) {
    UUID id = planId(ctx);
    service.plans().find(id, Caller.of(ctx).countyScope())
        .compose(found -> publisher.publish(found.map(plan -> id).orElseThrow(PlanRoutes::noSuchPlan)))
        .onSuccess(result -> Responses.json(ctx, 200, new JsonObject().put("id", id.toString())
            .put("status", PlanStatus.PUBLISHED).put("appointments", result.toJson())))
        .onFailure(ctx::fail);
  }

  private void disrupt(RoutingContext ctx) {
    UUID base = planId(ctx);
    Disruption disruption = Disruption.parse(Requests.body(ctx));
    service.plans().find(base, Caller.of(ctx).countyScope()).compose(found -> {
      JsonObject plan = found.orElseThrow(PlanRoutes::noSuchPlan);
      if (!List.of(PlanStatus.SOLVED, PlanStatus.PUBLISHED).contains(plan.getString("status"))) {
        throw ApiError.conflict("status", "Doar un plan rezolvat sau publicat poate fi replanificat.",
            "Only a solved or published plan can be re-planned.");
      }
      java.time.LocalDate monday = PlanRequest.monday(plan.getString("week"));
      if (!disruption.dates().isEmpty()
          && disruption.dates().stream().noneMatch(d -> !d.isBefore(monday) && !d.isAfter(monday.plusDays(6)))) {
        // a disruption that touches none of the plan's days would re-plan for nothing
        throw ApiError.unprocessable("dates", "Niciuna dintre zile nu este în săptămâna planului ("
            + monday + " – " + monday.plusDays(6) + ").",
            "None of the days is in the plan's week (" + monday + " to " + monday.plusDays(6) + ").");
      }
      List<String> kinds = plan.getJsonArray("kinds").stream().map(String::valueOf).toList();
      int seconds = Math.min(plan.getInteger("secondsLimit"), 30);
      PlanRequest request = new PlanRequest(plan.getString("county"), plan.getString("week"), kinds, seconds);
      return service.submit(request, base, disruption, requester(ctx));
    }).onSuccess(id -> accepted(ctx, id)).onFailure(ctx::fail);
  }

  private static void accepted(RoutingContext ctx, UUID id) {
    ctx.response().putHeader("Location", "/api/plans/" + id);
    Responses.json(ctx, 202, new JsonObject().put("id", id.toString()).put("status", PlanStatus.QUEUED));
  }

  /** Which appointments move between the base plan and this one, from when to when, for whom. */
  static JsonObject diff(List<PlanOutcome.Item> before, List<PlanOutcome.Item> after) {
    Map<String, PlanOutcome.Item> old = new HashMap<>();
    before.stream().filter(PlanOutcome.Item::placed).forEach(i -> old.put(i.itemKey(), i));
    JsonArray moved = new JsonArray();
    JsonArray added = new JsonArray();
    int unchanged = 0;
    for (PlanOutcome.Item now : after) {
      if (!now.placed()) continue;
      PlanOutcome.Item was = old.remove(now.itemKey());
      if (was == null) {
        added.add(itemJson(now));
      } else if (!now.samePlacementAs(was)) {
        moved.add(new JsonObject().put("itemKey", now.itemKey()).put("beneficiaryId", now.beneficiaryId().toString())
            .put("service", now.service()).put("from", itemJson(was)).put("to", itemJson(now)));
      } else {
        unchanged++;
      }
    }
    JsonArray removed = new JsonArray();
    old.values().forEach(i -> removed.add(itemJson(i)));
    return new JsonObject().put("moved", moved).put("added", added).put("removed", removed).put("unchanged", unchanged);
  }

  static JsonObject itemJson(PlanOutcome.Item i) {
    JsonObject j = new JsonObject()
        .put("itemKey", i.itemKey())
        .put("beneficiaryId", i.beneficiaryId().toString())
        .put("carePlanId", i.carePlanId() == null ? null : i.carePlanId().toString())
        .put("service", i.service())
        .put("modality", i.modality())
        .put("start", PlanRepository.iso(i.startsAt()))
        .put("end", PlanRepository.iso(i.endsAt()))
        .put("staffId", i.staffId())
        .put("centreId", i.centreId())
        .put("roomId", i.roomId())
        .put("caravanId", i.caravanId())
        .put("stopSiruta", i.stopSiruta());
    if (i.reason() != null) j.put("reason", i.reason().toJson());
    return j;
  }

  private static UUID planId(RoutingContext ctx) {
    return ro.caravana.scheduler.common.Ids.pathUuid(ctx, "id");
  }

  private static ApiError noSuchPlan() {
    return ApiError.notFound("id", "Planul nu există.", "No such plan.");
  }

  /** Who asked, for the plan record: the signed-in account. */
  private static String requester(RoutingContext ctx) {
    Caller caller = Caller.orNull(ctx);
    return caller == null ? null : caller.email();
  }
}
