package ro.caravana.scheduler.appointment;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.access.Scope;
import ro.caravana.scheduler.common.Constraints;
import ro.caravana.scheduler.common.Fields;
import ro.caravana.scheduler.common.Page;
import ro.caravana.scheduler.common.Rows;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.outbox.Outbox;
import ro.caravana.scheduler.platform.outbox.EventType;

/** Appointments and their attendance marks; events keyed by beneficiary. */
public final class AppointmentRepository {

  /** List filters; times are instants (the handler turns Bucharest dates into them). */
  public record Filter(String county, UUID beneficiary, OffsetDateTime from, OffsetDateTime to, String status,
      Long staff, Long centre) {}

  /** A mark to record: arrived, fulfilled or noshow. */
  public record Mark(String status, Integer minutes, String recordedBy, String note) {}

  private static final String VIEW = """
      SELECT a.id, a.beneficiary_id, b.first_name, b.last_name, l.county, a.care_plan_id, a.service, a.modality,
        a.starts_at, a.ends_at, a.staff_id, s.first_name AS staff_first_name, s.last_name AS staff_last_name,
        a.centre_id, c.code AS centre_code, a.room_id, a.caravan_id, v.code AS caravan_code, a.stop_siruta,
        sl.name AS stop_name, a.status, a.version, a.created_at, a.updated_at,
        (SELECT ac.confirmed_at FROM appointment_confirmations ac WHERE ac.appointment_id = a.id) AS confirmed_at,
        (SELECT count(*) FROM attendance_marks am WHERE am.appointment_id = a.id) AS mark_count
      FROM appointments a
        JOIN beneficiaries b ON b.id = a.beneficiary_id
        JOIN localities l ON l.siruta = b.locality_siruta
        LEFT JOIN staff s ON s.id = a.staff_id
        LEFT JOIN community_centres c ON c.id = a.centre_id
        LEFT JOIN caravans v ON v.id = a.caravan_id
        LEFT JOIN localities sl ON sl.siruta = a.stop_siruta""";
  private static final String FILTER = "\n" + """
       WHERE ($1::text IS NULL OR l.county = $1)
         AND ($2::uuid IS NULL OR a.beneficiary_id = $2)
         AND ($3::timestamptz IS NULL OR a.starts_at >= $3)
         AND ($4::timestamptz IS NULL OR a.starts_at < $4)
         AND ($5::text IS NULL OR a.status = $5)
         AND ($6::bigint IS NULL OR a.staff_id = $6)
         AND ($7::bigint IS NULL OR a.centre_id = $7)""" + Scope.appointmentFilter(8);
  static final String LIST = VIEW + FILTER + " ORDER BY a.starts_at, a.id LIMIT $11 OFFSET $12";
  static final String COUNT = """
      SELECT count(*) FROM appointments a
        JOIN beneficiaries b ON b.id = a.beneficiary_id
        JOIN localities l ON l.siruta = b.locality_siruta""" + FILTER;
  static final String BY_ID = VIEW + " WHERE a.id = $1";
  /** By id within the caller's scope: a mistake of the gate still reads as 404, not data. */
  static final String BY_ID_IN_SCOPE = BY_ID + Scope.appointmentFilter(2);
  static final String PLAN = "SELECT beneficiary_id, service, modality, centre_id FROM care_plans WHERE id = $1";
  static final String ROOM = "SELECT centre_id FROM rooms WHERE id = $1";
  static final String INSERT = """
      INSERT INTO appointments (id, beneficiary_id, care_plan_id, service, modality, starts_at, ends_at, staff_id,
        centre_id, room_id, caravan_id, stop_siruta, status)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)""";
  static final String INSERT_MARK = """
      INSERT INTO attendance_marks (appointment_id, status, minutes, recorded_by, note)
      VALUES ($1, $2, $3, $4, $5) RETURNING id, recorded_at""";
  static final String MARKS = """
      SELECT id, appointment_id, status, minutes, recorded_by, recorded_at, note
      FROM attendance_marks WHERE appointment_id = $1 ORDER BY recorded_at, id""";

  /**
   * Families whose last two appointments that took place or should have (fulfilled or no-show, already started)
   * were both no-shows; filter on county ($1), then the caller's scope ($2..$4).
   */
  static final String REPEATED_NO_SHOWS = """
      WITH past AS (
        SELECT a.beneficiary_id, a.status, a.starts_at,
               row_number() OVER (PARTITION BY a.beneficiary_id ORDER BY a.starts_at DESC) AS n
          FROM appointments a WHERE a.status IN ('fulfilled', 'noshow') AND a.starts_at < now())
      SELECT b.id, b.first_name, b.last_name, l.county, b.centre_id, max(p.starts_at) AS last_missed,
             min(p.starts_at) AS missed_before
        FROM past p
        JOIN beneficiaries b ON b.id = p.beneficiary_id
        JOIN localities l ON l.siruta = b.locality_siruta
       WHERE p.n <= 2 AND ($1::text IS NULL OR l.county = $1)""" + Scope.beneficiaryFilter(2) + """

       GROUP BY b.id, b.first_name, b.last_name, l.county, b.centre_id
      HAVING count(*) = 2 AND bool_and(p.status = 'noshow')
       ORDER BY last_missed DESC, b.id LIMIT 500""";

  private final Pool pool;

  public AppointmentRepository(Pool pool) {
    this.pool = pool;
  }

  /** The page of appointments matching the filter within the caller's scope (a clinician: their own). */
  public Future<Page> list(Filter f, Caller caller, int limit, int offset) {
    Object[] values = {f.county(), f.beneficiary(), f.from(), f.to(), f.status(), f.staff(), f.centre()};
    return Page.query(pool, LIST, Scope.args(Tuple.from(values), caller).addValue(limit).addValue(offset),
        COUNT, Scope.args(Tuple.from(values), caller), AppointmentRepository::json);
  }

  public Future<JsonObject> find(UUID id) {
    return find(pool, id);
  }

  /** The appointment if the caller may see it (a clinician: their own), else 404. */
  public Future<JsonObject> find(UUID id, Caller caller) {
    return pool.preparedQuery(BY_ID_IN_SCOPE).execute(Scope.args(Tuple.of(id), caller)).compose(rows -> rows.size() == 0
        ? Future.failedFuture(notFound())
        : Future.succeededFuture(json(rows.iterator().next())));
  }

  public Future<JsonObject> create(AppointmentInput given, Actor actor) {
    return create(given, actor, tx -> Future.succeededFuture());
  }

  /**
   * Creates an appointment after {@code guard} passed inside the same transaction, just before the insert (a
   * booking on a free slot locks the slot and checks it is still free there; its failure rolls everything back).
   */
  public Future<JsonObject> create(AppointmentInput given, Actor actor, Function<SqlClient, Future<Void>> guard) {
    UUID id = UUID.randomUUID();
    return Constraints.named(pool.withTransaction(tx -> withPlan(tx, given)
        .compose(in -> withRoom(tx, in))
        .compose(in -> {
          in.checkPlace();
          return guard.apply(tx).compose(held -> tx.preparedQuery(INSERT).execute(Tuple.from(new Object[] {id,
                  in.beneficiaryId(), in.carePlanId(), in.service(), in.modality(), in.startsAt(), in.endsAt(), in.staffId(), in.centreId(), in.roomId(),
                  in.caravanId(), in.stopSiruta(), in.status()}))
              .compose(r -> AppointmentLifecycle.created(tx,
                  List.of(new AppointmentLifecycle.Created(created(id, in), actor, null)))));
        })
        .compose(r -> find(tx, id))));
  }

  /** Moves an appointment to a new status through its lifecycle; with a version, refuses (409) when it changed meanwhile. */
  public Future<JsonObject> changeStatus(UUID id, AppointmentStatus status, Integer version, Actor actor,
      StatusReason reason) {
    return pool.withTransaction(tx -> AppointmentLifecycle.move(tx,
            new AppointmentLifecycle.Change(id, status, actor, reason, version))
        .compose(outcome -> find(tx, id)));
  }

  /** Records attendance and moves the appointment to the same status, in one transaction. */
  public Future<JsonObject> recordAttendance(UUID id, Mark mark, Actor actor) {
    AppointmentStatus status = AppointmentStatus.of(mark.status());
    return pool.withTransaction(tx -> AppointmentLifecycle.move(tx, new AppointmentLifecycle.Change(id, status, actor,
            new StatusReason(StatusReason.Kind.ATTENDANCE_MARK, "recorded by " + mark.recordedBy())))
        .compose(outcome -> {
          if (!outcome.changed()) {
            return Future.failedFuture(ApiError.conflict("status",
                "Prezența a fost deja înregistrată („" + status.labelRo() + "”).",
                "Attendance was already recorded (" + status.labelEn() + ")."));
          }
          return tx.preparedQuery(INSERT_MARK)
              .execute(Tuple.of(id, mark.status(), mark.minutes(), mark.recordedBy(), mark.note()))
              .compose(rows -> {
                Row r = rows.iterator().next();
                JsonObject markJson = new JsonObject()
                    .put("id", r.getLong("id"))
                    .put("appointmentId", id.toString())
                    .put("status", mark.status())
                    .put("minutes", mark.minutes())
                    .put("recordedBy", mark.recordedBy())
                    .put("recordedAt", Rows.instant(r, "recorded_at"))
                    .put("note", mark.note());
                AppointmentEvent e = outcome.event();
                return Outbox.append(tx, new AttendanceEvent(id, e.beneficiaryId(), e.county(), e.service(),
                        mark.status(), mark.minutes(), mark.recordedBy()).toOutbox())
                    .compose(x -> find(tx, id))
                    .map(appointment -> markJson.copy().put("appointment", appointment));
              });
        }));
  }

  /** Families who missed their last two appointments, for a coordinator to call. */
  public Future<Page> repeatedNoShows(String county, Caller caller) {
    return pool.preparedQuery(REPEATED_NO_SHOWS).execute(Scope.args(Tuple.of(county), caller)).map(rows -> {
      JsonArray items = new JsonArray();
      for (Row r : rows) {
        items.add(new JsonObject()
            .put("beneficiaryId", Rows.uuid(r, "id"))
            .put("beneficiaryName", r.getString("first_name") + " " + r.getString("last_name"))
            .put("county", r.getString("county"))
            .put("centreId", r.getLong("centre_id"))
            .put("lastMissedAt", Rows.instant(r, "last_missed"))
            .put("missedBeforeAt", Rows.instant(r, "missed_before")));
      }
      return new Page(items, items.size());
    });
  }

  public Future<Page> marks(UUID id) {
    return find(pool, id).compose(a -> pool.preparedQuery(MARKS).execute(Tuple.of(id))).map(rows -> {
      JsonArray items = new JsonArray();
      for (Row r : rows) {
        items.add(new JsonObject()
            .put("id", r.getLong("id"))
            .put("appointmentId", Rows.uuid(r, "appointment_id"))
            .put("status", r.getString("status"))
            .put("minutes", r.getInteger("minutes"))
            .put("recordedBy", r.getString("recorded_by"))
            .put("recordedAt", Rows.instant(r, "recorded_at"))
            .put("note", r.getString("note")));
      }
      return new Page(items, items.size());
    });
  }

  private static Future<AppointmentInput> withPlan(SqlClient tx, AppointmentInput in) {
    if (in.carePlanId() == null) return Future.succeededFuture(in);
    return tx.preparedQuery(PLAN).execute(Tuple.of(in.carePlanId())).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(Fields.invalid("carePlanId", "Planul de îngrijire nu există.", "No such care plan."));
      }
      Row p = rows.iterator().next();
      if (!p.getUUID("beneficiary_id").equals(in.beneficiaryId())) {
        return Future.failedFuture(Fields.invalid("carePlanId", "Planul de îngrijire este al altui beneficiar.",
            "The care plan belongs to another beneficiary."));
      }
      return Future.succeededFuture(in.withPlanDefaults(p.getString("service"), p.getString("modality"),
          in.modality() == null || in.modality().equals(p.getString("modality")) ? p.getLong("centre_id") : null));
    });
  }

  private static Future<AppointmentInput> withRoom(SqlClient tx, AppointmentInput in) {
    if (in.roomId() == null) return Future.succeededFuture(in);
    return tx.preparedQuery(ROOM).execute(Tuple.of(in.roomId())).compose(rows -> {
      if (rows.size() == 0) return Future.failedFuture(Fields.invalid("roomId", "Sala nu există.", "No such room."));
      long centre = rows.iterator().next().getLong("centre_id");
      if (in.centreId() != null && in.centreId() != centre) {
        return Future.failedFuture(Fields.invalid("roomId", "Sala nu este în centrul ales.",
            "The room is not in the chosen centre."));
      }
      return Future.succeededFuture(in.withCentre(centre));
    });
  }

  static Future<JsonObject> find(SqlClient client, UUID id) {
    return client.preparedQuery(BY_ID).execute(Tuple.of(id)).compose(rows -> rows.size() == 0
        ? Future.failedFuture(notFound())
        : Future.succeededFuture(json(rows.iterator().next())));
  }

  /** The creation event of an appointment inserted through the API (the county is read by the relay's consumers). */
  private static AppointmentEvent created(UUID id, AppointmentInput in) {
    EventType type = "proposed".equals(in.status()) ? EventType.APPOINTMENT_PROPOSED : EventType.APPOINTMENT_BOOKED;
    return new AppointmentEvent(type, id, in.beneficiaryId(), null, null, in.service(), in.modality(),
        in.startsAt().toInstant(), in.endsAt().toInstant(), in.staffId(), in.centreId(), in.roomId(), in.caravanId(),
        in.stopSiruta(), in.status(), null, 1, null, null, null, null, null, null);
  }

  static ApiError notFound() {
    return ApiError.notFound("id", "Nu există o programare cu acest identificator.", "No appointment with this id.");
  }

  static JsonObject json(Row r) {
    String staffFirst = r.getString("staff_first_name");
    return new JsonObject()
        .put("id", Rows.uuid(r, "id"))
        .put("beneficiaryId", Rows.uuid(r, "beneficiary_id"))
        .put("beneficiaryName", r.getString("first_name") + " " + r.getString("last_name"))
        .put("county", r.getString("county"))
        .put("carePlanId", Rows.uuid(r, "care_plan_id"))
        .put("service", r.getString("service"))
        .put("modality", r.getString("modality"))
        .put("startsAt", Rows.instant(r, "starts_at"))
        .put("endsAt", Rows.instant(r, "ends_at"))
        .put("staffId", r.getLong("staff_id"))
        .put("staffName", staffFirst == null ? null : staffFirst + " " + r.getString("staff_last_name"))
        .put("centreId", r.getLong("centre_id"))
        .put("centreCode", r.getString("centre_code"))
        .put("roomId", r.getLong("room_id"))
        .put("caravanId", r.getLong("caravan_id"))
        .put("caravanCode", r.getString("caravan_code"))
        .put("stopSiruta", r.getInteger("stop_siruta"))
        .put("stopName", r.getString("stop_name"))
        .put("status", r.getString("status"))
        .put("confirmed", r.getOffsetDateTime("confirmed_at") != null)
        .put("confirmedAt", Rows.instant(r, "confirmed_at"))
        .put("attendanceMarks", r.getLong("mark_count"))
        .put("version", r.getInteger("version"))
        .put("createdAt", Rows.instant(r, "created_at"))
        .put("updatedAt", Rows.instant(r, "updated_at"));
  }
}
