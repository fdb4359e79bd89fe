package ro.caravana.scheduler.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.support.TestSystem;

@DisplayName("Health, metrics and unknown routes")
class OpsRoutesTest {

  private static Vertx vertx;
  private static SchedulerApp app;
  private static WebClient client;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    // a page that never answers, to see requests in flight and closed connections counted
    app = TestSystem.startApp(vertx, false, TestSystem.config(java.util.Map.of()),
            (router, context) -> router.get("/test-never-answers").handler(ctx -> { }))
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("health answers 200 when the database and Kafka both answer")
  void healthUp() throws Exception {
    var r = client.get(app.port(), "127.0.0.1", "/health").send().toCompletionStage().toCompletableFuture().get();
    assertEquals(200, r.statusCode());
    JsonObject body = r.bodyAsJsonObject();
    assertEquals("UP", body.getString("database"));
    assertEquals("UP", body.getString("kafka"));
  }

  @Test
  @DisplayName("metrics are in the Prometheus text format and count the outbox backlog")
  void metrics() throws Exception {
    var r = client.get(app.port(), "127.0.0.1", "/metrics").send().toCompletionStage().toCompletableFuture().get();
    assertEquals(200, r.statusCode());
    assertTrue(r.bodyAsString().contains("caravana_outbox_pending 0"), r.bodyAsString());
    assertTrue(r.getHeader("Content-Type").startsWith("text/plain"));
  }

  private static long metric(String text, String name) {
    for (String line : text.split("\n")) {
      if (line.startsWith(name + " ")) return count(line.substring(name.length() + 1));
    }
    throw new AssertionError(name + " missing in " + text);
  }

  /** A metric's value: ASCII digits only (a sign, other scripts' digits or a decimal fail the test). */
  private static long count(String text) {
    String v = text.trim();
    assertTrue(v.matches("[0-9]{1,18}"), "not a count: " + v);
    return Long.parseLong(v);
  }

  /** Requests whose connection closed before their answer (0 before the first). */
  private static long closed(String text) {
    return text.lines().filter(l -> l.startsWith("caravana_http_requests_total{status=\"closed\"}"))
        .mapToLong(l -> count(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  private static String metricsText() throws Exception {
    return client.get(app.port(), "127.0.0.1", "/metrics").send().toCompletionStage().toCompletableFuture().get()
        .bodyAsString();
  }

  @Test
  @DisplayName("metrics show requests in flight, the oldest one's age, and a request whose client went away as closed")
  void inFlight() throws Exception {
    long closedBefore = closed(metricsText());
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", app.port())) {
      socket.getOutputStream().write("GET /test-never-answers HTTP/1.1\r\nHost: localhost\r\n\r\n"
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      Thread.sleep(1_200);
      String during = metricsText();
      assertEquals(2, metric(during, "caravana_http_requests_in_flight"), "the hanging request and this one");
      assertTrue(metric(during, "caravana_http_oldest_in_flight_ms") >= 1_000, during);
    }
    long deadline = System.currentTimeMillis() + 10_000;
    String after = metricsText();
    while (metric(after, "caravana_http_requests_in_flight") != 1 && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
      after = metricsText();
    }
    assertEquals(1, metric(after, "caravana_http_requests_in_flight"), "only this request: " + after);
    assertEquals(closedBefore + 1, closed(after), after);
    assertTrue(metric(after, "caravana_http_requests_received_total") >= 4, after);
  }

  @Test
  @DisplayName("an unknown route answers 404 as problem+json")
  void unknownRoute() throws Exception {
    var r = client.get(app.port(), "127.0.0.1", "/no-such-thing").send().toCompletionStage().toCompletableFuture().get();
    assertEquals(404, r.statusCode());
    assertEquals("application/problem+json", r.getHeader("Content-Type"));
    assertEquals(404, r.bodyAsJsonObject().getInteger("status"));
  }
}
