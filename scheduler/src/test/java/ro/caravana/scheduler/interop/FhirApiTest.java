package ro.caravana.scheduler.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("FHIR R4 API: scope, search, paging, hostile ids, and every returned resource validates")
class FhirApiTest {

  static final String VN = "coordonator.vn@caravana.demo";
  static final String BC = "coordonator.bc@caravana.demo";
  static final String ADMIN = "admin@caravana.demo";
  static final String DOCTOR = "medic@caravana.demo";
  static final String SUPERVISOR = "supervizor@caravana.demo";

  private static InteropFixture fx;

  @BeforeAll
  static void start() {
    fx = InteropFixture.get();
  }

  private static String week() {
    return "date=ge" + InteropFixture.monday() + "&date=le" + InteropFixture.monday().plusDays(6);
  }

  private static JsonObject fhir(HttpResponse<Buffer> r, int status, String resourceType) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    assertTrue(r.getHeader("Content-Type").startsWith("application/fhir+json"), r.getHeader("Content-Type"));
    JsonObject body = r.bodyAsJsonObject();
    assertEquals(resourceType, body.getString("resourceType"), r.bodyAsString());
    FhirValidation.assertValid(resourceType, r.bodyAsString());
    return body;
  }

  private static List<JsonObject> entries(JsonObject bundle, String mode) {
    List<JsonObject> out = new ArrayList<>();
    for (Object o : bundle.getJsonArray("entry", new JsonArray())) {
      JsonObject e = (JsonObject) o;
      if (e.getJsonObject("search").getString("mode").equals(mode)) out.add(e.getJsonObject("resource"));
    }
    return out;
  }

  private static String link(JsonObject bundle, String relation) {
    for (Object o : bundle.getJsonArray("link")) {
      JsonObject l = (JsonObject) o;
      if (l.getString("relation").equals(relation)) return l.getString("url");
    }
    return null;
  }

  private static String pathOf(String url) {
    return url.substring(url.indexOf("/fhir/r4"));
  }

  @Test
  @DisplayName("metadata: a CapabilityStatement without sign-in, naming exactly the resource types the router serves")
  void metadata() {
    JsonObject cs = fhir(fx.get("/fhir/r4/metadata", null), 200, "CapabilityStatement");
    assertEquals("4.0.1", cs.getString("fhirVersion"));
    Set<String> declared = new TreeSet<>();
    for (Object o : cs.getJsonArray("rest").getJsonObject(0).getJsonArray("resource")) {
      declared.add(((JsonObject) o).getString("type"));
    }
    Set<String> routed = new TreeSet<>();
    for (Route route : fx.app.router().getRoutes()) {
      String p = route.getPath();
      if (p == null || !p.startsWith("/fhir/r4/") || p.endsWith("/")) continue;
      String type = p.substring("/fhir/r4/".length()).split("/")[0];
      if (!type.equals("metadata")) routed.add(type);
    }
    assertEquals(routed, declared);
    assertTrue(declared.containsAll(List.of("Patient", "Appointment", "Encounter", "Practitioner", "Location")), declared.toString());
  }

  @Test
  @DisplayName("a coordinator's week search: a searchset of their county only, with a next link that pages through all of it")
  void appointmentSearchIsCountyScopedAndPaged() {
    JsonObject bundle = fhir(fx.get("/fhir/r4/Appointment?" + week() + "&_count=50", VN), 200, "Bundle");
    assertEquals("searchset", bundle.getString("type"));
    assertEquals(InteropFixture.VN_WEEK, bundle.getInteger("total"));
    List<JsonObject> first = entries(bundle, "match");
    assertEquals(50, first.size());
    String next = link(bundle, "next");
    assertNotNull(next, "more than 50 matches: a next link");
    JsonObject page2 = fhir(fx.get(pathOf(next), VN), 200, "Bundle");
    List<JsonObject> second = entries(page2, "match");
    assertEquals(InteropFixture.VN_WEEK - 50, second.size());
    assertNull(link(page2, "next"));
    assertNotNull(link(page2, "previous"));
    Set<String> ids = new HashSet<>();
    for (JsonObject a : first) ids.add(a.getString("id"));
    for (JsonObject a : second) assertTrue(ids.add(a.getString("id")), "pages overlap");
    // every id is a Vrancea appointment, by the database
    var counties = fx.all("SELECT DISTINCT l.county FROM appointments a JOIN beneficiaries b ON b.id = a.beneficiary_id "
        + "JOIN localities l ON l.siruta = b.locality_siruta WHERE a.id::text = ANY($1)", Tuple.of(ids.toArray(String[]::new)));
    assertEquals(1, counties.size());
    assertEquals("VN", counties.get(0).getString(0));
    // Bacău sees its own, the admin both
    assertEquals(InteropFixture.BC_WEEK, fx.get("/fhir/r4/Appointment?" + week(), BC).bodyAsJsonObject().getInteger("total"));
    assertEquals(InteropFixture.VN_WEEK + InteropFixture.BC_WEEK,
        fx.get("/fhir/r4/Appointment?" + week(), ADMIN).bodyAsJsonObject().getInteger("total"));
    // the demo doctor holds the Bacău week
    assertEquals(InteropFixture.BC_WEEK, fx.get("/fhir/r4/Appointment?" + week(), DOCTOR).bodyAsJsonObject().getInteger("total"));
  }

  @Test
  @DisplayName("_include=Appointment:patient adds each appointment's Patient once, marked include; filters narrow the set")
  void includeAndFilters() {
    JsonObject bundle = fhir(fx.get("/fhir/r4/Appointment?" + week() + "&_count=10&_include=Appointment:patient", BC),
        200, "Bundle");
    List<JsonObject> matches = entries(bundle, "match");
    List<JsonObject> included = entries(bundle, "include");
    assertEquals(10, matches.size());
    assertEquals(10, included.size(), "each appointment of the fixture has its own beneficiary");
    for (JsonObject p : included) assertEquals("Patient", p.getString("resourceType"));
    JsonObject a = matches.get(0);
    String patientRef = a.getJsonArray("participant").getJsonObject(0).getJsonObject("actor").getString("reference");
    JsonObject byPatient = fhir(fx.get("/fhir/r4/Appointment?patient=" + patientRef, BC), 200, "Bundle");
    // other classes sharing the fixture book more for some beneficiaries: the search finds exactly the stored ones
    String beneficiary = patientRef.substring(patientRef.indexOf('/') + 1);
    assertEquals(fx.one("SELECT count(*) FROM appointments WHERE beneficiary_id = $1::uuid", Tuple.of(beneficiary)).getLong(0),
        byPatient.getInteger("total").longValue());
    assertTrue(byPatient.getInteger("total") >= 1);
    assertEquals(0, fx.get("/fhir/r4/Appointment?" + week() + "&status=cancelled", BC).bodyAsJsonObject().getInteger("total"));
    assertEquals(InteropFixture.BC_WEEK,
        fx.get("/fhir/r4/Appointment?" + week() + "&status=booked,fulfilled", BC).bodyAsJsonObject().getInteger("total"));
    String location = a.getJsonArray("participant").getJsonObject(2).getJsonObject("actor").getString("reference");
    assertEquals(InteropFixture.BC_WEEK,
        fx.get("/fhir/r4/Appointment?" + week() + "&location=" + location, BC).bodyAsJsonObject().getInteger("total"));
    // one Bucharest day: the Monday holds every fifth appointment
    String day = "date=" + InteropFixture.monday();
    int monday = fx.get("/fhir/r4/Appointment?" + day, BC).bodyAsJsonObject().getInteger("total");
    assertEquals((InteropFixture.BC_WEEK + 4) / 5, monday);
  }

  @Test
  @DisplayName("reads of every resource type validate; another county's records are 404 OperationOutcomes")
  void readsValidateAndStayInScope() throws Exception {
    String bcAppointment = fx.one("SELECT a.id::text FROM appointments a JOIN beneficiaries b ON b.id = a.beneficiary_id "
        + "JOIN localities l ON l.siruta = b.locality_siruta WHERE l.county = 'BC' AND a.status = 'booked' "
        + "AND a.starts_at >= $1 AND a.starts_at < $2 "
        // other classes share the fixture and cancel some of its appointments: a booked one can still be marked
        + "AND NOT EXISTS (SELECT 1 FROM attendance_marks t WHERE t.appointment_id = a.id) ORDER BY a.id LIMIT 1", Tuple.of(InteropFixture.monday().atStartOfDay(InteropFixture.ZONE).toOffsetDateTime(),
            InteropFixture.monday().plusDays(7).atStartOfDay(InteropFixture.ZONE).toOffsetDateTime())).getString(0);
    JsonObject a = fhir(fx.get("/fhir/r4/Appointment/" + bcAppointment, BC), 200, "Appointment");
    String patient = a.getJsonArray("participant").getJsonObject(0).getJsonObject("actor").getString("reference");
    String practitioner = a.getJsonArray("participant").getJsonObject(1).getJsonObject("actor").getString("reference");
    String location = a.getJsonArray("participant").getJsonObject(2).getJsonObject("actor").getString("reference");
    fhir(fx.get("/fhir/r4/" + patient, BC), 200, "Patient");
    fhir(fx.get("/fhir/r4/" + practitioner, BC), 200, "Practitioner");
    fhir(fx.get("/fhir/r4/" + practitioner.replace("Practitioner/", "PractitionerRole/"), BC), 200, "PractitionerRole");
    fhir(fx.get("/fhir/r4/" + location, BC), 200, "Location");
    String room = fx.one("SELECT id::text FROM rooms ORDER BY id LIMIT 1", Tuple.tuple()).getString(0);
    fhir(fx.get("/fhir/r4/Location/room-" + room, BC), 200, "Location");
    String siruta = fx.one("SELECT siruta::text FROM localities WHERE county = 'BC' ORDER BY siruta LIMIT 1", Tuple.tuple()).getString(0);
    JsonObject stop = fhir(fx.get("/fhir/r4/Location/stop-" + siruta, BC), 200, "Location");
    assertEquals(siruta, stop.getJsonArray("identifier").getJsonObject(0).getString("value"));
    assertNotNull(stop.getJsonObject("position").getDouble("latitude"));
    JsonObject services = fhir(fx.get("/fhir/r4/HealthcareService", BC), 200, "Bundle");
    assertEquals(7, services.getInteger("total"));
    JsonObject speech = fhir(fx.get("/fhir/r4/HealthcareService/speech-therapy", BC), 200, "HealthcareService");
    assertEquals("Logopedie", speech.getString("name"));
    fhir(fx.get("/fhir/r4/Location", BC), 200, "Bundle");
    fhir(fx.get("/fhir/r4/Practitioner?_count=5", BC), 200, "Bundle");
    fhir(fx.get("/fhir/r4/PractitionerRole?_count=5", BC), 200, "Bundle");
    fhir(fx.get("/fhir/r4/Patient?_count=5", BC), 200, "Bundle");

    // attendance turns the appointment into an Encounter
    int encountersBefore = fx.get("/fhir/r4/Encounter?" + week(), BC).bodyAsJsonObject().getInteger("total");
    var mark = fx.call(io.vertx.core.http.HttpMethod.POST, "/api/appointments/" + bcAppointment + "/attendance", BC,
        "application/json", new JsonObject().put("status", "fulfilled").put("minutes", 40).put("recordedBy", "ST-1").encode());
    assertEquals(201, mark.statusCode(), mark.bodyAsString());
    JsonObject encounter = fhir(fx.get("/fhir/r4/Encounter/" + bcAppointment, BC), 200, "Encounter");
    assertEquals("finished", encounter.getString("status"));
    assertEquals(40, encounter.getJsonObject("length").getInteger("value"));
    JsonObject encounters = fhir(fx.get("/fhir/r4/Encounter?" + week(), BC), 200, "Bundle");
    assertEquals(encountersBefore + 1, encounters.getInteger("total"));
    assertEquals(0, fx.get("/fhir/r4/Encounter?" + week(), VN).bodyAsJsonObject().getInteger("total"));

    // Vrancea cannot see any of it: 404, as if it did not exist
    for (String path : List.of("Appointment/" + bcAppointment, patient, practitioner, "Encounter/" + bcAppointment)) {
      fhir(fx.get("/fhir/r4/" + path, VN), 404, "OperationOutcome");
    }
    fhir(fx.get("/fhir/r4/Appointment?patient=" + patient, VN), 200, "Bundle");
    assertEquals(0, fx.get("/fhir/r4/Appointment?patient=" + patient, VN).bodyAsJsonObject().getInteger("total"));
  }

  @Test
  @DisplayName("anonymous is 401, a supervisor 403, and both answers are OperationOutcomes")
  void refusals() {
    fhir(fx.get("/fhir/r4/Appointment?" + week(), null), 401, "OperationOutcome");
    fhir(fx.get("/fhir/r4/Patient", SUPERVISOR), 403, "OperationOutcome");
    fhir(fx.get("/fhir/r4/Location", SUPERVISOR), 200, "Bundle");
    fhir(fx.get("/fhir/r4/Flag", BC), 404, "OperationOutcome");
  }

  @Test
  @DisplayName("hostile ids and parameters: Unicode digits, percent-encoding, signs, decimals, words are 404 or 400, never 500")
  void hostileInput() {
    String uuid = fx.one("SELECT id::text FROM beneficiaries ORDER BY id LIMIT 1", Tuple.tuple()).getString(0);
    String staff = fx.one("SELECT id::text FROM staff WHERE county = 'BC' ORDER BY id LIMIT 1", Tuple.tuple()).getString(0);
    for (String path : List.of(
        "Practitioner/%D9%A1", "Practitioner/+" + staff, "Practitioner/-" + staff, "Practitioner/" + staff + ".0",
        "Practitioner/0" + staff, "Practitioner/abc",
        "Patient/" + uuid.toUpperCase(), "Patient/%7B" + uuid + "%7D", "Patient/" + uuid.replace("-", ""),
        "Location/centre-%D9%A1", "Location/stop-+1", "Location/centre-1.5", "Location/room-", "Location/flat-1",
        "HealthcareService/speech_therapy", "Encounter/not-a-uuid")) {
      var r = fx.get("/fhir/r4/" + path, ADMIN);
      assertTrue(r.statusCode() == 404 || r.statusCode() == 400, path + ": " + r.statusCode());
      fhir(r, r.statusCode(), "OperationOutcome");
    }
    // a percent-encoded id is the same id (RFC 3986): served to its county, invisible to another
    String encoded = "Practitioner/" + staff.chars().mapToObj(c -> String.format("%%%02X", c)).reduce("", String::concat);
    fhir(fx.get("/fhir/r4/" + encoded, BC), 200, "Practitioner");
    fhir(fx.get("/fhir/r4/" + encoded, VN), 404, "OperationOutcome");
    for (String query : List.of("_count=5.0", "_count=-1", "_count=%D9%A5", "_count=ten", "_count=0", "_count=100000",
        "_offset=-5", "date=2026-13-01", "date=ge%D9%A2%D9%A0%D9%A2%D9%A6", "date=xx2026-01-01", "patient=Practitioner/1",
        "patient=Patient/%2B" + uuid, "practitioner=Practitioner/%D9%A1", "practitioner=1e3", "location=Location/x-1",
        "status=done", "_include=Patient:link", "county=VN", "_format=xml")) {
      var r = fx.get("/fhir/r4/Appointment?" + query, ADMIN);
      assertTrue(r.statusCode() == 400 || r.statusCode() == 403 || r.statusCode() == 406, query + ": " + r.statusCode());
      JsonObject oo = fhir(r, r.statusCode(), "OperationOutcome");
      assertFalse(oo.getJsonArray("issue").getJsonObject(0).getString("diagnostics").isBlank());
    }
  }

  @Test
  @DisplayName("reading a Patient and searching Patients are written to the audit log")
  void auditedReads() {
    String patient = fx.one("SELECT b.id::text FROM beneficiaries b JOIN localities l ON l.siruta = b.locality_siruta "
        + "WHERE l.county = 'VN' ORDER BY b.id LIMIT 1", Tuple.tuple()).getString(0);
    fhir(fx.get("/fhir/r4/Patient/" + patient, VN), 200, "Patient");
    // the audit row is written once the answer is sent
    long deadline = System.currentTimeMillis() + 5000;
    long rows = 0;
    while (rows == 0 && System.currentTimeMillis() < deadline) {
      rows = fx.one("SELECT count(*) FROM audit_log WHERE beneficiary_id = $1::uuid AND action = 'read' AND path LIKE '/fhir/%'",
          Tuple.of(patient)).getLong(0);
    }
    assertEquals(1, rows);
    JsonObject byCnp = fhir(fx.get("/fhir/r4/Patient?identifier=https://caravana.ro/fhir/sid/cnp%7C0000000000000", VN), 200, "Bundle");
    assertEquals(0, byCnp.getInteger("total"));
  }

  @Test
  @DisplayName("writes: a Patient is created with the JSON API's validation; an Appointment is cancelled through the lifecycle")
  void writes() {
    String siruta = fx.one("SELECT siruta::text FROM localities WHERE county = 'VN' ORDER BY siruta LIMIT 1", Tuple.tuple()).getString(0);
    String bcSiruta = fx.one("SELECT siruta::text FROM localities WHERE county = 'BC' ORDER BY siruta LIMIT 1", Tuple.tuple()).getString(0);
    JsonObject patient = new JsonObject().put("resourceType", "Patient")
        .put("extension", new JsonArray().add(new JsonObject()
            .put("url", "https://caravana.ro/fhir/StructureDefinition/beneficiary-category").put("valueCode", "child")))
        .put("name", new JsonArray().add(new JsonObject().put("family", "Popescu").put("given", new JsonArray().add("Ilinca"))))
        .put("gender", "female").put("birthDate", "2017-03-04")
        .put("address", new JsonArray().add(new JsonObject().put("extension", new JsonArray().add(new JsonObject()
            .put("url", "https://caravana.ro/fhir/StructureDefinition/siruta").put("valueInteger", Integer.parseInt(siruta))))));
    var created = fx.call(io.vertx.core.http.HttpMethod.POST, "/fhir/r4/Patient", VN, "application/fhir+json", patient.encode());
    JsonObject stored = fhir(created, 201, "Patient");
    assertTrue(created.getHeader("Location").contains("/fhir/r4/Patient/" + stored.getString("id")));
    assertEquals("Ilinca", fx.one("SELECT first_name FROM beneficiaries WHERE id = $1::uuid", Tuple.of(stored.getString("id"))).getString(0));
    // the JSON API's validation, as OperationOutcomes; another county's locality is refused
    JsonObject noCategory = patient.copy();
    noCategory.remove("extension");
    JsonObject oo = fhir(fx.call(io.vertx.core.http.HttpMethod.POST, "/fhir/r4/Patient", VN, "application/fhir+json",
        noCategory.encode()), 400, "OperationOutcome");
    assertEquals("category", oo.getJsonArray("issue").getJsonObject(0).getJsonArray("expression").getString(0));
    JsonObject future = patient.copy().put("birthDate", "2999-01-01");
    fhir(fx.call(io.vertx.core.http.HttpMethod.POST, "/fhir/r4/Patient", VN, "application/fhir+json", future.encode()),
        422, "OperationOutcome");
    JsonObject bc = patient.copy();
    bc.getJsonArray("address").getJsonObject(0).getJsonArray("extension").getJsonObject(0).put("valueInteger", Integer.parseInt(bcSiruta));
    fhir(fx.call(io.vertx.core.http.HttpMethod.POST, "/fhir/r4/Patient", VN, "application/fhir+json", bc.encode()), 403, "OperationOutcome");
    fhir(fx.call(io.vertx.core.http.HttpMethod.POST, "/fhir/r4/Patient", VN, "application/fhir+json", "{not json"), 400, "OperationOutcome");
    fhir(fx.call(io.vertx.core.http.HttpMethod.POST, "/fhir/r4/Patient", DOCTOR, "application/fhir+json", patient.encode()),
        403, "OperationOutcome");

    // cancelling: an appointment of the new patient three days ahead
    String id = fx.one("INSERT INTO appointments (id, beneficiary_id, service, modality, starts_at, ends_at, status) "
        + "VALUES (gen_random_uuid(), $1::uuid, 'counselling', 'remote', now() + interval '3 days', "
        + "now() + interval '3 days 1 hour', 'booked') RETURNING id::text", Tuple.of(stored.getString("id"))).getString(0);
    JsonObject appointment = fhir(fx.get("/fhir/r4/Appointment/" + id, VN), 200, "Appointment");
    fhir(fx.call(io.vertx.core.http.HttpMethod.PUT, "/fhir/r4/Appointment/" + id, VN, "application/fhir+json",
        appointment.copy().put("status", "arrived").encode()), 422, "OperationOutcome");
    fhir(fx.call(io.vertx.core.http.HttpMethod.PUT, "/fhir/r4/Appointment/" + id, BC, "application/fhir+json",
        appointment.copy().put("status", "cancelled").encode()), 404, "OperationOutcome");
    JsonObject cancel = appointment.copy().put("status", "cancelled")
        .put("cancelationReason", new JsonObject().put("text", "Familia s-a mutat"));
    JsonObject cancelled = fhir(fx.call(io.vertx.core.http.HttpMethod.PUT, "/fhir/r4/Appointment/" + id, VN,
        "application/fhir+json", cancel.encode()), 200, "Appointment");
    assertEquals("cancelled", cancelled.getString("status"));
    assertEquals("2", cancelled.getJsonObject("meta").getString("versionId"));
    assertEquals(1, fx.one("SELECT count(*) FROM appointment_status_changes WHERE appointment_id = $1::uuid AND to_status = 'cancelled'",
        Tuple.of(id)).getLong(0));
    // a stale version is a conflict
    fhir(fx.call(io.vertx.core.http.HttpMethod.PUT, "/fhir/r4/Appointment/" + id, VN, "application/fhir+json",
        cancel.encode()), 409, "OperationOutcome");
  }
}
