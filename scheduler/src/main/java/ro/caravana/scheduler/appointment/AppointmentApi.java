package ro.caravana.scheduler.appointment;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.common.Fields;
import ro.caravana.scheduler.common.Params;
import ro.caravana.scheduler.common.Rows;
import ro.caravana.scheduler.common.Vocabulary;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.http.Requests;
import ro.caravana.scheduler.platform.http.Responses;

/** HTTP handlers for /api/appointments and their attendance. */
public final class AppointmentApi {

  private final AppointmentRepository repository;

  private AppointmentApi(AppointmentRepository repository) {
    this.repository = repository;
  }

  public static void mount(Router router, Pool pool) {
    AppointmentApi api = new AppointmentApi(new AppointmentRepository(pool));
    router.get("/api/appointments").handler(api::list);
    router.post("/api/appointments").handler(api::create);
    router.get("/api/appointments/no-shows/repeated").handler(api::repeatedNoShows);
    router.get("/api/appointments/:id").handler(api::get);
    router.patch("/api/appointments/:id").handler(api::changeStatus);
    router.get("/api/appointments/:id/attendance").handler(api::marks);
    router.post("/api/appointments/:id/attendance").handler(api::recordAttendance);
  }

  /** {@code from} and {@code to} are calendar days in Europe/Bucharest, both included. */
  private void list(RoutingContext ctx) {
    LocalDate from = Params.date(ctx, "from");
    LocalDate to = Params.date(ctx, "to");
    if (from != null && to != null && to.isBefore(from)) {
      throw ApiError.badRequest("to", "„to” este înaintea lui „from”.", "'to' is before 'from'.");
    }
    var filter = new AppointmentRepository.Filter(Params.county(ctx), Params.uuid(ctx, "beneficiary"),
        startOf(from), startOf(to == null ? null : to.plusDays(1)),
        Params.choice(ctx, "status", Vocabulary.APPOINTMENT_STATUSES), Params.id(ctx, "staff"), Params.id(ctx, "centre"));
    repository.list(filter, Caller.of(ctx), Requests.limit(ctx), Requests.offset(ctx))
        .onSuccess(page -> Responses.page(ctx, page.items(), page.total()))
        .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    AppointmentInput in = AppointmentInput.from(Requests.body(ctx));
    repository.create(in, actor(ctx))
        .onSuccess(json -> {
          ctx.response().putHeader("Location", "/api/appointments/" + json.getString("id"));
          Responses.json(ctx, 201, json);
        })
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    repository.find(Params.pathId(ctx, "id"), Caller.of(ctx))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  /**
   * Body: {"status": "cancelled", "version": 3, "reasonClass": "staff_ill", "reason": "..."}; all but status
   * optional, except that returning an appointment to an earlier status (a correction) needs a reason.
   */
  private void changeStatus(RoutingContext ctx) {
    UUID id = Params.pathId(ctx, "id");
    JsonObject body = Requests.body(ctx);
    AppointmentStatus status = AppointmentStatus.of(Fields.choice(body, "status", Vocabulary.APPOINTMENT_STATUSES));
    Integer version = Fields.optionalInteger(body, "version", 1, Integer.MAX_VALUE);
    String reasonClass = Fields.optionalChoice(body, "reasonClass", StatusReason.COORDINATOR_KINDS);
    String reasonText = Fields.optionalText(body, "reason");
    StatusReason reason = reasonClass == null && reasonText == null ? null
        : new StatusReason(reasonClass == null ? StatusReason.Kind.OTHER : StatusReason.Kind.parse(reasonClass).orElseThrow(),
            reasonText);
    repository.changeStatus(id, status, version, actor(ctx), reason)
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  /** Families with two no-shows in a row ({@code ?county=}): a coordinator calls them. */
  private void repeatedNoShows(RoutingContext ctx) {
    repository.repeatedNoShows(Params.county(ctx), Caller.of(ctx))
        .onSuccess(page -> Responses.page(ctx, page.items(), page.total()))
        .onFailure(ctx::fail);
  }

  private void marks(RoutingContext ctx) {
    repository.marks(Params.pathId(ctx, "id"))
        .onSuccess(page -> Responses.page(ctx, page.items(), page.total()))
        .onFailure(ctx::fail);
  }

  /**
   * Body: {"status": "fulfilled", "minutes": 45, "note": "..."}. Who recorded it is the signed-in account,
   * never a body field (a {@code recordedBy} in the body is ignored).
   */
  private void recordAttendance(RoutingContext ctx) {
    UUID id = Params.pathId(ctx, "id");
    JsonObject body = Requests.body(ctx);
    var mark = new AppointmentRepository.Mark(
        Fields.choice(body, "status", Vocabulary.ATTENDANCE_STATUSES),
        Fields.optionalInteger(body, "minutes", 0, 720),
        Caller.of(ctx).email(),
        Fields.optionalText(body, "note"));
    repository.recordAttendance(id, mark, actor(ctx))
        .onSuccess(json -> Responses.json(ctx, 201, json))
        .onFailure(ctx::fail);
  }

  private static Actor actor(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    return new Actor.Account(caller.accountId(), caller.role());
  }

  private static OffsetDateTime startOf(LocalDate day) {
    return day == null ? null : day.atStartOfDay(Rows.ZONE).toOffsetDateTime();
  }
}
