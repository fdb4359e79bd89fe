package ro.caravana.scheduler.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ro.caravana.scheduler.domain.ApiClient.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.DomainData;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.demo.DemoLoader;
import ro.caravana.scheduler.support.TestSystem;

@DisplayName("Demo scenario in the real database")
class DemoScenarioLoadTest {

  private static Vertx vertx;
  private static SchedulerApp app;
  private static ApiClient api;
  private static long startMillis;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    long t0 = System.nanoTime();
    app = await(TestSystem.startApp(vertx, true));
    startMillis = (System.nanoTime() - t0) / 1_000_000;
    api = new ApiClient(vertx, app.port());
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
  }

  @Test
  @DisplayName("the demo has 1,250 beneficiaries: 889 with disabilities and 361 in vulnerable families")
  void counts() {
    assertEquals(1250, api.get("/api/beneficiaries?limit=1").bodyAsJsonObject().getLong("total"));
    assertEquals(889, api.get("/api/beneficiaries?limit=1&category=disability").bodyAsJsonObject().getLong("total"));
    assertEquals(361, api.get("/api/beneficiaries?limit=1&category=vulnerable_family").bodyAsJsonObject()
        .getLong("total"));
    assertEquals(11, api.get("/api/centres").bodyAsJsonObject().getLong("total"));
    assertEquals(4, api.get("/api/caravans").bodyAsJsonObject().getLong("total"));
    long staff = api.get("/api/staff").bodyAsJsonObject().getLong("total");
    assertTrue(staff >= 35 && staff <= 45, "staff " + staff);
    assertEquals(200, api.get("/api/care-plans?service=parental_education&limit=1").bodyAsJsonObject()
        .getLong("total"));
    JsonObject b = api.get("/api/beneficiaries?limit=1&county=VN").bodyAsJsonObject().getJsonArray("items")
        .getJsonObject(0);
    assertTrue(b.getString("phone") == null || b.getString("phone").startsWith("+407"), b.encode());
    assertTrue(startMillis < 30_000, "start with demo took " + startMillis + " ms");
  }

  @Test
  @DisplayName("on a fresh database the localities and the whole scenario load in under 10 seconds")
  void fast() {
    var pool = TestSystem.freshDatabase(vertx);
    try {
      long t0 = System.nanoTime();
      await(DomainData.prepare(pool, true, 42));
      long millis = (System.nanoTime() - t0) / 1_000_000;
      System.err.println("localities + demo scenario loaded in " + millis + " ms");
      assertTrue(millis < 10_000, "took " + millis + " ms");
      long plans = await(pool.query("SELECT count(*) FROM care_plans").execute()).iterator().next().getLong(0);
      assertTrue(plans > 1250, "care plans " + plans);
    } finally {
      await(pool.close());
    }
  }

  @Test
  @DisplayName("preparing again loads nothing twice")
  void idempotent() {
    assertFalse(await(DemoLoader.loadOnce(app.pool(), 7)));
    await(DomainData.prepare(app.pool(), true, 7));
    assertEquals(1250, api.get("/api/beneficiaries?limit=1").bodyAsJsonObject().getLong("total"));
  }
}
