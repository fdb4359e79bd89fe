package ro.caravana.signalling.rtc;

import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import ro.caravana.signalling.Participant;

/** One open socket of one participant. */
final class Peer {

  final ServerWebSocket socket;
  final Participant participant;
  final RateLimit rate;
  final Instant joinedAt;
  volatile long lastSeenNanos;
  int rejected;
  volatile boolean closed;

  Peer(ServerWebSocket socket, Participant participant, RateLimit rate, Instant joinedAt, long nowNanos) {
    this.socket = socket;
    this.participant = participant;
    this.rate = rate;
    this.joinedAt = joinedAt;
    this.lastSeenNanos = nowNanos;
  }

  void send(JsonObject message) {
    if (!closed) socket.writeTextMessage(message.encode());
  }

  void close(int code, String reason) {
    if (closed) return;
    closed = true;
    socket.close((short) code, reason);
  }
}
