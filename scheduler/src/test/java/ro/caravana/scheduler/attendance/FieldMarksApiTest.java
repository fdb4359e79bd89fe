package ro.caravana.scheduler.attendance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.support.TestSystem;

@DisplayName("Field attendance marks: each key once, the mark made last decides, only the crew's own appointments")
class FieldMarksApiTest {

  private static Vertx vertx;
  private static SchedulerApp app;
  private static WebClient client;
  private static FieldFixtures f;
  private static String nurse;
  private static String admin;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    app = FieldFixtures.get(TestSystem.startApp(vertx, false), 240);
    client = WebClient.create(vertx);
    f = FieldFixtures.create(app, LocalDate.now(FieldFixtures.ZONE), 4);
    nurse = f.nurseToken(app);
    admin = TestSystem.adminToken(app);
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) FieldFixtures.get(vertx.close());
  }

  private static HttpResponse<Buffer> post(String path, String token, Object body) throws Exception {
    var r = client.post(app.port(), "127.0.0.1", path).bearerTokenAuthentication(token);
    Future<HttpResponse<Buffer>> f = body instanceof JsonObject j ? r.sendJsonObject(j) : r.sendBuffer(Buffer.buffer(body.toString()));
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static JsonObject get(String path, String token) throws Exception {
    var r = client.get(app.port(), "127.0.0.1", path).bearerTokenAuthentication(token).send()
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode(), path + ": " + r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  private static JsonObject mark(UUID key, UUID appointment, String kind, OffsetDateTime at) {
    return new JsonObject().put("key", key.toString()).put("appointmentId", appointment.toString()).put("mark", kind)
        .put("markedAt", at.toString());
  }

  private static JsonArray send(String token, JsonObject... marks) throws Exception {
    var r = post("/api/field/marks", token, new JsonObject().put("marks", new JsonArray(List.of((Object[]) marks))));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getJsonArray("results");
  }

  private static long marksOf(UUID appointment) throws Exception {
    return FieldFixtures.get(app.pool().preparedQuery("SELECT count(*) FROM attendance_marks WHERE appointment_id = $1")
        .execute(Tuple.of(appointment))).iterator().next().getLong(0);
  }

  @Test
  @DisplayName("a mark sent three times is recorded once; the appointment reads fulfilled with one mark")
  void onceEach() throws Exception {
    UUID a = f.appointments.get(0);
    JsonObject m = mark(UUID.randomUUID(), a, "present", OffsetDateTime.now(FieldFixtures.ZONE).minusMinutes(3));
    assertEquals("applied", send(nurse, m).getJsonObject(0).getString("outcome"));
    assertEquals("duplicate", send(nurse, m).getJsonObject(0).getString("outcome"));
    assertEquals("duplicate", send(nurse, m, m).getJsonObject(1).getString("outcome"));
    JsonObject appointment = get("/api/appointments/" + a, admin);
    assertEquals("fulfilled", appointment.getString("status"));
    assertEquals(1L, appointment.getLong("attendanceMarks"));
    assertEquals(1, marksOf(a));
    JsonObject recorded = get("/api/appointments/" + a + "/attendance", admin).getJsonArray("items").getJsonObject(0);
    assertEquals(f.nurseEmail, recorded.getString("recordedBy"), "recorded by the signed-in account, not by the body");
  }

  @Test
  @DisplayName("two devices marking one appointment: the later mark decides whatever order they arrive in; both kept")
  void lastMarkWins() throws Exception {
    OffsetDateTime now = OffsetDateTime.now(FieldFixtures.ZONE);
    for (int order = 0; order < 2; order++) {
      UUID a = f.appointments.get(1 + order);
      JsonObject early = mark(UUID.randomUUID(), a, "absent", now.minusMinutes(30));
      JsonObject late = mark(UUID.randomUUID(), a, "present", now.minusMinutes(10));
      JsonArray results = order == 0 ? send(nurse, early, late) : send(nurse, late, early);
      assertEquals("fulfilled", get("/api/appointments/" + a, admin).getString("status"), "order " + order);
      assertEquals(2, marksOf(a));
      assertEquals(order == 0 ? "applied" : "superseded", results.getJsonObject(1).getString("outcome"));
    }
  }

  @Test
  @DisplayName("an excused absence cancels the appointment and a later present mark corrects it")
  void excusedThenPresent() throws Exception {
    UUID a = f.appointments.get(3);
    OffsetDateTime now = OffsetDateTime.now(FieldFixtures.ZONE);
    send(nurse, mark(UUID.randomUUID(), a, "excused", now.minusMinutes(20)));
    assertEquals("cancelled", get("/api/appointments/" + a, admin).getString("status"));
    send(nurse, mark(UUID.randomUUID(), a, "present", now.minusMinutes(5)));
    assertEquals("fulfilled", get("/api/appointments/" + a, admin).getString("status"));
  }

  @Test
  @DisplayName("another county's appointment is refused and nothing is written")
  void otherCounty() throws Exception {
    JsonObject r = send(nurse, mark(UUID.randomUUID(), f.otherCounty, "present", OffsetDateTime.now(FieldFixtures.ZONE)))
        .getJsonObject(0);
    assertEquals("refused", r.getString("outcome"));
    assertEquals(0, marksOf(f.otherCounty));
    assertEquals("booked", get("/api/appointments/" + f.otherCounty, admin).getString("status"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"１２３e4567-e89b-12d3-a456-426614174000\"", "\"123e4567%2De89b-12d3-a456-426614174000\"",
      "-1", "1.5", "\"12\"", "\"+123e4567-e89b-12d3-a456-42661417400\"", "\"123E4567-E89B-12D3-A456-4266141740000\""})
  @DisplayName("hostile keys and appointment ids are refused with problem+json naming the field, nothing written")
  void hostileIds(String raw) throws Exception {
    String now = "\"" + OffsetDateTime.now(FieldFixtures.ZONE) + "\"";
    for (String field : List.of("key", "appointmentId")) {
      String key = field.equals("key") ? raw : "\"" + UUID.randomUUID() + "\"";
      String appointment = field.equals("appointmentId") ? raw : "\"" + f.appointments.get(4) + "\"";
      String body = "{\"marks\":[{\"key\":" + key + ",\"appointmentId\":" + appointment + ",\"mark\":\"present\","
          + "\"markedAt\":" + now + "}]}";
      var r = post("/api/field/marks", nurse, body);
      assertTrue(r.statusCode() == 400 || r.statusCode() == 422, field + " " + raw + " -> " + r.statusCode());
      assertTrue(r.getHeader("Content-Type").startsWith("application/problem+json"));
      assertEquals("marks[0]." + field, r.bodyAsJsonObject().getString("field"), r.bodyAsString());
    }
    assertEquals(0, marksOf(f.appointments.get(4)));
  }

  @Test
  @DisplayName("marks from the future, an unknown kind and an empty list are refused")
  void badMarks() throws Exception {
    UUID a = f.appointments.get(4);
    var future = post("/api/field/marks", nurse, new JsonObject().put("marks", new JsonArray()
        .add(mark(UUID.randomUUID(), a, "present", OffsetDateTime.now(FieldFixtures.ZONE).plusHours(2)))));
    assertEquals(422, future.statusCode());
    assertEquals("marks[0].markedAt", future.bodyAsJsonObject().getString("field"));
    var kind = post("/api/field/marks", nurse, new JsonObject().put("marks", new JsonArray()
        .add(mark(UUID.randomUUID(), a, "fulfilled", OffsetDateTime.now(FieldFixtures.ZONE)))));
    assertEquals("marks[0].mark", kind.bodyAsJsonObject().getString("field"), kind.bodyAsString());
    assertEquals(422, post("/api/field/marks", nurse, new JsonObject().put("marks", new JsonArray())).statusCode());
    assertEquals(0, marksOf(a));
  }

  @Test
  @DisplayName("the crew's day lists the caravan's stops in order with their appointments and the stops' residents")
  void day() throws Exception {
    JsonObject day = get("/api/field/day?date=" + f.day, nurse);
    JsonArray places = day.getJsonArray("places");
    assertEquals(2, places.size());
    assertEquals(f.stopA, places.getJsonObject(0).getInteger("siruta"));
    assertEquals(4, places.getJsonObject(0).getJsonArray("appointments").size());
    List<String> people = new ArrayList<>();
    day.getJsonArray("people").forEach(p -> people.add(((JsonObject) p).getString("id")));
    assertTrue(people.contains(f.resident.toString()));
    assertTrue(day.encode().indexOf("Vrânceanu") < 0, "nobody of another county");
  }

  @Test
  @DisplayName("walk-ins: an existing resident and a new minimal record flagged for review, each once per key")
  void walkIns() throws Exception {
    OffsetDateTime now = OffsetDateTime.now(FieldFixtures.ZONE);
    JsonObject known = new JsonObject().put("key", UUID.randomUUID().toString()).put("stopSiruta", f.stopA)
        .put("markedAt", now.toString()).put("beneficiaryId", f.resident.toString());
    var first = post("/api/field/walk-ins", nurse, known);
    assertEquals(200, first.statusCode(), first.bodyAsString());
    assertEquals("applied", first.bodyAsJsonObject().getString("outcome"));
    var again = post("/api/field/walk-ins", nurse, known);
    assertEquals("duplicate", again.bodyAsJsonObject().getString("outcome"));
    assertEquals(first.bodyAsJsonObject().getString("appointmentId"), again.bodyAsJsonObject().getString("appointmentId"));
    JsonObject created = get("/api/appointments/" + first.bodyAsJsonObject().getString("appointmentId"), admin);
    assertEquals("fulfilled", created.getString("status"));

    JsonObject fresh = new JsonObject().put("key", UUID.randomUUID().toString()).put("stopSiruta", f.stopA)
        .put("markedAt", now.toString()).put("person", new JsonObject().put("firstName", "Petru").put("lastName", "Nou")
            .put("birthDate", "2015-02-03").put("sex", "M"));
    var n = post("/api/field/walk-ins", nurse, fresh);
    assertEquals(200, n.statusCode(), n.bodyAsString());
    post("/api/field/walk-ins", nurse, fresh);
    var flagged = FieldFixtures.get(app.pool().query(
        "SELECT count(*) FROM beneficiaries WHERE last_name = 'Nou' AND 'needs_review' = ANY(flags)").execute());
    assertEquals(1L, flagged.iterator().next().getLong(0));

    var elsewhere = post("/api/field/walk-ins", nurse, known.copy().put("key", UUID.randomUUID().toString())
        .put("stopSiruta", 1017));
    assertEquals(422, elsewhere.statusCode(), elsewhere.bodyAsString());
    assertEquals("stopSiruta", elsewhere.bodyAsJsonObject().getString("field"));
  }
}
