package ro.caravana.scheduler.horizon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.support.TestSystem;

/**
 * The horizon and road-time API on the demo scenario (Vrancea): a road matrix imported with one-way
 * entries, a winter closure, a 13-week horizon that respects both and every locality's maximum gap,
 * then a weekly plan that takes its caravan days from the horizon. Hostile inputs and other counties too.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Caravan horizons and road times over HTTP")
class HorizonApiTest {

  static final ZoneId ZONE = ZoneId.of("Europe/Bucharest");
  private static Vertx vertx;
  private static SchedulerApp app;
  private static WebClient client;
  private static String vn;
  private static String bc;
  private static String supervisor;
  private static int depot;
  /** Localities of Vrancea with caravan work in the demo. */
  private static Set<Integer> withWork;
  private static int closedLocality;
  private static LocalDate firstDay;
  private static LocalDate closedFrom;
  private static LocalDate closedTo;
  private static JsonObject solved;
  /** The weekly plan made from the horizon's second week. */
  private static String weekPlanId;

  /** Table requests the stand-in road router received. */
  private static final List<String> routerRequests = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    int routerPort = startRoadRouter();
    app = TestSystem.startApp(vertx, true, TestSystem.config(Map.of("planning.consume-requests", "false",
            "road.router.kind", "osrm", "road.router.url", "http://127.0.0.1:" + routerPort + "/")), (r, c) -> { })
        .toCompletionStage().toCompletableFuture().get(180, TimeUnit.SECONDS);
    client = WebClient.create(vertx);
    vn = login("coordonator.vn@caravana.demo");
    bc = login("coordonator.bc@caravana.demo");
    supervisor = login("supervizor@caravana.demo");
    depot = await(app.pool().query("SELECT depot_siruta FROM caravans WHERE county = 'VN' LIMIT 1").execute())
        .iterator().next().getInteger(0);
    withWork = new HashSet<>();
    for (Row r : await(app.pool().query("SELECT DISTINCT b.locality_siruta FROM care_plans p JOIN beneficiaries b "
        + "ON b.id = p.beneficiary_id JOIN localities l ON l.siruta = b.locality_siruta "
        + "WHERE l.county = 'VN' AND p.modality = 'caravan'").execute())) {
      withWork.add(r.getInteger(0));
    }
    assertTrue(withWork.size() >= 10, "the demo has caravan work in Vrancea: " + withWork);
    closedLocality = withWork.stream().filter(s -> s != depot).sorted().findFirst().orElseThrow();
    LocalDate d = LocalDate.now(ZONE).plusDays(14);
    firstDay = d.with(java.time.DayOfWeek.MONDAY);
    closedFrom = firstDay.plusWeeks(2);
    closedTo = firstDay.plusWeeks(6).minusDays(1);
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) app.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  @Order(1)
  @DisplayName("A road matrix imports one-way entries; bad lines, foreign digits, unknown places and other counties are refused whole")
  void travelMatrixImport() {
    StringBuilder csv = new StringBuilder("fromSiruta,toSiruta,minutes,km\n");
    for (int s : withWork) if (s != depot) csv.append(depot).append(',').append(s).append(",30,25.5\n");
    HttpResponse<Buffer> ok = csvPost(vn, csv.toString());
    assertEquals(200, ok.statusCode(), ok.bodyAsString());
    int imported = ok.bodyAsJsonObject().getInteger("imported");
    assertEquals(withWork.size() - (withWork.contains(depot) ? 1 : 0), imported);

    String header = "fromSiruta,toSiruta,minutes,km\n";
    Map<String, String> bad = Map.of(
        header + depot + "," + closedLocality + ",thirty,2\n", "minutes",
        header + depot + "," + closedLocality + ",-5,2\n", "minutes",
        header + "١٧٤٧٥٣," + closedLocality + ",5,2\n", "fromSiruta",
        header + "+" + depot + "," + closedLocality + ",5,2\n", "fromSiruta",
        header + depot + ",%31%37," + "5,2\n", "toSiruta",
        header + depot + "," + closedLocality + ".0,5,2\n", "toSiruta",
        header + depot + "," + closedLocality + ",5,1e3\n", "km",
        header + depot + "," + depot + ",5,2\n", "toSiruta",
        "from,to,min,km\n1,2,3,4\n", "body");
    for (var e : bad.entrySet()) {
      HttpResponse<Buffer> r = csvPost(vn, e.getKey());
      assertEquals(400, r.statusCode(), e.getKey() + " -> " + r.bodyAsString());
      assertEquals(e.getValue(), r.bodyAsJsonObject().getString("field"), r.bodyAsString());
      assertTrue(r.getHeader("Content-Type").startsWith("application/problem+json"));
    }
    // a good line then an unknown locality: nothing of the file is written
    HttpResponse<Buffer> unknown = csvPost(vn, header + closedLocality + "," + depot + ",40,30\n" + depot + ",999999,5,2\n");
    assertEquals(422, unknown.statusCode(), unknown.bodyAsString());
    assertEquals("toSiruta", unknown.bodyAsJsonObject().getString("field"));
    // Vrancea's coordinator cannot write Bacău's roads, Bacău's cannot write Vrancea's
    HttpResponse<Buffer> foreign = csvPost(bc, header + closedLocality + "," + depot + ",40,30\n");
    assertEquals(403, foreign.statusCode(), foreign.bodyAsString());
    assertEquals(403, csvPost(supervisor, header + closedLocality + "," + depot + ",40,30\n").statusCode());
    JsonObject listed = get(vn, "/api/travel-matrix?county=VN&limit=2000").bodyAsJsonObject();
    assertEquals(imported, listed.getInteger("total"), "the refused files left nothing behind");
    assertTrue(listed.getJsonArray("items").stream().map(o -> (JsonObject) o)
        .allMatch(i -> i.getInteger("fromSiruta") == depot && "csv".equals(i.getString("source"))));
    assertEquals(0, get(bc, "/api/travel-matrix?county=BC").bodyAsJsonObject().getInteger("total"));
  }

  @Test
  @Order(2)
  @DisplayName("A winter closure is recorded for a Vrancea locality; bad dates, factors and other counties are refused")
  void roadRule() {
    JsonObject rule = new JsonObject().put("siruta", closedLocality).put("from", closedFrom.toString())
        .put("to", closedTo.toString()).put("kind", "closed").put("note", "drum închis iarna");
    assertEquals(403, post(bc, "/api/road-rules", rule).statusCode(), "another county's locality");
    assertEquals(400, post(vn, "/api/road-rules", rule.copy().put("siruta", String.valueOf(closedLocality))).statusCode());
    assertEquals(400, post(vn, "/api/road-rules", rule.copy().put("siruta", closedLocality + 0.5)).statusCode());
    assertEquals(400, post(vn, "/api/road-rules", rule.copy().put("to", closedFrom.minusDays(1).toString())).statusCode());
    assertEquals(400, post(vn, "/api/road-rules", rule.copy().put("kind", "slow").put("factor", "1.5")).statusCode());
    assertEquals(400, post(vn, "/api/road-rules", rule.copy().put("kind", "slow").put("factor", 0.5)).statusCode());
    assertEquals(422, post(vn, "/api/road-rules", rule.copy().put("kind", "flooded")).statusCode());
    assertEquals(422, post(vn, "/api/road-rules", rule.copy().put("siruta", 999_999)).statusCode());
    HttpResponse<Buffer> created = post(vn, "/api/road-rules", rule);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    assertEquals("closed", created.bodyAsJsonObject().getString("kind"));
    JsonArray rules = get(vn, "/api/road-rules?county=VN").bodyAsJsonObject().getJsonArray("items");
    assertEquals(1, rules.size());
    assertEquals(0, get(bc, "/api/road-rules?county=BC").bodyAsJsonObject().getInteger("total"));
    // a frequency set for one locality: every two weeks, at most 18 days apart
    int fortnightly = withWork.stream().filter(s -> s != depot && s != closedLocality).sorted().findFirst().orElseThrow();
    JsonObject f = new JsonObject().put("everyDays", 14).put("maxGapDays", 18);
    assertEquals(200, put(vn, "/api/localities/" + fortnightly + "/visit-frequency", f).statusCode());
    assertEquals(404, put(bc, "/api/localities/" + fortnightly + "/visit-frequency", f).statusCode(), "other county");
    for (String hostile : List.of("١٧٤٧٥٣", "%2B" + fortnightly, "-" + fortnightly, fortnightly + ".0", "0x1", "abc")) {
      int status = put(vn, "/api/localities/" + hostile + "/visit-frequency", f).statusCode();
      assertTrue(status == 404 || status == 400, hostile + " -> " + status);
    }
    assertEquals(422, put(vn, "/api/localities/" + fortnightly + "/visit-frequency", f.copy().put("maxGapDays", 15)).statusCode());
    assertEquals(400, put(vn, "/api/localities/" + fortnightly + "/visit-frequency", f.copy().put("everyDays", "14")).statusCode());
  }

  @Test
  @Order(3)
  @DisplayName("POST /api/horizons refuses bad input and other counties; a valid one answers 202 {id} and solves to visits for every locality, no gap over its maximum")
  void horizon() {
    String week = String.format("%d-W%02d", firstDay.get(IsoFields.WEEK_BASED_YEAR), firstDay.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    JsonObject body = new JsonObject().put("county", "VN").put("fromWeek", week).put("weeks", 13).put("secondsLimit", 8);
    Map<JsonObject, String> bad = Map.of(
        body.copy().put("weeks", "13"), "weeks",
        body.copy().put("weeks", 3), "weeks",
        body.copy().put("weeks", 14), "weeks",
        body.copy().put("weeks", 12.5), "weeks",
        without(body, "county"), "county",
        body.copy().put("fromWeek", "2026-W99"), "fromWeek",
        body.copy().put("fromWeek", "２０２６-W51"), "fromWeek",
        body.copy().put("secondsLimit", 0), "secondsLimit");
    for (var e : bad.entrySet()) {
      HttpResponse<Buffer> r = post(vn, "/api/horizons", e.getKey());
      assertEquals(400, r.statusCode(), e.getKey().encode() + " -> " + r.bodyAsString());
      assertEquals(e.getValue(), r.bodyAsJsonObject().getString("field"));
    }
    assertEquals(403, post(bc, "/api/horizons", body).statusCode());
    assertEquals(400, post(vn, "/api/horizons", body.copy().put("county", "vn")).statusCode(), "county codes are upper case");
    assertEquals(400, post(vn, "/api/horizons", body.copy().put("county", "V1")).statusCode());
    assertEquals(403, post(supervisor, "/api/horizons", body).statusCode());
    HttpResponse<Buffer> accepted = post(vn, "/api/horizons", body);
    assertEquals(202, accepted.statusCode(), accepted.bodyAsString());
    String id = accepted.bodyAsJsonObject().getString("id");
    assertEquals(409, post(vn, "/api/horizons", body).statusCode(), "one horizon job per county at a time");
    assertEquals(404, get(bc, "/api/horizons/" + id).statusCode(), "invisible to another county");
    for (String hostile : List.of(id.replace('-', '_'), "%31", "-1", "1.5", id + "0", "١٢٣", "+" + id)) {
      HttpResponse<Buffer> r = get(vn, "/api/horizons/" + hostile);
      assertEquals(400, r.statusCode(), hostile + " -> " + r.bodyAsString());
      assertEquals("id", r.bodyAsJsonObject().getString("field"));
    }
    assertEquals(404, get(vn, "/api/horizons/" + java.util.UUID.randomUUID()).statusCode());
    solved = awaitSolved(id, 240);

    JsonArray localities = solved.getJsonArray("localities");
    Set<Integer> reported = new HashSet<>();
    for (Object o : localities) {
      JsonObject l = (JsonObject) o;
      reported.add(l.getInteger("siruta"));
      JsonArray visits = l.getJsonArray("visits");
      assertFalse(visits.isEmpty(), "a locality with caravan work has visits: " + l.encode());
      for (Object g : l.getJsonArray("gaps")) {
        assertTrue((Integer) g <= l.getInteger("maxGapDays"), "gap over the maximum: " + l.encode());
      }
      if (l.getInteger("siruta") == closedLocality) {
        for (Object v : visits) {
          LocalDate date = LocalDate.parse(((JsonObject) v).getString("date"));
          assertTrue(date.isBefore(closedFrom) || date.isAfter(closedTo), "visit during the closure: " + l.encode());
        }
      }
    }
    assertEquals(withWork, reported, "every locality with caravan work is in the horizon");
    JsonObject summary = solved.getJsonObject("summary");
    assertEquals(0, summary.getInteger("gapsOverMaximum"), summary.encode());
    // every day starts on an imported one-way road and comes back on the estimate
    for (Object o : solved.getJsonArray("stops")) {
      JsonObject s = (JsonObject) o;
      if (s.getInteger("position") == 0 && s.getInteger("siruta") != depot) assertEquals("csv", s.getString("legSource"), s.encode());
      if (s.getString("backSource") != null) assertEquals("estimate", s.getString("backSource"), s.encode());
    }
    assertTrue(summary.getJsonObject("legs").getInteger("csv") > 0);
    assertEquals(1, get(vn, "/api/horizons?county=VN").bodyAsJsonObject().getInteger("total"));
    assertEquals(0, get(bc, "/api/horizons?county=BC").bodyAsJsonObject().getInteger("total"));
  }

  @Test
  @Order(4)
  @DisplayName("The weekly plan takes its caravan days and localities from the horizon")
  void weeklyPlanFollowsHorizon() {
    LocalDate monday = firstDay.plusWeeks(1);
    Set<String> days = new HashSet<>();
    Set<String> stops = new HashSet<>();
    for (Object o : solved.getJsonArray("stops")) {
      JsonObject s = (JsonObject) o;
      LocalDate date = LocalDate.parse(s.getString("date"));
      if (date.isBefore(monday) || date.isAfter(monday.plusDays(6))) continue;
      days.add(s.getLong("caravanId") + "|" + date);
      stops.add(s.getInteger("siruta") + "|" + date);
    }
    assertFalse(days.isEmpty(), "the horizon has caravan days in its second week");
    String week = String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    HttpResponse<Buffer> r = post(vn, "/api/plans", new JsonObject().put("county", "VN").put("week", week)
        .put("kinds", new JsonArray().add("routes")).put("secondsLimit", 4));
    assertEquals(202, r.statusCode(), r.bodyAsString());
    String planId = r.bodyAsJsonObject().getString("id");
    weekPlanId = planId;
    JsonObject plan = awaitEnd(vn, "/api/plans/" + planId, 120);
    assertEquals("solved", plan.getString("status"), plan.encode());
    JsonArray items = get(vn, "/api/plans/" + planId + "/items?limit=2000").bodyAsJsonObject().getJsonArray("items");
    int placed = 0;
    for (Object o : items) {
      JsonObject i = (JsonObject) o;
      if (i.getString("start") == null) continue;
      placed++;
      LocalDate date = java.time.OffsetDateTime.parse(i.getString("start")).atZoneSameInstant(ZONE).toLocalDate();
      assertTrue(days.contains(i.getLong("caravanId") + "|" + date), "a caravan day the horizon does not have: " + i.encode());
      assertTrue(stops.contains(i.getInteger("stopSiruta") + "|" + date), "a stop the horizon does not have: " + i.encode());
    }
    assertTrue(placed > 0, plan.encode());
  }

  /**
   * An HTTP server answering OSRM's table API for any coordinates: 600 s and 10 km between any two of
   * them (0 on the diagonal), so cached router entries are recognisable.
   */
  private static int startRoadRouter() throws Exception {
    io.vertx.core.http.HttpServer server = vertx.createHttpServer().requestHandler(req -> {
      routerRequests.add(req.path() + "?" + req.query());
      if (!req.path().startsWith("/table/v1/driving/")) {
        req.response().setStatusCode(404).end();
        return;
      }
      int n = req.path().substring("/table/v1/driving/".length()).split(";").length;
      JsonArray durations = new JsonArray();
      JsonArray distances = new JsonArray();
      for (int i = 0; i < n; i++) {
        JsonArray d = new JsonArray();
        JsonArray m = new JsonArray();
        for (int j = 0; j < n; j++) {
          d.add(i == j ? 0 : 600.0);
          m.add(i == j ? 0 : 10_000.0);
        }
        durations.add(d);
        distances.add(m);
      }
      req.response().putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("code", "Ok").put("durations", durations).put("distances", distances).encode());
    });
    return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
  }

  private static JsonObject without(JsonObject body, String field) {
    JsonObject copy = body.copy();
    copy.remove(field);
    return copy;
  }

  @Test
  @Order(5)
  @DisplayName("A refresh asks the road router in the background and caches its times as router entries; imported entries stay")
  void roadRouterRefresh() {
    assertEquals(403, post(bc, "/api/travel-matrix/refresh", new JsonObject().put("county", "VN")).statusCode());
    assertEquals(400, post(vn, "/api/travel-matrix/refresh", new JsonObject().put("county", 7)).statusCode());
    HttpResponse<Buffer> r = post(vn, "/api/travel-matrix/refresh", new JsonObject().put("county", "VN"));
    assertEquals(202, r.statusCode(), r.bodyAsString());
    int places = withWork.size() + (withWork.contains(depot) ? 0 : 1);
    assertEquals(places * (places - 1), r.bodyAsJsonObject().getInteger("pairs"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    JsonObject page;
    do {
      sleep(300);
      page = get(vn, "/api/travel-matrix?county=VN&limit=2000").bodyAsJsonObject();
    } while (page.getInteger("total") < places * (places - 1) && System.nanoTime() < deadline);
    assertEquals(places * (places - 1), page.getInteger("total"), "every ordered pair cached");
    assertEquals(1, routerRequests.size(), routerRequests.toString());
    assertTrue(routerRequests.get(0).endsWith("?annotations=duration,distance"), routerRequests.get(0));
    for (Object o : page.getJsonArray("items")) {
      JsonObject e = (JsonObject) o;
      if (e.getInteger("fromSiruta") == depot) {
        assertEquals("csv", e.getString("source"), "an imported entry is not replaced: " + e.encode());
        assertEquals(0, new java.math.BigDecimal("30").compareTo(new java.math.BigDecimal(e.getValue("minutes").toString())));
      } else {
        assertEquals("router", e.getString("source"), e.encode());
        assertEquals(0, new java.math.BigDecimal("10").compareTo(new java.math.BigDecimal(e.getValue("minutes").toString())));
      }
    }
  }

  @Test
  @Order(6)
  @DisplayName("A requested and a solved horizon each go through the outbox once to caravana.horizons, keyed by county, ids and facts only")
  void solvedHorizonEvents() {
    String id = solved.getString("id");
    List<JsonObject> events = horizonEvents(id, 2, 60);
    assertEquals(List.of("horizon.requested", "horizon.solved"), events.stream().map(e -> e.getString("type")).toList(),
        events.toString());
    for (JsonObject e : events) {
      assertEquals("VN", e.getString("key"), "keyed by county");
      assertEquals(1, e.getInteger("version"));
      JsonObject p = e.getJsonObject("payload");
      assertEquals(id, p.getString("horizonId"));
      assertEquals("VN", p.getString("county"));
      assertEquals(solved.getString("fromWeek"), p.getString("fromWeek"));
      assertEquals(solved.getInteger("weeks"), p.getInteger("weeks"));
      assertEquals(solved.getString("firstDay"), p.getString("firstDay"));
      assertEquals(solved.getString("lastDay"), p.getString("lastDay"));
      assertFalse(e.encode().contains("@"), "no account e-mail in the event: " + e.encode());
      assertFalse(p.containsKey("name") || p.containsKey("requestedBy") || p.containsKey("localitiesReport"), p.encode());
    }
    JsonObject done = events.get(1).getJsonObject("payload");
    JsonObject summary = solved.getJsonObject("summary");
    assertEquals("solved", done.getString("status"));
    assertEquals(summary.getInteger("caravanDays"), done.getInteger("caravanDays"));
    assertEquals(summary.getInteger("visitsPlanned"), done.getInteger("visitsPlanned"));
    assertEquals(summary.getInteger("visits"), done.getInteger("visits"));
    assertEquals(summary.getInteger("peopleUncovered"), done.getInteger("peopleUncovered"));
    assertEquals(0, done.getInteger("gapsOverMaximum"));
    assertEquals(withWork.size(), done.getInteger("localities"));
    assertEquals("queued", events.get(0).getJsonObject("payload").getString("status"));
    assertEquals(null, events.get(0).getJsonObject("payload").getValue("caravanDays"), "a request has no result yet");
  }

  @Test
  @Order(7)
  @DisplayName("A horizon that cannot be solved (a county with no caravan) ends failed with its reason and one horizon.failed event, never stuck solving")
  void failedHorizonEvent() {
    String admin = login("admin@caravana.demo");
    String week = String.format("%d-W%02d", firstDay.get(IsoFields.WEEK_BASED_YEAR), firstDay.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    HttpResponse<Buffer> r = post(admin, "/api/horizons", new JsonObject().put("county", "IS").put("fromWeek", week)
        .put("weeks", 4).put("secondsLimit", 2));
    assertEquals(202, r.statusCode(), r.bodyAsString());
    String id = r.bodyAsJsonObject().getString("id");
    JsonObject h = awaitEnd(admin, "/api/horizons/" + id, 60);
    assertEquals("failed", h.getString("status"), h.encode());
    assertTrue(h.getString("error").contains("nicio caravană"), h.encode());
    List<JsonObject> events = horizonEvents(id, 2, 60);
    assertEquals(List.of("horizon.requested", "horizon.failed"), events.stream().map(e -> e.getString("type")).toList(),
        events.toString());
    JsonObject failed = events.get(1).getJsonObject("payload");
    assertEquals("IS", events.get(1).getString("key"));
    assertEquals("failed", failed.getString("status"));
    assertEquals("unplannable", failed.getString("cause"));
    assertEquals(null, failed.getValue("caravanDays"));
  }

  @Test
  @Order(8)
  @DisplayName("Publishing a week pins it: the horizon planned again keeps that week's stops exactly (same caravans, days, order), marked published, and every other gap within its maximum")
  void publishedWeekKeptWhenPlannedAgain() {
    HttpResponse<Buffer> published = post(vn, "/api/plans/" + weekPlanId + "/publish", new JsonObject());
    assertEquals(200, published.statusCode(), published.bodyAsString());
    List<String> weekStops = new ArrayList<>();
    LocalDate monday = firstDay.plusWeeks(1);
    for (Object o : get(vn, "/api/plans/" + weekPlanId + "/stops").bodyAsJsonObject().getJsonArray("items")) {
      JsonObject s = (JsonObject) o;
      weekStops.add(s.getLong("caravanId") + "|" + s.getString("day") + "|" + s.getInteger("siruta"));
    }
    assertFalse(weekStops.isEmpty(), "the published week has caravan stops");
    // the published stops differ from what the old horizon said for that week only if the weekly plan changed them;
    // either way the new horizon must say exactly what was published
    HttpResponse<Buffer> again = post(vn, "/api/horizons", new JsonObject().put("county", "VN")
        .put("fromWeek", solved.getString("fromWeek")).put("weeks", 13).put("secondsLimit", 8));
    assertEquals(202, again.statusCode(), again.bodyAsString());
    JsonObject replanned = awaitSolved(again.bodyAsJsonObject().getString("id"), 240);
    List<String> kept = new ArrayList<>();
    for (Object o : replanned.getJsonArray("stops")) {
      JsonObject s = (JsonObject) o;
      LocalDate date = LocalDate.parse(s.getString("date"));
      if (date.isBefore(monday) || date.isAfter(monday.plusDays(6))) {
        assertFalse(s.getBoolean("pinned"), "only the published week is pinned: " + s.encode());
        continue;
      }
      assertTrue(s.getBoolean("pinned"), "a stop of the published week is pinned: " + s.encode());
      kept.add(s.getLong("caravanId") + "|" + s.getString("date") + "|" + s.getInteger("siruta"));
    }
    assertEquals(weekStops, kept, "the published week is kept exactly, in its order");
    assertEquals(0, replanned.getJsonObject("summary").getInteger("gapsOverMaximum"), replanned.getJsonObject("summary").encode());
    for (Object o : replanned.getJsonArray("localities")) {
      JsonObject l = (JsonObject) o;
      for (Object g : l.getJsonArray("gaps")) assertTrue((Integer) g <= l.getInteger("maxGapDays"), l.encode());
    }
  }

  @Test
  @Order(9)
  @DisplayName("A horizon a restart stopped while solving is marked failed at the next start, with one horizon.failed event (cause restart)")
  void restartFailsTheJobWithItsEvent() {
    String id = java.util.UUID.randomUUID().toString();
    await(app.pool().preparedQuery("INSERT INTO horizons (id, county, from_week, weeks, first_day, last_day, seconds_limit, "
        + "status, started_at) VALUES ($1, 'VN', '2027-W10', 4, '2027-03-08', '2027-04-04', 5, 'solving', now())")
        .execute(Tuple.of(java.util.UUID.fromString(id))));
    // what the start of the next process does (Horizons.start)
    int stopped = await(new HorizonRepository(app.pool()).recoverAfterRestart());
    assertEquals(1, stopped);
    JsonObject h = get(vn, "/api/horizons/" + id).bodyAsJsonObject();
    assertEquals("failed", h.getString("status"), h.encode());
    List<JsonObject> events = horizonEvents(id, 1, 60);
    assertEquals(List.of("horizon.failed"), events.stream().map(e -> e.getString("type")).toList(), events.toString());
    assertEquals("restart", events.get(0).getJsonObject("payload").getString("cause"));
    assertEquals("2027-W10", events.get(0).getJsonObject("payload").getString("fromWeek"));
    assertEquals(0, await(new HorizonRepository(app.pool()).recoverAfterRestart()), "a failed horizon is not failed twice");
  }

  /** The events of one horizon on {@code caravana.horizons}, in order; reads on briefly after {@code expected} to catch repeats. */
  private static List<JsonObject> horizonEvents(String horizonId, int expected, int seconds) {
    java.util.Properties p = new java.util.Properties();
    p.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestSystem.kafkaBootstrap());
    p.put(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, "test-" + java.util.UUID.randomUUID());
    p.put(org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<JsonObject> out = new ArrayList<>();
    var strings = new org.apache.kafka.common.serialization.StringDeserializer();
    try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(p, strings, strings)) {
      var partitions = consumer.partitionsFor(ro.caravana.scheduler.platform.outbox.Topics.HORIZONS, java.time.Duration.ofSeconds(10))
          .stream().map(i -> new org.apache.kafka.common.TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      Long settle = null;
      while (System.nanoTime() < deadline) {
        for (var record : consumer.poll(java.time.Duration.ofMillis(500))) {
          JsonObject event = new JsonObject(record.value());
          if (horizonId.equals(event.getJsonObject("payload").getString("horizonId"))) {
            assertEquals(event.getString("key"), record.key());
            out.add(event);
          }
        }
        if (out.size() >= expected) {
          if (settle == null) settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
          if (System.nanoTime() > settle) break;
        }
      }
    }
    return out; // one key, one partition: in the order the outbox wrote them
  }

  /** A plan or horizon once it is no longer queued or solving (or as it is after {@code seconds}). */
  private static JsonObject awaitEnd(String token, String path, int seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    JsonObject job;
    do {
      sleep(300);
      job = get(token, path).bodyAsJsonObject();
    } while (Set.of("queued", "solving").contains(job.getString("status")) && System.nanoTime() < deadline);
    return job;
  }

  private static JsonObject awaitSolved(String id, int seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      HttpResponse<Buffer> r = get(vn, "/api/horizons/" + id);
      assertEquals(200, r.statusCode(), r.bodyAsString());
      JsonObject h = r.bodyAsJsonObject();
      if ("solved".equals(h.getString("status"))) return h;
      if ("failed".equals(h.getString("status"))) return fail(h.encode());
      sleep(500);
    }
    return fail("horizon " + id + " not solved after " + seconds + " s");
  }

  private static String login(String email) {
    HttpResponse<Buffer> r = await(client.post(app.port(), "127.0.0.1", "/api/auth/login")
        .sendJsonObject(new JsonObject().put("email", email).put("password", "demo")));
    assertEquals(200, r.statusCode(), email + ": " + r.bodyAsString());
    return r.bodyAsJsonObject().getString("token");
  }

  private static HttpResponse<Buffer> get(String token, String path) {
    return await(client.request(HttpMethod.GET, app.port(), "127.0.0.1", path)
        .putHeader("Authorization", "Bearer " + token).send());
  }

  private static HttpResponse<Buffer> post(String token, String path, JsonObject body) {
    return await(client.request(HttpMethod.POST, app.port(), "127.0.0.1", path)
        .putHeader("Authorization", "Bearer " + token).sendJsonObject(body));
  }

  private static HttpResponse<Buffer> put(String token, String path, JsonObject body) {
    return await(client.request(HttpMethod.PUT, app.port(), "127.0.0.1", path)
        .putHeader("Authorization", "Bearer " + token).sendJsonObject(body));
  }

  private static HttpResponse<Buffer> csvPost(String token, String csv) {
    return await(client.request(HttpMethod.POST, app.port(), "127.0.0.1", "/api/travel-matrix")
        .putHeader("Authorization", "Bearer " + token).putHeader("Content-Type", "text/csv")
        .sendBuffer(Buffer.buffer(csv)));
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
