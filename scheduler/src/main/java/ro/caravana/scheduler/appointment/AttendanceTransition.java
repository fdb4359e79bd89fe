package ro.caravana.scheduler.appointment;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Set;
import java.util.UUID;
import ro.caravana.scheduler.common.Events;
import ro.caravana.scheduler.platform.outbox.Outbox;
import ro.caravana.scheduler.platform.outbox.OutboxEvent;

/**
 * The one place where attendance marks from the field change an appointment's status, in the caller's
 * transaction, with its outbox event. Unlike the coordinator's moves, a later mark may correct an earlier
 * one (present after absent): the mark made last decides, so the outcome does not depend on the order
 * in which offline devices come back online.
 */
public final class AttendanceTransition {

  /** Statuses a field mark may set, and the ones it may correct. */
  public static final Set<String> OUTCOMES = Set.of("fulfilled", "noshow", "cancelled");
  private static final Set<String> MARKABLE = Set.of("proposed", "booked", "arrived", "fulfilled", "noshow");

  private static final String SET_STATUS =
      "UPDATE appointments SET status = $2, version = version + 1, updated_at = now() WHERE id = $1";

  private AttendanceTransition() {}

  /**
   * Whether a mark may be made on an appointment in {@code current}; a cancelled appointment may only be
   * marked when its cancellation came from an excused-absence mark ({@code cancelledByMark}).
   */
  public static boolean markable(String current, boolean cancelledByMark) {
    return MARKABLE.contains(current) || ("cancelled".equals(current) && cancelledByMark);
  }

  /** Moves the appointment from {@code current} to {@code target} (one of {@link #OUTCOMES}); nothing when equal. */
  public static Future<Boolean> apply(SqlClient tx, UUID appointmentId, UUID beneficiaryId, String county,
      String current, String target, String changedBy, String reason) {
    if (current.equals(target)) return Future.succeededFuture(false);
    if (!OUTCOMES.contains(target)) throw new IllegalArgumentException("not an attendance outcome: " + target);
    JsonObject payload = new JsonObject()
        .put("appointmentId", appointmentId.toString())
        .put("beneficiaryId", beneficiaryId.toString())
        .put("county", county)
        .put("status", target)
        .put("previousStatus", current)
        .put("changedBy", changedBy)
        .put("reason", reason);
    return tx.preparedQuery(SET_STATUS).execute(Tuple.of(appointmentId, target))
        .compose(r -> Outbox.append(tx, new OutboxEvent(Events.APPOINTMENTS, beneficiaryId.toString(),
            "appointment.status-changed", payload)))
        .map(true);
  }
}
