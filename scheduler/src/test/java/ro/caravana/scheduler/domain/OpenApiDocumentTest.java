package ro.caravana.scheduler.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ro.caravana.scheduler.domain.ApiClient.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.support.TestSystem;

@DisplayName("OpenAPI document and reference data")
class OpenApiDocumentTest {

  private static final Set<String> VERBS = Set.of("get", "post", "put", "patch", "delete");
  private static Vertx vertx;
  private static SchedulerApp app;
  private static ApiClient api;
  private static final AtomicReference<Router> ROUTER = new AtomicReference<>();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    app = await(TestSystem.startApp(vertx, false, TestSystem.config(Map.of()), (router, ctx) -> ROUTER.set(router)));
    api = new ApiClient(vertx, app);
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
  }

  /** "GET /api/x/{id}" for every operation under "paths:" (two-space paths, four-space verbs). */
  static final Set<String> HTTP_GATEWAY_ONLY = Set.of("POST /api/sms/inbound", "POST /api/sms/status");

  static Set<String> documented(String yaml) {
    Set<String> out = new TreeSet<>();
    String paths = yaml.substring(yaml.indexOf("\npaths:\n"), yaml.indexOf("\ncomponents:\n"));
    String current = null;
    Matcher m = Pattern.compile("(?m)^(  |    )([^ #][^:]*):").matcher(paths);
    while (m.find()) {
      if (m.group(1).length() == 2) {
        current = m.group(2);
      } else if (VERBS.contains(m.group(2))) {
        out.add(m.group(2).toUpperCase() + " " + current);
      }
    }
    return out;
  }

  static Set<String> routed(Router router) {
    Set<String> out = new TreeSet<>();
    for (Route r : router.getRoutes()) {
      if (r.getPath() == null || r.methods() == null || r.methods().isEmpty() || r.getPath().endsWith("*")) continue;
      for (HttpMethod method : r.methods()) {
        out.add(method.name() + " " + r.getPath().replaceAll(":([A-Za-z0-9_]+)", "{$1}"));
      }
    }
    return out;
  }

  @Test
  @DisplayName("every route of the router is in the OpenAPI document and every documented operation is routed")
  void documentMatchesRouter() {
    var r = api.get("/api/openapi.yaml");
    assertEquals(200, r.statusCode());
    assertTrue(r.getHeader("Content-Type").startsWith("application/yaml"));
    Set<String> documented = documented(r.bodyAsString());
    Set<String> routed = routed(ROUTER.get());
    assertTrue(routed.contains("POST /api/beneficiaries"), routed.toString());
    Set<String> undocumented = new TreeSet<>(routed);
    undocumented.removeAll(documented);
    Set<String> unrouted = new TreeSet<>(documented);
    unrouted.removeAll(routed);
    // the HTTP SMS provider's webhooks exist only with sms.gateway=http (this app has none): documented as such
    assertTrue(documented.containsAll(HTTP_GATEWAY_ONLY));
    assertEquals(HTTP_GATEWAY_ONLY.size(), r.bodyAsString().split("x-mounted-with: sms.gateway=http", -1).length - 1);
    unrouted.removeAll(HTTP_GATEWAY_ONLY);
    assertEquals(Set.of(), undocumented, "routes missing from openapi.yaml");
    assertEquals(Set.of(), unrouted, "documented operations without a route");
  }

  @Test
  @DisplayName("every SIRUTA locality of Romania is imported at first start, with names, coordinates and parents")
  void localities() {
    JsonObject bc = api.get("/api/localities?county=BC&limit=2000").bodyAsJsonObject();
    JsonObject vn = api.get("/api/localities?county=VN&limit=2000").bodyAsJsonObject();
    assertEquals(856, bc.getLong("total") + vn.getLong("total"));
    assertEquals(bc.getLong("total"), (long) bc.getJsonArray("items").size());
    JsonObject first = bc.getJsonArray("items").getJsonObject(0);
    assertTrue(first.containsKey("name") && first.getDouble("lat") > 45 && first.getDouble("lon") > 25, first.encode());
    JsonObject focsani = api.get("/api/localities?q=focsani").bodyAsJsonObject();
    assertEquals("Focșani", focsani.getJsonArray("items").getJsonObject(0).getString("name"));
    JsonObject village = api.get("/api/localities/176463").bodyAsJsonObject(); // Argea, in Ploscuțeni
    assertEquals("Ploscuțeni", village.getString("parentName"));
    assertEquals(404, api.get("/api/localities/1").statusCode());
    JsonObject counties = api.get("/api/counties").bodyAsJsonObject();
    assertEquals(42, counties.getLong("total"));
    assertEquals(42, counties.getJsonArray("items").size());
    long all = 0;
    for (int i = 0; i < 42; i++) {
      JsonObject county = counties.getJsonArray("items").getJsonObject(i);
      assertTrue(county.getLong("localities") > 0, county.encode());
      all += county.getLong("localities");
      assertEquals(Set.of("BC", "VN").contains(county.getString("code")), county.getBoolean("served"), county.encode());
    }
    assertEquals(13_755, all);
    assertTrue(api.get("/api/localities?county=CJ&limit=1").bodyAsJsonObject().getLong("total") > 400);
    JsonObject sector = api.get("/api/localities/179141").bodyAsJsonObject();
    assertEquals("București", sector.getString("parentName"));
    assertEquals("B", sector.getString("county"));
    assertEquals(400, api.get("/api/localities?type=hamlet").statusCode());
  }
}
