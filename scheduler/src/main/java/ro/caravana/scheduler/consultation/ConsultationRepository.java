package ro.caravana.scheduler.consultation;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.access.Scope;
import ro.caravana.scheduler.common.Page;
import ro.caravana.scheduler.common.Rows;
import ro.caravana.scheduler.platform.http.ApiError;

/** Reads remote appointments as consultations. */
public final class ConsultationRepository {

  // The consultation's status: the appointment's final states win, then what the call reported.
  private static final String SELECT = "SELECT a.id, a.starts_at, a.ends_at, a.status AS appointment_status, a.service, "
      + "a.beneficiary_id, a.staff_id, s.first_name AS staff_first, s.last_name AS staff_last, s.role AS staff_role, "
      + "b.first_name, b.last_name, b.guardian_name, "
      + "CASE WHEN a.status = 'cancelled' THEN 'cancelled' WHEN a.status = 'noshow' THEN 'no-show' "
      + "     WHEN c.state IS NOT NULL AND c.state <> 'scheduled' THEN c.state "
      + "     WHEN a.status = 'fulfilled' THEN 'completed' ELSE 'scheduled' END AS status, "
      + "c.family_joined_at, c.doctor_joined_at, c.started_at, c.ended_at, COALESCE(c.together_seconds, 0) AS together_seconds "
      + "FROM appointments a JOIN beneficiaries b ON b.id = a.beneficiary_id "
      + "LEFT JOIN staff s ON s.id = a.staff_id LEFT JOIN consultations c ON c.appointment_id = a.id ";
  private static final String LIST = SELECT + "JOIN localities l ON l.siruta = b.locality_siruta "
      + "WHERE a.modality = 'remote' AND ($1::text IS NULL OR a.status = $1)" + Scope.appointmentFilter(2)
      + " ORDER BY a.starts_at, a.id LIMIT $5 OFFSET $6";
  private static final String COUNT = "SELECT count(*) FROM appointments a JOIN beneficiaries b ON b.id = a.beneficiary_id "
      + "JOIN localities l ON l.siruta = b.locality_siruta WHERE a.modality = 'remote' "
      + "AND ($1::text IS NULL OR a.status = $1)" + Scope.appointmentFilter(2);
  private static final String ONE_UNSCOPED = SELECT + "WHERE a.id = $1 AND a.modality = 'remote'";
  private static final String ONE = SELECT + "JOIN localities l ON l.siruta = b.locality_siruta "
      + "WHERE a.id = $1 AND a.modality = 'remote'" + Scope.appointmentFilter(2);

  private final Pool pool;

  public ConsultationRepository(Pool pool) {
    this.pool = pool;
  }

  /** Remote appointments within the caller's scope (a doctor: their own). */
  public Future<Page> list(String appointmentStatus, Caller caller, int limit, int offset) {
    return Page.query(pool, LIST, Scope.args(Tuple.of(appointmentStatus), caller).addValue(limit).addValue(offset),
        COUNT, Scope.args(Tuple.of(appointmentStatus), caller), ConsultationRepository::json);
  }

  private static final String DESIGNATED = "SELECT kind FROM consultation_participants WHERE appointment_id = $1 AND staff_id = $2";
  private static final String DESIGNATE = """
      INSERT INTO consultation_participants (appointment_id, staff_id, kind, reason, designated_by)
      SELECT a.id, s.id, $3, $4, $5 FROM appointments a, staff s
       WHERE a.id = $1 AND a.modality = 'remote' AND s.id = $2 AND s.role IN ('doctor', 'therapist', 'nurse')
      ON CONFLICT (appointment_id, staff_id, kind) DO UPDATE SET reason = EXCLUDED.reason,
        designated_by = EXCLUDED.designated_by, designated_at = now()
      RETURNING appointment_id""";

  /** What an administrator designated this staff member for in this consultation: substitute, helper. */
  public Future<java.util.Set<String>> designations(UUID appointmentId, long staffId) {
    return pool.preparedQuery(DESIGNATED).execute(Tuple.of(appointmentId, staffId)).map(rows -> {
      java.util.Set<String> kinds = new java.util.HashSet<>();
      rows.forEach(r -> kinds.add(r.getString(0)));
      return kinds;
    });
  }

  /** Records a designation; 422 when the staff member is not a clinician or the appointment is not remote. */
  public Future<Void> designate(UUID appointmentId, long staffId, String kind, String reason, long accountId) {
    return pool.preparedQuery(DESIGNATE).execute(Tuple.of(appointmentId, staffId, kind, reason, accountId)).map(rows -> {
      if (rows.size() == 0) {
        throw ApiError.unprocessable("staffId", "Membrul personalului nu există sau nu este medic, terapeut sau asistent.",
            "The staff member does not exist or is not a doctor, therapist or nurse.");
      }
      return null;
    });
  }

  /** The consultation if the caller may see it (a doctor: their own), else 404. */
  public Future<JsonObject> findJson(UUID id, Caller caller) {
    return one(id, caller).map(ConsultationRepository::json);
  }

  public Future<Consultation> find(UUID id, Caller caller) {
    return one(id, caller).map(this::consultation);
  }

  /** The consultation whatever the caller's scope: for the family, who come through their own link. */
  public Future<Consultation> findForFamily(UUID id) {
    return pool.preparedQuery(ONE_UNSCOPED).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) throw notFound();
      return consultation(rows.iterator().next());
    });
  }

  private Consultation consultation(Row r) {
    return new Consultation(r.getUUID("id"), r.getOffsetDateTime("starts_at"),
        r.getOffsetDateTime("ends_at"), r.getString("status"), r.getString("appointment_status"), r.getLong("staff_id"),
        staffName(r), r.getUUID("beneficiary_id"), familyName(r));
  }

  private static ApiError notFound() {
    return ApiError.notFound("id", "Nu există o consultație (programare la distanță) cu acest id.",
        "No consultation (remote appointment) has this id.");
  }

  private Future<Row> one(UUID id, Caller caller) {
    return pool.preparedQuery(ONE).execute(Scope.args(Tuple.of(id), caller)).map(rows -> {
      if (rows.size() == 0) throw notFound();
      return rows.iterator().next();
    });
  }

  static JsonObject json(Row r) {
    String id = r.getUUID("id").toString();
    JsonObject doctor = r.getLong("staff_id") == null ? null : new JsonObject()
        .put("id", r.getLong("staff_id")).put("name", staffName(r)).put("role", r.getString("staff_role"));
    return new JsonObject()
        .put("id", id)
        .put("start", time(r, "starts_at"))
        .put("end", time(r, "ends_at"))
        .put("status", r.getString("status"))
        .put("appointmentStatus", r.getString("appointment_status"))
        .put("service", r.getString("service"))
        .put("beneficiary", new JsonObject().put("id", r.getUUID("beneficiary_id").toString()).put("name", familyName(r)))
        .put("doctor", doctor)
        .put("familyJoinedAt", time(r, "family_joined_at"))
        .put("doctorJoinedAt", time(r, "doctor_joined_at"))
        .put("startedAt", time(r, "started_at"))
        .put("endedAt", time(r, "ended_at"))
        .put("togetherSeconds", r.getInteger("together_seconds"))
        .put("join", new JsonObject()
            .put("doctor", "/api/consultations/" + id + "/join?as=doctor")
            .put("family", "/api/consultations/" + id + "/join?as=family"));
  }

  /** ISO-8601 with the Bucharest offset, seconds always written (2026-11-23T09:00:00+02:00). */
  static String time(Row r, String column) {
    OffsetDateTime t = r.getOffsetDateTime(column);
    return t == null ? null : iso(t);
  }

  static String iso(OffsetDateTime t) {
    return t.atZoneSameInstant(Rows.ZONE).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  private static String staffName(Row r) {
    return r.getString("staff_last") == null ? null : r.getString("staff_first") + " " + r.getString("staff_last");
  }

  private static String familyName(Row r) {
    String guardian = r.getString("guardian_name");
    return guardian != null ? guardian : r.getString("first_name") + " " + r.getString("last_name");
  }
}
