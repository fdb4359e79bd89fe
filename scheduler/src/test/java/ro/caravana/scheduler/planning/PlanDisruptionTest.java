package ro.caravana.scheduler.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.platform.outbox.EventType;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.support.TestSystem;

/**
 * A therapist falls ill after the week was published: the re-plan moves only what the absence
 * touches, and publishing it tells only the families whose appointments changed.
 */
@DisplayName("Disruption: a kinetotherapist absent for a day of a published week")
class PlanDisruptionTest {

  private static final String COUNTY = "BC";
  private static final int SECONDS = 6;

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

  @Test
  @DisplayName("only the absent therapist's sessions of that day move, and only their families get events; a call-off cancels one")
  void staffAbsent() {
    String week = PlanApi.weekAhead(21);
    LocalDate monday = PlanRequest.monday(week);
    UUID first = api.start(COUNTY, week, SECONDS);
    assertEquals("solved", api.awaitFinished(first, SECONDS + 60).getString("status"));
    assertEquals(200, api.postEmpty("/api/plans/" + first + "/publish").statusCode());
    Map<String, Told> before = api.told(COUNTY, monday);

    // the kinetotherapist with the most sessions on one weekday of the plan, and that day
    Map<String, Long> load = api.items(first).stream()
        .filter(i -> "kinetotherapy".equals(i.getString("service")) && i.getLong("staffId") != null)
        .collect(Collectors.groupingBy(i -> i.getLong("staffId") + "|" + day(i.getString("start")), Collectors.counting()));
    String busiest = load.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    long staffId = Long.parseLong(busiest.substring(0, busiest.indexOf('|')));
    LocalDate absentOn = LocalDate.parse(busiest.substring(busiest.indexOf('|') + 1));
    Set<String> affected = api.appointments(COUNTY, absentOn, absentOn, "booked").stream()
        .filter(a -> Objects.equals(staffId, a.getLong("staffId"))).map(a -> a.getString("id")).collect(Collectors.toSet());
    assertFalse(affected.isEmpty(), "the chosen therapist has appointments that day");

    // days that are all outside the plan's week would re-plan for nothing: 422 naming the dates, no plan queued
    PlanApi.assertProblem(api.post("/api/plans/" + first + "/disruptions", new JsonObject().put("type", "staff_absent")
        .put("staffId", staffId).put("dates", new JsonArray().add(monday.minusDays(1).toString())
            .add(monday.plusDays(7).toString()))), 422, "dates");
    HttpResponse<Buffer> r = api.post("/api/plans/" + first + "/disruptions", new JsonObject().put("type", "staff_absent")
        .put("staffId", staffId).put("dates", new JsonArray().add(absentOn.toString())));
    assertEquals(202, r.statusCode(), r.bodyAsString());
    UUID replan = UUID.fromString(r.bodyAsJsonObject().getString("id"));
    JsonObject solved = api.awaitFinished(replan, SECONDS + 60);
    assertEquals("solved", solved.getString("status"), solved.encode());
    assertEquals(first.toString(), solved.getString("basePlanId"));
    assertEquals("staff_absent", solved.getJsonObject("disruption").getString("type"));

    JsonObject diff = solved.getJsonObject("diff");
    JsonArray moved = diff.getJsonArray("moved");
    JsonArray added = diff.getJsonArray("added");
    JsonArray removed = diff.getJsonArray("removed");
    int unchanged = diff.getInteger("unchanged");
    assertTrue(unchanged > 100, diff.encode());
    // every moved item says from when to when, for whom
    for (Object o : moved) {
      JsonObject m = (JsonObject) o;
      assertTrue(m.containsKey("beneficiaryId") && m.getJsonObject("from").getString("start") != null
          && m.getJsonObject("to").getString("start") != null, m.encode());
    }
    // nothing the absence did not touch moves
    Set<String> movedFromElsewhere = new HashSet<>();
    for (Object o : moved) {
      JsonObject from = ((JsonObject) o).getJsonObject("from");
      if (!(Objects.equals(staffId, from.getLong("staffId")) && absentOn.equals(day(from.getString("start"))))) {
        movedFromElsewhere.add(((JsonObject) o).getString("itemKey"));
      }
    }
    assertEquals(Set.of(), movedFromElsewhere, "moved although not affected");

    HttpResponse<Buffer> published = api.postEmpty("/api/plans/" + replan + "/publish");
    assertEquals(200, published.statusCode(), published.bodyAsString());
    JsonObject result = published.bodyAsJsonObject().getJsonObject("appointments");
    assertEquals(moved.size(), result.getInteger("changed"), result.encode());
    assertEquals(added.size(), result.getInteger("booked"), result.encode());
    assertEquals(removed.size(), result.getInteger("cancelled"), result.encode());
    assertEquals("superseded", api.plan(first).getString("status"));

    Map<String, Told> after = api.told(COUNTY, monday);
    Set<String> changed = new HashSet<>();
    after.forEach((id, now) -> {
      if (!now.equals(before.get(id))) changed.add(id);
    });
    assertEquals(result.getInteger("changed") + result.getInteger("booked") + result.getInteger("cancelled"), changed.size());
    // appointments the absence did not touch keep their exact times, staff and room
    for (var e : before.entrySet()) {
      if (!affected.contains(e.getKey())) assertEquals(e.getValue(), after.get(e.getKey()), "appointment " + e.getKey());
    }
    // every affected appointment was moved or cancelled
    assertTrue(changed.containsAll(affected), "affected but unchanged: " + affected.stream()
        .filter(a -> !changed.contains(a)).toList());
    // the absent therapist has nothing booked that day any more
    assertEquals(List.of(), api.appointments(COUNTY, absentOn, absentOn, "booked").stream()
        .filter(a -> Objects.equals(staffId, a.getLong("staffId"))).toList());

    // the events of this publish name exactly the changed appointments, with the right type
    List<JsonObject> events = PlanApi.appointmentEvents(TestSystem.kafkaBootstrap(), replan, changed.size(), 60);
    Map<String, String> typeOf = new HashMap<>();
    events.forEach(e -> typeOf.merge(e.getJsonObject("payload").getString("appointmentId"), e.getString("type"),
        (a, b) -> a + "," + b));
    assertEquals(changed, typeOf.keySet());
    assertEquals(changed.size(), events.size(), "one event per changed appointment");
    for (String id : changed) {
      Told now = after.get(id);
      String expected = !before.containsKey(id) ? EventType.APPOINTMENT_BOOKED.wire()
          : "cancelled".equals(now.status()) ? EventType.APPOINTMENT_CANCELLED.wire() : EventType.APPOINTMENT_CHANGED.wire();
      assertEquals(expected, typeOf.get(id), "event for " + id);
    }

    // then a family calls one appointment off: only that one is cancelled
    String calledOff = after.entrySet().stream().filter(e -> "booked".equals(e.getValue().status()))
        .map(Map.Entry::getKey).sorted().findFirst().orElseThrow();
    HttpResponse<Buffer> c = api.post("/api/plans/" + replan + "/disruptions", new JsonObject()
        .put("type", "beneficiary_cancelled").put("appointmentId", calledOff));
    assertEquals(202, c.statusCode(), c.bodyAsString());
    UUID third = UUID.fromString(c.bodyAsJsonObject().getString("id"));
    JsonObject thirdPlan = api.awaitFinished(third, SECONDS + 60);
    assertEquals("solved", thirdPlan.getString("status"), thirdPlan.encode());
    assertEquals(1, thirdPlan.getJsonObject("diff").getJsonArray("removed").size(), thirdPlan.getJsonObject("diff").encode());
    assertEquals(0, thirdPlan.getJsonObject("diff").getJsonArray("moved").size(), thirdPlan.getJsonObject("diff").encode());
    HttpResponse<Buffer> thirdPublished = api.postEmpty("/api/plans/" + third + "/publish");
    assertEquals(200, thirdPublished.statusCode(), thirdPublished.bodyAsString());
    JsonObject last = thirdPublished.bodyAsJsonObject().getJsonObject("appointments");
    assertEquals(1, last.getInteger("cancelled"), last.encode());
    assertEquals(0, last.getInteger("changed"), last.encode());
    Map<String, Told> end = api.told(COUNTY, monday);
    assertEquals("cancelled", end.get(calledOff).status());
    for (var e : after.entrySet()) {
      if (!e.getKey().equals(calledOff) && "booked".equals(e.getValue().status())) {
        assertEquals(e.getValue(), end.get(e.getKey()), "appointment " + e.getKey());
      }
    }
    // the absence still holds in the plan after it
    assertEquals(List.of(), api.appointments(COUNTY, absentOn, absentOn, "booked").stream()
        .filter(a -> Objects.equals(staffId, a.getLong("staffId"))).toList());
  }

  @Test
  @DisplayName("a disruption with an unknown type or without dates answers 400 naming the field")
  void badDisruption() {
    UUID plan = UUID.randomUUID(); // the body is checked before the plan is looked up
    PlanApi.assertProblem(api.post("/api/plans/" + plan + "/disruptions", new JsonObject().put("type", "flood")), 400, "type");
    PlanApi.assertProblem(api.post("/api/plans/" + plan + "/disruptions",
        new JsonObject().put("type", "staff_absent").put("staffId", 3)), 400, "dates");
    PlanApi.assertProblem(api.post("/api/plans/" + plan + "/disruptions",
        new JsonObject().put("type", "caravan_unavailable").put("dates", new JsonArray().add("2026-12-01"))), 400, "caravanId");
    // every field at fault at once, in one problem's errors list
    JsonObject both = PlanApi.assertProblem(api.post("/api/plans/" + plan + "/disruptions", new JsonObject()
        .put("type", "staff_absent").put("staffId", "٣").put("dates", new JsonArray().add("٢٠٢٦-12-01"))), 400, "staffId");
    assertEquals(List.of("staffId", "dates"), both.getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("field")).toList(), both.encode());
  }

  private static LocalDate day(String isoStart) {
    return OffsetDateTime.parse(isoStart).atZoneSameInstant(PlanApi.ZONE).toLocalDate();
  }
}
