package ro.caravana.scheduler.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.platform.outbox.EventType;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.support.TestSystem;

/**
 * A caravan breaks down, or a centre closes, for a day of a published week: the re-plan takes that
 * caravan-day or those rooms out, leaves everything else exactly as published, and publishing it
 * tells only the families whose appointments changed.
 */
@DisplayName("Disruption: a caravan unavailable, a centre closed for a day of a published week")
class PlanDisruptionPlacesTest {

  private static final String COUNTY = "BC";
  private static final int SECONDS = 5;

  private static Vertx vertx;
  private static SchedulerApp app;
  private static PlanApi api;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    app = PlanApi.startApp(vertx);
    api = new PlanApi(vertx, app);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  /** Where and when a plan item is: what must not change for an item the disruption does not touch. */
  record Placed(Instant start, Instant end, Long staffId, Long centreId, Long roomId, Long caravanId, Integer stopSiruta) {
    static Placed of(JsonObject i) {
      return new Placed(instant(i.getString("start")), instant(i.getString("end")), i.getLong("staffId"),
          i.getLong("centreId"), i.getLong("roomId"), i.getLong("caravanId"), i.getInteger("stopSiruta"));
    }
  }

  @Test
  @DisplayName("caravan_unavailable: no consultation on that caravan that day, the others keep their times, events name the changes")
  void caravanUnavailable() {
    String week = PlanApi.weekAhead(28);
    LocalDate monday = PlanRequest.monday(week);
    UUID published = publishedPlan(week);

    // the caravan-day with the most consultations
    List<JsonObject> publishedItems = api.items(published);
    Map<String, Long> load = caravanLoad(publishedItems);
    assertFalse(load.isEmpty(), "the plan has caravan consultations");
    String busiest = load.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    long caravanId = Long.parseLong(busiest.substring(0, busiest.indexOf('|')));
    LocalDate lostDay = LocalDate.parse(busiest.substring(busiest.indexOf('|') + 1));

    // First the other caravans are taken off the weekdays they do not drive (a re-plan that moves
    // nothing), so the visits of the lost day can only join days that already have published stops.
    Set<Long> caravans = load.keySet().stream().map(k -> Long.parseLong(k.substring(0, k.indexOf('|')))).collect(Collectors.toSet());
    for (long other : caravans) {
      if (other == caravanId) continue;
      JsonArray idle = new JsonArray();
      for (int d = 0; d < 5; d++) {
        if (!load.containsKey(other + "|" + monday.plusDays(d))) idle.add(monday.plusDays(d).toString());
      }
      if (idle.isEmpty()) continue;
      UUID next = disrupt(published, new JsonObject().put("type", "caravan_unavailable").put("caravanId", other).put("dates", idle));
      JsonObject diff = api.plan(next).getJsonObject("diff");
      // nothing published moves (work left unplaced before may be placed now)
      assertEquals(0, diff.getJsonArray("moved").size() + diff.getJsonArray("removed").size(), diff.encode());
      HttpResponse<Buffer> r = api.postEmpty("/api/plans/" + next + "/publish");
      assertEquals(200, r.statusCode(), r.bodyAsString());
      published = next;
    }
    UUID first = published;
    Map<String, Told> before = api.told(COUNTY, monday);
    List<JsonObject> firstItems = api.items(first);
    Predicate<JsonObject> onLostDay = i -> Objects.equals(caravanId, i.getLong("caravanId")) && i.getString("start") != null
        && lostDay.equals(day(i.getString("start")));
    Set<String> displaced = firstItems.stream().filter(onLostDay).map(i -> i.getString("itemKey")).collect(Collectors.toSet());

    UUID replan = disrupt(first, new JsonObject().put("type", "caravan_unavailable").put("caravanId", caravanId)
        .put("dates", new JsonArray().add(lostDay.toString())));
    List<JsonObject> replanItems = api.items(replan);

    // no consultation on that caravan that day
    assertEquals(List.of(), replanItems.stream().filter(onLostDay).map(i -> i.getString("itemKey")).toList());
    // every other caravan consultation keeps its exact caravan, stop and time
    Map<String, JsonObject> now = byKey(replanItems);
    for (JsonObject was : firstItems) {
      String key = was.getString("itemKey");
      if (!"caravan".equals(was.getString("modality")) || was.getString("start") == null || displaced.contains(key)) continue;
      JsonObject is = now.get(key);
      assertNotNull(is, "item " + key + " left the plan");
      assertEquals(Placed.of(was), Placed.of(is), "caravan consultation " + key);
    }
    assertNoOneTwiceAtOnce(replanItems);
    // each displaced visit is on another caravan-day, or unplaced with a reason
    for (String key : displaced) {
      JsonObject is = now.get(key);
      assertNotNull(is, "item " + key + " left the plan");
      if (is.getString("start") == null) {
        assertNotNull(is.getJsonObject("reason"), "unplaced without a reason: " + is.encode());
      } else {
        assertFalse(onLostDay.test(is), is.encode());
        assertNotNull(is.getLong("caravanId"), is.encode());
      }
    }

    publishAndCheckEvents(first, replan, monday, before);
  }

  @Test
  @DisplayName("centre_closed: no session in that centre that day; sessions elsewhere keep their time, staff and room")
  void centreClosed() {
    String week = PlanApi.weekAhead(35);
    LocalDate monday = PlanRequest.monday(week);
    UUID first = publishedPlan(week);
    Map<String, Told> before = api.told(COUNTY, monday);

    // the centre-day with the most sessions
    List<JsonObject> firstItems = api.items(first);
    Map<String, Long> load = firstItems.stream()
        .filter(i -> i.getLong("roomId") != null && i.getLong("centreId") != null && i.getString("start") != null)
        .collect(Collectors.groupingBy(i -> i.getLong("centreId") + "|" + day(i.getString("start")), Collectors.counting()));
    assertFalse(load.isEmpty(), "the plan has sessions in centres");
    String busiest = load.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    long centreId = Long.parseLong(busiest.substring(0, busiest.indexOf('|')));
    LocalDate closedOn = LocalDate.parse(busiest.substring(busiest.indexOf('|') + 1));
    Set<Long> roomsOfCentre = firstItems.stream().filter(i -> Objects.equals(centreId, i.getLong("centreId")) && i.getLong("roomId") != null)
        .map(i -> i.getLong("roomId")).collect(Collectors.toSet());
    // a session is in the centre when it is held in one of its rooms; a remote session (telemedicine, no
    // room) only names its care plan's centre and goes on while the building is closed
    Predicate<JsonObject> inClosedCentre = i -> i.getString("start") != null && closedOn.equals(day(i.getString("start")))
        && (roomsOfCentre.contains(i.getLong("roomId"))
            || !"remote".equals(i.getString("modality")) && Objects.equals(centreId, i.getLong("centreId")));
    Set<String> affected = firstItems.stream().filter(inClosedCentre).map(i -> i.getString("itemKey")).collect(Collectors.toSet());

    UUID replan = disrupt(first, new JsonObject().put("type", "centre_closed").put("centreId", centreId)
        .put("dates", new JsonArray().add(closedOn.toString())));
    List<JsonObject> replanItems = api.items(replan);

    // no session in that centre (nor in one of its rooms) that day
    assertEquals(List.of(), replanItems.stream().filter(inClosedCentre).map(JsonObject::encode).toList());
    assertNoOneTwiceAtOnce(replanItems);
    // sessions elsewhere keep their exact time, staff and room
    Map<String, JsonObject> now = byKey(replanItems);
    List<String> movedElsewhere = new ArrayList<>();
    for (JsonObject was : firstItems) {
      String key = was.getString("itemKey");
      if (was.getString("start") == null || affected.contains(key)) continue;
      JsonObject is = now.get(key);
      assertNotNull(is, "item " + key + " left the plan");
      if (!Placed.of(was).equals(Placed.of(is))) movedElsewhere.add(was.encode() + " -> " + is.encode());
    }
    assertEquals(List.of(), movedElsewhere, "moved although not in the closed centre that day");
    // each affected session is elsewhere or on another day, or unplaced with a reason
    for (String key : affected) {
      JsonObject is = now.get(key);
      assertNotNull(is, "item " + key + " left the plan");
      if (is.getString("start") == null) assertNotNull(is.getJsonObject("reason"), "unplaced without a reason: " + is.encode());
    }

    publishAndCheckEvents(first, replan, monday, before);
  }

  /** No staff member has two placed items at the same time (the members of one group session excepted). */
  private static void assertNoOneTwiceAtOnce(List<JsonObject> items) {
    Map<Long, List<JsonObject>> byStaff = items.stream().filter(i -> i.getLong("staffId") != null && i.getString("start") != null)
        .collect(Collectors.groupingBy(i -> i.getLong("staffId")));
    List<String> clashes = new ArrayList<>();
    byStaff.forEach((staff, list) -> {
      for (int x = 0; x < list.size(); x++) {
        for (int y = x + 1; y < list.size(); y++) {
          JsonObject a = list.get(x);
          JsonObject b = list.get(y);
          if (session(a).equals(session(b))) continue;
          if (instant(a.getString("start")).isBefore(instant(b.getString("end")))
              && instant(b.getString("start")).isBefore(instant(a.getString("end")))) {
            clashes.add("staff " + staff + ": " + a.getString("itemKey") + " " + a.getString("start") + " / "
                + b.getString("itemKey") + " " + b.getString("start"));
          }
        }
      }
    });
    assertEquals(List.of(), clashes, "booked twice at once");
  }

  private static String session(JsonObject item) {
    String key = item.getString("itemKey");
    return key.contains("/") ? key.substring(0, key.indexOf('/')) : key;
  }

  /** Caravan consultations per caravan-day ({@code caravanId|date}). */
  private static Map<String, Long> caravanLoad(List<JsonObject> items) {
    return items.stream()
        .filter(i -> "caravan".equals(i.getString("modality")) && i.getLong("caravanId") != null && i.getString("start") != null)
        .collect(Collectors.groupingBy(i -> i.getLong("caravanId") + "|" + day(i.getString("start")), Collectors.counting()));
  }

  @Test
  @DisplayName("closures and out-of-service days recorded through the organisation API: a plan of that week places "
      + "nothing at a closed centre or on a caravan that does not drive that day, and still places work on the other days")
  void closuresAndOutOfService() {
    String week = PlanApi.weekAhead(42);
    LocalDate monday = PlanRequest.monday(week);
    LocalDate closedDay = monday.plusDays(1);
    LocalDate idleDay = monday.plusDays(2);
    for (Object o : api.get("/api/centres?county=" + COUNTY + "&limit=2000").bodyAsJsonObject().getJsonArray("items")) {
      JsonObject centre = (JsonObject) o;
      HttpResponse<Buffer> r = api.patch("/api/centres/" + centre.getLong("id"), new JsonObject()
          .put("version", centre.getInteger("version"))
          .put("closures", new JsonArray().add(new JsonObject().put("from", closedDay.toString()).put("to", closedDay.toString())
              .put("reason", "Dezinfecție"))));
      assertEquals(200, r.statusCode(), r.bodyAsString());
    }
    for (Object o : api.get("/api/caravans?county=" + COUNTY + "&limit=2000").bodyAsJsonObject().getJsonArray("items")) {
      JsonObject caravan = (JsonObject) o;
      HttpResponse<Buffer> r = api.patch("/api/caravans/" + caravan.getLong("id"), new JsonObject()
          .put("version", caravan.getInteger("version")).put("outOfService", new JsonArray().add(idleDay.toString())));
      assertEquals(200, r.statusCode(), r.bodyAsString());
    }
    UUID plan = api.start(COUNTY, week, SECONDS);
    JsonObject solved = api.awaitFinished(plan, SECONDS + 60);
    assertEquals("solved", solved.getString("status"), solved.encode());
    List<JsonObject> placed = api.items(plan).stream().filter(i -> i.getString("start") != null).toList();
    // sessions at a centre (a remote session names the person's centre but happens at home: a closure leaves it)
    List<LocalDate> centreDays = placed.stream().filter(i -> "centre".equals(i.getString("modality")))
        .map(i -> day(i.getString("start"))).toList();
    List<LocalDate> caravanDays = placed.stream().filter(i -> i.getLong("caravanId") != null).map(i -> day(i.getString("start")))
        .toList();
    assertFalse(centreDays.isEmpty(), "centre sessions are placed on the other days");
    assertFalse(caravanDays.isEmpty(), "caravan consultations are placed on the other days");
    assertEquals(0, centreDays.stream().filter(closedDay::equals).count(), "nothing at a centre on the day they are closed");
    assertEquals(0, caravanDays.stream().filter(idleDay::equals).count(), "no caravan drives on its out-of-service day");
  }

  private UUID publishedPlan(String week) {
    UUID first = api.start(COUNTY, week, SECONDS);
    JsonObject solved = api.awaitFinished(first, SECONDS + 60);
    assertEquals("solved", solved.getString("status"), solved.encode());
    HttpResponse<Buffer> published = api.postEmpty("/api/plans/" + first + "/publish");
    assertEquals(200, published.statusCode(), published.bodyAsString());
    return first;
  }

  private UUID disrupt(UUID base, JsonObject disruption) {
    HttpResponse<Buffer> r = api.post("/api/plans/" + base + "/disruptions", disruption);
    assertEquals(202, r.statusCode(), r.bodyAsString());
    UUID replan = UUID.fromString(r.bodyAsJsonObject().getString("id"));
    JsonObject solved = api.awaitFinished(replan, SECONDS + 60);
    assertEquals("solved", solved.getString("status"), solved.encode());
    assertEquals(base.toString(), solved.getString("basePlanId"));
    assertEquals(disruption.getString("type"), solved.getJsonObject("disruption").getString("type"));
    return replan;
  }

  /** Publishes the re-plan; the counts match its diff, and its events name exactly the changed appointments. */
  private void publishAndCheckEvents(UUID first, UUID replan, LocalDate monday, Map<String, Told> before) {
    JsonObject diff = api.plan(replan).getJsonObject("diff");
    HttpResponse<Buffer> published = api.postEmpty("/api/plans/" + replan + "/publish");
    assertEquals(200, published.statusCode(), published.bodyAsString());
    JsonObject result = published.bodyAsJsonObject().getJsonObject("appointments");
    assertEquals(diff.getJsonArray("moved").size(), result.getInteger("changed"), result.encode());
    assertEquals(diff.getJsonArray("added").size(), result.getInteger("booked"), result.encode());
    assertEquals(diff.getJsonArray("removed").size(), result.getInteger("cancelled"), result.encode());
    assertEquals("superseded", api.plan(first).getString("status"));

    Map<String, Told> after = api.told(COUNTY, monday);
    Set<String> changed = new HashSet<>();
    after.forEach((id, told) -> {
      if (!told.equals(before.get(id))) changed.add(id);
    });
    assertEquals(result.getInteger("changed") + result.getInteger("booked") + result.getInteger("cancelled"), changed.size(),
        result.encode());

    List<JsonObject> events = PlanApi.appointmentEvents(TestSystem.kafkaBootstrap(), replan, changed.size(), 60);
    Map<String, String> typeOf = new HashMap<>();
    events.forEach(e -> typeOf.merge(e.getJsonObject("payload").getString("appointmentId"), e.getString("type"),
        (a, b) -> a + "," + b));
    assertEquals(changed, typeOf.keySet());
    assertEquals(changed.size(), events.size(), "one event per changed appointment");
    for (String id : changed) {
      Told told = after.get(id);
      String expected = !before.containsKey(id) ? EventType.APPOINTMENT_BOOKED.wire()
          : "cancelled".equals(told.status()) ? EventType.APPOINTMENT_CANCELLED.wire() : EventType.APPOINTMENT_CHANGED.wire();
      assertEquals(expected, typeOf.get(id), "event for " + id);
    }
  }

  private static Map<String, JsonObject> byKey(List<JsonObject> items) {
    Map<String, JsonObject> out = new HashMap<>();
    items.forEach(i -> out.put(i.getString("itemKey"), i));
    return out;
  }

  private static Instant instant(String iso) {
    return iso == null ? null : OffsetDateTime.parse(iso).toInstant();
  }

  private static LocalDate day(String isoStart) {
    return OffsetDateTime.parse(isoStart).atZoneSameInstant(PlanApi.ZONE).toLocalDate();
  }
}
