package ro.caravana.scheduler.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.SchedulerApp;

/**
 * The access matrix written by hand from the route table of {@code docs/security.md}: for each route, what
 * each caller gets on a Bacău record (admin; the Bacău coordinator, own county; the Vrancea coordinator,
 * other county; the coordinator of the record's centre; the doctor whose appointment it is; a supervisor;
 * anonymous). Nothing here is derived from the policy code under test: a wrong grant in the policy fails
 * this table. Review it against the doc whenever either changes.
 *
 * <p>Expectations: {@code ok} = served (not 401, 403 or 404, and below 500: with the placeholder bodies
 * below a handler may still answer 400, 409 or 422); a number = exactly that status; {@code -} = not
 * called (destructive for a caller who is allowed).
 */
@DisplayName("Expected access matrix, written from docs/security.md")
class ExpectedAccessMatrixTest {

  private static final List<String> CALLERS = List.of("admin", "bc", "vn", "centre", "doctor", "supervisor", "anonymous");
  private static SchedulerApp app;
  private static ApiClient api;
  private static final Map<String, String> TOKENS = new LinkedHashMap<>();
  private static final Map<String, String> IDS = new LinkedHashMap<>();

  /** One line of the table: method, path ({b} beneficiary, {cp} care plan, {a} appointment, {p} plan, {h} horizon, {staff}, {siruta}). */
  record Row(String method, String path, JsonObject body, String expected) {}

  private static Row row(String method, String path, String expected) {
    return new Row(method, path, method.equals("GET") || method.equals("DELETE") ? null : new JsonObject(), expected);
  }

  private static Row row(String method, String path, JsonObject body, String expected) {
    return new Row(method, path, body, expected);
  }

  //                                                                      admin bc  vn  centre doctor superv. anon
  static final List<Row> TABLE = List.of(
      row("GET", "/api/openapi.yaml", "ok ok ok ok ok ok ok"),
      row("GET", "/api/auth/me", "ok ok ok ok ok ok 401"),
      row("GET", "/api/counties", "ok ok ok ok ok ok 401"),
      row("GET", "/api/localities", "ok ok ok ok ok ok 401"),
      row("GET", "/api/localities/{siruta}", "ok ok ok ok ok ok 401"),
      row("GET", "/api/centres", "ok ok ok ok ok ok 401"),
      row("GET", "/api/caravans", "ok ok ok ok ok ok 401"),
      row("GET", "/api/caravans/{caravan}", "ok ok 404 ok ok ok 401"),
      row("GET", "/api/staff", "ok ok ok ok ok 403 401"),
      row("GET", "/api/staff/{staff}", "ok ok 404 ok ok 403 401"),
      row("GET", "/api/beneficiaries", "ok ok ok ok ok 403 401"),
      row("GET", "/api/beneficiaries/{b}", "ok ok 404 ok ok 403 401"),
      row("GET", "/api/beneficiaries/{b}/care-plans", "ok ok 404 ok ok 403 401"),
      row("POST", "/api/beneficiaries", "ok ok ok ok 403 403 401"),
      row("POST", "/api/beneficiaries", new JsonObject().put("localitySiruta", "{siruta}"), "ok ok 403 ok 403 403 401"),
      row("PUT", "/api/beneficiaries/{b}", "ok ok 404 ok 403 403 401"),
      row("POST", "/api/beneficiaries/{b}/care-plans", "ok ok 404 ok 403 403 401"),
      row("GET", "/api/beneficiaries/{b}/export", "ok ok 404 403 403 403 401"),
      row("POST", "/api/beneficiaries/{b}/erase", "- - 404 403 403 403 401"),
      row("DELETE", "/api/beneficiaries/{b}", "- - 404 403 403 403 401"),
      row("POST", "/api/beneficiaries/{b}/consent", "ok ok 404 ok 403 403 401"),
      row("GET", "/api/beneficiaries/{b}/consent", "ok ok 404 ok 403 403 401"),
      row("GET", "/api/care-plans", "ok ok ok ok ok 403 401"),
      row("GET", "/api/care-plans?beneficiary={b}", "ok ok 403 ok ok 403 401"),
      row("GET", "/api/care-plans/{cp}", "ok ok 404 ok ok 403 401"),
      row("POST", "/api/care-plans", "ok ok ok ok 403 403 401"),
      row("POST", "/api/care-plans", new JsonObject().put("beneficiaryId", "{b}"), "ok ok 403 ok 403 403 401"),
      row("PUT", "/api/care-plans/{cp}", "ok ok 404 ok 403 403 401"),
      row("DELETE", "/api/care-plans/{cp}", "- - 404 - 403 403 401"),
      row("GET", "/api/appointments", "ok ok ok ok ok 403 401"),
      row("GET", "/api/appointments?beneficiary={b}", "ok ok 403 ok ok 403 401"),
      row("GET", "/api/appointments/{a}", "ok ok 404 ok ok 403 401"),
      row("PATCH", "/api/appointments/{a}", "ok ok 404 ok ok 403 401"),
      row("GET", "/api/appointments/{a}/attendance", "ok ok 404 ok ok 403 401"),
      row("POST", "/api/appointments/{a}/attendance", "ok ok 404 ok ok 403 401"),
      row("POST", "/api/appointments", "ok ok ok ok 403 403 401"),
      row("POST", "/api/appointments", new JsonObject().put("beneficiaryId", "{b}"), "ok ok 403 ok 403 403 401"),
      row("POST", "/api/appointments/{a}/family-links", "ok ok 404 ok 403 403 401"),
      row("GET", "/api/appointments/no-shows/repeated", "ok ok ok ok 403 403 401"),
      row("GET", "/api/consultations", "ok ok ok ok ok 403 401"),
      row("GET", "/api/consultations/{a}", "ok ok 404 ok ok 403 401"),
      // call tickets are bound to people: coordinators and supervisors get neither, the clinician not the family's
      row("GET", "/api/consultations/{a}/join?as=family", "403 403 403 403 403 403 401"),
      // the doctor of the appointment is let through to the ticket issuer; this app runs no signalling, so 503
      row("GET", "/api/consultations/{a}/join?as=doctor", "403 403 403 403 503 403 401"),
      row("POST", "/api/consultations/{a}/participants", "ok 403 403 403 403 403 401"),
      // field attendance: clinicians' own day only (docs/security.md); a placeholder body answers 400 to them
      row("GET", "/api/field/day", "403 403 403 403 ok 403 401"),
      row("POST", "/api/field/marks", "403 403 403 403 ok 403 401"),
      row("POST", "/api/field/walk-ins", "403 403 403 403 ok 403 401"),
      row("GET", "/api/plans", "ok ok ok 403 403 403 401"),
      row("GET", "/api/plans/{p}", "ok ok 404 403 403 403 401"),
      row("GET", "/api/plans/{p}/items", "ok ok 404 403 403 403 401"),
      row("POST", "/api/plans", "ok ok ok 403 403 403 401"),
      row("POST", "/api/plans", new JsonObject().put("county", "BC"), "ok ok 403 403 403 403 401"),
      // manual edits of a plan (issue 16): county level, like every /api/plans* route
      row("GET", "/api/plans/{p}/moves", "ok ok 404 403 403 403 401"),
      row("POST", "/api/plans/{p}/moves", "ok ok 404 403 403 403 401"),
      row("POST", "/api/plans/{p}/pins", "ok ok 404 403 403 403 401"),
      row("POST", "/api/plans/{p}/resolve", "ok ok 404 403 403 403 401"),
      row("GET", "/api/reports/attendance", "ok ok ok ok ok ok 401"),
      row("GET", "/api/reports/attendance/marks", "ok ok ok ok ok ok 401"),
      row("GET", "/api/reports/coverage", "ok ok ok ok ok ok 401"),
      row("GET", "/api/reports/coverage?county=BC", "ok ok 403 ok ok ok 401"),
      // interop (docs/interop.md): FHIR as the JSON API, exports as reports, calendar feeds by token only
      row("GET", "/fhir/r4/metadata", "ok ok ok ok ok ok ok"),
      row("GET", "/fhir/r4/Patient/{b}", "ok ok 404 ok ok 403 401"),
      row("GET", "/fhir/r4/Patient", "ok ok ok ok ok 403 401"),
      row("GET", "/fhir/r4/Appointment/{a}", "ok ok 404 ok ok 403 401"),
      row("GET", "/fhir/r4/Appointment", "ok ok ok ok ok 403 401"),
      row("GET", "/fhir/r4/Practitioner/{staff}", "ok ok 404 ok ok 403 401"),
      row("POST", "/fhir/r4/Patient", "ok ok ok ok 403 403 401"),
      row("PUT", "/fhir/r4/Patient/{b}", "ok ok 404 ok 403 403 401"),
      row("POST", "/fhir/r4/Appointment", "ok ok ok ok 403 403 401"),
      row("GET", "/fhir/r4/Schedule/staff-{staff}", "ok ok 404 ok ok 403 401"),
      row("GET", "/fhir/r4/Slot?schedule=Schedule/staff-{staff}", "ok ok ok ok ok 403 401"),
      row("GET", "/fhir/r4/CarePlan/{cp}", "ok ok 404 ok ok 403 401"),
      row("GET", "/fhir/r4/CarePlan", "ok ok ok ok ok 403 401"),
      row("GET", "/fhir/r4/Communication", "ok ok ok ok ok 403 401"),
      row("GET", "/fhir/r4/AppointmentResponse", "ok ok ok ok ok 403 401"),
      row("POST", "/fhir/r4/AppointmentResponse", "ok ok ok ok ok 403 401"),
      row("GET", "/fhir/r4/Location", "ok ok ok ok ok ok 401"),
      row("GET", "/fhir/r4/MeasureReport", "ok ok ok ok ok ok 401"),
      row("GET", "/api/exports/report.csv", "ok ok ok ok ok ok 401"),
      // record exports: county level; a Vrancea coordinator gets its own county's rows, never Bacău's
      row("GET", "/api/exports/beneficiaries", "ok ok ok 403 403 403 401"),
      row("GET", "/api/exports/beneficiaries?county=BC", "ok ok 403 403 403 403 401"),
      row("GET", "/api/exports/care-plans?format=xlsx", "ok ok ok 403 403 403 401"),
      // no plan of that week is published: 404 once the gate let the caller through
      row("GET", "/api/exports/week?county=BC&week=2032-W01", "404 404 403 403 403 403 401"),
      row("GET", "/api/calendar/not-a-feed.ics", "404 404 404 404 404 404 404"),
      row("GET", "/api/audit", "ok 403 403 403 403 403 401"),
      // accounts ({acct}: the demo doctor's, Bacău): admin every account, a county coordinator the centre
      // coordinators and clinicians of its counties (out of them 404), nobody else; links open without an account
      row("GET", "/api/accounts", "ok ok ok 403 403 403 401"),
      row("POST", "/api/accounts", "ok ok ok 403 403 403 401"),
      row("GET", "/api/accounts/{acct}", "ok ok 404 403 403 403 401"),
      row("PATCH", "/api/accounts/{acct}", "ok ok 404 403 403 403 401"),
      row("POST", "/api/accounts/{acct}/password-reset", "ok ok 404 403 403 403 401"),
      row("POST", "/api/accounts/{acct}/disable", "- - 404 403 403 403 401"),
      row("POST", "/api/accounts/{acct}/enable", "ok ok 404 403 403 403 401"),
      row("GET", "/api/account-links/not-a-link", "404 404 404 404 404 404 404"),
      row("GET", "/api/notifications", "ok ok ok ok 403 403 401"),
      row("GET", "/api/notifications?beneficiaryId={b}", "ok ok 403 ok 403 403 401"),
      row("GET", "/api/sms/replies", "ok ok ok ok 403 403 401"),
      row("GET", "/api/sms/replies?beneficiaryId={b}", "ok ok 403 ok 403 403 401"),
      row("GET", "/api/sms/threads", "ok ok ok ok 403 403 401"),
      // the HTTP gateway's callbacks do not exist with SMPP or in demo mode
      row("POST", "/api/sms/inbound", new JsonObject().put("from", "+40721000000").put("text", "STOP"),
          "404 404 404 404 404 404 404"),
      row("POST", "/api/sms/status", "404 404 404 404 404 404 404"),
      // caravan horizons and road times: county level, aggregates (bodies below are incomplete: 400 or 409 is "ok")
      row("GET", "/api/horizons", "ok ok ok 403 403 403 401"),
      row("GET", "/api/horizons/{h}", "ok ok 404 403 403 403 401"),
      row("POST", "/api/horizons", new JsonObject().put("county", "BC"), "ok ok 403 403 403 403 401"),
      row("GET", "/api/travel-matrix", "ok ok ok 403 403 403 401"),
      row("POST", "/api/travel-matrix", "ok ok ok 403 403 403 401"),
      row("POST", "/api/travel-matrix/refresh", new JsonObject().put("county", "BC"), "ok ok 403 403 403 403 401"),
      row("GET", "/api/road-rules", "ok ok ok 403 403 403 401"),
      row("POST", "/api/road-rules", new JsonObject().put("siruta", "{siruta}"), "ok ok 403 403 403 403 401"),
      row("PUT", "/api/localities/{siruta}/visit-frequency", "ok ok 404 403 403 403 401"));

  @BeforeAll
  static void start() throws Exception {
    app = DemoApp.get();
    api = new ApiClient(DemoApp.vertx(), app.port());
    TOKENS.put("admin", api.token("admin@caravana.demo"));
    TOKENS.put("bc", api.token("coordonator.bc@caravana.demo"));
    TOKENS.put("vn", api.token("coordonator.vn@caravana.demo"));
    TOKENS.put("centre", api.token("coordonator.centru@caravana.demo"));
    TOKENS.put("doctor", api.token("medic@caravana.demo"));
    TOKENS.put("supervisor", api.token("supervizor@caravana.demo"));
    TOKENS.put("anonymous", null);
    // the record every row names: a Bacău beneficiary of the centre coordinator's centre, with a remote
    // appointment held by the demo doctor (so it is "their own") and a care plan
    long centre = Long.parseLong(one("SELECT centre_id::text FROM accounts WHERE email = 'coordonator.centru@caravana.demo'"));
    long doctorStaff = Long.parseLong(one("SELECT staff_id::text FROM accounts WHERE email = 'medic@caravana.demo'"));
    String b = one("SELECT b.id::text FROM beneficiaries b JOIN localities l ON l.siruta = b.locality_siruta"
        + " WHERE l.county = 'BC' AND b.centre_id = " + centre + " ORDER BY b.id DESC LIMIT 1");
    String a = UUID.randomUUID().toString();
    sql("INSERT INTO appointments (id, beneficiary_id, service, modality, starts_at, ends_at, staff_id, status)"
        + " VALUES ($1::uuid, $2::uuid, 'counselling', 'remote', now() + interval '2 days', now() + interval '2 days 30 minutes', $3, 'booked')",
        a, b, doctorStaff);
    String cp = UUID.randomUUID().toString();
    sql("INSERT INTO care_plans (id, beneficiary_id, service, sessions_per_week, minutes, modality, valid_from)"
        + " VALUES ($1::uuid, $2::uuid, 'counselling', 1, 30, 'remote', DATE '2026-01-01')", cp, b);
    String p = UUID.randomUUID().toString();
    sql("INSERT INTO plans (id, county, week, kinds, seconds_limit, status) VALUES ($1::uuid, 'BC', '2032-W01', '{routes}', 1, 'failed')", p);
    String h = UUID.randomUUID().toString();
    sql("INSERT INTO horizons (id, county, from_week, weeks, first_day, last_day, seconds_limit, status)"
        + " VALUES ($1::uuid, 'BC', '2032-W01', 4, DATE '2031-12-29', DATE '2032-01-25', 1, 'failed')", h);
    IDS.put("{h}", h);
    IDS.put("{acct}", one("SELECT id::text FROM accounts WHERE email = 'medic@caravana.demo'"));
    IDS.put("{b}", b);
    IDS.put("{a}", a);
    IDS.put("{cp}", cp);
    IDS.put("{p}", p);
    IDS.put("{caravan}", one("SELECT id::text FROM caravans WHERE county = 'BC' ORDER BY id LIMIT 1"));
    IDS.put("{staff}", one("SELECT id::text FROM staff WHERE county = 'BC' ORDER BY id LIMIT 1"));
    IDS.put("{siruta}", one("SELECT siruta::text FROM localities WHERE county = 'BC' AND siruta > 10000 ORDER BY siruta LIMIT 1"));
  }

  private static String one(String query) throws Exception {
    var rows = app.pool().query(query).execute().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return rows.iterator().next().getString(0);
  }

  private static void sql(String query, Object... args) throws Exception {
    app.pool().preparedQuery(query).execute(Tuple.from(args)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static String fill(String text) {
    String out = text;
    for (var e : IDS.entrySet()) out = out.replace(e.getKey(), e.getValue());
    return out;
  }

  private static JsonObject fill(JsonObject body) {
    if (body == null) return null;
    JsonObject out = new JsonObject();
    body.forEach(e -> {
      Object v = e.getValue();
      if (v instanceof String s && s.equals("{siruta}")) v = Integer.parseInt(IDS.get("{siruta}"));
      else if (v instanceof String s) v = fill(s);
      out.put(e.getKey(), v);
    });
    return out;
  }

  @Test
  @DisplayName("every route of the table, as every caller, answers what docs/security.md says")
  void matrix() {
    List<String> failures = new ArrayList<>();
    int calls = 0;
    for (Row row : TABLE) {
      String[] expected = row.expected().split(" ");
      assertEquals(CALLERS.size(), expected.length, row.path());
      for (int i = 0; i < CALLERS.size(); i++) {
        if (expected[i].equals("-")) continue;
        String path = fill(row.path());
        var r = api.call(HttpMethod.valueOf(row.method()), path, ApiClient.bearer(TOKENS.get(CALLERS.get(i))), fill(row.body()));
        calls++;
        int status = r.statusCode();
        boolean ok = expected[i].equals("ok")
            ? status != 401 && status != 403 && status != 404 && status < 500
            : status == Integer.parseInt(expected[i]);
        if (!ok) {
          failures.add(row.method() + " " + row.path() + " as " + CALLERS.get(i) + ": expected " + expected[i] + ", got " + status
              + " " + r.bodyAsString().substring(0, Math.min(160, r.bodyAsString().length())));
        }
      }
    }
    assertEquals(List.of(), failures, calls + " calls");
  }
}
