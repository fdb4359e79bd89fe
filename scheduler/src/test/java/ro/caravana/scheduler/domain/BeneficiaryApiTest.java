package ro.caravana.scheduler.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ro.caravana.scheduler.domain.ApiClient.assertProblem;
import static ro.caravana.scheduler.domain.ApiClient.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.beneficiary.Cnp;
import ro.caravana.scheduler.support.TestSystem;

@DisplayName("Beneficiaries API")
class BeneficiaryApiTest {

  private static final int ASAU = 21132; // Asău, Bacău
  private static Vertx vertx;
  private static SchedulerApp app;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    app = await(TestSystem.startApp(vertx, false));
    api = new ApiClient(vertx, app);
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
  }

  private static JsonObject valid() {
    return new JsonObject()
        .put("firstName", "Ioana")
        .put("lastName", "Bălan")
        .put("birthDate", "2015-04-12")
        .put("sex", "F")
        .put("localitySiruta", ASAU)
        .put("category", "disability")
        .put("flags", new io.vertx.core.json.JsonArray().add("child"))
        .put("guardianName", "Maria Bălan")
        .put("phone", "0744 123 456")
        .put("smsConsent", true)
        .put("dataConsent", true);
  }

  private static long count(String sql, Object... args) {
    return await(app.pool().preparedQuery(sql).execute(Tuple.from(args))).iterator().next().getLong(0);
  }

  @Test
  @DisplayName("a valid beneficiary is created with the phone in E.164 and a beneficiary.created event keyed by county")
  void createsWithEvent() {
    var r = api.send(HttpMethod.POST, "/api/beneficiaries", valid());
    assertEquals(201, r.statusCode(), r.bodyAsString());
    JsonObject b = r.bodyAsJsonObject();
    assertEquals("+40744123456", b.getString("phone"));
    assertEquals("Asău", b.getString("localityName"));
    assertEquals("BC", b.getString("county"));
    assertEquals(ASAU, b.getInteger("localitySiruta"));
    assertEquals(1, b.getInteger("version"));
    assertEquals(LocalDate.now(java.time.ZoneId.of("Europe/Bucharest")).toString(), b.getString("smsConsentDate"));
    assertEquals(1, count("SELECT count(*) FROM outbox WHERE topic = 'caravana.beneficiaries' AND event_key = 'BC' "
        + "AND event_type = 'beneficiary.created' AND payload->>'id' = $1", b.getString("id")));
    // ids and facts only: no name, CNP, phone, birth date, sex or household
    JsonObject payload = new JsonObject(await(app.pool().preparedQuery("SELECT payload::text FROM outbox "
        + "WHERE event_type = 'beneficiary.created' AND payload->>'id' = $1").execute(io.vertx.sqlclient.Tuple.of(b.getString("id"))))
        .iterator().next().getString(0));
    assertEquals(java.util.Set.of("id", "county", "localitySiruta", "centreId", "category", "flags", "smsConsent",
        "dataConsent", "preferredLanguage", "version"), payload.fieldNames(), payload.encode());
    assertEquals("BC", payload.getString("county"));
    var again = api.get("/api/beneficiaries/" + b.getString("id"));
    assertEquals(200, again.statusCode());
    assertEquals("Ioana", again.bodyAsJsonObject().getString("firstName"));
  }

  @Test
  @DisplayName("birth date and sex are read from the CNP when left out")
  void readsCnp() {
    String cnp = Cnp.of(LocalDate.of(1950, 7, 1), 'M', 4, 321);
    JsonObject body = valid().put("cnp", cnp).put("category", "elderly");
    body.remove("birthDate");
    body.remove("sex");
    var r = api.send(HttpMethod.POST, "/api/beneficiaries", body);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    assertEquals("1950-07-01", r.bodyAsJsonObject().getString("birthDate"));
    assertEquals("M", r.bodyAsJsonObject().getString("sex"));
  }

  @Test
  @DisplayName("malformed JSON, a JSON array or no body at all answer 400 naming the body")
  void malformed() {
    assertProblem(api.sendRaw(HttpMethod.POST, "/api/beneficiaries", "{\"firstName\": "), 400, "body");
    assertProblem(api.sendRaw(HttpMethod.POST, "/api/beneficiaries", "[1, 2]"), 400, "body");
    assertProblem(api.sendRaw(HttpMethod.POST, "/api/beneficiaries", ""), 400, "body");
  }

  @Test
  @DisplayName("missing fields and wrong JSON types answer 400 naming the field")
  void missingAndWrongTypes() {
    JsonObject noName = valid();
    noName.remove("firstName");
    assertProblem(api.send(HttpMethod.POST, "/api/beneficiaries", noName), 400, "firstName");
    assertProblem(api.send(HttpMethod.POST, "/api/beneficiaries", valid().put("localitySiruta", "Asău")), 400,
        "localitySiruta");
    assertProblem(api.send(HttpMethod.POST, "/api/beneficiaries", valid().put("smsConsent", "da")), 400, "smsConsent");
    assertProblem(api.send(HttpMethod.POST, "/api/beneficiaries", valid().put("birthDate", "12.04.2015")), 400,
        "birthDate");
    assertProblem(api.send(HttpMethod.POST, "/api/beneficiaries", valid().put("phone", 744123456)), 400, "phone");
    JsonObject noBirth = valid();
    noBirth.remove("birthDate");
    assertProblem(api.send(HttpMethod.POST, "/api/beneficiaries", noBirth), 400, "birthDate");
  }

  @Test
  @DisplayName("an invalid phone, CNP, category or unknown locality answers 422 naming the field, and writes nothing")
  void invalidValues() {
    long before = count("SELECT count(*) FROM beneficiaries");
    long events = count("SELECT count(*) FROM outbox");
    assertProblem(api.send(HttpMethod.POST, "/api/beneficiaries", valid().put("phone", "0744 12")), 422, "phone");
    assertProblem(api.send(HttpMethod.POST, "/api/beneficiaries", valid().put("phone", "telefon")), 422, "phone");
    String good = Cnp.of(LocalDate.of(2015, 4, 12), 'F', 4, 10);
    String badControl = good.substring(0, 12) + ((good.charAt(12) - '0' + 1) % 10);
    assertProblem(api.send(HttpMethod.POST, "/api/beneficiaries", valid().put("cnp", badControl)), 422, "cnp");
    assertProblem(api.send(HttpMethod.POST, "/api/beneficiaries", valid().put("cnp", "12345")), 422, "cnp");
    String otherDay = Cnp.of(LocalDate.of(2015, 4, 13), 'F', 4, 10);
    assertProblem(api.send(HttpMethod.POST, "/api/beneficiaries", valid().put("cnp", otherDay)), 422, "cnp");
    assertProblem(api.send(HttpMethod.POST, "/api/beneficiaries", valid().put("category", "orphan")), 422, "category");
    assertProblem(api.send(HttpMethod.POST, "/api/beneficiaries", valid().put("localitySiruta", 99999)), 422,
        "localitySiruta");
    assertProblem(api.send(HttpMethod.POST, "/api/beneficiaries", valid().put("centreId", 424242)), 422, "centreId");
    assertProblem(api.send(HttpMethod.POST, "/api/beneficiaries", valid().put("firstName", "  ")), 422, "firstName");
    assertProblem(api.send(HttpMethod.POST, "/api/beneficiaries", valid().put("birthDate", "2999-01-01")), 422,
        "birthDate");
    JsonObject smsWithoutPhone = valid();
    smsWithoutPhone.remove("phone");
    assertProblem(api.send(HttpMethod.POST, "/api/beneficiaries", smsWithoutPhone), 422, "smsConsent");
    assertEquals(before, count("SELECT count(*) FROM beneficiaries"));
    assertEquals(events, count("SELECT count(*) FROM outbox"));
  }

  @Test
  @DisplayName("every invalid field is named at once in one problem+json errors list, and nothing is written")
  void allInvalidFieldsAtOnce() {
    long before = count("SELECT count(*) FROM beneficiaries");
    JsonObject body = valid().put("firstName", " ").put("phone", "0744 12").put("category", "orphan")
        .put("birthDate", "2999-01-01");
    var r = api.send(HttpMethod.POST, "/api/beneficiaries", body);
    assertEquals(422, r.statusCode(), r.bodyAsString());
    var errors = r.bodyAsJsonObject().getJsonArray("errors");
    java.util.Set<String> fields = new java.util.TreeSet<>();
    errors.forEach(e -> fields.add(((JsonObject) e).getString("field")));
    assertEquals(new java.util.TreeSet<>(java.util.List.of("birthDate", "category", "firstName", "phone")), fields);
    errors.forEach(e -> assertTrue(((JsonObject) e).getJsonObject("reason").getString("ro").length() > 5));
    assertEquals(before, count("SELECT count(*) FROM beneficiaries"));
    // a care plan with a wrong service, minutes and start date: all three named
    var plan = api.send(HttpMethod.POST, "/api/care-plans", new JsonObject().put("beneficiaryId", java.util.UUID.randomUUID().toString())
        .put("service", "yoga").put("sessionsPerWeek", 1).put("minutes", 1).put("modality", "caravan").put("validFrom", "mâine"));
    java.util.Set<String> planFields = new java.util.TreeSet<>();
    plan.bodyAsJsonObject().getJsonArray("errors").forEach(e -> planFields.add(((JsonObject) e).getString("field")));
    assertEquals(new java.util.TreeSet<>(java.util.List.of("minutes", "service", "validFrom")), planFields, plan.bodyAsString());
  }

  @Test
  @DisplayName("a second beneficiary with the same CNP answers 409 naming cnp and leaves no row and no event")
  void duplicateCnp() {
    String cnp = Cnp.of(LocalDate.of(2012, 2, 29), 'M', 4, 77);
    JsonObject body = valid().put("cnp", cnp).put("birthDate", "2012-02-29").put("sex", "M");
    assertEquals(201, api.send(HttpMethod.POST, "/api/beneficiaries", body).statusCode());
    long events = count("SELECT count(*) FROM outbox");
    assertProblem(api.send(HttpMethod.POST, "/api/beneficiaries", body.put("firstName", "Andrei")), 409, "cnp");
    assertEquals(1, count("SELECT count(*) FROM beneficiaries WHERE cnp = $1", cnp));
    assertEquals(events, count("SELECT count(*) FROM outbox"));
  }

  @Test
  @DisplayName("unknown ids answer 404 and malformed ids 400, for read, update and delete")
  void unknownIds() {
    String unknown = "/api/beneficiaries/6f1c2b1e-0000-4000-8000-000000000000";
    assertProblem(api.get(unknown), 404, "id");
    assertProblem(api.send(HttpMethod.PUT, unknown, valid()), 404, "id");
    assertProblem(api.delete(unknown), 404, "id");
    assertProblem(api.get("/api/beneficiaries/not-a-uuid"), 400, "id");
  }

  @Test
  @DisplayName("an update bumps the version, a stale version answers 409, and delete removes the row with an event")
  void updateAndDelete() {
    String id = api.send(HttpMethod.POST, "/api/beneficiaries", valid()).bodyAsJsonObject().getString("id");
    var updated = api.send(HttpMethod.PUT, "/api/beneficiaries/" + id, valid().put("lastName", "Bălan-Ursu").put("version", 1));
    assertEquals(200, updated.statusCode(), updated.bodyAsString());
    assertEquals(2, updated.bodyAsJsonObject().getInteger("version"));
    assertEquals("Bălan-Ursu", updated.bodyAsJsonObject().getString("lastName"));
    assertProblem(api.send(HttpMethod.PUT, "/api/beneficiaries/" + id, valid().put("version", 1)), 409, "version");
    assertProblem(api.send(HttpMethod.PUT, "/api/beneficiaries/" + id, valid().put("phone", "123")), 422, "phone");
    assertEquals(204, api.delete("/api/beneficiaries/" + id).statusCode());
    assertProblem(api.get("/api/beneficiaries/" + id), 404, "id");
    assertEquals(1, count("SELECT count(*) FROM outbox WHERE event_type = 'beneficiary.deleted' AND payload->>'id' = $1", id));
  }

  @Test
  @DisplayName("the list filters by county, locality and category and pages with limit and offset")
  void listFilters() {
    api.send(HttpMethod.POST, "/api/beneficiaries", valid().put("lastName", "Zamfir"));
    api.send(HttpMethod.POST, "/api/beneficiaries", valid().put("lastName", "Zamfir").put("localitySiruta", 174833)
        .put("category", "vulnerable_family"));
    JsonObject bc = api.get("/api/beneficiaries?county=BC&limit=1").bodyAsJsonObject();
    assertEquals(1, bc.getJsonArray("items").size());
    assertTrue(bc.getLong("total") >= 1);
    JsonObject vn = api.get("/api/beneficiaries?county=VN&category=vulnerable_family").bodyAsJsonObject();
    assertEquals(1, vn.getLong("total"));
    assertEquals("Golești", vn.getJsonArray("items").getJsonObject(0).getString("localityName"));
    assertEquals(1, api.get("/api/beneficiaries?locality=174833").bodyAsJsonObject().getLong("total"));
    assertProblem(api.get("/api/beneficiaries?category=nobody"), 400, "category");
    assertProblem(api.get("/api/beneficiaries?limit=0"), 400, "limit");
    assertProblem(api.get("/api/beneficiaries?locality=abc"), 400, "locality");
  }
}
