package ro.caravana.scheduler.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.SchedulerApp;

/**
 * Every {@code /api} route the router knows, called as anonymous and as every role: anonymous gets 401
 * unless the route is public, a role the policy does not admit gets 403, an admitted role gets neither,
 * and nothing answers 500. Routes come from the router, so a new route cannot be left out.
 */
@DisplayName("Authorization matrix over every route of the router")
class AccessMatrixTest {

  static final String UNLISTED = DemoApp.UNLISTED;

  private static SchedulerApp app;
  private static ApiClient api;
  /** Callers by name: anonymous (null token) and one account per role. */
  private static final Map<String, String> TOKENS = new LinkedHashMap<>();
  private static final Map<String, Role> ROLES = new LinkedHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    app = DemoApp.get();
    api = new ApiClient(DemoApp.vertx(), app.port());
    TOKENS.put("anonymous", null);
    add("admin@caravana.demo", Role.ADMIN, "demo");
    add("coordonator.bc@caravana.demo", Role.COUNTY_COORDINATOR, "demo");
    add("coordonator.vn@caravana.demo", Role.COUNTY_COORDINATOR, "demo");
    add("coordonator.centru@caravana.demo", Role.CENTRE_COORDINATOR, "demo");
    add("medic@caravana.demo", Role.DOCTOR, "demo");
    add("terapeut@caravana.demo", Role.THERAPIST, "demo");
    add("asistent@caravana.demo", Role.NURSE, "demo");
    add("supervizor@caravana.demo", Role.SUPERVISOR, "demo");
  }

  private static void add(String email, Role role, String password) {
    var r = api.login(email, password);
    assertEquals(200, r.statusCode(), email + ": " + r.bodyAsString());
    TOKENS.put(email, r.bodyAsJsonObject().getString("token"));
    ROLES.put(email, role);
  }

  /** Method and path pattern of every API route of the router (catch-all handlers excluded). */
  static List<Map.Entry<HttpMethod, String>> apiRoutes(SchedulerApp app) {
    Set<String> seen = new TreeSet<>();
    List<Map.Entry<HttpMethod, String>> out = new ArrayList<>();
    for (Route route : app.router().getRoutes()) {
      String path = Policy.resourcePattern(route);
      if (path == null || !path.startsWith("/api/")) continue;
      Set<HttpMethod> methods = route.methods() == null || route.methods().isEmpty() ? Set.of(HttpMethod.GET) : route.methods();
      for (HttpMethod m : methods) {
        if (seen.add(m + " " + path)) out.add(Map.entry(m, path));
      }
    }
    return out;
  }

  @Test
  @DisplayName("every API route of the router has a line in the access policy (the test-only unlisted route excepted)")
  void everyRouteIsInThePolicy() {
    List<String> missing = new ArrayList<>();
    for (var route : apiRoutes(app)) {
      String sample = sample(route.getValue());
      if (app.access().policy().match(route.getKey(), sample).isEmpty()) missing.add(route.getKey() + " " + route.getValue());
    }
    assertEquals(List.of("GET " + UNLISTED), missing, "routes without an access policy line (add them to AccessPolicy)");
  }

  @Test
  @DisplayName("a route missing from the policy is refused to every role, admin included (fail closed)")
  void unlistedRouteIsRefused() {
    TOKENS.forEach((who, token) -> {
      for (String path : List.of(UNLISTED, DemoApp.UNLISTED_PREFIX + "anything")) {
        var r = api.get(path, token);
        assertEquals(token == null ? 401 : 403, r.statusCode(), who + " " + path);
        assertTrue(!r.bodyAsString().contains("42"), who);
      }
    });
    // where nothing is routed, a signed-in caller gets the usual 404 and 405
    String admin = TOKENS.get("admin@caravana.demo");
    assertEquals(404, api.get("/api/nothing-here", admin).statusCode());
    assertEquals(405, api.call(HttpMethod.PATCH, "/api/beneficiaries", ApiClient.bearer(admin), new JsonObject()).statusCode());
  }

  @Test
  @DisplayName("every route as every role and anonymous: 401, 403 or served as the policy says, never 500")
  void matrix() {
    List<String> failures = new ArrayList<>();
    int calls = 0;
    for (var route : apiRoutes(app)) {
      if (route.getValue().equals(UNLISTED)) continue;
      HttpMethod method = route.getKey();
      String path = sample(route.getValue());
      Policy.Rule rule = app.access().policy().match(method, path).orElseThrow().rule();
      for (var caller : TOKENS.entrySet()) {
        // logout would end nothing for a Bearer token, but keep the tokens of this test safe anyway
        if (path.equals("/api/auth/logout")) continue;
        Role role = ROLES.get(caller.getKey());
        Object body = method == HttpMethod.GET || method == HttpMethod.DELETE ? null : new JsonObject();
        HttpResponse<?> r = api.call(method, path, ApiClient.bearer(caller.getValue()), body);
        calls++;
        int status = r.statusCode();
        String expected;
        boolean ok;
        if (rule.open()) {
          expected = "served (public)";
          ok = status != 403 && status < 500;
        } else if (role == null) {
          expected = "401";
          ok = status == 401;
        } else if (rule.admits(role) && !(rule.names() && role == Role.SUPERVISOR)) {
          expected = "served";
          ok = status != 401 && status != 403 && status < 500;
        } else {
          expected = "403";
          ok = status == 403;
        }
        if (!ok) failures.add(method + " " + path + " as " + caller.getKey() + ": expected " + expected + ", got " + status
            + " " + r.bodyAsString());
      }
    }
    assertTrue(calls > 0);
    assertEquals(List.of(), failures, calls + " calls");
  }

  @Test
  @DisplayName("every route that names a record, called with a Bacău record by the Vrancea coordinator: 403 or 404, never served")
  void wrongCounty() throws Exception {
    Map<Policy.Subject, String> bacau = new java.util.EnumMap<>(Policy.Subject.class);
    bacau.put(Policy.Subject.BENEFICIARY, one("SELECT b.id::text FROM beneficiaries b JOIN localities l "
        + "ON l.siruta = b.locality_siruta WHERE l.county = 'BC' ORDER BY b.id LIMIT 1"));
    bacau.put(Policy.Subject.CARE_PLAN, one("SELECT p.id::text FROM care_plans p JOIN beneficiaries b ON b.id = p.beneficiary_id "
        + "JOIN localities l ON l.siruta = b.locality_siruta WHERE l.county = 'BC' ORDER BY p.id LIMIT 1"));
    bacau.put(Policy.Subject.STAFF, one("SELECT id::text FROM staff WHERE county = 'BC' ORDER BY id LIMIT 1"));
    String planId = UUID.randomUUID().toString();
    await(app.pool().preparedQuery("INSERT INTO plans (id, county, week, kinds, seconds_limit, status) "
        + "VALUES ($1::uuid, 'BC', '2030-W01', '{routes}', 1, 'failed')").execute(io.vertx.sqlclient.Tuple.of(planId)));
    bacau.put(Policy.Subject.PLAN, planId);
    String appointment = one("SELECT a.id::text FROM appointments a JOIN beneficiaries b ON b.id = a.beneficiary_id "
        + "JOIN localities l ON l.siruta = b.locality_siruta WHERE l.county = 'BC' ORDER BY a.id LIMIT 1");
    if (appointment == null) {
      var created = api.post("/api/appointments", TOKENS.get("coordonator.bc@caravana.demo"), new JsonObject()
          .put("beneficiaryId", bacau.get(Policy.Subject.BENEFICIARY)).put("service", "counselling")
          .put("modality", "remote").put("startsAt", "2030-01-07T10:00:00+02:00").put("endsAt", "2030-01-07T11:00:00+02:00"));
      assertEquals(201, created.statusCode(), created.bodyAsString());
      appointment = created.bodyAsJsonObject().getString("id");
    }
    bacau.put(Policy.Subject.APPOINTMENT, appointment);

    String vn = TOKENS.get("coordonator.vn@caravana.demo");
    String bc = TOKENS.get("coordonator.bc@caravana.demo");
    List<String> failures = new ArrayList<>();
    int calls = 0;
    for (var route : apiRoutes(app)) {
      if (route.getValue().equals(UNLISTED)) continue;
      Policy.Rule rule = app.access().policy().match(route.getKey(), sample(route.getValue())).orElseThrow().rule();
      var pathCheck = rule.scope().stream().filter(c -> c.where() == Policy.Where.PATH).findFirst();
      if (pathCheck.isEmpty() || !bacau.containsKey(pathCheck.get().subject())) continue;
      String path = route.getValue().replace(":" + pathCheck.get().name(), bacau.get(pathCheck.get().subject()));
      HttpMethod method = route.getKey();
      Object body = method == HttpMethod.GET || method == HttpMethod.DELETE ? null : new JsonObject();
      int status = api.call(method, path, ApiClient.bearer(vn), body).statusCode();
      calls++;
      boolean refused = status == 404 || status == 403 || (!rule.admits(Role.COUNTY_COORDINATOR) && status == 403);
      if (!refused) failures.add(method + " " + path + " as coordonator.vn: " + status);
      if (method == HttpMethod.GET && rule.admits(Role.COUNTY_COORDINATOR) && !path.endsWith("/progress")) {
        // its own county: let through the gate (the handler may still want a parameter: 400)
        int own = api.call(method, path, ApiClient.bearer(bc), null).statusCode();
        boolean core = !path.startsWith("/api/consultations/");
        if (own == 403 || own >= 500 || (core && own != 200)) {
          failures.add(method + " " + path + " as coordonator.bc: " + own + " (its own county)");
        }
      }
    }
    assertTrue(calls >= 15, calls + " calls");
    assertEquals(List.of(), failures, calls + " calls");
  }

  private static String one(String sql) throws Exception {
    var rows = await(app.pool().query(sql).execute());
    return rows.size() == 0 ? null : rows.iterator().next().getString(0);
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
  }

  /** A concrete path for a pattern: ids become random UUIDs, other parameters a random word. */
  static String sample(String pattern) {
    StringBuilder sb = new StringBuilder();
    for (String segment : pattern.substring(1).split("/")) {
      sb.append('/');
      if (segment.startsWith(":")) {
        sb.append(segment.toLowerCase().endsWith("id") ? UUID.randomUUID().toString() : "x" + Long.toHexString(System.nanoTime()));
      } else {
        sb.append(segment);
      }
    }
    return sb.toString();
  }
}
