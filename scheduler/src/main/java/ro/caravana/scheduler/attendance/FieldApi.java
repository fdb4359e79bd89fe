package ro.caravana.scheduler.attendance;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.common.Params;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.http.Requests;
import ro.caravana.scheduler.platform.http.Responses;

/**
 * The field devices' API: {@code GET /api/field/day} (the caller's day, what the offline page caches),
 * {@code POST /api/field/marks} (queued attendance marks, each applied once by its key) and
 * {@code POST /api/field/walk-ins}.
 */
public final class FieldApi {

  /** Marks per request: a day of a caravan is well under this; a device sends the rest in the next request. */
  public static final int MAX_MARKS = 200;

  private final FieldDay days;
  private final FieldMarks marks;
  private final WalkIns walkIns;
  private final ZoneId zone;

  public FieldApi(Pool pool, ZoneId zone) {
    this.days = new FieldDay(pool, zone);
    this.marks = new FieldMarks(pool);
    this.walkIns = new WalkIns(pool, marks, zone);
    this.zone = zone;
  }

  public FieldDay days() { return days; }
  public FieldMarks marks() { return marks; }

  public void mount(Router router) {
    router.get("/api/field/day").handler(this::day);
    router.post("/api/field/marks").handler(this::marks);
    router.post("/api/field/walk-ins").handler(this::walkIn);
  }

  private void day(RoutingContext ctx) {
    LocalDate date = Params.date(ctx, "date");
    LocalDate day = date == null ? LocalDate.now(zone) : date;
    Caller caller = Caller.of(ctx);
    days.day(caller, day, true)
        .compose(json -> !json.getJsonArray("appointments").isEmpty() ? Future.succeededFuture(json)
            : days.nextDayWithWork(caller, day.plusDays(1))
                .map(next -> json.put("nextDate", next == null ? null : next.toString())))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  /** Body {@code {"marks": [{key, appointmentId, mark, markedAt, note?}, ...]}}; each applied in its own transaction. */
  private void marks(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    List<FieldMark> parsed = parse(Requests.body(ctx), OffsetDateTime.now(zone));
    JsonArray results = new JsonArray();
    Future<Void> chain = Future.succeededFuture();
    for (FieldMark m : parsed) {
      chain = chain.compose(v -> marks.apply(caller, m).map(r -> {
        results.add(r);
        return null;
      }));
    }
    chain.onSuccess(v -> Responses.json(ctx, 200, new JsonObject().put("results", results)))
        .onFailure(ctx::fail);
  }

  static List<FieldMark> parse(JsonObject body, OffsetDateTime now) {
    if (!(body.getValue("marks") instanceof JsonArray array)) {
      throw ApiError.badRequest("marks", "„marks” trebuie să fie o listă de marcări.", "'marks' must be a list of marks.");
    }
    if (array.isEmpty() || array.size() > MAX_MARKS) {
      throw ApiError.unprocessable("marks", "Trimiteți între 1 și " + MAX_MARKS + " marcări.",
          "Send between 1 and " + MAX_MARKS + " marks.");
    }
    List<FieldMark> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject item)) {
        throw ApiError.badRequest("marks[" + i + "]", "Fiecare marcare este un obiect.", "Each mark is an object.");
      }
      try {
        out.add(FieldMark.from(item, now));
      } catch (ApiError e) {
        throw new ApiError(e.status(), "marks[" + i + "]." + e.field(), e.reasonRo(), e.reasonEn());
      }
    }
    return out;
  }

  private void walkIn(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    WalkIns.WalkIn w = WalkIns.parse(Requests.body(ctx), OffsetDateTime.now(zone));
    walkIns.record(caller, w).onSuccess(r -> Responses.json(ctx, 200, r)).onFailure(ctx::fail);
  }
}
