package ro.caravana.signalling.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.ext.web.Router;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
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

/**
 * A consultation cancelled after its tickets were issued: the signalling asks over the event bus (as it does
 * the scheduler in the assembled application) and refuses the tickets, and ends a call already open.
 */
@DisplayName("Tickets of a cancelled consultation stop working")
class CancelledCallTest {

  private static Vertx vertx;
  private static HttpServer server;
  private static WebSocketClient client;
  private static CallTokens tokens;
  /** What the scheduler would answer from PostgreSQL: the consultations cancelled so far. */
  private static final Set<String> cancelled = ConcurrentHashMap.newKeySet();
  private static final Participant FAMILY = new Participant("beneficiary:b1", "Maria Ionescu", Role.FAMILY);

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    vertx.eventBus().<String>consumer(CallGate.ADDRESS, m -> {
      if (m.body().equals("c-down")) m.fail(500, "database down");
      else m.reply(!cancelled.contains(m.body()));
    });
    SignallingConfig config = TestConfigs.with(Map.of("telemedicine.heartbeat-seconds", "1",
        "telemedicine.dead-after-seconds", "30", "telemedicine.candidate-filter", "loopback"));
    tokens = new CallTokens(config.tokenSecret());
    Router router = Router.router(vertx);
    new SignallingEndpoint(vertx, config, e -> { }, CallGate.eventBus(vertx)).mount(router);
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    client = vertx.createWebSocketClient();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static String ticket(String id) {
    Instant now = Instant.now();
    return tokens.issue(new ConsultationSlot(id, now.minusSeconds(60), now.plusSeconds(1800)), FAMILY);
  }

  private static int rejectedStatus(String id, String token) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> client
        .connect(server.actualPort(), "127.0.0.1", "/ws/consultations/" + id + "?token=" + token)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
    return ((UpgradeRejectedException) e.getCause()).getStatus();
  }

  @Test
  @DisplayName("a ticket issued before the cancellation opens no socket (410); an unanswerable check is 503, not a call")
  void ticketRefusedAfterCancel() throws Exception {
    String token = ticket("c-cancelled");
    WsClient before = WsClient.connect(client, server.actualPort(), "c-cancelled", token);
    before.await("welcome");
    cancelled.add("c-cancelled");
    assertEquals(410, rejectedStatus("c-cancelled", token));
    assertEquals(503, rejectedStatus("c-down", ticket("c-down")));
  }

  @Test
  @DisplayName("a call open when its consultation is cancelled is closed at the next heartbeat")
  void openCallEnds() throws Exception {
    WsClient family = WsClient.connect(client, server.actualPort(), "c-open", ticket("c-open"));
    family.await("welcome");
    cancelled.add("c-open");
    assertEquals(4410, family.await("closed").getInteger("code"));
  }
}
