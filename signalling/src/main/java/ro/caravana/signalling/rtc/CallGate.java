package ro.caravana.signalling.rtc;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;

/**
 * Whether a consultation may still be joined: a ticket is signed for a slot, but the appointment can be
 * cancelled after it was issued. The signalling asks before it opens a socket, and for every open room at
 * each heartbeat, so a cancelled consultation's tickets stop working and its open call ends. The scheduler
 * answers on the event bus address {@link #ADDRESS} (body: the consultation id; reply: true while it is not
 * cancelled), from PostgreSQL.
 */
@FunctionalInterface
public interface CallGate {

  String ADDRESS = "caravana.consultations.joinable";

  Future<Boolean> joinable(String consultationId);

  /** Asks the scheduler over the (clustered) event bus; no answer fails the future. */
  static CallGate eventBus(Vertx vertx) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(5000);
    return id -> vertx.eventBus().<Boolean>request(ADDRESS, id, options).map(m -> Boolean.TRUE.equals(m.body()));
  }
}
