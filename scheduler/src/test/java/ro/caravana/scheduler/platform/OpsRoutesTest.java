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
    app = TestSystem.startApp(vertx, false).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
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

  @Test
  @DisplayName("an unknown route answers 404 as problem+json")
  void unknownRoute() throws Exception {
    var r = client.get(app.port(), "127.0.0.1", "/api/no-such-thing").send().toCompletionStage().toCompletableFuture().get();
    assertEquals(404, r.statusCode());
    assertEquals("application/problem+json", r.getHeader("Content-Type"));
    assertEquals(404, r.bodyAsJsonObject().getInteger("status"));
  }
}
