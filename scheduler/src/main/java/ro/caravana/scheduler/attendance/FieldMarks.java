package ro.caravana.scheduler.attendance;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.access.Scope;
import ro.caravana.scheduler.appointment.Actor;
import ro.caravana.scheduler.appointment.AppointmentLifecycle;
import ro.caravana.scheduler.appointment.AppointmentStatus;
import ro.caravana.scheduler.appointment.AttendanceEvent;
import ro.caravana.scheduler.appointment.StatusReason;
import ro.caravana.scheduler.platform.outbox.Outbox;

/**
 * Applies attendance marks sent by field devices, each in its own transaction, each idempotency key once.
 * The appointment's row lock orders concurrent marks on one appointment; the unique key makes a mark sent
 * twice (a retry after a lost answer, a replay after the server restarted) a no-op that answers
 * {@code duplicate}. Among all marks of an appointment the one made last on its device (ties: the larger
 * key) decides its status, whatever the order of arrival.
 */
public final class FieldMarks {

  /** What became of one mark. */
  public enum Outcome {
    /** recorded, and it is now the mark that decides the appointment's status */
    APPLIED,
    /** recorded as history; a mark made later on another device decides */
    SUPERSEDED,
    /** this key was applied before: nothing done again */
    DUPLICATE,
    /** not recorded (no such appointment in the caller's scope, or its status forbids marks); do not resend */
    REFUSED;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static final String LOCK = """
      SELECT a.status, a.beneficiary_id, l.county, a.service,
             (SELECT m.status FROM attendance_marks m WHERE m.appointment_id = a.id
               ORDER BY COALESCE(m.marked_at, m.recorded_at) DESC, m.idempotency_key DESC NULLS LAST LIMIT 1) AS last_mark
        FROM appointments a
        JOIN beneficiaries b ON b.id = a.beneficiary_id
        JOIN localities l ON l.siruta = b.locality_siruta
       WHERE a.id = $1""" + Scope.appointmentFilter(2) + " FOR UPDATE OF a";
  private static final String INSERT = """
      INSERT INTO attendance_marks (appointment_id, status, recorded_by, note, idempotency_key, marked_at, account_id)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING id, recorded_at""";
  private static final String WINNER = """
      SELECT idempotency_key FROM attendance_marks WHERE appointment_id = $1
       ORDER BY COALESCE(marked_at, recorded_at) DESC, idempotency_key DESC NULLS LAST LIMIT 1""";
  private static final String BY_KEY =
      "SELECT appointment_id, status FROM attendance_marks WHERE idempotency_key = $1";

  private final Pool pool;

  public FieldMarks(Pool pool) {
    this.pool = pool;
  }

  /** Applies one mark; the answer says what became of it ({@code key}, {@code outcome}, {@code status}, ...). */
  public Future<JsonObject> apply(Caller caller, FieldMark mark) {
    return pool.withTransaction(tx -> apply(tx, caller, mark));
  }

  /** As {@link #apply(Caller, FieldMark)}, inside the caller's transaction (walk-ins create the appointment first). */
  Future<JsonObject> apply(SqlClient tx, Caller caller, FieldMark mark) {
    return tx.preparedQuery(LOCK).execute(Scope.args(Tuple.of(mark.appointmentId()), caller)).compose(rows -> {
      if (rows.size() == 0) {
        return duplicateOr(tx, mark, refused(mark, "not-found", "Programarea nu există sau nu este în grija dumneavoastră.",
            "No such appointment in your care."));
      }
      Row a = rows.iterator().next();
      String current = a.getString("status");
      if (!markable(current, "excused".equals(a.getString("last_mark")))) {
        return duplicateOr(tx, mark, refused(mark, "status",
            "Programarea este „" + current + "”: prezența nu se mai poate marca.",
            "The appointment is '" + current + "': attendance can no longer be marked."));
      }
      return tx.preparedQuery(INSERT).execute(Tuple.from(new Object[] {mark.appointmentId(), mark.kind().markStatus,
              caller.email(), mark.note(), mark.key(), mark.markedAt(), caller.accountId()}))
          .compose(inserted -> {
            if (inserted.rowCount() == 0) return duplicate(tx, mark);
            UUID beneficiary = a.getUUID("beneficiary_id");
            String county = a.getString("county");
            return Outbox.append(tx, new AttendanceEvent(mark.appointmentId(), beneficiary, county, a.getString("service"),
                    mark.kind().markStatus, null, "account:" + caller.accountId()).toOutbox())
                .compose(v -> tx.preparedQuery(WINNER).execute(Tuple.of(mark.appointmentId())))
                .compose(w -> {
                  boolean decides = mark.key().equals(w.iterator().next().getUUID(0));
                  if (!decides) return Future.succeededFuture(result(mark, Outcome.SUPERSEDED, current));
                  // the status changes in the appointment's lifecycle, in this transaction
                  return AppointmentLifecycle.move(tx, new AppointmentLifecycle.Change(mark.appointmentId(),
                          AppointmentStatus.of(mark.kind().appointmentStatus), new Actor.FieldMark(caller.accountId(), mark.key()),
                          new StatusReason(StatusReason.Kind.ATTENDANCE_MARK, mark.kind().wire() + " " + mark.key())))
                      .map(outcome -> result(mark, Outcome.APPLIED, outcome.to().wire()));
                });
          });
    });
  }

  private static final java.util.Set<String> MARKABLE = java.util.Set.of("booked", "arrived", "fulfilled", "noshow");

  /**
   * Whether a mark may be made on an appointment in {@code current}: not before it is booked, and a cancelled one
   * only when its cancellation came from an excused-absence mark ({@code cancelledByMark}).
   */
  static boolean markable(String current, boolean cancelledByMark) {
    return MARKABLE.contains(current) || ("cancelled".equals(current) && cancelledByMark);
  }

  /** A key seen before answers duplicate even when the appointment has moved on since (the first send was applied). */
  private static Future<JsonObject> duplicateOr(SqlClient tx, FieldMark mark, JsonObject otherwise) {
    return tx.preparedQuery(BY_KEY).execute(Tuple.of(mark.key())).map(rows -> {
      if (rows.size() == 0) return otherwise;
      return mark.appointmentId().equals(rows.iterator().next().getUUID("appointment_id"))
          ? result(mark, Outcome.DUPLICATE, null)
          : refused(mark, "key", "Cheia a fost folosită pentru altă programare.", "The key was used for another appointment.");
    });
  }

  private static Future<JsonObject> duplicate(SqlClient tx, FieldMark mark) {
    return duplicateOr(tx, mark, refused(mark, "key", "Cheia a fost folosită deja.", "The key was used already."));
  }

  static JsonObject result(FieldMark mark, Outcome outcome, String status) {
    return new JsonObject().put("key", mark.key().toString()).put("appointmentId", mark.appointmentId().toString())
        .put("outcome", outcome.wire()).put("status", status);
  }

  static JsonObject refused(FieldMark mark, String code, String ro, String en) {
    return result(mark, Outcome.REFUSED, null).put("reason", code)
        .put("message", new JsonObject().put("ro", ro).put("en", en));
  }
}
