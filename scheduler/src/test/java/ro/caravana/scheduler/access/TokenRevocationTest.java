package ro.caravana.scheduler.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.SchedulerApp;

/** Logout, disabling an account and changing its role or scope recall Bearer tokens at once (real HTTP). */
@DisplayName("Bearer token revocation: jti deny list and account generation")
class TokenRevocationTest {

  private static SchedulerApp app;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    app = DemoApp.get();
    api = new ApiClient(DemoApp.vertx(), app.port());
  }

  private static RowSet<Row> sql(String sql, Tuple args) throws Exception {
    return app.pool().preparedQuery(sql).execute(args).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static void account(String email) throws Exception {
    app.access().createAccount(email, "Cont de test", Role.NURSE, List.of("VN"), null, null, "parola-buna-1")
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static String token(String email) {
    var r = api.login(email, "parola-buna-1");
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("token");
  }

  private static JsonObject payload(String token) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
  }

  private static int me(String token) {
    return api.get("/api/auth/me", token).statusCode();
  }

  @Test
  @DisplayName("logout puts the token's jti on the deny list: reusing it is 401 everywhere; another session's token still works")
  void logoutRevokesThatTokenOnly() throws Exception {
    account("iesire@caravana.test");
    String first = token("iesire@caravana.test");
    String second = token("iesire@caravana.test");
    JsonObject claims = payload(first);
    assertTrue(claims.getString("jti").matches("[0-9a-f-]{36}"), claims.encode());
    assertTrue(!claims.getString("jti").equals(payload(second).getString("jti")), "every token has its own jti");
    assertEquals(200, me(first));
    assertEquals(200, api.get("/api/appointments?limit=1", first).statusCode());

    var out = api.post("/api/auth/logout", first, new JsonObject());
    assertEquals(204, out.statusCode(), out.bodyAsString());

    assertEquals(401, me(first), "the logged-out token is refused");
    var list = api.get("/api/appointments?limit=1", first);
    assertEquals(401, list.statusCode());
    assertEquals("application/problem+json", list.getHeader("Content-Type"));
    assertEquals(401, api.post("/api/auth/logout", first, new JsonObject()).statusCode(), "and cannot log out twice");
    assertEquals(200, me(second), "the other session's token is not affected");
    assertEquals(200, api.get("/api/appointments?limit=1", second).statusCode());

    Row row = sql("SELECT account_id, extract(epoch FROM expires_at)::bigint AS exp FROM revoked_tokens WHERE jti = $1",
        Tuple.of(UUID.fromString(claims.getString("jti")))).iterator().next();
    assertEquals(claims.getLong("exp"), row.getLong("exp"), "kept until the token would expire anyway");
    assertEquals(Long.parseLong(claims.getString("sub")), row.getLong("account_id"));
  }

  @Test
  @DisplayName("disabling an account, changing its role or its counties recalls its tokens and sessions; re-enabling does not revive them")
  void accountChangesRevoke() throws Exception {
    account("schimbat@caravana.test");
    String beforeRole = token("schimbat@caravana.test");
    var opened = api.call(HttpMethod.POST, "/api/auth/session", Map.of(),
        new JsonObject().put("email", "schimbat@caravana.test").put("password", "parola-buna-1"));
    assertEquals(200, opened.statusCode(), opened.bodyAsString());
    String cookie = opened.cookies().stream().filter(c -> c.startsWith(Sessions.COOKIE + "=")).findFirst().orElseThrow()
        .split(";")[0];
    Map<String, String> session = Map.of("Cookie", cookie);
    assertEquals(200, api.call(HttpMethod.GET, "/api/auth/me", session, null).statusCode());
    assertEquals(200, me(beforeRole));

    sql("UPDATE accounts SET role = 'therapist' WHERE email = $1", Tuple.of("schimbat@caravana.test"));
    assertEquals(401, me(beforeRole), "role changed: the token issued for the old role is refused");
    assertEquals(401, api.call(HttpMethod.GET, "/api/auth/me", session, null).statusCode(), "and so is the session");

    String beforeCounties = token("schimbat@caravana.test");
    var who = api.get("/api/auth/me", beforeCounties);
    assertEquals(200, who.statusCode());
    assertEquals("therapist", who.bodyAsJsonObject().getString("role"));
    sql("UPDATE accounts SET counties = ARRAY['BC'] WHERE email = $1", Tuple.of("schimbat@caravana.test"));
    assertEquals(401, me(beforeCounties), "scope changed: refused");

    String beforeDisable = token("schimbat@caravana.test");
    sql("UPDATE accounts SET failed_logins = failed_logins WHERE email = $1", Tuple.of("schimbat@caravana.test"));
    assertEquals(200, me(beforeDisable), "an update that changes neither access nor identity keeps the token");
    sql("UPDATE accounts SET disabled = true WHERE email = $1", Tuple.of("schimbat@caravana.test"));
    assertEquals(401, me(beforeDisable), "disabled: refused");
    assertEquals(401, api.login("schimbat@caravana.test", "parola-buna-1").statusCode());
    sql("UPDATE accounts SET disabled = false WHERE email = $1", Tuple.of("schimbat@caravana.test"));
    assertEquals(401, me(beforeDisable), "re-enabled: tokens issued before stay revoked");
    assertEquals(200, me(token("schimbat@caravana.test")), "a new sign-in works again");
  }

  @Test
  @DisplayName("deny-list rows past the token's expiry are deleted by the cleanup; live ones stay")
  void cleanupByExpiry() throws Exception {
    account("curatenie@caravana.test");
    long id = sql("SELECT id FROM accounts WHERE email = $1", Tuple.of("curatenie@caravana.test")).iterator().next().getLong(0);
    UUID expired = UUID.randomUUID();
    UUID live = UUID.randomUUID();
    sql("INSERT INTO revoked_tokens (jti, account_id, expires_at) VALUES ($1, $3, now() - interval '1 minute'),"
        + " ($2, $3, now() + interval '1 hour')", Tuple.of(expired, live, id));
    int deleted = app.access().revokedTokens().purge().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertTrue(deleted >= 1, "deleted " + deleted);
    assertEquals(0L, sql("SELECT count(*) FROM revoked_tokens WHERE jti = $1", Tuple.of(expired)).iterator().next().getLong(0));
    assertEquals(1L, sql("SELECT count(*) FROM revoked_tokens WHERE jti = $1", Tuple.of(live)).iterator().next().getLong(0));
  }
}
