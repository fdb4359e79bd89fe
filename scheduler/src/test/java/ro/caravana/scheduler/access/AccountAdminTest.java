package ro.caravana.scheduler.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.SchedulerApp;

/**
 * The accounts API (docs/security.md, "Accounts"): invitation and reset links (one-time, expiring, the invitee
 * sets the password), list and read within what the caller keeps, change of role and scope, disable, and the audit
 * row of every change. Expected access comes from the doc: an administrator keeps every account, a county
 * coordinator the centre coordinators and clinicians of its own counties.
 */
@DisplayName("Accounts API: invite, list, change, disable, reset")
class AccountAdminTest {

  private static final String PASSWORD = "Caravana ajunge la Onești marțea";
  private static SchedulerApp app;
  private static ApiClient api;
  private static String admin;
  private static String bc;
  private static String vn;
  private static long bcDoctorStaff;
  private static long vnNurseStaff;

  @BeforeAll
  static void start() throws Exception {
    app = DemoApp.get();
    api = new ApiClient(DemoApp.vertx(), app.port());
    admin = api.token("admin@caravana.demo");
    bc = api.token("coordonator.bc@caravana.demo");
    vn = api.token("coordonator.vn@caravana.demo");
    bcDoctorStaff = Long.parseLong(one("SELECT id::text FROM staff WHERE county = 'BC' AND role = 'doctor' ORDER BY id DESC LIMIT 1"));
    vnNurseStaff = Long.parseLong(one("SELECT id::text FROM staff WHERE county = 'VN' AND role = 'nurse' ORDER BY id LIMIT 1"));
  }

  private static String one(String query) throws Exception {
    var rows = app.pool().query(query).execute().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return rows.iterator().next().getString(0);
  }

  private static long count(String query, Object... args) throws Exception {
    return app.pool().preparedQuery(query).execute(Tuple.from(args)).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS).iterator().next().getLong(0);
  }

  private static HttpResponse<Buffer> patch(String path, String token, JsonObject body) {
    return api.call(HttpMethod.PATCH, path, ApiClient.bearer(token), body);
  }

  private static JsonObject doctor(String email, String county, long staff) {
    return new JsonObject().put("email", email).put("displayName", "Dr. Test").put("role", "doctor")
        .put("counties", new JsonArray().add(county)).put("staffId", staff);
  }

  /** Invites as {@code token} and returns the answer (the account with its link). */
  private static JsonObject invite(String token, JsonObject body) {
    var r = api.post("/api/accounts", token, body);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  private static String linkPath(JsonObject link) {
    // the person opens the page (url); the page and scripts use the API (api)
    assertTrue(link.getString("url").contains("/cont/" + link.getString("token")), link.encode());
    String url = link.getString("api");
    return url.substring(url.indexOf("/api/account-links/"));
  }

  private static void assertProblem(HttpResponse<Buffer> r, int status, String field) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    assertTrue(r.getHeader("Content-Type").startsWith("application/problem+json"), r.bodyAsString());
    String body = r.bodyAsString();
    assertTrue(body.contains(field), field + " not named in " + body);
  }

  @Test
  @DisplayName("an invited account has no password until its link is used, once; the link expires; all is audited")
  void inviteAndSetPassword() throws Exception {
    String email = "invitat." + UUID.randomUUID() + "@dgaspc.test";
    JsonObject created = invite(admin, doctor(email, "BC", bcDoctorStaff));
    long id = created.getLong("id");
    assertEquals("invited", created.getString("status"));
    JsonObject link = created.getJsonObject("link");
    assertEquals("invite", link.getString("purpose"));
    assertTrue(link.getString("url").endsWith("/cont/" + link.getString("token")), link.encode());
    assertTrue(link.getString("api").endsWith("/api/account-links/" + link.getString("token")), link.encode());
    assertEquals(401, api.login(email, PASSWORD).statusCode(), "no password before the link is used");

    var info = api.get(linkPath(link), null);
    assertEquals(200, info.statusCode(), info.bodyAsString());
    assertEquals(email, info.bodyAsJsonObject().getString("email"));

    // the password policy first: a short or common password leaves the link unused
    assertProblem(api.post(linkPath(link), null, new JsonObject().put("password", "scurta")), 422, "password");
    assertProblem(api.post(linkPath(link), null, new JsonObject().put("password", "Password1234!")), 422, "password");
    assertProblem(api.post(linkPath(link), null, new JsonObject().put("password", 123456789012L)), 400, "password");
    var set = api.post(linkPath(link), null, new JsonObject().put("password", PASSWORD));
    assertEquals(200, set.statusCode(), set.bodyAsString());
    assertEquals(200, api.login(email, PASSWORD).statusCode(), "signs in with the password they set");

    // single use
    assertProblem(api.post(linkPath(link), null, new JsonObject().put("password", PASSWORD + " bis")), 410, "token");
    assertProblem(api.get(linkPath(link), null), 410, "token");
    // a token that was never made, and tokens of the wrong shape: 404 alike
    for (String t : List.of("A".repeat(43), "x", link.getString("token") + "A", "%41".repeat(43))) {
      assertProblem(api.post("/api/account-links/" + t, null, new JsonObject().put("password", PASSWORD)), 404, "token");
    }

    // expiry: a reset link pushed into the past answers 410 and changes nothing
    var reset = api.post("/api/accounts/" + id + "/password-reset", admin, new JsonObject());
    assertEquals(201, reset.statusCode(), reset.bodyAsString());
    assertEquals("reset", reset.bodyAsJsonObject().getString("purpose"));
    app.pool().preparedQuery("UPDATE account_links SET created_at = now() - interval '2 days', expires_at = now() - interval '1 day'"
        + " WHERE account_id = $1 AND used_at IS NULL").execute(Tuple.of(id)).toCompletionStage().toCompletableFuture().get();
    assertProblem(api.post(linkPath(reset.bodyAsJsonObject()), null, new JsonObject().put("password", PASSWORD + " nou")),
        410, "token");
    assertEquals(200, api.login(email, PASSWORD).statusCode());

    assertEquals(1, count("SELECT count(*) FROM audit_log WHERE action = 'account.invite' AND record = $1", "accounts:" + id));
    assertEquals(1, count("SELECT count(*) FROM audit_log WHERE action = 'account.password-set' AND record = $1"
        + " AND account_id = $2", "accounts:" + id, id));
    assertEquals(1, count("SELECT count(*) FROM audit_log WHERE action = 'account.reset' AND record = $1", "accounts:" + id));
    assertEquals(0, count("SELECT count(*) FROM audit_log WHERE filters LIKE '%' || $1 || '%'", PASSWORD));
  }

  @Test
  @DisplayName("a reset link sets a new password: the old one stops working and the account's sessions end")
  void resetPassword() throws Exception {
    String email = "resetare." + UUID.randomUUID() + "@dgaspc.test";
    JsonObject created = invite(bc, doctor(email, "BC", bcDoctorStaff));
    assertEquals(200, api.post(linkPath(created.getJsonObject("link")), null, new JsonObject().put("password", PASSWORD))
        .statusCode());
    String cookie = sessionCookie(email, PASSWORD);
    assertEquals(200, api.call(HttpMethod.GET, "/api/auth/me", Map.of("Cookie", cookie), null).statusCode());

    var reset = api.post("/api/accounts/" + created.getLong("id") + "/password-reset", bc, new JsonObject());
    assertEquals(201, reset.statusCode(), reset.bodyAsString());
    assertEquals(200, api.login(email, PASSWORD).statusCode(), "the old password works until the link is used");
    String fresh = "Alt an, altă parolă pentru Vrancea";
    assertEquals(200, api.post(linkPath(reset.bodyAsJsonObject()), null, new JsonObject().put("password", fresh)).statusCode());
    assertEquals(401, api.login(email, PASSWORD).statusCode());
    assertEquals(200, api.login(email, fresh).statusCode());
    assertEquals(401, api.call(HttpMethod.GET, "/api/auth/me", Map.of("Cookie", cookie), null).statusCode(),
        "the session opened with the old password ended");
  }

  private static String sessionCookie(String email, String password) {
    var r = api.call(HttpMethod.POST, "/api/auth/session", Map.of(),
        new JsonObject().put("email", email).put("password", password));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.cookies().stream().filter(c -> c.startsWith(Sessions.COOKIE + "=")).findFirst().orElseThrow().split(";")[0];
  }

  @Test
  @DisplayName("a county coordinator keeps only the centre coordinators and clinicians of its counties")
  void countyCoordinatorScope() throws Exception {
    // roles and counties outside what a Bacău coordinator keeps: 403 naming the field
    assertProblem(api.post("/api/accounts", bc, new JsonObject().put("email", "x." + UUID.randomUUID() + "@dgaspc.test")
        .put("role", "admin")), 403, "role");
    assertProblem(api.post("/api/accounts", bc, new JsonObject().put("email", "x." + UUID.randomUUID() + "@dgaspc.test")
        .put("role", "county_coordinator").put("counties", new JsonArray().add("BC"))), 403, "role");
    assertProblem(api.post("/api/accounts", bc, doctor("x." + UUID.randomUUID() + "@dgaspc.test", "VN", vnNurseStaff)
        .put("role", "nurse")), 403, "staffId");
    assertProblem(api.post("/api/accounts", bc, new JsonObject().put("email", "x." + UUID.randomUUID() + "@dgaspc.test")
        .put("role", "therapist").put("counties", new JsonArray().add("VN"))), 403, "counties");
    // every field problem at once
    var bad = api.post("/api/accounts", admin, new JsonObject().put("email", "nu-e-adresa").put("role", "doctor")
        .put("displayName", "  "));
    assertEquals(422, bad.statusCode(), bad.bodyAsString());
    for (String field : List.of("email", "displayName", "counties", "staffId")) {
      assertTrue(bad.bodyAsString().contains("\"field\":\"" + field + "\""), field + ": " + bad.bodyAsString());
    }
    // an id the gate cannot read: 400 before anything else
    assertProblem(api.post("/api/accounts", admin, doctor("x." + UUID.randomUUID() + "@dgaspc.test", "BC", bcDoctorStaff)
        .put("centreId", "12")), 400, "centreId");
    // the same e-mail twice: 409
    String email = "dublu." + UUID.randomUUID() + "@dgaspc.test";
    JsonObject created = invite(bc, doctor(email, "BC", bcDoctorStaff));
    assertProblem(api.post("/api/accounts", admin, doctor(email.toUpperCase(java.util.Locale.ROOT), "BC", bcDoctorStaff)),
        409, "email");

    var list = api.get("/api/accounts?limit=2000", bc);
    assertEquals(200, list.statusCode(), list.bodyAsString());
    JsonArray items = list.bodyAsJsonObject().getJsonArray("items");
    assertTrue(items.stream().map(JsonObject.class::cast).anyMatch(a -> a.getLong("id").equals(created.getLong("id"))));
    for (Object o : items) {
      JsonObject a = (JsonObject) o;
      assertTrue(List.of("centre_coordinator", "doctor", "therapist", "nurse").contains(a.getString("role")), a.encode());
      assertEquals(new JsonArray().add("BC"), a.getJsonArray("counties"), a.encode());
      assertFalse(a.containsKey("passwordHash") || a.encode().contains("argon2"), a.encode());
    }
    assertProblem(api.get("/api/accounts?county=VN", bc), 403, "county");
    assertProblem(api.get("/api/accounts?role=root", bc), 422, "role");
    long everyone = api.get("/api/accounts?limit=1", admin).bodyAsJsonObject().getLong("total");
    assertTrue(everyone > list.bodyAsJsonObject().getLong("total"), "the administrator keeps more accounts");
    assertEquals(0, api.get("/api/accounts?limit=2000", vn).bodyAsJsonObject().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(a -> a.getJsonArray("counties").contains("BC")).count());

    // the Vrancea coordinator: the Bacău account does not exist, whatever form its id takes
    long id = created.getLong("id");
    assertProblem(api.get("/api/accounts/" + id, vn), 404, "id");
    assertProblem(patch("/api/accounts/" + id, vn, new JsonObject().put("version", 1).put("counties", new JsonArray().add("VN"))),
        404, "id");
    assertProblem(api.post("/api/accounts/" + id + "/disable", vn, new JsonObject()), 404, "id");
    assertProblem(api.post("/api/accounts/" + id + "/password-reset", vn, new JsonObject()), 404, "id");
    String digits = Long.toString(id);
    for (String hostile : List.of(toFullWidth(digits), toArabicIndic(digits), "%2B" + digits, "-" + digits, digits + ".0",
        "0" + digits, "%20" + digits, digits + "%00", "1e3", "99999999999999999999")) {
      var r = api.get("/api/accounts/" + hostile, vn);
      assertEquals(400, r.statusCode(), hostile + ": " + r.bodyAsString());
      var d = api.post("/api/accounts/" + hostile + "/disable", vn, new JsonObject());
      assertEquals(400, d.statusCode(), hostile + ": " + d.bodyAsString());
    }
    // a percent-encoded digit is the same id once decoded (as the router decodes it): still not there for Vrancea
    assertProblem(api.get("/api/accounts/%3" + digits.charAt(0) + digits.substring(1), vn), 404, "id");
    // a Bacău coordinator cannot see (so cannot change) an administrator or another coordinator
    long adminId = Long.parseLong(one("SELECT id::text FROM accounts WHERE email = 'admin@caravana.demo'"));
    long vnId = Long.parseLong(one("SELECT id::text FROM accounts WHERE email = 'coordonator.vn@caravana.demo'"));
    assertProblem(api.post("/api/accounts/" + adminId + "/disable", bc, new JsonObject()), 404, "id");
    assertProblem(patch("/api/accounts/" + vnId, bc, new JsonObject().put("version", 1).put("role", "doctor")), 404, "id");
    // a staff member of another county named in the body: 403 at the gate
    assertProblem(patch("/api/accounts/" + id, bc, new JsonObject().put("version", created.getInteger("version"))
        .put("staffId", vnNurseStaff)), 403, "staffId");
    assertEquals(0, count("SELECT count(*) FROM accounts WHERE id = $1 AND counties <> '{BC}'", id));
  }

  private static String toFullWidth(String digits) {
    StringBuilder sb = new StringBuilder();
    digits.chars().forEach(c -> sb.append((char) ('０' + (c - '0'))));
    return java.net.URLEncoder.encode(sb.toString(), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String toArabicIndic(String digits) {
    StringBuilder sb = new StringBuilder();
    digits.chars().forEach(c -> sb.append((char) ('٠' + (c - '0'))));
    return java.net.URLEncoder.encode(sb.toString(), java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("role and scope change with the version (stale 409, own 409) and end the sessions; disable ends everything")
  void changeAndDisable() throws Exception {
    String email = "schimbare." + UUID.randomUUID() + "@dgaspc.test";
    JsonObject created = invite(admin, doctor(email, "BC", bcDoctorStaff));
    long id = created.getLong("id");
    assertEquals(200, api.post(linkPath(created.getJsonObject("link")), null, new JsonObject().put("password", PASSWORD))
        .statusCode());
    String token = api.login(email, PASSWORD).bodyAsJsonObject().getString("token");
    String cookie = sessionCookie(email, PASSWORD);
    int version = api.get("/api/accounts/" + id, admin).bodyAsJsonObject().getInteger("version");

    assertProblem(patch("/api/accounts/" + id, admin, new JsonObject().put("role", "nurse")), 400, "version");
    assertProblem(patch("/api/accounts/" + id, admin, new JsonObject().put("version", version - 1).put("role", "nurse")),
        409, "version");
    assertProblem(patch("/api/accounts/" + id, admin, new JsonObject().put("version", version).put("role", "centre_coordinator")),
        422, "centreId");
    var changed = patch("/api/accounts/" + id, admin, new JsonObject().put("version", version).put("role", "nurse"));
    assertEquals(200, changed.statusCode(), changed.bodyAsString());
    assertEquals("nurse", changed.bodyAsJsonObject().getString("role"));
    assertEquals(version + 1, changed.bodyAsJsonObject().getInteger("version"));
    assertEquals(1, changed.bodyAsJsonObject().getInteger("sessionsEnded"));
    assertEquals(401, api.call(HttpMethod.GET, "/api/auth/me", Map.of("Cookie", cookie), null).statusCode());
    assertEquals(401, api.get("/api/auth/me", token).statusCode(), "tokens issued before the change are recalled");
    token = api.login(email, PASSWORD).bodyAsJsonObject().getString("token");
    assertEquals("nurse", api.get("/api/auth/me", token).bodyAsJsonObject().getString("role"));
    assertEquals(1, count("SELECT count(*) FROM audit_log WHERE action = 'account.change' AND record = $1"
        + " AND filters LIKE 'role=nurse%'", "accounts:" + id));

    // nobody changes their own role or disables themself
    long adminId = Long.parseLong(one("SELECT id::text FROM accounts WHERE email = 'admin@caravana.demo'"));
    int adminVersion = api.get("/api/accounts/" + adminId, admin).bodyAsJsonObject().getInteger("version");
    assertProblem(patch("/api/accounts/" + adminId, admin, new JsonObject().put("version", adminVersion).put("role", "doctor")),
        409, "id");
    assertProblem(api.post("/api/accounts/" + adminId + "/disable", admin, new JsonObject()), 409, "id");

    // disable: the token is refused, the session ends, sign-in fails, an open reset link is dead
    String cookie2 = sessionCookie(email, PASSWORD);
    var reset = api.post("/api/accounts/" + id + "/password-reset", admin, new JsonObject()).bodyAsJsonObject();
    var disabled = api.post("/api/accounts/" + id + "/disable", admin, new JsonObject());
    assertEquals(200, disabled.statusCode(), disabled.bodyAsString());
    assertEquals("disabled", disabled.bodyAsJsonObject().getString("status"));
    assertNotNull(disabled.bodyAsJsonObject().getString("disabledAt"));
    assertEquals(401, api.get("/api/auth/me", token).statusCode());
    assertEquals(401, api.call(HttpMethod.GET, "/api/auth/me", Map.of("Cookie", cookie2), null).statusCode());
    assertEquals(401, api.login(email, PASSWORD).statusCode());
    assertProblem(api.post(linkPath(reset), null, new JsonObject().put("password", "Parolă nouă după dezactivare")), 410, "token");
    assertProblem(api.post("/api/accounts/" + id + "/password-reset", admin, new JsonObject()), 409, "id");
    assertEquals(0, count("SELECT count(*) FROM sessions WHERE account_id = $1 AND revoked_at IS NULL", id));
    assertEquals(0, count("SELECT count(*) FROM account_links WHERE account_id = $1 AND used_at IS NULL AND revoked_at IS NULL", id));
    assertEquals(1, api.get("/api/accounts?status=disabled&limit=2000", admin).bodyAsJsonObject().getJsonArray("items")
        .stream().map(JsonObject.class::cast).filter(a -> a.getLong("id") == id).count());

    var enabled = api.post("/api/accounts/" + id + "/enable", admin, new JsonObject());
    assertEquals("active", enabled.bodyAsJsonObject().getString("status"), enabled.bodyAsString());
    assertEquals(200, api.login(email, PASSWORD).statusCode());
    for (String action : List.of("account.disable", "account.enable")) {
      assertEquals(1, count("SELECT count(*) FROM audit_log WHERE action = $1 AND record = $2", action, "accounts:" + id));
    }
  }
}
