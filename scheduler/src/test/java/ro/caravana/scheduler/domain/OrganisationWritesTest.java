package ro.caravana.scheduler.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ro.caravana.scheduler.domain.ApiClient.assertProblem;
import static ro.caravana.scheduler.domain.ApiClient.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.access.Role;
import ro.caravana.scheduler.support.TestSystem;

@DisplayName("Organisation writes: centres, rooms, staff, caravans")
class OrganisationWritesTest {

  private static final int ONESTI = 20572;   // Onești, Bacău
  private static final int FOCSANI = 174753; // Focșani, Vrancea
  private static final int CLUJ = 54984;     // Cluj-Napoca, Cluj (not served)
  private static Vertx vertx;
  private static SchedulerApp app;
  private static ApiClient api;
  private static String vnCoordinator;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    app = await(TestSystem.startApp(vertx, false));
    api = new ApiClient(vertx, app);
    var account = await(app.access().createAccount("coord.vn@dgaspc.test", "VN", Role.COUNTY_COORDINATOR, List.of("VN"),
        null, null, UUID.randomUUID().toString()));
    vnCoordinator = app.access().tokens().issue(account);
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
  }

  static JsonObject centreBody(String code, int siruta) {
    return new JsonObject().put("code", code).put("name", "Centrul comunitar " + code).put("localitySiruta", siruta)
        .put("address", "Str. Școlii nr. 5")
        .put("openingHours", new JsonObject().put("MONDAY", new JsonObject().put("open", "08:00").put("close", "16:00")))
        .put("closures", new JsonArray().add(new JsonObject().put("from", "2026-12-24").put("to", "2026-12-27")
            .put("reason", "Crăciun")));
  }

  private static List<Object> events(String type) {
    return await(app.pool().preparedQuery("SELECT payload FROM outbox WHERE event_type = $1 ORDER BY created_at")
        .execute(Tuple.of(type))).stream().map(r -> r.getValue(0)).toList();
  }

  @Test
  @DisplayName("a centre with a room, a caravan and a staff member are created (201 with id and version), changed with "
      + "their version, and a stale version is 409; each change writes its event")
  void createAndChange() {
    var centre = api.send(HttpMethod.POST, "/api/centres", centreBody("CC-BC-90", ONESTI));
    assertEquals(201, centre.statusCode(), centre.bodyAsString());
    long centreId = centre.bodyAsJsonObject().getLong("id");
    assertEquals(1, centre.bodyAsJsonObject().getInteger("version"));
    assertEquals("BC", centre.bodyAsJsonObject().getString("county"));
    assertEquals("/api/centres/" + centreId, centre.getHeader("Location"));

    var room = api.send(HttpMethod.POST, "/api/centres/" + centreId + "/rooms", new JsonObject().put("name", "Sala 1")
        .put("kind", "telemedicine").put("equipment", new JsonArray().add("telemedicine_station")).put("capacity", 2));
    assertEquals(201, room.statusCode(), room.bodyAsString());
    long roomId = room.bodyAsJsonObject().getLong("id");
    assertEquals(1, api.get("/api/centres/" + centreId + "/rooms").bodyAsJsonObject().getLong("total"));

    var caravan = api.send(HttpMethod.POST, "/api/caravans", new JsonObject().put("code", "CAR-BC-9").put("name", "Caravana 9")
        .put("county", "BC").put("depotSiruta", ONESTI).put("crew", new JsonArray().add("doctor").add("nurse"))
        .put("consultationsPerDay", 20).put("shiftStart", "08:00").put("shiftEnd", "16:00")
        .put("equipment", new JsonArray().add("telemedicine_station")).put("outOfService", new JsonArray().add("2026-12-01")));
    assertEquals(201, caravan.statusCode(), caravan.bodyAsString());
    long caravanId = caravan.bodyAsJsonObject().getLong("id");
    assertEquals(new JsonArray().add("2026-12-01"), caravan.bodyAsJsonObject().getJsonArray("outOfService"));

    var staff = api.send(HttpMethod.POST, "/api/staff", new JsonObject().put("code", "ST-BC-900").put("firstName", "Ioana")
        .put("lastName", "Munteanu").put("role", "kinetotherapist").put("skills", new JsonArray().add("kinetotherapy"))
        .put("county", "BC").put("centreId", centreId).put("workCentreIds", new JsonArray().add(centreId))
        .put("caravanId", caravanId).put("phone", "0722 123 456")
        .put("weeklyAvailability", new JsonObject().put("MONDAY", new JsonArray().add(new JsonObject().put("from", "08:00").put("to", "14:00"))))
        .put("leave", new JsonArray().add(new JsonObject().put("from", "2026-08-01").put("to", "2026-08-14").put("reason", "leave"))));
    assertEquals(201, staff.statusCode(), staff.bodyAsString());
    JsonObject s = staff.bodyAsJsonObject();
    assertEquals("+40722123456", s.getString("phone"));
    assertEquals(1, s.getJsonArray("leave").size());
    long staffId = s.getLong("id");

    // a change with the right version moves it on; the same old version again is stale
    var changed = api.send(HttpMethod.PATCH, "/api/centres/" + centreId, new JsonObject().put("version", 1).put("name", "Centrul Onești"));
    assertEquals(200, changed.statusCode(), changed.bodyAsString());
    assertEquals(2, changed.bodyAsJsonObject().getInteger("version"));
    assertEquals("Centrul Onești", changed.bodyAsJsonObject().getString("name"));
    assertEquals("Str. Școlii nr. 5", changed.bodyAsJsonObject().getString("address"), "fields not named stay");
    var stale = api.send(HttpMethod.PATCH, "/api/centres/" + centreId, new JsonObject().put("version", 1).put("name", "Altul"));
    assertProblem(stale, 409, "version");
    assertEquals("Centrul Onești", api.get("/api/centres/" + centreId).bodyAsJsonObject().getString("name"));
    assertProblem(api.send(HttpMethod.PATCH, "/api/centres/" + centreId, new JsonObject().put("name", "Fără versiune")), 400, "version");

    assertEquals(200, api.send(HttpMethod.PATCH, "/api/staff/" + staffId, new JsonObject().put("version", 1).put("skills",
        new JsonArray().add("kinetotherapy").add("massage"))).statusCode());
    assertProblem(api.send(HttpMethod.PATCH, "/api/staff/" + staffId, new JsonObject().put("version", 1).put("lastName", "X")), 409, "version");
    assertEquals(200, api.send(HttpMethod.PATCH, "/api/caravans/" + caravanId, new JsonObject().put("version", 1)
        .put("consultationsPerDay", 25)).statusCode());
    assertProblem(api.send(HttpMethod.PATCH, "/api/caravans/" + caravanId, new JsonObject().put("version", 1)
        .put("consultationsPerDay", 30)), 409, "version");
    assertEquals(200, api.send(HttpMethod.PATCH, "/api/centres/" + centreId + "/rooms/" + roomId,
        new JsonObject().put("version", 1).put("capacity", 3)).statusCode());
    assertProblem(api.send(HttpMethod.PATCH, "/api/centres/" + centreId + "/rooms/" + roomId,
        new JsonObject().put("version", 1).put("capacity", 4)), 409, "version");

    assertEquals(1, events("centre.created").size());
    assertEquals(1, events("centre.updated").size());
    assertEquals(1, events("room.created").size());
    assertEquals(1, events("staff.updated").size());
    String staffEvent = events("staff.created").get(0).toString();
    assertFalse(staffEvent.contains("Munteanu") || staffEvent.contains("722"), "no names or phones in events: " + staffEvent);

    // a code used twice is a conflict naming the field
    assertProblem(api.send(HttpMethod.POST, "/api/centres", centreBody("CC-BC-90", ONESTI)), 409, "code");
  }

  @Test
  @DisplayName("every invalid field of a body is named at once, in Romanian and English, and nothing is written")
  void everyFieldAtOnce() {
    long before = api.get("/api/caravans").bodyAsJsonObject().getLong("total");
    var r = api.send(HttpMethod.POST, "/api/caravans", new JsonObject().put("code", "bad code").put("county", "bc")
        .put("depotSiruta", "20572").put("consultationsPerDay", 0).put("shiftStart", "16:00").put("shiftEnd", "08:00")
        .put("equipment", new JsonArray().add("laser")));
    assertTrue(r.statusCode() == 400 || r.statusCode() == 422, r.bodyAsString());
    JsonArray errors = r.bodyAsJsonObject().getJsonArray("errors");
    Set<String> fields = new HashSet<>();
    for (int i = 0; i < errors.size(); i++) {
      JsonObject e = errors.getJsonObject(i);
      fields.add(e.getString("field"));
      assertFalse(e.getJsonObject("reason").getString("ro").isBlank());
      assertFalse(e.getJsonObject("reason").getString("en").isBlank());
    }
    assertEquals(Set.of("code", "name", "county", "depotSiruta", "consultationsPerDay", "shiftEnd", "equipment"), fields,
        r.bodyAsString());
    assertEquals(before, api.get("/api/caravans").bodyAsJsonObject().getLong("total"));

    var centre = api.send(HttpMethod.POST, "/api/centres", new JsonObject().put("code", "CC-X").put("localitySiruta", 1.5)
        .put("openingHours", new JsonObject().put("LUNI", new JsonObject())));
    JsonArray centreErrors = centre.bodyAsJsonObject().getJsonArray("errors");
    assertEquals(4, centreErrors.size(), centre.bodyAsString()); // name, localitySiruta, address, openingHours
  }

  @Test
  @DisplayName("hostile ids in paths and bodies are refused without a 500")
  void hostileIds() {
    for (String id : new String[] {"１", "-1", "1.0", "+1", "abc", "99999999999999999999", "%EF%BC%91"}) {
      int status = api.send(HttpMethod.PATCH, "/api/centres/" + id, new JsonObject().put("version", 1)).statusCode();
      assertTrue(status == 400 || status == 404, id + " -> " + status);
    }
    for (Object siruta : new Object[] {"20985", -1, 0, 1e12, true, new JsonArray().add(ONESTI)}) {
      var r = api.send(HttpMethod.POST, "/api/centres", centreBody("CC-BC-91", 1).put("localitySiruta", siruta));
      assertTrue(r.statusCode() == 400 || r.statusCode() == 422, siruta + " -> " + r.statusCode() + " " + r.bodyAsString());
    }
    for (Object centreId : new Object[] {"1", -3, 1.5, 0}) {
      var r = api.send(HttpMethod.POST, "/api/staff", new JsonObject().put("code", "ST-H").put("firstName", "A").put("lastName", "B")
          .put("role", "nurse").put("county", "BC").put("centreId", centreId));
      assertTrue(r.statusCode() == 400 || r.statusCode() == 422, centreId + " -> " + r.statusCode());
    }
  }

  @Test
  @DisplayName("a county coordinator writes only in their counties (403 elsewhere, 404 for another county's ids), and "
      + "a county this installation does not serve is refused (422)")
  void countyScope() {
    WebClient client = WebClient.create(vertx);
    var bc = api.send(HttpMethod.POST, "/api/centres", centreBody("CC-BC-92", ONESTI));
    long bcId = bc.bodyAsJsonObject().getLong("id");
    var asVn = await(client.post(app.port(), "127.0.0.1", "/api/centres").putHeader("Authorization", "Bearer " + vnCoordinator)
        .sendJsonObject(centreBody("CC-BC-93", ONESTI)));
    assertEquals(403, asVn.statusCode(), asVn.bodyAsString());
    var own = await(client.post(app.port(), "127.0.0.1", "/api/centres").putHeader("Authorization", "Bearer " + vnCoordinator)
        .sendJsonObject(centreBody("CC-VN-93", FOCSANI)));
    assertEquals(201, own.statusCode(), own.bodyAsString());
    var patchBc = await(client.patch(app.port(), "127.0.0.1", "/api/centres/" + bcId)
        .putHeader("Authorization", "Bearer " + vnCoordinator).sendJsonObject(new JsonObject().put("version", 1).put("name", "x")));
    assertEquals(404, patchBc.statusCode());
    var moveAway = await(client.patch(app.port(), "127.0.0.1", "/api/centres/" + own.bodyAsJsonObject().getLong("id"))
        .putHeader("Authorization", "Bearer " + vnCoordinator)
        .sendJsonObject(new JsonObject().put("version", 1).put("localitySiruta", ONESTI)));
    assertEquals(403, moveAway.statusCode(), "a centre cannot be moved out of the caller's counties");
    assertProblem(api.send(HttpMethod.POST, "/api/centres", centreBody("CC-CJ-01", CLUJ)), 422, "localitySiruta");
    assertProblem(api.send(HttpMethod.POST, "/api/caravans", new JsonObject().put("code", "CAR-VN-1").put("name", "C")
        .put("county", "VN").put("depotSiruta", ONESTI).put("consultationsPerDay", 10).put("shiftStart", "08:00")
        .put("shiftEnd", "15:00")), 422, "depotSiruta");
  }

  @Test
  @DisplayName("retiring what booked future appointments use is refused with their list; once free it retires and "
      + "leaves the lists, and a retired record cannot be changed")
  void retire() {
    long centreId = api.send(HttpMethod.POST, "/api/centres", centreBody("CC-BC-94", ONESTI)).bodyAsJsonObject().getLong("id");
    long staffId = api.send(HttpMethod.POST, "/api/staff", new JsonObject().put("code", "ST-BC-94").put("firstName", "Ana")
        .put("lastName", "Pop").put("role", "nurse").put("county", "BC").put("centreId", centreId)).bodyAsJsonObject().getLong("id");
    var b = api.send(HttpMethod.POST, "/api/beneficiaries", new JsonObject().put("firstName", "Maria").put("lastName", "Ionescu")
        .put("birthDate", "2015-03-02").put("sex", "F").put("localitySiruta", ONESTI).put("category", "child"));
    assertEquals(201, b.statusCode(), b.bodyAsString());
    OffsetDateTime start = OffsetDateTime.now().plusDays(3).withNano(0);
    UUID appointment = UUID.randomUUID();
    await(app.pool().preparedQuery("INSERT INTO appointments (id, beneficiary_id, service, modality, starts_at, ends_at, staff_id, "
        + "centre_id) VALUES ($1, $2, 'counselling', 'centre', $3, $4, $5, $6)").execute(Tuple.of(appointment,
        UUID.fromString(b.bodyAsJsonObject().getString("id")), start, start.plusHours(1), staffId, centreId)));

    var refused = api.send(HttpMethod.POST, "/api/centres/" + centreId + "/retire", new JsonObject());
    JsonObject problem = assertProblem(refused, 409, "id");
    assertEquals(appointment.toString(), problem.getJsonArray("appointments").getJsonObject(0).getString("id"));
    assertEquals(1, problem.getLong("appointmentsTotal"));
    assertProblem(api.send(HttpMethod.POST, "/api/staff/" + staffId + "/retire", new JsonObject()), 409, "id");

    await(app.pool().preparedQuery("UPDATE appointments SET status = 'cancelled' WHERE id = $1").execute(Tuple.of(appointment)));
    assertProblem(api.send(HttpMethod.POST, "/api/staff/" + staffId + "/retire", new JsonObject().put("version", 7)), 409, "version");
    var retired = api.send(HttpMethod.POST, "/api/staff/" + staffId + "/retire", new JsonObject().put("version", 1));
    assertEquals(200, retired.statusCode(), retired.bodyAsString());
    assertTrue(retired.bodyAsJsonObject().getBoolean("retired"));
    assertEquals(200, api.send(HttpMethod.POST, "/api/centres/" + centreId + "/retire", new JsonObject()).statusCode());
    assertNotEquals(centreId, api.get("/api/centres?county=BC").bodyAsJsonObject().getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getLong("id")).filter(id -> id == centreId).findFirst().orElse(-1L));
    assertProblem(api.send(HttpMethod.PATCH, "/api/centres/" + centreId, new JsonObject().put("version", 2).put("name", "x")), 409, "id");
    assertEquals(1, events("staff.retired").size());
  }
}
