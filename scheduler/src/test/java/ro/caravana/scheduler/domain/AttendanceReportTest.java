package ro.caravana.scheduler.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static ro.caravana.scheduler.domain.ApiClient.assertProblem;
import static ro.caravana.scheduler.domain.ApiClient.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.support.TestSystem;

@DisplayName("Attendance reports by locality, county and nationally")
class AttendanceReportTest {

  private static Vertx vertx;
  private static SchedulerApp app;
  private static ApiClient api;
  private static int siruta;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    app = await(TestSystem.startApp(vertx, true));
    api = new ApiClient(vertx, app);
    // two BC beneficiaries of one locality and one of VN; four appointments on 2026-03-10
    Row bc = await(app.pool().query("SELECT b.locality_siruta FROM beneficiaries b JOIN localities l ON l.siruta = "
        + "b.locality_siruta WHERE l.county = 'BC' GROUP BY 1 HAVING count(*) >= 2 ORDER BY 1 LIMIT 1").execute())
        .iterator().next();
    siruta = bc.getInteger(0);
    List<UUID> local = new ArrayList<>();
    await(app.pool().preparedQuery("SELECT id FROM beneficiaries WHERE locality_siruta = $1 ORDER BY id LIMIT 2")
        .execute(Tuple.of(siruta))).forEach(r -> local.add(r.getUUID(0)));
    UUID vn = await(app.pool().query("SELECT b.id FROM beneficiaries b JOIN localities l ON l.siruta = b.locality_siruta "
        + "WHERE l.county = 'VN' ORDER BY b.id LIMIT 1").execute()).iterator().next().getUUID(0);
    insert(local.get(0), "fulfilled", 10);
    insert(local.get(0), "noshow", 11);
    insert(local.get(1), "fulfilled", 12);
    insert(local.get(1), "cancelled", 13);
    insert(vn, "noshow", 10);
  }

  private static void insert(UUID beneficiary, String status, int hour) {
    OffsetDateTime start = OffsetDateTime.parse(String.format("2026-03-10T%02d:00:00+02:00", hour));
    await(app.pool().preparedQuery("INSERT INTO appointments (id, beneficiary_id, service, modality, starts_at, ends_at, "
        + "stop_siruta, status) VALUES ($1, $2, 'medical_consultation', 'caravan', $3, $4, $5, $6)")
        .execute(Tuple.of(UUID.randomUUID(), beneficiary, start, start.plusMinutes(20), siruta, status)));
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
  }

  @Test
  @DisplayName("a locality row counts planned, fulfilled, no-show and cancelled sessions and the rates")
  void byLocality() {
    JsonObject report = api.get("/api/reports/attendance?level=locality&from=2026-03-10&to=2026-03-10&county=BC")
        .bodyAsJsonObject();
    JsonArray items = report.getJsonArray("items");
    assertEquals(1, items.size(), report.encode());
    JsonObject row = items.getJsonObject(0);
    assertEquals(siruta, row.getInteger("siruta"));
    assertEquals(3, row.getLong("planned"));
    assertEquals(2, row.getLong("fulfilled"));
    assertEquals(1, row.getLong("noShow"));
    assertEquals(1, row.getLong("cancelled"));
    assertEquals(0.667, row.getDouble("attendanceRate"));
    assertEquals(40, row.getLong("minutesDelivered"));
  }

  @Test
  @DisplayName("county rows and the national total add up, with coverage of localities in care")
  void byCountyAndNationally() {
    JsonArray counties = api.get("/api/reports/attendance?level=county&from=2026-03-10&to=2026-03-10")
        .bodyAsJsonObject().getJsonArray("items");
    assertEquals(2, counties.size());
    assertEquals("BC", counties.getJsonObject(0).getString("county"));
    assertEquals(1, counties.getJsonObject(0).getLong("localitiesReached"));
    assertEquals(0.0, counties.getJsonObject(1).getDouble("attendanceRate"));
    JsonObject national = api.get("/api/reports/attendance?level=national&from=2026-03-10&to=2026-03-10")
        .bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertEquals(4, national.getLong("planned"));
    assertEquals(2, national.getLong("noShow"));
    assertEquals(0.5, national.getDouble("attendanceRate"));
    assertEquals(false, national.containsKey("name"), "aggregates carry no names");
  }

  @Test
  @DisplayName("a county coordinator's report covers their county only, and asking for another is refused")
  void scopedToTheCallersCounty() {
    var web = io.vertx.ext.web.client.WebClient.create(vertx);
    String token = await(web.post(app.port(), "127.0.0.1", "/api/auth/login").sendJsonObject(new JsonObject()
        .put("email", "coordonator.vn@caravana.demo").put("password", "demo"))).bodyAsJsonObject().getString("token");
    var counties = await(web.get(app.port(), "127.0.0.1", "/api/reports/attendance?level=county&from=2026-03-10&to=2026-03-10")
        .bearerTokenAuthentication(token).send()).bodyAsJsonObject().getJsonArray("items");
    assertEquals(1, counties.size(), counties.encode());
    assertEquals("VN", counties.getJsonObject(0).getString("county"));
    assertEquals(403, await(web.get(app.port(), "127.0.0.1", "/api/reports/attendance?county=BC")
        .bearerTokenAuthentication(token).send()).statusCode());
  }

  @Test
  @DisplayName("a bad level or period is refused with a problem naming the parameter")
  void badInput() {
    assertProblem(api.get("/api/reports/attendance?level=village"), 400, "level");
    assertProblem(api.get("/api/reports/attendance?from=2026-13-01"), 400, "from");
    assertProblem(api.get("/api/reports/attendance?from=2026-03-10&to=2026-03-01"), 400, "to");
  }

  @Test
  @DisplayName("coverage: days since each locality's last caravan visit, gaps past the maximum or never visited")
  void coverage() {
    JsonObject soon = api.get("/api/reports/coverage?county=BC&on=2026-03-20").bodyAsJsonObject();
    JsonObject row = soon.getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(o -> o.getInteger("siruta") == siruta).findFirst().orElseThrow();
    assertEquals("2026-03-10", row.getString("lastVisit"), row.encode());
    assertEquals(10L, row.getLong("daysSince"));
    assertEquals(false, row.getBoolean("gap"));
    assertEquals(true, row.getLong("beneficiaries") >= 2);
    JsonObject never = soon.getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(o -> o.getString("lastVisit") == null).findFirst().orElseThrow();
    assertEquals(true, never.getBoolean("gap"), "a locality never visited is a gap");
    assertEquals(null, never.getValue("daysSince"));
    JsonObject later = api.get("/api/reports/coverage?county=BC&on=2026-06-10").bodyAsJsonObject();
    JsonObject same = later.getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(o -> o.getInteger("siruta") == siruta).findFirst().orElseThrow();
    assertEquals(92L, same.getLong("daysSince"));
    assertEquals(true, same.getBoolean("gap"), "past the default maximum gap");
    assertEquals(soon.getInteger("gaps") + 1, later.getInteger("gaps"));
    // the visit before 'on' only: seen from before the visit, the locality has none yet
    JsonObject before = api.get("/api/reports/coverage?county=BC&on=2026-03-01").bodyAsJsonObject();
    assertEquals(true, before.getJsonArray("items").stream().map(o -> (JsonObject) o)
        .noneMatch(o -> o.getInteger("siruta") == siruta && o.getString("lastVisit") != null));
    for (String county : java.util.List.of("bc", "B%20C", "%EF%BC%A2C", "BCD", "1")) {
      assertProblem(api.get("/api/reports/coverage?county=" + county), 400, "county");
    }
    assertProblem(api.get("/api/reports/coverage?county=BC&on=2026-02-30"), 400, "on");
    var web = io.vertx.ext.web.client.WebClient.create(vertx);
    String token = await(web.post(app.port(), "127.0.0.1", "/api/auth/login").sendJsonObject(new JsonObject()
        .put("email", "coordonator.vn@caravana.demo").put("password", "demo"))).bodyAsJsonObject().getString("token");
    assertEquals(403, await(web.get(app.port(), "127.0.0.1", "/api/reports/coverage?county=BC")
        .bearerTokenAuthentication(token).send()).statusCode());
    assertEquals("VN", await(web.get(app.port(), "127.0.0.1", "/api/reports/coverage")
        .bearerTokenAuthentication(token).send()).bodyAsJsonObject().getString("county"), "a coordinator's own county by default");
  }
}
