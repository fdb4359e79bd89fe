package ro.caravana.signalling.rtc;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Where presence events go. The scheduler listens on the event bus address {@link #ADDRESS} and turns
 * them into attendance; signalling never writes the scheduler's tables. Each event has
 * {@code eventId} (UUID, for idempotent consumers), {@code type}, {@code consultationId} and
 * {@code at} (ISO-8601 instant), plus fields per type (see docs/telemedicine.md).
 */
@FunctionalInterface
public interface PresenceSink {

  String ADDRESS = "caravana.presence";

  String PARTICIPANT_JOINED = "participant.joined";
  String PARTICIPANT_LEFT = "participant.left";
  String CONSULTATION_STARTED = "consultation.started";
  String ATTENDANCE_REACHED = "attendance.reached";
  String CONSULTATION_ENDED = "consultation.ended";

  void publish(JsonObject event);

  /** Publishes on the Vert.x event bus (clustered event bus when signalling runs as its own process). */
  static PresenceSink eventBus(Vertx vertx) {
    return event -> vertx.eventBus().publish(ADDRESS, event);
  }
}
