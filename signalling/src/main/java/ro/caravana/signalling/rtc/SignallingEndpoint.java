package ro.caravana.signalling.rtc;

import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.signalling.JoinTickets;
import ro.caravana.signalling.SignallingConfig;
import ro.caravana.signalling.jitsi.Jwt.InvalidToken;

/**
 * The built-in WebRTC signalling: {@code GET /ws/consultations/{id}?token=...} upgrades to a
 * WebSocket for one participant of one consultation. The token (see {@link CallTokens}) is checked
 * before the upgrade. Rooms live in memory on this instance; a heartbeat pings every socket and
 * closes the silent ones, and a sweep forgets rooms nobody can join any more.
 */
public final class SignallingEndpoint {

  private static final Logger LOG = LoggerFactory.getLogger(SignallingEndpoint.class);
  public static final String PATH = "/ws/consultations/:id";

  private final Vertx vertx;
  private final SignallingConfig config;
  private final CallTokens tokens;
  private final PresenceSink presence;
  private final CallGate gate;
  private final CandidateFilter candidates;
  private final JsonArray iceServers;
  private final Map<String, Room> rooms = new ConcurrentHashMap<>();
  private final Map<Peer, Room> peers = new ConcurrentHashMap<>();
  private final long heartbeatTimer;

  /** Standalone signalling (tests, benchmark): tickets are checked on their own, no scheduler is asked. */
  public SignallingEndpoint(Vertx vertx, SignallingConfig config, PresenceSink presence) {
    this(vertx, config, presence, id -> io.vertx.core.Future.succeededFuture(true));
  }

  /** With {@code gate}: a ticket of a consultation cancelled since it was issued opens no socket. */
  public SignallingEndpoint(Vertx vertx, SignallingConfig config, PresenceSink presence, CallGate gate) {
    this.vertx = vertx;
    this.gate = gate;
    this.config = config;
    this.tokens = new CallTokens(config.tokenSecret());
    this.presence = presence;
    this.candidates = new CandidateFilter(config.candidatePolicy());
    this.iceServers = JoinTickets.iceServers(config);
    this.heartbeatTimer = vertx.setPeriodic(config.heartbeat().toMillis(), id -> heartbeat());
  }

  public void mount(Router router) {
    router.get(PATH).handler(this::upgrade);
  }

  /** Rooms open now (for metrics and the benchmark). */
  public int rooms() {
    return rooms.size();
  }

  /** Sockets open now. */
  public int sockets() {
    return peers.size();
  }

  /** The state of a consultation's room, or scheduled when nobody has opened it here. */
  public ConsultationState state(String consultationId) {
    Room r = rooms.get(consultationId);
    return r == null ? ConsultationState.SCHEDULED : r.state();
  }

  public void close() {
    vertx.cancelTimer(heartbeatTimer);
    peers.keySet().forEach(p -> p.close(1001, "server stopping"));
  }

  private void upgrade(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    String token = ctx.request().getParam("token");
    CallTokens.Grant grant;
    try {
      grant = tokens.verify(token, id, Instant.now());
    } catch (InvalidToken e) {
      ctx.response().setStatusCode(401).putHeader("Content-Type", "text/plain; charset=utf-8")
          .end("Invalid consultation token: " + e.getMessage());
      return;
    }
    if (!rooms.containsKey(id) && rooms.size() >= config.maxRooms()) {
      ctx.response().setStatusCode(503).putHeader("Retry-After", "30").end("Too many consultations on this instance.");
      return;
    }
    ctx.request().pause(); // the upgrade waits for the answer below
    gate.joinable(id).onComplete(ar -> {
      if (ar.failed()) {
        ctx.response().setStatusCode(503).putHeader("Retry-After", "10").putHeader("Content-Type", "text/plain; charset=utf-8")
            .end("The consultation cannot be checked now; try again.");
      } else if (!ar.result()) {
        ctx.response().setStatusCode(410).putHeader("Content-Type", "text/plain; charset=utf-8")
            .end("The consultation was cancelled.");
      } else {
        ctx.request().toWebSocket().onSuccess(ws -> open(ws, id, grant))
            .onFailure(e -> LOG.debug("websocket upgrade failed: {}", e.toString()));
      }
    });
  }

  private void open(ServerWebSocket ws, String id, CallTokens.Grant grant) {
    Room room = rooms.computeIfAbsent(id, k -> new Room(k, grant.slot(), vertx, presence, config.attendance(), candidates));
    long now = System.nanoTime();
    Peer peer = new Peer(ws, grant.participant(),
        new RateLimit(config.messagesPerSecond(), config.messageBurst(), now), Instant.now(), now);
    peers.put(peer, room);
    ws.pongHandler(b -> peer.lastSeenNanos = System.nanoTime());
    ws.binaryMessageHandler(b -> peer.close(1003, "text messages only"));
    ws.textMessageHandler(text -> onText(room, peer, text));
    ws.closeHandler(v -> closed(room, peer));
    ws.exceptionHandler(e -> LOG.debug("socket error in {}: {}", id, e.toString()));
    room.join(peer, iceServers);
  }

  private void onText(Room room, Peer peer, String text) {
    peer.lastSeenNanos = System.nanoTime();
    if (text.length() > config.maxMessageBytes()
        || (text.length() * 3 > config.maxMessageBytes() && text.getBytes(StandardCharsets.UTF_8).length > config.maxMessageBytes())) {
      peer.close(1009, "message too big");
      return;
    }
    boolean allowed;
    synchronized (peer) {
      allowed = peer.rate.tryTake(System.nanoTime());
      if (!allowed) peer.rejected++;
    }
    if (!allowed) {
      if (peer.rejected > config.messageBurst()) peer.close(1008, "too many messages");
      else peer.send(Room.error("rate-limited", "Too many messages; slow down."));
      return;
    }
    JsonObject m;
    try {
      m = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      peer.send(Room.error("bad-message", "Messages are JSON objects with a type."));
      return;
    }
    room.onMessage(peer, m);
  }

  private void closed(Room room, Peer peer) {
    peer.closed = true;
    if (peers.remove(peer) != null) room.leave(peer);
  }

  private void heartbeat() {
    long now = System.nanoTime();
    long deadAfter = config.deadAfter().toNanos();
    for (Peer p : peers.keySet()) {
      if (now - p.lastSeenNanos > deadAfter) {
        p.close(1001, "no heartbeat");
        Room room = peers.remove(p);
        if (room != null) room.leave(p);
      } else if (!p.closed) {
        p.socket.writePing(io.vertx.core.buffer.Buffer.buffer("hb"));
      }
    }
    Instant wall = Instant.now();
    rooms.entrySet().removeIf(e -> e.getValue().idle(wall));
    // a consultation cancelled since its tickets were issued: its open call ends
    for (var open : rooms.entrySet()) {
      Room cancelled = open.getValue();
      gate.joinable(open.getKey()).onSuccess(joinable -> {
        if (joinable) return;
        peers.forEach((p, room) -> {
          if (room == cancelled) {
            p.close(4410, "consultation cancelled");
            if (peers.remove(p) != null) room.leave(p);
          }
        });
      });
    }
  }
}
