package ro.caravana.scheduler.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ro.caravana.scheduler.notice.NoticeFixtures.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.support.TestSystem;

/**
 * The HTTP gateway's callbacks are the only way in for a provider, and anyone who knows a family's phone
 * number could otherwise answer in their name (STOP opts out, NU cancels). They need the configured
 * token, compared in constant time, are rate-limited, and the app refuses to start without a token.
 */
@DisplayName("SMS provider webhooks: token required, rate-limited, HTTP gateway only")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SmsWebhookAccessTest {

  private static final String TOKEN = "webhook-token-for-tests-0123456789";
  private static final int BURST = 12;
  private static Vertx vertx;
  private static SchedulerApp app;
  private static WebClient http;

  private static Map<String, String> httpGateway(String token) {
    return Map.of("sms.enabled", "true", "sms.gateway", "http", "sms.http.url", "http://127.0.0.1:9/sms",
        "sms.http.webhook-token", token, "sms.reminder.enabled", "false",
        "ratelimit.webhook-per-minute", "1", "ratelimit.webhook-burst", Integer.toString(BURST),
        "sms.notifier.group", "webhook-access-" + System.nanoTime());
  }

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    app = await(TestSystem.startApp(vertx, false, TestSystem.config(httpGateway(TOKEN)), (router, ctx) -> { }));
    http = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) await(app.close());
    vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static int post(String path, String authorization, JsonObject body) throws Exception {
    var request = http.post(app.port(), "127.0.0.1", path);
    if (authorization != null) request.putHeader("Authorization", authorization);
    return await(request.sendJsonObject(body)).statusCode();
  }

  private static long replies(String phone) throws Exception {
    return await(app.pool().preparedQuery("SELECT count(*) FROM sms_replies WHERE phone = $1").execute(Tuple.of(phone)))
        .iterator().next().getLong(0);
  }

  @Test
  @Order(1)
  @DisplayName("an inbound STOP without the token, or with a wrong or longer one, is 401 and records nothing")
  void inboundNeedsTheToken() throws Exception {
    String phone = NoticeFixtures.newPhone();
    JsonObject stop = new JsonObject().put("from", phone).put("to", "Caravana").put("text", "STOP");
    assertEquals(401, post("/api/sms/inbound", null, stop));
    assertEquals(401, post("/api/sms/inbound", "Bearer wrong", stop));
    assertEquals(401, post("/api/sms/inbound", "Bearer " + TOKEN + "x", stop));
    assertEquals(401, post("/api/sms/inbound", TOKEN, stop));
    assertEquals(401, post("/api/sms/status", null, new JsonObject().put("messageId", "m-1").put("status", "failed")));
    assertEquals(0, replies(phone));
    assertEquals(204, post("/api/sms/inbound", "Bearer " + TOKEN, stop));
    assertEquals(1, replies(phone));
  }

  @Test
  @Order(2)
  @DisplayName("a flood from one address is answered 429 once its burst is spent")
  void rateLimited() throws Exception {
    JsonObject body = new JsonObject().put("messageId", "m-2").put("status", "enroute");
    int limited = 0;
    for (int i = 0; i < BURST + 3; i++) {
      if (post("/api/sms/status", null, body) == 429) limited++;
    }
    assertTrue(limited >= 3, limited + " answers 429");
  }

  @Test
  @Order(3)
  @DisplayName("serve refuses to start with sms.gateway=http and no (or a short) webhook token")
  void refusesToStartWithoutToken() {
    for (String token : new String[] {"", "short"}) {
      var e = assertThrows(ExecutionException.class, () -> TestSystem.startApp(vertx, false,
              TestSystem.config(httpGateway(token)), (router, ctx) -> { })
          .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS));
      assertTrue(String.valueOf(e.getCause().getMessage()).contains("sms.http.webhook-token"), e.toString());
    }
  }
}
