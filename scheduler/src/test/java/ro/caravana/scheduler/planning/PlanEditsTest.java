package ro.caravana.scheduler.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ro.caravana.scheduler.planning.PlanApi.assertProblem;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import ro.caravana.scheduler.SchedulerApp;

/**
 * Manual edits of a solved plan through the API: a move scored by the solver's constraints (what it breaks, what
 * it improves, in words), dry runs that store nothing, pins, re-solving around the edits, and refused input. The
 * steps share one timetable plan of Bacău and run in order.
 */
@DisplayName("Manual edits of a draft plan: moves with the score explanation, pins, re-solve")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlanEditsTest {

  private static Vertx vertx;
  private static SchedulerApp app;
  private static PlanApi api;
  private static UUID planId;
  /** Two individual sessions of the same staff member at different times. */
  private static JsonObject a;
  private static JsonObject b;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    app = PlanApi.startApp(vertx);
    api = new PlanApi(vertx, app);
    HttpResponse<Buffer> r = api.post("/api/plans", new JsonObject().put("county", "BC").put("week", PlanApi.weekAhead(21))
        .put("kinds", new JsonArray().add("timetable")).put("secondsLimit", 4));
    assertEquals(202, r.statusCode(), r.bodyAsString());
    planId = UUID.fromString(r.bodyAsJsonObject().getString("id"));
    assertEquals("solved", api.awaitFinished(planId, 120).getString("status"));
    List<JsonObject> placed = api.items(planId).stream()
        .filter(i -> i.getString("start") != null && !i.getString("itemKey").contains("/") && i.getLong("roomId") != null)
        .toList();
    Map<Long, List<JsonObject>> byStaff = placed.stream().collect(Collectors.groupingBy(i -> i.getLong("staffId")));
    List<JsonObject> two = byStaff.values().stream().filter(l -> l.size() >= 2).findFirst().orElseThrow();
    a = two.get(0);
    b = two.stream().filter(i -> !i.getString("start").equals(two.get(0).getString("start"))).findFirst().orElseThrow();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static JsonObject move(UUID plan, JsonObject item, String start, long staffId, Long roomId, boolean dryRun) {
    HttpResponse<Buffer> r = api.post("/api/plans/" + plan + "/moves", new JsonObject().put("session", item.getString("itemKey"))
        .put("start", start).put("staffId", staffId).put("roomId", roomId).put("dryRun", dryRun));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  private static JsonObject session(UUID plan, String key) {
    HttpResponse<Buffer> r = api.get("/api/plans/" + plan + "/moves?session=" + key);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  private static JsonObject item(UUID plan, String key) {
    return api.items(plan).stream().filter(i -> i.getString("itemKey").equals(key)).findFirst().orElseThrow();
  }

  private static Set<String> constraints(JsonArray effects) {
    return effects.stream().map(o -> ((JsonObject) o).getString("constraint")).collect(Collectors.toSet());
  }

  @Test
  @Order(1)
  @DisplayName("a session's options: its place, the staff and rooms it may take, not pinned")
  void sessionOptions() {
    JsonObject s = session(planId, b.getString("itemKey"));
    assertEquals(b.getLong("staffId"), s.getLong("staffId"));
    assertTrue(OffsetDateTime.parse(s.getString("start")).isEqual(OffsetDateTime.parse(b.getString("start"))), s.encode());
    assertFalse(s.getBoolean("pinned"));
    assertTrue(s.getJsonArray("staffOptions").stream().anyMatch(o -> ((JsonObject) o).getLong("id").equals(b.getLong("staffId"))));
    assertTrue(s.getJsonArray("roomOptions").stream().anyMatch(o -> ((JsonObject) o).getLong("id").equals(b.getLong("roomId"))));
  }

  @Test
  @Order(2)
  @DisplayName("moving a session onto its therapist's other session: a dry run says it breaks a mandatory rule and stores nothing")
  void dryRunConflict() {
    JsonObject r = move(planId, b, a.getString("start"), b.getLong("staffId"), b.getLong("roomId"), true);
    assertEquals("worse", r.getString("verdict"), r.encode());
    assertTrue(constraints(r.getJsonArray("breaks")).contains("Staff double-booked"), r.encode());
    String ro = r.getJsonObject("summary").getString("ro");
    assertTrue(ro.contains("regulă obligatorie"), ro);
    JsonObject effect = r.getJsonArray("breaks").stream().map(o -> (JsonObject) o)
        .filter(e -> e.getString("constraint").equals("Staff double-booked")).findFirst().orElseThrow();
    assertTrue(effect.getString("ro").startsWith("Specialist programat de două ori"), effect.encode());
    assertFalse(effect.getString("ro").matches(".*-?[0-9]+(hard|medium|soft).*"), effect.encode());
    assertTrue(OffsetDateTime.parse(item(planId, b.getString("itemKey")).getString("start"))
        .isEqual(OffsetDateTime.parse(b.getString("start"))), "a dry run stores nothing");
  }

  @Test
  @Order(3)
  @DisplayName("the move stored: the session sits at the new time and is pinned; moving it back resolves the conflict")
  void moveAndBack() {
    JsonObject r = move(planId, b, a.getString("start"), b.getLong("staffId"), b.getLong("roomId"), false);
    assertEquals("worse", r.getString("verdict"));
    JsonObject now = item(planId, b.getString("itemKey"));
    assertTrue(OffsetDateTime.parse(now.getString("start")).isEqual(OffsetDateTime.parse(a.getString("start"))), now.encode());
    assertTrue(session(planId, b.getString("itemKey")).getBoolean("pinned"));
    JsonObject plan = api.plan(planId);
    assertTrue(plan.getJsonObject("score").getLong("hard") < 0, "the stored score knows the conflict: " + plan.encode());

    JsonObject back = move(planId, b, b.getString("start"), b.getLong("staffId"), b.getLong("roomId"), false);
    assertEquals("better", back.getString("verdict"), back.encode());
    assertTrue(constraints(back.getJsonArray("improves")).contains("Staff double-booked"), back.encode());
    assertEquals("Mutarea rezolvă un conflict.", back.getJsonObject("summary").getString("ro"));
    assertEquals(0L, api.plan(planId).getJsonObject("score").getLong("hard"));
  }

  @Test
  @Order(4)
  @DisplayName("pin and unpin a session")
  void pins() {
    String key = a.getString("itemKey");
    HttpResponse<Buffer> r = api.post("/api/plans/" + planId + "/pins", new JsonObject().put("session", key).put("pinned", true));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertTrue(session(planId, key).getBoolean("pinned"));
    api.post("/api/plans/" + planId + "/pins", new JsonObject().put("session", key).put("pinned", false));
    assertFalse(session(planId, key).getBoolean("pinned"));
    api.post("/api/plans/" + planId + "/pins", new JsonObject().put("session", key).put("pinned", true));
    assertProblem(api.post("/api/plans/" + planId + "/pins", new JsonObject().put("session", "no-such-session").put("pinned", true)),
        404, "session");
    assertProblem(api.post("/api/plans/" + planId + "/pins", new JsonObject().put("session", key).put("pinned", "true")),
        400, "pinned");
  }

  @Test
  @Order(5)
  @DisplayName("refused input: every invalid field at once, other counties' staff, rooms of another centre, unknown sessions")
  void refused() {
    String path = "/api/plans/" + planId + "/moves";
    JsonObject all = assertProblem(api.post(path, new JsonObject()), 400, "session");
    Set<String> fields = all.getJsonArray("errors").stream().map(o -> ((JsonObject) o).getString("field")).collect(Collectors.toSet());
    assertEquals(Set.of("session", "start", "staffId"), fields, all.encode());
    JsonObject valid = new JsonObject().put("session", b.getString("itemKey")).put("start", b.getString("start"))
        .put("staffId", b.getLong("staffId")).put("roomId", b.getLong("roomId")).put("dryRun", true);
    for (Object hostile : List.of("19", 19.5, -1, "١٩", "+19", "1e3")) {
      assertProblem(api.post(path, valid.copy().put("staffId", hostile)), 400, "staffId");
    }
    assertProblem(api.post(path, valid.copy().put("session", "no-such-session")), 404, "session");
    assertProblem(api.post(path, valid.copy().put("start", "2026-13-01T10:00")), 400, "start");
    assertProblem(api.post(path, valid.copy().put("start", OffsetDateTime.parse(b.getString("start")).plusDays(9).toString())),
        422, "start");
    assertProblem(api.post(path, valid.copy().put("start", OffsetDateTime.parse(b.getString("start")).plusMinutes(5).toString())),
        422, "start");
    long vnStaff = PlanApi.await(app.pool().query("SELECT id FROM staff WHERE county = 'VN' ORDER BY id LIMIT 1").execute())
        .iterator().next().getLong(0);
    assertProblem(api.post(path, valid.copy().put("staffId", vnStaff)), 422, "staffId");
    long otherRoom = PlanApi.await(app.pool().preparedQuery("SELECT id FROM rooms WHERE centre_id <> $1 ORDER BY id LIMIT 1")
        .execute(io.vertx.sqlclient.Tuple.of(b.getLong("centreId")))).iterator().next().getLong(0);
    assertProblem(api.post(path, valid.copy().put("roomId", otherRoom)), 422, "roomId");
    JsonObject list = api.get(path).bodyAsJsonObject();
    assertTrue(list.getJsonArray("items").stream().map(o -> (JsonObject) o)
        .anyMatch(o -> o.getString("session").equals(b.getString("itemKey")) && o.getBoolean("pinned")), list.encode());
    assertProblem(api.get(path + "?session=%E2%80%AE" + b.getString("itemKey")), 404, "session");
    assertProblem(api.post("/api/plans/" + UUID.randomUUID() + "/moves", valid), 404, "id");
  }

  @Test
  @Order(6)
  @DisplayName("re-solve around the edits: a timetable re-plan in which the pinned session stays and stays pinned")
  void resolve() {
    // the pinned session moves to a free hour of its therapist first, so staying is visible
    HttpResponse<Buffer> r = api.postEmpty("/api/plans/" + planId + "/resolve");
    assertEquals(202, r.statusCode(), r.bodyAsString());
    UUID replan = UUID.fromString(r.bodyAsJsonObject().getString("id"));
    JsonObject done = api.awaitFinished(replan, 120);
    assertEquals("solved", done.getString("status"), done.encode());
    assertEquals(planId.toString(), done.getString("basePlanId"));
    Function<JsonObject, String> place = i -> OffsetDateTime.parse(i.getString("start")).toInstant() + "|"
        + i.getLong("staffId") + "|" + i.getLong("roomId");
    JsonObject was = item(planId, a.getString("itemKey"));
    JsonObject now = item(replan, a.getString("itemKey"));
    assertEquals(place.apply(was), place.apply(now));
    assertTrue(session(replan, a.getString("itemKey")).getBoolean("pinned"), "the pin is kept in the re-plan");
    assertNotEquals(0, done.getJsonObject("counts").getInteger("assigned"));
  }

  @Test
  @Order(7)
  @DisplayName("a published plan is not edited by hand: 409")
  void publishedRefused() {
    HttpResponse<Buffer> p = api.postEmpty("/api/plans/" + planId + "/publish");
    assertEquals(200, p.statusCode(), p.bodyAsString());
    assertProblem(api.post("/api/plans/" + planId + "/moves", new JsonObject().put("session", b.getString("itemKey"))
        .put("start", b.getString("start")).put("staffId", b.getLong("staffId")).put("roomId", b.getLong("roomId"))), 409, "status");
    assertProblem(api.post("/api/plans/" + planId + "/pins", new JsonObject().put("session", b.getString("itemKey"))
        .put("pinned", false)), 409, "status");
    assertProblem(api.postEmpty("/api/plans/" + planId + "/resolve"), 409, "status");
  }
}
