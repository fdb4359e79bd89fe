package ro.caravana.scheduler.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.SchedulerApp;

@DisplayName("County scoping, family links, audit log and GDPR duties")
class AccessPrivacyTest {

  private static SchedulerApp app;
  private static ApiClient api;
  private static String admin;
  private static String bc;
  private static String vn;
  private static String doctor;
  private static long doctorStaff;

  @BeforeAll
  static void start() {
    app = DemoApp.get();
    api = new ApiClient(DemoApp.vertx(), app.port());
    admin = api.token("admin@caravana.demo");
    bc = api.token("coordonator.bc@caravana.demo");
    vn = api.token("coordonator.vn@caravana.demo");
    doctor = api.token("medic@caravana.demo");
    doctorStaff = api.get("/api/auth/me", doctor).bodyAsJsonObject().getLong("staffId");
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static List<Row> sql(String query, Object... args) {
    List<Row> out = new ArrayList<>();
    await(app.pool().preparedQuery(query).execute(Tuple.from(args))).forEach(out::add);
    return out;
  }

  /** A beneficiary of a county with a phone and no appointment yet, different on every call. */
  private static UUID beneficiaryOf(String county) {
    return sql("""
        SELECT b.id FROM beneficiaries b JOIN localities l ON l.siruta = b.locality_siruta
         WHERE l.county = $1 AND b.phone IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.beneficiary_id = b.id)
           AND NOT EXISTS (SELECT 1 FROM erasures e WHERE e.beneficiary_id = b.id)
           AND NOT EXISTS (SELECT 1 FROM audit_log x WHERE x.beneficiary_id = b.id)
         ORDER BY b.id LIMIT 1""", county).get(0).getUUID(0);
  }

  /** A booked centre appointment tomorrow with the demo doctor, created through the API by the BC coordinator. */
  private static UUID appointmentFor(UUID beneficiary) {
    long centre = sql("""
        SELECT c.id FROM community_centres c JOIN localities l ON l.siruta = c.locality_siruta
         WHERE l.county = 'BC' ORDER BY c.id LIMIT 1""").get(0).getLong(0);
    OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).withNano(0);
    var r = api.post("/api/appointments", bc, new JsonObject()
        .put("beneficiaryId", beneficiary.toString()).put("service", "kinetotherapy").put("modality", "centre")
        .put("centreId", centre).put("staffId", doctorStaff)
        .put("startsAt", start.toString()).put("endsAt", start.plusMinutes(45).toString()));
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return UUID.fromString(r.bodyAsJsonObject().getString("id"));
  }

  private static HttpResponse<Buffer> put(String path, String token, JsonObject body) {
    return api.call(HttpMethod.PUT, path, ApiClient.bearer(token), body);
  }

  @Test
  @DisplayName("a Vrancea coordinator can neither read nor change a Bacău record through any route")
  void countyScoping() {
    UUID bacau = beneficiaryOf("BC");
    String path = "/api/beneficiaries/" + bacau;
    assertEquals(200, api.get(path, bc).statusCode());
    assertEquals(404, api.get(path, vn).statusCode());
    assertEquals(403, api.get("/api/beneficiaries?county=BC", vn).statusCode());
    assertEquals(403, api.get("/api/beneficiaries?county=bc", vn).statusCode());
    JsonObject own = api.get("/api/beneficiaries?limit=2000", vn).bodyAsJsonObject();
    assertTrue(own.getLong("total") > 0);
    own.getJsonArray("items").forEach(b -> assertEquals("VN", ((JsonObject) b).getString("county")));
    assertEquals(0, api.get("/api/beneficiaries?q=" + "x".repeat(3) + "&county=VN&limit=1", vn).statusCode() == 200 ? 0 : 1);

    JsonObject current = api.get(path, bc).bodyAsJsonObject();
    assertEquals(404, put(path, vn, current).statusCode());
    assertEquals(404, api.call(HttpMethod.DELETE, path, ApiClient.bearer(vn), null).statusCode());
    assertEquals(404, api.get(path + "/care-plans", vn).statusCode());
    assertEquals(404, api.get(path + "/export", vn).statusCode());
    assertEquals(404, api.post(path + "/erase", vn, new JsonObject()).statusCode());
    assertEquals(404, api.post(path + "/consent", vn, new JsonObject().put("sms", false)).statusCode());
    assertEquals(403, api.get("/api/appointments?beneficiary=" + bacau, vn).statusCode());
    assertEquals(403, api.get("/api/care-plans?beneficiary=" + bacau, vn).statusCode());
    assertEquals(403, api.post("/api/appointments", vn, new JsonObject().put("beneficiaryId", bacau.toString())
        .put("service", "counselling").put("modality", "remote")
        .put("startsAt", "2030-01-01T10:00:00+02:00").put("endsAt", "2030-01-01T11:00:00+02:00")).statusCode());

    // moving a Vrancea beneficiary into Bacău, or creating one there, is refused too
    JsonObject vrancea = own.getJsonArray("items").getJsonObject(0);
    int bacauLocality = current.getInteger("localitySiruta");
    assertEquals(403, put("/api/beneficiaries/" + vrancea.getString("id"), vn,
        vrancea.copy().put("localitySiruta", bacauLocality)).statusCode());
    assertEquals(403, api.post("/api/beneficiaries", vn, vrancea.copy().put("localitySiruta", bacauLocality)
        .put("cnp", null)).statusCode());

    // care plans and appointments of Bacău are invisible by id as well
    for (Row r : sql("SELECT p.id FROM care_plans p JOIN beneficiaries b ON b.id = p.beneficiary_id "
        + "JOIN localities l ON l.siruta = b.locality_siruta WHERE l.county = 'BC' LIMIT 1")) {
      assertEquals(404, api.get("/api/care-plans/" + r.getUUID(0), vn).statusCode());
      assertEquals(200, api.get("/api/care-plans/" + r.getUUID(0), bc).statusCode());
    }
    api.get("/api/care-plans?limit=2000", vn).bodyAsJsonObject().getJsonArray("items")
        .forEach(p -> assertEquals("VN", ((JsonObject) p).getString("county")));
    // staff of Bacău
    long bacauStaff = sql("SELECT id FROM staff WHERE county = 'BC' ORDER BY id LIMIT 1").get(0).getLong(0);
    assertEquals(404, api.get("/api/staff/" + bacauStaff, vn).statusCode());
    api.get("/api/staff?limit=2000", vn).bodyAsJsonObject().getJsonArray("items")
        .forEach(s -> assertEquals("VN", ((JsonObject) s).getString("county")));
    assertEquals(403, api.post("/api/plans", vn, new JsonObject().put("county", "BC").put("week", "2030-W02")).statusCode());
  }

  @Test
  @DisplayName("a doctor sees their own appointments and the people in them; a supervisor sees no names")
  void staffAndSupervisorScope() {
    UUID patient = beneficiaryOf("BC");
    UUID appointment = appointmentFor(patient);
    JsonArray mine = api.get("/api/appointments?limit=2000", doctor).bodyAsJsonObject().getJsonArray("items");
    assertTrue(mine.stream().anyMatch(a -> ((JsonObject) a).getString("id").equals(appointment.toString())));
    mine.forEach(a -> assertEquals(doctorStaff, ((JsonObject) a).getLong("staffId")));
    assertEquals(200, api.get("/api/beneficiaries/" + patient, doctor).statusCode());
    UUID stranger = beneficiaryOf("BC");
    assertEquals(404, api.get("/api/beneficiaries/" + stranger, doctor).statusCode());
    assertEquals(403, api.post("/api/beneficiaries/" + patient + "/erase", doctor, new JsonObject()).statusCode());

    String supervisor = api.token("supervizor@caravana.demo");
    assertEquals(403, api.get("/api/beneficiaries", supervisor).statusCode());
    assertEquals(403, api.get("/api/appointments", supervisor).statusCode());
    assertEquals(200, api.get("/api/centres", supervisor).statusCode());

    String centre = api.token("coordonator.centru@caravana.demo");
    long centreId = api.get("/api/auth/me", centre).bodyAsJsonObject().getLong("centreId");
    api.get("/api/beneficiaries?limit=2000", centre).bodyAsJsonObject().getJsonArray("items")
        .forEach(b -> assertEquals(centreId, ((JsonObject) b).getLong("centreId")));
  }

  @Test
  @DisplayName("reads of a beneficiary record are in the audit log, which only admins read and nobody rewrites")
  void auditLog() throws Exception {
    UUID id = beneficiaryOf("BC");
    assertEquals(200, api.get("/api/beneficiaries/" + id, bc).statusCode());
    assertEquals(404, api.get("/api/beneficiaries/" + id, vn).statusCode());
    JsonArray rows = new JsonArray();
    for (int i = 0; i < 50 && rows.isEmpty(); i++) {
      rows = api.get("/api/audit?beneficiaryId=" + id, admin).bodyAsJsonObject().getJsonArray("items");
      if (rows.isEmpty()) Thread.sleep(50);
    }
    assertEquals(1, rows.size(), rows.encodePrettily());
    JsonObject row = rows.getJsonObject(0);
    assertEquals("read", row.getString("action"));
    assertEquals("coordonator.bc@caravana.demo", row.getString("accountEmail"));
    assertEquals("county_coordinator", row.getString("role"));
    assertEquals("127.0.0.1", row.getString("ip"));
    assertEquals("/api/beneficiaries/" + id, row.getString("path"));
    assertNotNull(row.getString("at"));

    assertEquals(403, api.get("/api/audit", bc).statusCode());
    assertEquals(403, api.get("/api/audit", api.token("supervizor@caravana.demo")).statusCode());
    assertThrows(AssertionError.class, () -> sql("UPDATE audit_log SET ip = '10.0.0.1' WHERE beneficiary_id = $1", id));
    assertThrows(AssertionError.class, () -> sql("DELETE FROM audit_log WHERE beneficiary_id = $1", id));
    assertEquals(1, sql("SELECT count(*) FROM audit_log WHERE beneficiary_id = $1 AND ip = '127.0.0.1'", id)
        .get(0).getLong(0));
  }

  @Test
  @DisplayName("a family link shows one appointment without names, confirms or cancels it, and opens nothing else")
  void familyLinks() {
    UUID person = beneficiaryOf("BC");
    UUID appointment = appointmentFor(person);
    JsonObject beneficiary = api.get("/api/beneficiaries/" + person, bc).bodyAsJsonObject();
    var issued = api.post("/api/appointments/" + appointment + "/family-links", bc, new JsonObject());
    assertEquals(201, issued.statusCode(), issued.bodyAsString());
    String token = issued.bodyAsJsonObject().getString("token");
    assertEquals(404, api.post("/api/appointments/" + appointment + "/family-links", vn, new JsonObject()).statusCode());

    var shown = api.get("/api/family/" + token, null);
    assertEquals(200, shown.statusCode(), shown.bodyAsString());
    JsonObject view = shown.bodyAsJsonObject();
    assertEquals(appointment.toString(), view.getString("appointmentId"));
    assertEquals("Kinetoterapie", view.getJsonObject("serviceLabel").getString("ro"));
    assertNotNull(view.getJsonObject("place").getString("address"));
    String text = shown.bodyAsString();
    assertFalse(text.contains(beneficiary.getString("lastName")), text);
    assertFalse(text.contains(person.toString()), text);
    assertFalse(text.contains(beneficiary.getString("phone")), text);

    // the token opens nothing else: not as a Bearer token, not altered, not on another path
    assertEquals(401, api.get("/api/beneficiaries/" + person, token).statusCode());
    assertEquals(401, api.get("/api/appointments/" + appointment, token).statusCode());
    int dot = token.indexOf('.');
    for (int at : new int[] {0, dot + 1, token.length() - 1}) {
      char c = token.charAt(at);
      String altered = token.substring(0, at) + (c == 'A' ? 'B' : 'A') + token.substring(at + 1);
      assertEquals(404, api.get("/api/family/" + altered, null).statusCode(), "altered at " + at);
    }
    assertEquals(404, api.get("/api/family/" + UUID.randomUUID(), null).statusCode());

    var confirmed = api.post("/api/family/" + token + "/confirm", null, new JsonObject());
    assertEquals(200, confirmed.statusCode(), confirmed.bodyAsString());
    assertEquals("confirmed", confirmed.bodyAsJsonObject().getString("response"));
    var cancelled = api.post("/api/family/" + token + "/cancel", null, new JsonObject());
    assertEquals(200, cancelled.statusCode());
    assertEquals("cancelled", cancelled.bodyAsJsonObject().getString("status"));
    assertEquals(409, api.post("/api/family/" + token + "/confirm", null, new JsonObject()).statusCode());
    assertEquals(1, sql("SELECT count(*) FROM outbox WHERE event_type = 'appointment.cancelled' "
        + "AND payload->>'actor' = 'family_link' AND payload->>'appointmentId' = $1", appointment.toString()).get(0).getLong(0));

    // revoked and expired links stop working
    UUID second = appointmentFor(beneficiaryOf("BC"));
    String revoked = await(app.access().familyLinks().issue(second));
    assertEquals(200, api.get("/api/family/" + revoked, null).statusCode());
    assertEquals(204, api.post("/api/appointments/" + second + "/family-links/revoke", bc, new JsonObject()).statusCode());
    assertEquals(404, api.get("/api/family/" + revoked, null).statusCode());
    String expiring = await(app.access().familyLinks().issue(second));
    sql("UPDATE family_links SET created_at = now() - interval '3 days', expires_at = now() - interval '1 second' "
        + "WHERE appointment_id = $1 AND revoked_at IS NULL", second);
    assertEquals(404, api.get("/api/family/" + expiring, null).statusCode());
  }

  @Test
  @DisplayName("a consent changed by editing the record lands in the consent history, with who changed it")
  void consentChangedByEditIsKept() {
    UUID id = beneficiaryOf("BC");
    JsonObject record = api.get("/api/beneficiaries/" + id, bc).bodyAsJsonObject();
    boolean sms = Boolean.TRUE.equals(record.getBoolean("smsConsent"));
    int before = api.get("/api/beneficiaries/" + id + "/consent", bc).bodyAsJsonObject().getInteger("total");
    JsonObject edited = record.copy().put("smsConsent", !sms).put("smsConsentDate", sms ? null : "2026-11-30");
    var put = api.call(io.vertx.core.http.HttpMethod.PUT, "/api/beneficiaries/" + id, ApiClient.bearer(bc), edited);
    assertEquals(200, put.statusCode(), put.bodyAsString());
    JsonObject history = api.get("/api/beneficiaries/" + id + "/consent", bc).bodyAsJsonObject();
    assertEquals(before + 1, history.getInteger("total"), history.encode());
    JsonObject last = history.getJsonArray("items").getJsonObject(0);
    assertEquals("sms", last.getString("kind"));
    assertEquals(!sms, last.getBoolean("granted"));
    long account = api.get("/api/auth/me", bc).bodyAsJsonObject().getLong("id");
    assertEquals(account, sql("SELECT account_id FROM consent_events WHERE beneficiary_id = $1 ORDER BY id DESC LIMIT 1",
        id).get(0).getLong(0));
    // an edit that leaves both consents as they are adds nothing
    JsonObject again = api.get("/api/beneficiaries/" + id, bc).bodyAsJsonObject().put("guardianName", "Maria Ionescu");
    assertEquals(200, api.call(io.vertx.core.http.HttpMethod.PUT, "/api/beneficiaries/" + id, ApiClient.bearer(bc), again)
        .statusCode());
    assertEquals(before + 1, api.get("/api/beneficiaries/" + id + "/consent", bc).bodyAsJsonObject().getInteger("total"));
  }

  @Test
  @DisplayName("export gives everything about one person; erasure anonymises them and keeps the counts; consent gates SMS")
  void gdpr() {
    UUID id = beneficiaryOf("BC");
    UUID appointment = appointmentFor(id);
    String link = await(app.access().familyLinks().issue(appointment));

    var consent = api.post("/api/beneficiaries/" + id + "/consent", bc, new JsonObject().put("sms", true).put("data", true));
    assertEquals(200, consent.statusCode(), consent.bodyAsString());
    assertTrue(await(Consent.smsAllowed(app.pool(), id)));
    assertEquals(200, api.post("/api/beneficiaries/" + id + "/consent", bc, new JsonObject().put("sms", false)).statusCode());
    assertFalse(await(Consent.smsAllowed(app.pool(), id)), "no SMS after consent is withdrawn");
    assertEquals(422, api.post("/api/beneficiaries/" + id + "/consent", bc, new JsonObject()).statusCode());

    var export = api.get("/api/beneficiaries/" + id + "/export", bc);
    assertEquals(200, export.statusCode(), export.bodyAsString());
    JsonObject doc = export.bodyAsJsonObject();
    assertEquals(id.toString(), doc.getJsonObject("beneficiary").getString("id"));
    assertEquals(1, doc.getJsonArray("appointments").size());
    assertEquals(2, doc.getJsonArray("consentHistory").size() - 1, "sms+data granted, then sms withdrawn");
    assertEquals(1, doc.getJsonArray("familyLinks").size());
    assertFalse(doc.getJsonArray("accessLog").isEmpty());
    assertNull(doc.getValue("erasure"));

    long before = sql("SELECT count(*) FROM beneficiaries b JOIN localities l ON l.siruta = b.locality_siruta "
        + "WHERE l.county = 'BC'").get(0).getLong(0);
    var erased = api.post("/api/beneficiaries/" + id + "/erase", bc, new JsonObject());
    assertEquals(200, erased.statusCode(), erased.bodyAsString());
    JsonObject after = api.get("/api/beneficiaries/" + id, bc).bodyAsJsonObject();
    assertEquals("Anonim", after.getString("firstName"));
    assertEquals("Anonim", after.getString("lastName"));
    assertNull(after.getString("cnp"));
    assertNull(after.getString("phone"));
    assertNull(after.getString("guardianName"));
    assertTrue(after.getString("birthDate").endsWith("-01-01"));
    assertEquals(before, sql("SELECT count(*) FROM beneficiaries b JOIN localities l ON l.siruta = b.locality_siruta "
        + "WHERE l.county = 'BC'").get(0).getLong(0), "the county's count stays right");
    assertEquals(1, sql("SELECT count(*) FROM appointments WHERE beneficiary_id = $1", id).get(0).getLong(0));
    assertFalse(await(Consent.smsAllowed(app.pool(), id)));
    assertEquals(404, api.get("/api/family/" + link, null).statusCode(), "links of an erased person are revoked");
    assertEquals("request", sql("SELECT reason FROM erasures WHERE beneficiary_id = $1", id).get(0).getString(0));
    assertEquals(1, sql("SELECT count(*) FROM outbox WHERE event_type = 'beneficiary.erased' AND event_key = $1",
        id.toString()).get(0).getLong(0));
  }

  @Test
  @DisplayName("the retention job anonymises beneficiaries inactive longer than the retention period, and only them")
  void retention() {
    UUID old = beneficiaryOf("VN");
    sql("UPDATE beneficiaries SET updated_at = now() - interval '7 years' WHERE id = $1", old);
    int erased = await(app.access().gdpr().applyRetention(60));
    assertEquals(1, erased);
    assertEquals("retention", sql("SELECT reason FROM erasures WHERE beneficiary_id = $1", old).get(0).getString(0));
    assertEquals("Anonim", sql("SELECT last_name FROM beneficiaries WHERE id = $1", old).get(0).getString(0));
    assertEquals(0, await(app.access().gdpr().applyRetention(60)));
    assertEquals(Map.of(), Map.of());
  }
}
