package ro.caravana.scheduler.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ro.caravana.scheduler.domain.ApiClient.assertProblem;
import static ro.caravana.scheduler.domain.ApiClient.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.support.TestSystem;

@DisplayName("Care plans, appointments and attendance API")
class CarePlanAndAppointmentApiTest {

  private static final String UNKNOWN = "6f1c2b1e-0000-4000-8000-000000000000";
  private static Vertx vertx;
  private static SchedulerApp app;
  private static ApiClient api;
  private static long centreId;
  private static long roomId;
  private static String beneficiaryId;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    app = await(TestSystem.startApp(vertx, false));
    api = new ApiClient(vertx, app);
    centreId = await(app.pool().query("""
        INSERT INTO community_centres (code, name, locality_siruta, address)
        VALUES ('CC-BC-01', 'Centrul comunitar Asău', 21132, 'Str. Principală nr. 1, Asău') RETURNING id""")
        .execute()).iterator().next().getLong(0);
    roomId = await(app.pool().preparedQuery(
        "INSERT INTO rooms (centre_id, name, equipment) VALUES ($1, 'Sala de kinetoterapie', '{kinetotherapy}') RETURNING id")
        .execute(Tuple.of(centreId))).iterator().next().getLong(0);
    beneficiaryId = api.send(HttpMethod.POST, "/api/beneficiaries", new JsonObject()
        .put("firstName", "Matei").put("lastName", "Cojocaru").put("birthDate", "2016-09-01").put("sex", "M")
        .put("localitySiruta", 21132).put("category", "disability").put("centreId", centreId))
        .bodyAsJsonObject().getString("id");
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
  }

  private static JsonObject plan() {
    return new JsonObject().put("service", "kinetotherapy").put("sessionsPerWeek", 2).put("minutes", 45)
        .put("modality", "centre").put("centreId", centreId).put("validFrom", "2026-01-05").put("validTo", "2026-06-30")
        .put("preferredDays", new JsonArray().add("monday").add("THURSDAY")).put("preferredFrom", "14:00")
        .put("preferredTo", "18:00");
  }

  private static JsonObject appointment() {
    return new JsonObject().put("beneficiaryId", beneficiaryId).put("service", "kinetotherapy")
        .put("modality", "centre").put("centreId", centreId).put("roomId", roomId)
        .put("startsAt", "2026-03-02T14:00:00+02:00").put("endsAt", "2026-03-02T14:45:00+02:00");
  }

  private static long count(String sql, Object... args) {
    return await(app.pool().preparedQuery(sql).execute(Tuple.from(args))).iterator().next().getLong(0);
  }

  @Test
  @DisplayName("a care plan created under a beneficiary is listed there and writes an event keyed by the beneficiary")
  void carePlanLifecycle() {
    var r = api.send(HttpMethod.POST, "/api/beneficiaries/" + beneficiaryId + "/care-plans", plan());
    assertEquals(201, r.statusCode(), r.bodyAsString());
    JsonObject p = r.bodyAsJsonObject();
    assertEquals(new JsonArray().add("MONDAY").add("THURSDAY"), p.getJsonArray("preferredDays"));
    assertEquals("CC-BC-01", p.getString("centreCode"));
    JsonObject list = api.get("/api/beneficiaries/" + beneficiaryId + "/care-plans").bodyAsJsonObject();
    assertTrue(list.getLong("total") >= 1);
    assertEquals(1, count("SELECT count(*) FROM outbox WHERE topic = 'caravana.careplans' AND event_key = $1 "
        + "AND payload->>'id' = $2", beneficiaryId, p.getString("id")));
    var updated = api.send(HttpMethod.PUT, "/api/care-plans/" + p.getString("id"),
        plan().put("beneficiaryId", beneficiaryId).put("minutes", 30).put("version", 1));
    assertEquals(200, updated.statusCode(), updated.bodyAsString());
    assertEquals(30, updated.bodyAsJsonObject().getInteger("minutes"));
    assertEquals(204, api.delete("/api/care-plans/" + p.getString("id")).statusCode());
    assertProblem(api.get("/api/care-plans/" + p.getString("id")), 404, "id");
  }

  @Test
  @DisplayName("care plans with bad input answer 400 or 422 naming the field, and unknown beneficiaries 404 or 422")
  void carePlanBadInput() {
    String nested = "/api/beneficiaries/" + beneficiaryId + "/care-plans";
    assertProblem(api.sendRaw(HttpMethod.POST, nested, "{oops"), 400, "body");
    assertProblem(api.send(HttpMethod.POST, nested, plan().put("sessionsPerWeek", "two")), 400, "sessionsPerWeek");
    assertProblem(api.send(HttpMethod.POST, nested, plan().put("sessionsPerWeek", 40)), 422, "sessionsPerWeek");
    assertProblem(api.send(HttpMethod.POST, nested, plan().put("service", "massage")), 422, "service");
    assertProblem(api.send(HttpMethod.POST, nested, plan().put("validTo", "2025-01-01")), 422, "validTo");
    assertProblem(api.send(HttpMethod.POST, nested, plan().put("preferredDays", new JsonArray().add("Luni"))), 422,
        "preferredDays");
    assertProblem(api.send(HttpMethod.POST, nested, plan().put("service", "telemedicine")), 422, "modality");
    assertProblem(api.send(HttpMethod.POST, nested, plan().put("centreId", 999999)), 422, "centreId");
    JsonObject noMinutes = plan();
    noMinutes.remove("minutes");
    assertProblem(api.send(HttpMethod.POST, nested, noMinutes), 400, "minutes");
    assertProblem(api.send(HttpMethod.POST, "/api/beneficiaries/" + UNKNOWN + "/care-plans", plan()), 404, "id");
    assertProblem(api.send(HttpMethod.POST, "/api/care-plans", plan()), 400, "beneficiaryId");
    assertProblem(api.send(HttpMethod.POST, "/api/care-plans", plan().put("beneficiaryId", UNKNOWN)), 422,
        "beneficiaryId");
    assertProblem(api.send(HttpMethod.PUT, "/api/care-plans/" + UNKNOWN, plan().put("beneficiaryId", beneficiaryId)),
        404, "id");
    assertProblem(api.get("/api/care-plans?service=massage"), 400, "service");
  }

  @Test
  @DisplayName("an attendance mark reaches the report projection through its topic: marks and minutes by county, day and service")
  void attendanceProjection() throws Exception {
    String someone = api.send(HttpMethod.POST, "/api/beneficiaries", new JsonObject()
        .put("firstName", "Ilinca").put("lastName", "Rusu").put("birthDate", "2015-02-01").put("sex", "F")
        .put("localitySiruta", 21132).put("category", "disability")).bodyAsJsonObject().getString("id");
    var r = api.send(HttpMethod.POST, "/api/appointments", new JsonObject().put("beneficiaryId", someone)
        .put("service", "counselling").put("modality", "remote")
        .put("startsAt", "2026-03-05T10:00:00Z").put("endsAt", "2026-03-05T10:50:00Z"));
    assertEquals(201, r.statusCode(), r.bodyAsString());
    String id = r.bodyAsJsonObject().getString("id");
    var mark = api.send(HttpMethod.POST, "/api/appointments/" + id + "/attendance",
        new JsonObject().put("status", "fulfilled").put("minutes", 40));
    assertEquals(201, mark.statusCode(), mark.bodyAsString());
    String today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Bucharest")).toString();
    String path = "/api/reports/attendance/marks?from=" + today + "&to=" + today + "&county=bc&service=counselling";
    JsonObject item = null;
    long deadline = System.currentTimeMillis() + 60_000;
    while (item == null && System.currentTimeMillis() < deadline) {
      JsonObject report = api.get(path).bodyAsJsonObject();
      item = report.getJsonArray("items").stream().map(JsonObject.class::cast).findFirst().orElse(null);
      if (item == null) Thread.sleep(200);
    }
    assertNotNull(item, "the mark reached the projection");
    assertEquals(new JsonObject().put("county", "BC").put("day", today).put("service", "counselling").put("arrived", 0L)
        .put("fulfilled", 1L).put("noShow", 0L).put("minutesRecorded", 40L), item);
    assertEquals(1, count("SELECT count(*) FROM report_attendance_marks WHERE appointment_id = $1::uuid", id));
    // another county's report does not have it; hostile query values are refused
    assertEquals(0, api.get(path.replace("county=bc", "county=VN")).bodyAsJsonObject().getJsonArray("items").size());
    assertProblem(api.get(path.replace("county=bc", "county=%EF%BC%A2%EF%BC%A3")), 400, "county");
    assertProblem(api.get("/api/reports/attendance/marks?from=2026-13-01"), 400, "from");
    assertProblem(api.get("/api/reports/attendance/marks?from=2026-03-10&to=2026-03-01"), 400, "to");
  }

  @Test
  @DisplayName("an appointment is booked, marked fulfilled by attendance, and both write events in the same transaction")
  void appointmentAndAttendance() {
    var r = api.send(HttpMethod.POST, "/api/appointments", appointment()
        .put("startsAt", "2026-03-09T12:00:00Z").put("endsAt", "2026-03-09T12:45:00Z"));
    assertEquals(201, r.statusCode(), r.bodyAsString());
    JsonObject a = r.bodyAsJsonObject();
    assertEquals("booked", a.getString("status"));
    assertEquals("2026-03-09T14:00+02:00", a.getString("startsAt")); // shown in Bucharest time
    String id = a.getString("id");
    JsonObject day = api.get("/api/appointments?from=2026-03-09&to=2026-03-09&county=BC").bodyAsJsonObject();
    assertEquals(1, day.getLong("total"));
    assertEquals(0, api.get("/api/appointments?from=2026-03-10").bodyAsJsonObject().getLong("total"));

    var mark = api.send(HttpMethod.POST, "/api/appointments/" + id + "/attendance",
        new JsonObject().put("status", "fulfilled").put("minutes", 45).put("recordedBy", "ST-003"));
    assertEquals(201, mark.statusCode(), mark.bodyAsString());
    assertEquals("fulfilled", mark.bodyAsJsonObject().getJsonObject("appointment").getString("status"));
    assertEquals("fulfilled", api.get("/api/appointments/" + id).bodyAsJsonObject().getString("status"));
    JsonObject marks = api.get("/api/appointments/" + id + "/attendance").bodyAsJsonObject();
    assertEquals(1, marks.getLong("total"));
    // who recorded it is the signed-in account, not what the body claims
    assertEquals("admin@caravana.test", marks.getJsonArray("items").getJsonObject(0).getString("recordedBy"));
    assertEquals(1, count("SELECT count(*) FROM outbox WHERE topic = 'caravana.attendance' AND event_key = $1",
        beneficiaryId));
    assertEquals(2, count("SELECT count(*) FROM outbox WHERE topic = 'caravana.appointments' AND payload->>'appointmentId' = $1", id));

    // fulfilled is final
    assertProblem(api.send(HttpMethod.PATCH, "/api/appointments/" + id, new JsonObject().put("status", "cancelled")),
        409, "status");
    assertProblem(api.send(HttpMethod.POST, "/api/appointments/" + id + "/attendance",
        new JsonObject().put("status", "noshow").put("recordedBy", "ST-003")), 409, "status");
  }

  @Test
  @DisplayName("a status change checks the version and the allowed transitions")
  void statusChanges() {
    String id = api.send(HttpMethod.POST, "/api/appointments", appointment().put("status", "proposed"))
        .bodyAsJsonObject().getString("id");
    assertProblem(api.send(HttpMethod.PATCH, "/api/appointments/" + id,
        new JsonObject().put("status", "booked").put("version", 7)), 409, "version");
    var booked = api.send(HttpMethod.PATCH, "/api/appointments/" + id,
        new JsonObject().put("status", "booked").put("version", 1));
    assertEquals(200, booked.statusCode(), booked.bodyAsString());
    assertEquals(2, booked.bodyAsJsonObject().getInteger("version"));
    assertProblem(api.send(HttpMethod.PATCH, "/api/appointments/" + id, new JsonObject().put("status", "paused")), 422,
        "status");
    assertProblem(api.send(HttpMethod.PATCH, "/api/appointments/" + id, new JsonObject()), 400, "status");
    assertEquals("cancelled", api.send(HttpMethod.PATCH, "/api/appointments/" + id,
        new JsonObject().put("status", "cancelled")).bodyAsJsonObject().getString("status"));
    assertProblem(api.send(HttpMethod.PATCH, "/api/appointments/" + UNKNOWN, new JsonObject().put("status", "booked")),
        404, "id");
  }

  @Test
  @DisplayName("a coordinator's cancellation carries its reason class; undoing it needs a reason; every change is recorded")
  void cancellationAndUndo() {
    var r = api.send(HttpMethod.POST, "/api/appointments", appointment()
        .put("startsAt", "2030-03-11T08:00:00Z").put("endsAt", "2030-03-11T08:45:00Z"));
    String id = r.bodyAsJsonObject().getString("id");
    assertProblem(api.send(HttpMethod.PATCH, "/api/appointments/" + id,
        new JsonObject().put("status", "cancelled").put("reasonClass", "bored")), 422, "reasonClass");
    var cancelled = api.send(HttpMethod.PATCH, "/api/appointments/" + id,
        new JsonObject().put("status", "cancelled").put("reasonClass", "staff_ill"));
    assertEquals(200, cancelled.statusCode(), cancelled.bodyAsString());
    assertEquals(1, count("SELECT count(*) FROM outbox WHERE event_type = 'appointment.cancelled' "
        + "AND payload->>'appointmentId' = $1 AND payload->>'reason' = 'staff_ill' AND payload->>'actor' = 'account'", id));
    assertEquals(1, count("SELECT count(*) FROM outbox WHERE event_type = 'slot.freed' AND payload->>'appointmentId' = $1",
        id));
    // no personal data in the event
    assertEquals(0, count("SELECT count(*) FROM outbox WHERE payload->>'appointmentId' = $1 "
        + "AND (payload ? 'beneficiaryName' OR payload ? 'phone' OR payload ? 'cnp' OR payload ? 'staffName')", id));
    assertProblem(api.send(HttpMethod.PATCH, "/api/appointments/" + id, new JsonObject().put("status", "booked")),
        422, "reason");
    assertProblem(api.send(HttpMethod.PATCH, "/api/appointments/" + id, new JsonObject().put("status", "arrived")),
        409, "status");
    var restored = api.send(HttpMethod.PATCH, "/api/appointments/" + id, new JsonObject().put("status", "booked")
        .put("reasonClass", "correction").put("reason", "Anulată din greșeală / cancelled by mistake"));
    assertEquals(200, restored.statusCode(), restored.bodyAsString());
    assertEquals("booked", restored.bodyAsJsonObject().getString("status"));
    assertEquals(3, count("SELECT count(*) FROM appointment_status_changes WHERE appointment_id = $1 "
        + "AND actor_kind = 'account' AND actor_ref IS NOT NULL", java.util.UUID.fromString(id)));
    assertEquals(1, count("SELECT count(*) FROM appointment_status_changes WHERE appointment_id = $1 "
        + "AND from_status = 'cancelled' AND to_status = 'booked' AND reason_class = 'correction' "
        + "AND reason LIKE 'Anulată din greșeală%'", java.util.UUID.fromString(id)));
  }

  @Test
  @DisplayName("appointments with bad input answer 400 or 422 naming the field and leave nothing behind")
  void appointmentBadInput() {
    long before = count("SELECT count(*) FROM appointments");
    assertProblem(api.sendRaw(HttpMethod.POST, "/api/appointments", "not json"), 400, "body");
    assertProblem(api.send(HttpMethod.POST, "/api/appointments", appointment().put("startsAt", "tomorrow")), 400,
        "startsAt");
    assertProblem(api.send(HttpMethod.POST, "/api/appointments", appointment().put("endsAt", "2026-03-02T13:00:00+02:00")),
        422, "endsAt");
    assertProblem(api.send(HttpMethod.POST, "/api/appointments", appointment().put("beneficiaryId", 12)), 400,
        "beneficiaryId");
    assertProblem(api.send(HttpMethod.POST, "/api/appointments", appointment().put("beneficiaryId", UNKNOWN)), 422,
        "beneficiaryId");
    assertProblem(api.send(HttpMethod.POST, "/api/appointments", appointment().put("staffId", 99999)), 422, "staffId");
    assertProblem(api.send(HttpMethod.POST, "/api/appointments", appointment().put("roomId", 99999)), 422, "roomId");
    assertProblem(api.send(HttpMethod.POST, "/api/appointments", appointment().put("carePlanId", UNKNOWN)), 422,
        "carePlanId");
    assertProblem(api.send(HttpMethod.POST, "/api/appointments", appointment().put("status", "fulfilled")), 422,
        "status");
    assertProblem(api.send(HttpMethod.POST, "/api/appointments", appointment().put("modality", "caravan")), 422,
        "stopSiruta");
    assertProblem(api.send(HttpMethod.POST, "/api/appointments/" + UNKNOWN + "/attendance",
        new JsonObject().put("status", "arrived").put("recordedBy", "ST-001")), 404, "id");
    assertProblem(api.send(HttpMethod.POST, "/api/appointments/" + UNKNOWN + "/attendance",
        new JsonObject().put("status", "late").put("recordedBy", "ST-001")), 422, "status");
    assertProblem(api.get("/api/appointments?from=2026-13-01"), 400, "from");
    assertEquals(before, count("SELECT count(*) FROM appointments"));
  }
}
