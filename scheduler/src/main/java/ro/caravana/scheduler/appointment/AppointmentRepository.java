package ro.caravana.scheduler.appointment;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.UUID;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.access.Scope;
import ro.caravana.scheduler.common.Constraints;
import ro.caravana.scheduler.common.Events;
import ro.caravana.scheduler.common.Fields;
import ro.caravana.scheduler.common.Page;
import ro.caravana.scheduler.common.Rows;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.outbox.Outbox;
import ro.caravana.scheduler.platform.outbox.OutboxEvent;

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
  static final String LOCK = "SELECT status, version, beneficiary_id FROM appointments WHERE id = $1 FOR UPDATE";
  static final String PLAN = "SELECT beneficiary_id, service, modality, centre_id FROM care_plans WHERE id = $1";
  static final String ROOM = "SELECT centre_id FROM rooms WHERE id = $1";
  static final String INSERT = """
      INSERT INTO appointments (id, beneficiary_id, care_plan_id, service, modality, starts_at, ends_at, staff_id,
        centre_id, room_id, caravan_id, stop_siruta, status)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)""";
  static final String SET_STATUS =
      "UPDATE appointments SET status = $2, version = version + 1, updated_at = now() WHERE id = $1";
  static final String INSERT_MARK = """
      INSERT INTO attendance_marks (appointment_id, status, minutes, recorded_by, note)
      VALUES ($1, $2, $3, $4, $5) RETURNING id, recorded_at""";
  static final String MARKS = """
      SELECT id, appointment_id, status, minutes, recorded_by, recorded_at, note
      FROM attendance_marks WHERE appointment_id = $1 ORDER BY recorded_at, id""";

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

  public Future<JsonObject> create(AppointmentInput given) {
    UUID id = UUID.randomUUID();
    return Constraints.named(pool.withTransaction(tx -> withPlan(tx, given)
        .compose(in -> withRoom(tx, in))
        .compose(in -> {
          in.checkPlace();
          return tx.preparedQuery(INSERT).execute(Tuple.from(new Object[] {id, in.beneficiaryId(), in.carePlanId(),
              in.service(), in.modality(), in.startsAt(), in.endsAt(), in.staffId(), in.centreId(), in.roomId(),
              in.caravanId(), in.stopSiruta(), in.status()}));
        })
        .compose(r -> find(tx, id))
        .compose(json -> event(tx, "appointment.created", json).map(json))));
  }

  /** Moves an appointment to a new status; with a version, refuses (409) when it changed meanwhile. */
  public Future<JsonObject> changeStatus(UUID id, String status, Integer version) {
    return pool.withTransaction(tx -> lock(tx, id, version).compose(current -> {
      if (current.equals(status)) return find(tx, id); // already there: nothing to change, nothing to tell
      checkMove(current, status, "status");
      return tx.preparedQuery(SET_STATUS).execute(Tuple.of(id, status))
          .compose(r -> find(tx, id))
          .compose(json -> event(tx, "appointment.status-changed", json.copy().put("previousStatus", current))
              .map(json));
    }));
  }

  /** Records attendance and moves the appointment to the same status, in one transaction. */
  public Future<JsonObject> recordAttendance(UUID id, Mark mark) {
    return pool.withTransaction(tx -> lock(tx, id, null).compose(current -> {
      checkMove(current, mark.status(), "status");
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
            return tx.preparedQuery(SET_STATUS).execute(Tuple.of(id, mark.status()))
                .compose(u -> find(tx, id))
                .compose(appointment -> {
                  String key = appointment.getString("beneficiaryId");
                  JsonObject attendance = markJson.copy().put("beneficiaryId", key)
                      .put("county", appointment.getString("county")).put("service", appointment.getString("service"));
                  return Outbox.append(tx, new OutboxEvent(Events.ATTENDANCE, key, "attendance.recorded", attendance))
                      .compose(x -> event(tx, "appointment.status-changed",
                          appointment.copy().put("previousStatus", current)))
                      .map(x -> markJson.copy().put("appointment", appointment));
                });
          });
    }));
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

  private static Future<String> lock(SqlClient tx, UUID id, Integer version) {
    return tx.preparedQuery(LOCK).execute(Tuple.of(id)).compose(rows -> {
      if (rows.size() == 0) return Future.failedFuture(notFound());
      Row r = rows.iterator().next();
      if (version != null && version != r.getInteger("version").intValue()) {
        return Future.failedFuture(ApiError.conflict("version",
            "Programarea a fost modificată între timp (versiunea curentă " + r.getInteger("version") + ").",
            "The appointment was changed meanwhile (current version " + r.getInteger("version") + ")."));
      }
      return Future.succeededFuture(r.getString("status"));
    });
  }

  private static void checkMove(String from, String to, String field) {
    if (!AppointmentStatus.canMove(from, to)) {
      throw ApiError.conflict(field,
          "O programare în starea „" + from + "” nu poate trece în „" + to + "”.",
          "An appointment in status '" + from + "' cannot move to '" + to + "'.");
    }
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

  private static Future<Void> event(SqlClient tx, String type, JsonObject payload) {
    return Outbox.append(tx, new OutboxEvent(Events.APPOINTMENTS, payload.getString("beneficiaryId"), type, payload))
        .mapEmpty();
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
