package ro.caravana.scheduler.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.SchedulerApp;

/** Every read of personal data leaves an audit row naming the record or, for a list, the filters used. */
@DisplayName("Audit of every read of personal data")
class AuditReadsTest {

  private static SchedulerApp app;
  private static ApiClient api;
  private static String admin;
  private static String bc;
  private static long bcAccount;

  @BeforeAll
  static void start() {
    app = DemoApp.get();
    api = new ApiClient(DemoApp.vertx(), app.port());
    admin = api.token("admin@caravana.demo");
    bc = api.token("coordonator.bc@caravana.demo");
    bcAccount = api.get("/api/auth/me", bc).bodyAsJsonObject().getLong("id");
  }

  private static String one(String sql) throws Exception {
    var rows = app.pool().query(sql).execute().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return rows.iterator().next().getString(0);
  }

  private static JsonArray audit(String query) {
    var r = api.get("/api/audit?" + query + "&limit=200", admin);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getJsonArray("items");
  }

  @Test
  @DisplayName("appointment, care plan, consultation, notice and list reads and name searches are audited; /api/audit filters by beneficiary, account and period")
  void readsAreAudited() throws Exception {
    String from = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(2).toString();
    String b = one("SELECT b.id::text FROM beneficiaries b JOIN localities l ON l.siruta = b.locality_siruta"
        + " WHERE l.county = 'BC' ORDER BY b.id DESC LIMIT 1");
    String a = UUID.randomUUID().toString();
    app.pool().preparedQuery("INSERT INTO appointments (id, beneficiary_id, service, modality, starts_at, ends_at, status)"
        + " VALUES ($1::uuid, $2::uuid, 'counselling', 'remote', now() + interval '5 days', now() + interval '5 days 1 hour', 'booked')")
        .execute(Tuple.of(a, b)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    String cp = UUID.randomUUID().toString();
    app.pool().preparedQuery("INSERT INTO care_plans (id, beneficiary_id, service, sessions_per_week, minutes, modality, valid_from)"
        + " VALUES ($1::uuid, $2::uuid, 'counselling', 1, 30, 'remote', DATE '2026-01-01')")
        .execute(Tuple.of(cp, b)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

    for (String path : new String[] {"/api/appointments/" + a, "/api/appointments/" + a + "/attendance", "/api/care-plans/" + cp,
        "/api/consultations/" + a, "/api/appointments?beneficiary=" + b, "/api/notifications?beneficiaryId=" + b,
        "/api/sms/replies?status=x&beneficiaryId=" + b, "/api/consultations", "/api/care-plans?beneficiary=" + b,
        "/api/beneficiaries?q=Popescu"}) {
      var r = api.get(path, bc);
      assertTrue(r.statusCode() < 500 && r.statusCode() != 403 && r.statusCode() != 404, path + ": " + r.statusCode());
    }
    String to = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(2).toString();
    Thread.sleep(300); // rows are written once the answer is sent

    JsonArray ofBeneficiary = audit("beneficiaryId=" + b + "&accountId=" + bcAccount + "&from=" + enc(from) + "&to=" + enc(to));
    String records = ofBeneficiary.encode();
    assertTrue(records.contains("\"record\":\"appointments:" + a + "\""), records);
    assertTrue(records.contains("\"record\":\"care-plans:" + cp + "\""), records);
    assertTrue(records.contains("\"record\":\"consultations:" + a + "\""), records);
    assertTrue(records.contains("\"filters\":\"beneficiaryId=" + b + "\""), records);
    assertTrue(records.contains("\"filters\":\"beneficiary=" + b + "\""), records);

    JsonArray ofAccount = audit("accountId=" + bcAccount + "&from=" + enc(from) + "&to=" + enc(to));
    String all = ofAccount.encode();
    assertTrue(all.contains("\"action\":\"search\""), all);
    assertTrue(all.contains("(name search)"), all);
    assertFalse(all.contains("Popescu"), "the name searched for is not written to the log");
    assertTrue(ofAccount.size() >= 10, all);
    // another period: none of these
    assertEquals(0, audit("accountId=" + bcAccount + "&to=" + enc(from)).stream()
        .filter(o -> ((JsonObject) o).getString("record") != null && ((JsonObject) o).getString("record").endsWith(a)).count());
  }

  @Test
  @DisplayName("a NUL byte (or a lone surrogate) in the query, the path or the body cannot keep a request out of the audit log")
  void nulCannotHideARequest() throws Exception {
    String b = one("SELECT b.id::text FROM beneficiaries b JOIN localities l ON l.siruta = b.locality_siruta"
        + " WHERE l.county = 'BC' ORDER BY b.id LIMIT 1");
    String marker = UUID.randomUUID().toString().substring(0, 8);
    // query: a list answered with data, an extra parameter carrying NUL
    var list = api.get("/api/appointments?limit=1&beneficiary=" + b + "&x" + marker + "=a%00b%ED%A0%80c", bc);
    assertEquals(200, list.statusCode(), list.bodyAsString());
    // path: an id with NUL after it is refused, and the attempt is recorded
    var path = api.get("/api/beneficiaries/" + b + "%00" + marker, bc);
    assertEquals(400, path.statusCode(), path.bodyAsString());
    // body: a scoped body field carrying NUL is refused, and the attempt is recorded
    var body = api.post("/api/beneficiaries", bc, new JsonObject().put("firstName", "Ana").put("lastName", "Test")
        .put("localitySiruta", "21016\u0000" + marker));
    assertEquals(400, body.statusCode(), body.bodyAsString());
    // rows are written once each answer is sent: wait for the three, in whatever order they land
    java.util.List<String> seen = new java.util.ArrayList<>();
    long deadline = System.currentTimeMillis() + 15_000;
    do {
      Thread.sleep(100);
      var rows = app.pool().preparedQuery("SELECT action, status, filters, path FROM audit_log WHERE account_id = $1"
          + " AND filters LIKE $2 ORDER BY id").execute(Tuple.of(bcAccount, "%" + marker + "%"))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      seen.clear();
      rows.forEach(r -> seen.add(r.getString("action") + " " + r.getInteger("status") + " " + r.getString("filters")));
    } while (seen.size() < 3 && System.currentTimeMillis() < deadline);
    assertEquals(3, seen.size(), seen.toString());
    assertTrue(seen.stream().anyMatch(r -> r.startsWith("list 200 ") && r.contains("x" + marker + "=a\\u0000b")), seen.toString());
    assertTrue(seen.stream().anyMatch(r -> r.startsWith("denied 400 ") && r.contains("id=" + b + "\\u0000" + marker)),
        seen.toString());
    assertTrue(seen.stream().anyMatch(r -> r.startsWith("denied 400 ") && r.contains("localitySiruta=21016\\u0000" + marker)),
        seen.toString());
    // and the log itself answers with them
    assertTrue(audit("accountId=" + bcAccount + "&action=denied").encode().contains(marker));
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }
}
