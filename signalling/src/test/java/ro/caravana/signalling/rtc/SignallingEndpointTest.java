package ro.caravana.signalling.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.signalling.ConsultationSlot;
import ro.caravana.signalling.Participant;
import ro.caravana.signalling.Participant.Role;
import ro.caravana.signalling.SignallingConfig;
import ro.caravana.signalling.TestConfigs;

@DisplayName("Built-in signalling over WebSocket")
class SignallingEndpointTest {

  private static Vertx vertx;
  private static HttpServer server;
  private static WebSocketClient client;
  private static CallTokens tokens;
  private static final LinkedBlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
  private static final Participant DOCTOR = new Participant("staff:7", "Dr. Andrei Popescu", Role.DOCTOR);
  private static final Participant FAMILY = new Participant("beneficiary:b1", "Maria Ionescu", Role.FAMILY);

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    SignallingConfig config = TestConfigs.with(Map.of(
        "telemedicine.attendance-minutes", "0.02", // 1.2 s
        "telemedicine.candidate-filter", "loopback",
        "telemedicine.max-message-bytes", "4096",
        "telemedicine.messages-per-second", "20",
        "telemedicine.message-burst", "30"));
    tokens = new CallTokens(config.tokenSecret());
    Router router = Router.router(vertx);
    new SignallingEndpoint(vertx, config, events::add).mount(router);
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    client = vertx.createWebSocketClient();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static ConsultationSlot slotNow(String id) {
    Instant now = Instant.now();
    return new ConsultationSlot(id, now.minusSeconds(60), now.plusSeconds(1800));
  }

  private static WsClient join(String id, Participant p) throws Exception {
    return WsClient.connect(client, server.actualPort(), id, tokens.issue(slotNow(id), p));
  }

  private static JsonObject event(String type, String consultationId) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      JsonObject e = events.poll(100, TimeUnit.MILLISECONDS);
      if (e != null && type.equals(e.getString("type")) && consultationId.equals(e.getString("consultationId"))) return e;
    }
    throw new AssertionError("no " + type + " event for " + consultationId);
  }

  private static int rejectedStatus(String id, String token) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> client
        .connect(server.actualPort(), "127.0.0.1", "/ws/consultations/" + id + "?token=" + token)
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));
    return ((UpgradeRejectedException) e.getCause()).getStatus();
  }

  @Test
  @DisplayName("a socket without a valid token for this consultation is refused before the upgrade")
  void authentication() {
    assertEquals(401, rejectedStatus("c-auth", "not-a-token"));
    assertEquals(401, rejectedStatus("c-auth", tokens.issue(slotNow("c-other"), FAMILY)));
    Instant now = Instant.now();
    assertEquals(401, rejectedStatus("c-auth",
        tokens.issue(new ConsultationSlot("c-auth", now.plusSeconds(3600), now.plusSeconds(5400)), FAMILY)));
    assertEquals(401, rejectedStatus("c-auth",
        tokens.issue(new ConsultationSlot("c-auth", now.minusSeconds(7200), now.minusSeconds(1900)), FAMILY)));
    CallTokens forger = new CallTokens("another-secret-another-secret-another-0".getBytes());
    assertEquals(401, rejectedStatus("c-auth", forger.issue(slotNow("c-auth"), DOCTOR)));
  }

  @Test
  @DisplayName("the family waits, the doctor sees who waits and admits; offers, answers and candidates cross only this room")
  void waitingRoomAndRelay() throws Exception {
    WsClient family = join("c-relay", FAMILY);
    assertEquals("family", family.await("welcome").getString("role"));
    family.await("waiting");
    assertEquals("participant.joined", event("participant.joined", "c-relay").getString("type"));

    WsClient bystanderDoctor = join("c-elsewhere", new Participant("staff:9", "Dr. Alt", Role.DOCTOR));
    WsClient doctor = join("c-relay", DOCTOR);
    JsonObject lobby = doctor.await("lobby");
    assertEquals("Maria Ionescu", lobby.getJsonArray("waiting").getJsonObject(0).getString("name"));
    assertEquals("waiting", lobby.getString("state"));

    family.send(new JsonObject().put("type", "offer").put("sdp", "v=0"));
    assertEquals("not-connected", family.await("error").getString("code"), "no relay before admission");

    doctor.send(new JsonObject().put("type", "admit"));
    family.await("admitted");
    assertTrue(doctor.await("start").getBoolean("initiator"));
    assertFalse(family.await("start").getBoolean("initiator"));
    event("consultation.started", "c-relay");

    doctor.send(new JsonObject().put("type", "offer")
        .put("sdp", "v=0\r\na=candidate:1 1 udp 2122260223 192.168.1.20 50000 typ host\r\n"
            + "a=candidate:2 1 udp 2122260223 127.0.0.1 50001 typ host\r\na=end-of-candidates"));
    String sdp = family.await("offer").getString("sdp");
    assertFalse(sdp.contains("192.168.1.20"), sdp);
    assertTrue(sdp.contains("127.0.0.1 50001"), sdp);
    family.send(new JsonObject().put("type", "answer").put("sdp", "v=0"));
    assertEquals("v=0", doctor.await("answer").getString("sdp"));

    doctor.send(new JsonObject().put("type", "candidate").put("candidate", new JsonObject()
        .put("candidate", "candidate:3 1 udp 2122260223 10.0.0.5 40000 typ host").put("sdpMid", "0")));
    doctor.send(new JsonObject().put("type", "candidate").put("candidate", new JsonObject()
        .put("candidate", "candidate:4 1 udp 2122260223 127.0.0.1 40001 typ host").put("sdpMid", "0")));
    JsonObject c = family.await("candidate");
    assertTrue(c.getJsonObject("candidate").getString("candidate").contains("127.0.0.1"), "the LAN candidate is filtered out");

    assertTrue(bystanderDoctor.quietAbout("offer", 300), "another consultation hears nothing");
    family.close();
    doctor.close();
    bystanderDoctor.close();
  }

  @Test
  @DisplayName("only the doctor admits, declines or ends")
  void doctorOnly() throws Exception {
    WsClient family = join("c-roles", FAMILY);
    family.await("waiting");
    family.send(new JsonObject().put("type", "admit"));
    assertEquals("forbidden", family.await("error").getString("code"));
    family.send(new JsonObject().put("type", "end"));
    assertEquals("forbidden", family.await("error").getString("code"));
    family.close();
  }

  @Test
  @DisplayName("a declined family is told so and disconnected; it may knock again")
  void decline() throws Exception {
    WsClient family = join("c-decline", FAMILY);
    family.await("waiting");
    WsClient doctor = join("c-decline", DOCTOR);
    doctor.await("lobby");
    doctor.send(new JsonObject().put("type", "decline"));
    family.await("declined");
    assertEquals(4003, family.await("closed").getInteger("code"));
    assertTrue(doctor.await("lobby").getJsonArray("waiting").isEmpty());
    WsClient again = join("c-decline", FAMILY);
    again.await("waiting");
    assertEquals(1, doctor.await("lobby").getJsonArray("waiting").size());
    again.close();
    doctor.close();
  }

  @Test
  @DisplayName("together long enough: attendance is reported once; a reconnect restarts the call; the doctor ends it")
  void attendanceReconnectEnd() throws Exception {
    WsClient family = join("c-attend", FAMILY);
    family.await("waiting");
    WsClient doctor = join("c-attend", DOCTOR);
    doctor.await("lobby");
    doctor.send(new JsonObject().put("type", "admit"));
    family.await("start");

    family.close();
    doctor.await("peer-left");
    WsClient back = join("c-attend", FAMILY);
    assertFalse(back.await("start").getBoolean("initiator"), "an admitted family goes straight back into the call");
    doctor.await("start");

    JsonObject reached = event("attendance.reached", "c-attend");
    assertTrue(reached.getLong("togetherSeconds") >= 1, reached.encode());
    assertTrue(reached.getString("eventId").length() == 36);
    doctor.await("attendance");

    doctor.send(new JsonObject().put("type", "end"));
    back.await("ended");
    doctor.await("ended");
    JsonObject ended = event("consultation.ended", "c-attend");
    assertTrue(ended.getBoolean("familyJoined"));
    assertTrue(ended.getBoolean("attendanceReached"));

    WsClient late = join("c-attend", FAMILY);
    late.await("ended");
    assertEquals(4000, late.await("closed").getInteger("code"));
  }

  @Test
  @DisplayName("a newer socket of the same participant replaces the older one")
  void replaced() throws Exception {
    WsClient first = join("c-replace", FAMILY);
    first.await("waiting");
    WsClient second = join("c-replace", FAMILY);
    second.await("waiting");
    assertEquals(4001, first.await("closed").getInteger("code"));
    second.close();
  }

  @Test
  @DisplayName("oversized messages close the socket; floods are throttled and then closed")
  void limits() throws Exception {
    WsClient big = join("c-limits", FAMILY);
    big.await("waiting");
    big.send(new JsonObject().put("type", "ping").put("pad", "x".repeat(5000)));
    assertEquals(1009, big.await("closed").getInteger("code"));

    WsClient flood = join("c-limits-2", FAMILY);
    flood.await("waiting");
    for (int i = 0; i < 200; i++) flood.send(new JsonObject().put("type", "ping"));
    assertEquals("rate-limited", flood.await("error").getString("code"));
    assertEquals(1008, flood.await("closed").getInteger("code"));
  }
}
