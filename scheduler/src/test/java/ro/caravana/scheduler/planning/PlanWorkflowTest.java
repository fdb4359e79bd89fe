package ro.caravana.scheduler.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ro.caravana.scheduler.planning.PlanApi.assertProblem;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import ro.caravana.scheduler.platform.outbox.EventType;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.support.TestSystem;

/**
 * The coordinator's weekly workflow through the HTTP API on the demo scenario, against the real
 * PostgreSQL and Kafka: plan, watch the progress stream, publish, find the appointments in the database
 * and their events on the topic. The steps share one plan and run in order.
 */
@DisplayName("Weekly planning workflow through the API")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlanWorkflowTest {

  private static final String COUNTY = "BC";
  private static final int SECONDS = 6;

  private static Vertx vertx;
  private static SchedulerApp app;
  private static PlanApi api;
  private static String week;
  private static LocalDate monday;
  private static UUID planId;
  private static JsonObject solved;
  private static int booked;
  /** Wall-clock marks of the workflow (no assertion on them): printed for docs/benchmarks.md. */
  private static long requestedAt;
  private static long solvedAt;
  private static long publishedAt;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    app = PlanApi.startApp(vertx);
    api = new PlanApi(vertx, app);
    week = PlanApi.weekAhead(14);
    monday = PlanRequest.monday(week);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  @Order(1)
  @DisplayName("a plan request answers 202 with an id; a second one for the same county-week while it runs answers 409")
  void planAccepted() {
    requestedAt = System.nanoTime();
    planId = api.start(COUNTY, week, SECONDS);
    HttpResponse<Buffer> again = api.post("/api/plans", new JsonObject().put("county", COUNTY).put("week", week)
        .put("secondsLimit", SECONDS));
    JsonObject problem = assertProblem(again, 409, "week");
    assertTrue(problem.getJsonObject("reason").getString("en").contains(COUNTY + " " + week), problem.encode());
  }

  @Test
  @Order(2)
  @DisplayName("the progress stream gives data lines while solving and ends when solving ends")
  void progressStream() {
    String stream = api.readProgress(planId, SECONDS + 60);
    List<String> data = stream.lines().filter(l -> l.startsWith("data: ")).toList();
    assertTrue(data.size() >= 3, stream);
    // every data line is one JSON object
    data.forEach(l -> new JsonObject(l.substring("data: ".length())));
    assertTrue(stream.contains("event: progress\n"), stream);
    List<JsonObject> progress = data.stream().map(l -> new JsonObject(l.substring(6)))
        .filter(j -> j.containsKey("phase")).toList();
    assertTrue(progress.stream().anyMatch(p -> p.getString("bestScore") != null), stream);
    assertTrue(progress.stream().anyMatch(p -> p.getBoolean("done", false)), stream);
    String last = stream.strip().lines().reduce((a, b) -> b).orElse("");
    assertEquals("{\"status\":\"solved\"}", last.substring("data: ".length()), stream);
  }

  @Test
  @Order(3)
  @DisplayName("the plan reaches solved with scores, counts and more than 100 appointments placed")
  void solved() {
    solved = api.awaitFinished(planId, SECONDS + 60);
    solvedAt = System.nanoTime();
    assertEquals("solved", solved.getString("status"), solved.encode());
    JsonObject counts = solved.getJsonObject("counts");
    assertTrue(counts.getInteger("assigned") > 100, counts.encode());
    assertEquals(counts.getInteger("appointments"), counts.getInteger("assigned") + counts.getInteger("unassigned"));
    assertTrue(counts.getInteger("visitsAssigned") > 0, counts.encode());
    assertTrue(counts.getInteger("sessionsAssigned") > 0, counts.encode());
    assertEquals(0L, solved.getJsonObject("score").getLong("hard"), solved.encode());
    assertNotNull(solved.getString("startedAt"));
    assertNotNull(solved.getString("finishedAt"));
    assertEquals(counts.getInteger("appointments"), api.items(planId).size());
  }

  @Test
  @Order(4)
  @DisplayName("publishing answers 200 and books one appointment per placed item of the plan")
  void publish() {
    long publishing = System.nanoTime();
    HttpResponse<Buffer> r = api.postEmpty("/api/plans/" + planId + "/publish");
    publishedAt = System.nanoTime();
    assertEquals(200, r.statusCode(), r.bodyAsString());
    System.out.printf("[planning-e2e] %s %s secondsLimit=%d: request->solved %d ms, publish %d ms, request->published %d ms%n",
        COUNTY, week, SECONDS, (solvedAt - requestedAt) / 1_000_000, (publishedAt - publishing) / 1_000_000,
        (publishedAt - requestedAt) / 1_000_000);
    JsonObject result = r.bodyAsJsonObject().getJsonObject("appointments");
    booked = result.getInteger("booked");
    int placed = solved.getJsonObject("counts").getInteger("assigned");
    assertEquals(placed, booked, result.encode());
    assertEquals(0, result.getInteger("changed"));
    assertEquals(0, result.getInteger("cancelled"));
    assertEquals("published", api.plan(planId).getString("status"));

    HttpResponse<Buffer> page = api.get("/api/appointments?county=" + COUNTY + "&from=" + monday + "&to="
        + monday.plusDays(6) + "&limit=1");
    assertEquals(200, page.statusCode(), page.bodyAsString());
    long total = page.bodyAsJsonObject().getLong("total");
    assertTrue(total > 100, page.bodyAsString());
    assertEquals(placed, total);

    // the same items, at the same times
    Set<String> planned = api.items(planId).stream().filter(i -> i.getString("start") != null)
        .map(i -> i.getString("beneficiaryId") + "@" + java.time.OffsetDateTime.parse(i.getString("start")).toInstant())
        .collect(Collectors.toSet());
    Set<String> stored = api.appointments(COUNTY, monday, monday.plusDays(6), null).stream()
        .map(a -> a.getString("beneficiaryId") + "@" + java.time.OffsetDateTime.parse(a.getString("startsAt")).toInstant())
        .collect(Collectors.toSet());
    assertEquals(planned, stored);
    // what families are told sits on the 5-minute grid, caravan consultations included
    List<JsonObject> all = api.appointments(COUNTY, monday, monday.plusDays(6), null);
    assertTrue(all.stream().anyMatch(a -> "caravan".equals(a.getString("modality"))), "the week has caravan stops");
    for (JsonObject a : all) {
      var start = java.time.OffsetDateTime.parse(a.getString("startsAt"));
      assertEquals(0, start.getMinute() % 5 + start.getSecond(), a.encode());
    }
  }

  @Test
  @Order(5)
  @DisplayName("each booked appointment reaches the appointments topic once, keyed by beneficiary")
  void eventsOnKafka() {
    List<JsonObject> events = PlanApi.appointmentEvents(TestSystem.kafkaBootstrap(), planId, booked, 60);
    System.out.printf("[planning-e2e] %d appointments booked; %d events for them read back from Kafka%n", booked,
        events.size());
    assertEquals(booked, events.size());
    assertEquals(Map.of(EventType.APPOINTMENT_BOOKED.wire(), (long) booked), PlanApi.countByType(events));
    assertEquals(booked, events.stream().map(e -> e.getJsonObject("payload").getString("appointmentId")).distinct().count());
  }

  @Test
  @Order(6)
  @DisplayName("publishing the same plan twice answers 409 and changes nothing")
  void publishTwice() {
    assertProblem(api.postEmpty("/api/plans/" + planId + "/publish"), 409, "status");
    HttpResponse<Buffer> page = api.get("/api/appointments?county=" + COUNTY + "&from=" + monday + "&to="
        + monday.plusDays(6) + "&limit=1");
    assertEquals(booked, page.bodyAsJsonObject().getLong("total"));
  }

  @Test
  @Order(7)
  @DisplayName("a care plan written after the plan read its inputs is counted in its county's inputsChanged, not in another's")
  void inputsChanged() throws Exception {
    JsonObject before = api.get("/api/plans/" + planId).bodyAsJsonObject().getJsonObject("inputsChanged");
    assertNotNull(before, "a published plan says what changed since it started");
    long baseline = before.getLong("count");
    assertEquals(0L, before.getJsonObject("types").getLong("careplan.created", 0L), before.encode());
    UUID bc = firstBeneficiary("BC");
    UUID vn = firstBeneficiary("VN");
    for (UUID beneficiary : List.of(bc, vn)) {
      HttpResponse<Buffer> r = api.post("/api/beneficiaries/" + beneficiary + "/care-plans", new JsonObject()
          .put("service", "counselling").put("sessionsPerWeek", 1).put("minutes", 30).put("modality", "remote")
          .put("validFrom", monday.plusWeeks(4).toString()));
      assertEquals(201, r.statusCode(), r.bodyAsString());
    }
    long deadline = System.currentTimeMillis() + 60_000;
    JsonObject after = before;
    while (System.currentTimeMillis() < deadline) {
      long vnSeen = PlanApi.await(app.pool().preparedQuery("SELECT count(*) FROM plan_input_changes WHERE county = 'VN' "
          + "AND type = 'careplan.created' AND subject_id IS NOT NULL AND occurred_at > now() - interval '5 minutes'")
          .execute()).iterator().next().getLong(0);
      after = api.get("/api/plans/" + planId).bodyAsJsonObject().getJsonObject("inputsChanged");
      if (vnSeen >= 1 && after.getLong("count") > baseline) break;
      Thread.sleep(200);
    }
    assertEquals(baseline + 1, after.getLong("count"), after.encode());
    assertEquals(1L, after.getJsonObject("types").getLong("careplan.created"), after.encode());
  }

  private static UUID firstBeneficiary(String county) {
    return PlanApi.await(app.pool().preparedQuery("SELECT b.id FROM beneficiaries b JOIN localities l "
        + "ON l.siruta = b.locality_siruta WHERE l.county = $1 ORDER BY b.id LIMIT 1")
        .execute(io.vertx.sqlclient.Tuple.of(county))).iterator().next().getUUID(0);
  }

  @Test
  @Order(8)
  @DisplayName("stopping a plan that is not running answers 409; a finished plan's stream ends at once")
  void stopFinished() {
    assertProblem(api.postEmpty("/api/plans/" + planId + "/stop"), 409, "status");
    String stream = api.readProgress(planId, 10);
    assertTrue(stream.contains("event: end\ndata: {\"status\":\"published\"}"), stream);
  }

  @Test
  @DisplayName("a body that is not JSON answers 400 naming the body")
  void malformedJson() {
    assertProblem(api.postRaw("/api/plans", "{\"county\": \"BC\", "), 400, "body");
  }

  @Test
  @DisplayName("an unknown county answers 422 naming the county")
  void unknownCounty() {
    assertProblem(api.post("/api/plans", new JsonObject().put("county", "ZZ").put("week", week)), 422, "county");
  }

  @Test
  @DisplayName("a week that does not exist answers 400 naming the week")
  void badWeek() {
    assertProblem(api.post("/api/plans", new JsonObject().put("county", COUNTY).put("week", "2026-W99")), 400, "week");
    assertProblem(api.post("/api/plans", new JsonObject().put("county", COUNTY).put("week", "next week")), 400, "week");
  }

  @Test
  @DisplayName("a time limit of 0 seconds answers 400 naming secondsLimit")
  void zeroSeconds() {
    assertProblem(api.post("/api/plans", new JsonObject().put("county", COUNTY).put("week", week).put("secondsLimit", 0)),
        400, "secondsLimit");
    assertProblem(api.post("/api/plans", new JsonObject().put("county", COUNTY).put("week", week)
        .put("kinds", new io.vertx.core.json.JsonArray().add("dinner"))), 400, "kinds");
  }

  @Test
  @DisplayName("an unknown plan id answers 404 naming the id, on every plan route")
  void unknownPlan() {
    String unknown = "/api/plans/" + UUID.randomUUID();
    assertProblem(api.get(unknown), 404, "id");
    assertProblem(api.get(unknown + "/progress"), 404, "id");
    assertProblem(api.postEmpty(unknown + "/publish"), 404, "id");
    assertProblem(api.postEmpty(unknown + "/stop"), 404, "id");
    assertProblem(api.post(unknown + "/disruptions", new JsonObject().put("type", "staff_absent").put("staffId", 1)
        .put("dates", new io.vertx.core.json.JsonArray().add(monday.toString()))), 404, "id");
    assertProblem(api.get(unknown + "/items"), 404, "id");
    assertProblem(api.get("/api/plans/not-a-uuid"), 400, "id"); // unreadable ids are refused before scope
  }

  @Test
  @Order(9)
  @DisplayName("a week with a public holiday on a weekday: nothing is placed that day, the other days are planned")
  void publicHolidaysLeftFree() {
    // the first week at least two weeks ahead with a holiday from Monday to Friday (Christmas, New Year, Easter...)
    LocalDate day = LocalDate.now(PlanApi.ZONE).plusDays(14);
    LocalDate holidayMonday = null;
    Set<LocalDate> holidays = Set.of();
    for (int w = 0; w < 60 && holidayMonday == null; w++) {
      LocalDate m = PlanRequest.monday(PlanApi.weekAhead(14 + 7 * w));
      holidays = ro.caravana.scheduler.common.PublicHolidays.of(m.getYear()).stream()
          .filter(d -> !d.isBefore(m) && !d.isAfter(m.plusDays(4))).collect(Collectors.toSet());
      if (!holidays.isEmpty()) holidayMonday = m;
    }
    assertNotNull(holidayMonday, "a weekday holiday within 60 weeks of " + day);
    String holidayWeek = String.format("%d-W%02d", holidayMonday.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR),
        holidayMonday.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    UUID id = api.start("VN", holidayWeek, SECONDS);
    JsonObject done = api.awaitFinished(id, SECONDS + 90);
    assertEquals("solved", done.getString("status"), done.encode());
    Set<LocalDate> free = holidays;
    List<JsonObject> placed = api.items(id).stream().filter(i -> i.getString("start") != null).toList();
    assertTrue(placed.size() > 20, "the other days are planned: " + placed.size());
    List<String> onHoliday = placed.stream().map(i -> i.getString("start"))
        .filter(s -> free.contains(java.time.OffsetDateTime.parse(s).atZoneSameInstant(PlanApi.ZONE).toLocalDate())).toList();
    assertEquals(List.of(), onHoliday, "placed on a public holiday " + free);
  }
}
