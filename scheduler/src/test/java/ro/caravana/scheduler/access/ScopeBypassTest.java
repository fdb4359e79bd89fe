package ro.caravana.scheduler.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.SchedulerApp;

/**
 * The bypasses found against the demo: a Bacău id in a form the gate could not read (full-width digit,
 * percent-encoded; a sign before a staff id; a decimal SIRUTA code) used to pass as "in scope" and be
 * served by a handler that read it leniently. Each is now 400 before scope is looked at, and the plain
 * forms still answer 404 / 403.
 */
@DisplayName("Scope bypasses through id forms the gate could not read")
class ScopeBypassTest {

  private static SchedulerApp app;
  private static ApiClient api;
  private static String vn;
  private static String bcBeneficiary;
  private static long bcStaff;
  private static int bcSiruta;

  @BeforeAll
  static void start() throws Exception {
    app = DemoApp.get();
    api = new ApiClient(DemoApp.vertx(), app.port());
    vn = api.token("coordonator.vn@caravana.demo");
    bcBeneficiary = one("SELECT b.id::text FROM beneficiaries b JOIN localities l ON l.siruta = b.locality_siruta"
        + " WHERE l.county = 'BC' AND b.cnp IS NOT NULL AND b.id::text ~ '^[0-9]' ORDER BY b.id LIMIT 1");
    bcStaff = Long.parseLong(one("SELECT id::text FROM staff WHERE county = 'BC' ORDER BY id LIMIT 1"));
    bcSiruta = Integer.parseInt(one("SELECT siruta::text FROM localities WHERE county = 'BC' AND type <> 'county' ORDER BY siruta LIMIT 1"));
  }

  private static String one(String sql) throws Exception {
    var rows = app.pool().query(sql).execute().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return rows.iterator().next().getString(0);
  }

  /** The id with its first digit written as the full-width digit, percent-encoded as UTF-8. */
  static String fullWidthFirstDigit(String id) {
    char first = id.charAt(0);
    String encoded = java.net.URLEncoder.encode(String.valueOf((char) (0xFF10 + (first - '0'))),
        java.nio.charset.StandardCharsets.UTF_8);
    return encoded + id.substring(1);
  }

  @Test
  @DisplayName("a Bacău beneficiary id with its first digit full-width is 400 for the Vrancea coordinator; as written, 404")
  void fullWidthDigit() {
    var r = api.get("/api/beneficiaries/" + fullWidthFirstDigit(bcBeneficiary), vn);
    assertEquals(400, r.statusCode(), r.bodyAsString());
    assertEquals("id", r.bodyAsJsonObject().getString("field"));
    assertEquals("application/problem+json", r.getHeader("Content-Type"));
    assertFalse(r.bodyAsString().contains("cnp"), r.bodyAsString());
    assertEquals(404, api.get("/api/beneficiaries/" + bcBeneficiary, vn).statusCode());
    for (String sub : new String[] {"/care-plans", "/export"}) {
      assertEquals(400, api.get("/api/beneficiaries/" + fullWidthFirstDigit(bcBeneficiary) + sub, vn).statusCode(), sub);
    }
  }

  @Test
  @DisplayName("a county code with a control character after it (VN%00, BC%01) is 400, not read as the code")
  void controlCharacterInCounty() {
    for (String county : new String[] {"VN%00", "%00VN", "VN%01"}) {
      var r = api.get("/api/reports/coverage?county=" + county, vn);
      assertEquals(400, r.statusCode(), county + ": " + r.bodyAsString());
      assertEquals("county", r.bodyAsJsonObject().getString("field"));
    }
    // another county's code so disguised is refused at the gate (not in the caller's counties)
    var other = api.get("/api/reports/coverage?county=BC%01", vn);
    assertTrue(other.statusCode() == 400 || other.statusCode() == 403, other.bodyAsString());
    assertEquals(200, api.get("/api/reports/coverage?county=VN", vn).statusCode());
    assertEquals(200, api.get("/api/reports/coverage?county=%20VN%20", vn).statusCode());
  }

  @Test
  @DisplayName("a Bacău staff id as %2B{id} is 400; as written, 404")
  void signedStaffId() {
    var r = api.get("/api/staff/%2B" + bcStaff, vn);
    assertEquals(400, r.statusCode(), r.bodyAsString());
    assertEquals("id", r.bodyAsJsonObject().getString("field"));
    assertEquals(400, api.get("/api/staff/0" + bcStaff, vn).statusCode());
    assertEquals(404, api.get("/api/staff/" + bcStaff, vn).statusCode());
  }

  @Test
  @DisplayName("\"localitySiruta\": <Bacău SIRUTA>.0, as a string or in exponent form is 400; as an integer, 403")
  void decimalSiruta() throws Exception {
    for (String form : new String[] {bcSiruta + ".0", "\"" + bcSiruta + "\"", bcSiruta / 10000.0 + "e4"}) {
      var body = new JsonObject("{\"firstName\": \"Ion\", \"lastName\": \"Popa\", \"birthDate\": \"2015-03-04\","
          + " \"sex\": \"M\", \"category\": \"disability\", \"localitySiruta\": " + form + "}");
      var r = api.post("/api/beneficiaries", vn, body);
      assertEquals(400, r.statusCode(), form + ": " + r.bodyAsString());
      assertEquals("localitySiruta", r.bodyAsJsonObject().getString("field"), form);
    }
    var plain = api.post("/api/beneficiaries", vn, new JsonObject().put("firstName", "Ion").put("lastName", "Popa")
        .put("birthDate", "2015-03-04").put("sex", "M").put("category", "disability").put("localitySiruta", bcSiruta));
    assertEquals(403, plain.statusCode(), plain.bodyAsString());
    var created = app.pool().preparedQuery("SELECT count(*) FROM beneficiaries WHERE first_name = 'Ion' AND last_name = 'Popa'"
        + " AND locality_siruta = $1").execute(Tuple.of(bcSiruta)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertEquals(0L, created.iterator().next().getLong(0));
  }

  @Test
  @DisplayName("caravans: a county coordinator lists and reads only its counties' caravans (SQL scope); the administrator all")
  void caravansOfOwnCounties() throws Exception {
    long vnCaravans = Long.parseLong(one("SELECT count(*)::text FROM caravans WHERE county = 'VN' AND retired_at IS NULL"));
    long allCaravans = Long.parseLong(one("SELECT count(*)::text FROM caravans WHERE retired_at IS NULL"));
    long bcCaravan = Long.parseLong(one("SELECT id::text FROM caravans WHERE county = 'BC' ORDER BY id LIMIT 1"));
    var list = api.get("/api/caravans?limit=500", vn);
    assertEquals(200, list.statusCode(), list.bodyAsString());
    var items = list.bodyAsJsonObject().getJsonArray("items");
    assertEquals(vnCaravans, list.bodyAsJsonObject().getLong("total"));
    assertEquals(vnCaravans, (long) items.size());
    items.forEach(o -> assertEquals("VN", ((JsonObject) o).getString("county"), ((JsonObject) o).encode()));
    assertFalse(vnCaravans == allCaravans, "the demo has caravans in both counties, so the filter is seen to work");
    assertEquals(404, api.get("/api/caravans/" + bcCaravan, vn).statusCode());
    assertEquals(403, api.get("/api/caravans?county=BC", vn).statusCode());
    String admin = api.token("admin@caravana.demo");
    assertEquals(allCaravans, api.get("/api/caravans?limit=500", admin).bodyAsJsonObject().getLong("total"));
    assertEquals(200, api.get("/api/caravans/" + bcCaravan, admin).statusCode());
  }
}
