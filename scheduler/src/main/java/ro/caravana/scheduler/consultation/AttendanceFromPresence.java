package ro.caravana.scheduler.consultation;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.appointment.Actor;
import ro.caravana.scheduler.appointment.AppointmentEvent;
import ro.caravana.scheduler.appointment.AppointmentLifecycle;
import ro.caravana.scheduler.appointment.AppointmentStatus;
import ro.caravana.scheduler.appointment.AttendanceEvent;
import ro.caravana.scheduler.appointment.StatusReason;
import ro.caravana.scheduler.platform.outbox.Outbox;
import ro.caravana.scheduler.platform.outbox.OutboxEvent;
import ro.caravana.scheduler.platform.outbox.ProcessedEvents;

/**
 * Turns the signalling's presence events into the consultation's state and the appointment's
 * attendance: together long enough means fulfilled (with the minutes), and a family that never
 * joined means no-show once the slot end plus a grace period has passed. Each event is applied once
 * (its id is recorded in the same transaction); status changes write outbox events.
 */
public final class AttendanceFromPresence extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(AttendanceFromPresence.class);

  /** The signalling's event bus address (ro.caravana.signalling.rtc.PresenceSink.ADDRESS). */
  public static final String ADDRESS = "caravana.presence";
  public static final String CONSUMER = "attendance-from-presence";
  public static final String RECORDED_BY = "telemedicine";
  /** The no-show sweep, as the actor of the changes it makes. */
  public static final String SWEEP = "telemedicine-noshow-sweep";

  private static final String REMOTE = "SELECT a.beneficiary_id, a.status FROM appointments a WHERE a.id = $1 AND a.modality = 'remote' FOR UPDATE";
  private static final String UPSERT = "INSERT INTO consultations (appointment_id) VALUES ($1) ON CONFLICT (appointment_id) DO NOTHING";
  private static final String JOINED_FAMILY = "UPDATE consultations SET family_joined_at = COALESCE(family_joined_at, $2), "
      + "state = CASE WHEN state = 'scheduled' THEN 'waiting' ELSE state END, updated_at = now() WHERE appointment_id = $1";
  private static final String JOINED_DOCTOR = "UPDATE consultations SET doctor_joined_at = COALESCE(doctor_joined_at, $2), "
      + "updated_at = now() WHERE appointment_id = $1";
  private static final String STARTED = "UPDATE consultations SET started_at = COALESCE(started_at, $2), "
      + "state = CASE WHEN state IN ('scheduled', 'waiting') THEN 'in-progress' ELSE state END, updated_at = now() "
      + "WHERE appointment_id = $1";
  private static final String TOGETHER = "UPDATE consultations SET together_seconds = GREATEST(together_seconds, $2), "
      + "updated_at = now() WHERE appointment_id = $1";
  private static final String ATTENDED = "UPDATE consultations SET together_seconds = GREATEST(together_seconds, $2), "
      + "attended = true, updated_at = now() WHERE appointment_id = $1";
  private static final String ENDED = "UPDATE consultations SET ended_at = COALESCE(ended_at, $2), state = 'completed', "
      + "together_seconds = GREATEST(together_seconds, $3), updated_at = now() WHERE appointment_id = $1 RETURNING attended";
  private static final String MARK = "INSERT INTO attendance_marks (appointment_id, status, minutes, recorded_by, note) "
      + "VALUES ($1, $2, $3, '" + RECORDED_BY + "', $4)";
  private static final String FINAL_MINUTES = "UPDATE attendance_marks SET minutes = GREATEST(minutes, $2) "
      + "WHERE appointment_id = $1 AND recorded_by = '" + RECORDED_BY + "' AND status = 'fulfilled'";
  private static final String DUE_NOSHOW = "SELECT a.id, a.beneficiary_id, a.starts_at, a.ends_at FROM appointments a "
      + "LEFT JOIN consultations c ON c.appointment_id = a.id "
      + "WHERE a.modality = 'remote' AND a.status = 'booked' AND a.ends_at < $1 AND c.family_joined_at IS NULL "
      + "ORDER BY a.ends_at LIMIT 200 FOR UPDATE OF a SKIP LOCKED";
  private static final String CONSULTATION_NOSHOW = "INSERT INTO consultations (appointment_id, state) SELECT unnest($1::uuid[]), 'no-show' "
      + "ON CONFLICT (appointment_id) DO UPDATE SET state = 'no-show', updated_at = now()";

  private final Pool pool;
  private final Duration grace;
  private final Duration sweepEvery;
  private MessageConsumer<JsonObject> consumer;
  private long sweepTimer = -1;
  private boolean sweeping;

  public AttendanceFromPresence(Pool pool, Duration noShowGrace, Duration sweepEvery) {
    this.pool = pool;
    this.grace = noShowGrace;
    this.sweepEvery = sweepEvery;
  }

  @Override
  public Future<?> start() {
    consumer = vertx.eventBus().consumer(ADDRESS, m -> apply(m.body())
        .onFailure(e -> LOG.warn("presence event {} not applied: {}", m.body().getString("eventId"), e.toString())));
    sweepTimer = vertx.setPeriodic(sweepEvery.toMillis(), id -> sweepOnce());
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    if (sweepTimer >= 0) vertx.cancelTimer(sweepTimer);
    return consumer.unregister();
  }

  /** Applies one presence event; a repeat of an applied event changes nothing. */
  public Future<Void> apply(JsonObject event) {
    UUID eventId;
    UUID appointmentId;
    try {
      eventId = UUID.fromString(event.getString("eventId"));
      appointmentId = UUID.fromString(event.getString("consultationId"));
    } catch (IllegalArgumentException | NullPointerException e) {
      LOG.debug("ignoring presence event without a UUID id: {}", event.encode());
      return Future.succeededFuture();
    }
    OffsetDateTime at = OffsetDateTime.parse(event.getString("at", OffsetDateTime.now().toString()));
    return pool.withTransaction(tx -> tx.preparedQuery(REMOTE).execute(Tuple.of(appointmentId)).compose(rows -> {
      if (rows.size() == 0) return Future.succeededFuture(); // not a remote appointment here
      Row appointment = rows.iterator().next();
      return ProcessedEvents.firstTime(tx, CONSUMER, eventId).compose(first -> !first ? Future.succeededFuture()
          : tx.preparedQuery(UPSERT).execute(Tuple.of(appointmentId))
              .compose(v -> applyType(tx, event, eventId, appointmentId, appointment.getString("status"), at)));
    })).mapEmpty();
  }

  private Future<Void> applyType(SqlClient tx, JsonObject e, UUID eventId, UUID id, String status, OffsetDateTime at) {
    int together = e.getInteger("togetherSeconds", 0);
    return switch (e.getString("type", "")) {
      case "participant.joined" -> tx.preparedQuery("family".equals(e.getString("role")) ? JOINED_FAMILY : JOINED_DOCTOR)
          .execute(Tuple.of(id, at)).mapEmpty();
      case "consultation.started" -> tx.preparedQuery(STARTED).execute(Tuple.of(id, at)).mapEmpty();
      case "participant.left" -> tx.preparedQuery(TOGETHER).execute(Tuple.of(id, together)).mapEmpty();
      case "attendance.reached" -> {
        int minutes = Math.max(1, (int) Math.round(together / 60.0));
        boolean open = "booked".equals(status) || "arrived".equals(status);
        yield tx.preparedQuery(ATTENDED).execute(Tuple.of(id, together))
            .compose(v -> !open ? Future.<Void>succeededFuture()
                : AppointmentLifecycle.move(tx, new AppointmentLifecycle.Change(id, AppointmentStatus.FULFILLED,
                        new Actor.Presence(eventId), new StatusReason(StatusReason.Kind.VIDEO_PRESENCE,
                            "doctor and family connected together for " + together + " s")))
                    .compose(outcome -> tx.preparedQuery(MARK).execute(Tuple.of(id, "fulfilled", minutes,
                            "doctor and family connected together for " + together + " s"))
                        .compose(m -> Outbox.append(tx, attendanceEvent(outcome.event(), "fulfilled", minutes)))
                        .mapEmpty()));
      }
      case "consultation.ended" -> tx.preparedQuery(ENDED).execute(Tuple.of(id, at, together))
          .compose(rows -> rows.size() > 0 && Boolean.TRUE.equals(rows.iterator().next().getBoolean("attended"))
              ? tx.preparedQuery(FINAL_MINUTES).execute(Tuple.of(id, Math.max(1, (int) Math.round(together / 60.0)))).mapEmpty()
              : Future.<Void>succeededFuture());
      default -> Future.succeededFuture();
    };
  }

  /** Marks no-show every booked remote appointment whose family never joined by slot end plus grace. */
  public Future<Integer> sweepOnce() {
    if (sweeping) return Future.succeededFuture(0);
    sweeping = true;
    OffsetDateTime cutoff = OffsetDateTime.now().minus(grace);
    return pool.withTransaction(tx -> tx.preparedQuery(DUE_NOSHOW).execute(Tuple.of(cutoff)).compose(rows -> {
      if (rows.size() == 0) return Future.succeededFuture(0);
      List<UUID> ids = new ArrayList<>();
      List<AppointmentLifecycle.Change> changes = new ArrayList<>();
      List<Tuple> marks = new ArrayList<>();
      Actor sweep = new Actor.System(SWEEP);
      StatusReason notJoined = new StatusReason(StatusReason.Kind.NOT_JOINED, "the family did not join the video consultation");
      for (Row r : rows) {
        UUID id = r.getUUID("id");
        ids.add(id);
        marks.add(Tuple.of(id, "noshow", null, notJoined.text()));
        changes.add(new AppointmentLifecycle.Change(id, AppointmentStatus.NOSHOW, sweep, notJoined));
      }
      UUID[] array = ids.toArray(new UUID[0]);
      return AppointmentLifecycle.moveAll(tx, changes)
          .compose(outcomes -> tx.preparedQuery(CONSULTATION_NOSHOW).execute(Tuple.of(array))
              .compose(v -> tx.preparedQuery(MARK).executeBatch(marks))
              .compose(v -> Outbox.appendAll(tx, outcomes.stream()
                  .map(o -> attendanceEvent(o.event(), "noshow", null)).toList())))
          .map(v -> ids.size());
    })).onComplete(ar -> {
      sweeping = false;
      if (ar.failed()) LOG.warn("no-show sweep failed, will retry: {}", ar.cause().toString());
      else if (ar.result() > 0) LOG.info("no-show: {} consultations", ar.result());
    });
  }

  private static OutboxEvent attendanceEvent(AppointmentEvent e, String status, Integer minutes) {
    return new AttendanceEvent(e.appointmentId(), e.beneficiaryId(), e.county(), e.service(), status, minutes, RECORDED_BY)
        .toOutbox();
  }
}
