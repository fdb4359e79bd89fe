package ro.caravana.portal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.platform.config.AppConfig;
import ro.caravana.scheduler.platform.db.DatabaseSettings;
import ro.caravana.scheduler.support.TestSystem;

@DisplayName("caravana admin create-user")
class AdminCommandTest {

  private static final String GOOD = "Cerc-verde-la-Onești-2026";
  private static DatabaseSettings db;
  private static AppConfig config;
  private static Vertx vertx;
  private static Pool pool;

  @BeforeAll
  static void database() {
    db = TestSystem.freshDatabaseSettings();
    config = AppConfig.of(Map.of("db.url", db.jdbcUrl(), "db.user", db.user(), "db.password", db.password()));
    vertx = Vertx.vertx();
    pool = db.pool(vertx);
  }

  @AfterAll
  static void close() {
    await(pool.close());
    await(vertx.close());
  }

  record Run(int code, String out, String err) {}

  private static Run run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = AdminCommand.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), config);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static long accounts() {
    return await(pool.query("SELECT count(*) FROM accounts").execute()).iterator().next().getLong(0);
  }

  @Test
  @DisplayName("refuses short and common passwords, bad e-mails, a county role without a county and hostile ids, "
      + "writing nothing; then creates the administrator once, audited, who can sign in")
  void createsTheFirstAdministrator() {
    Run shortPw = run("scurta\n", "create-user", "--email", "admin@dgaspc.test", "--role", "admin", "--password-stdin");
    assertEquals(1, shortPw.code(), shortPw.err());
    assertTrue(shortPw.err().contains("password: The password must have at least 12 characters"), shortPw.err());
    Run common = run("Password1234!\n", "create-user", "--email", "admin@dgaspc.test", "--role", "admin", "--password-stdin");
    assertEquals(1, common.code(), common.err());
    assertTrue(common.err().contains("most used passwords"), common.err());
    Run many = run("qwertyuiop12", "create-user", "--email", "nu-e-email", "--role", "county_coordinator",
        "--password-stdin");
    assertEquals(1, many.code());
    assertTrue(many.err().contains("email:") && many.err().contains("counties:") && many.err().contains("password:"),
        "every problem at once: " + many.err());
    Run unknownCounty = run(GOOD, "create-user", "--email", "c@dgaspc.test", "--role", "county_coordinator", "--county", "ZZ",
        "--password-stdin");
    assertEquals(1, unknownCounty.code());
    assertTrue(unknownCounty.err().contains("Unknown county: ZZ"), unknownCounty.err());
    for (String hostile : new String[] {"１２", "%31", "-1", "1.5", "+1", "0x1", ""}) {
      Run r = run(GOOD, "create-user", "--email", "x@dgaspc.test", "--role", "centre_coordinator", "--county", "BC",
          "--centre", hostile, "--password-stdin");
      assertEquals(2, r.code(), hostile + ": " + r.err());
    }
    Run noStdin = run(GOOD, "create-user", "--email", "admin@dgaspc.test", "--role", "admin");
    assertEquals(2, noStdin.code());
    Run badRole = run(GOOD, "create-user", "--email", "admin@dgaspc.test", "--role", "root", "--password-stdin");
    assertEquals(2, badRole.code());
    assertEquals(0, accounts());

    Run ok = run(GOOD + "\n", "create-user", "--email", "Admin@DGASPC.test", "--role", "admin", "--password-stdin");
    assertEquals(0, ok.code(), ok.err());
    assertTrue(ok.out().contains("admin@dgaspc.test (admin)"), ok.out());
    Run again = run(GOOD, "create-user", "--email", "admin@dgaspc.test", "--role", "admin", "--password-stdin");
    assertEquals(1, again.code());
    assertTrue(again.err().contains("already exists"), again.err());
    assertEquals(1, accounts());
    assertEquals(1L, await(pool.query("SELECT count(*) FROM audit_log WHERE action = 'account.create' AND method = 'CLI'")
        .execute()).iterator().next().getLong(0));

    // the account signs in to a server started in serve mode on the same database
    var app = await(ro.caravana.scheduler.SchedulerApp.start(vertx, TestSystem.config(Map.of()), db,
        TestSystem.kafkaBootstrap(), false, (router, ctx) -> { }));
    try {
      WebClient client = WebClient.create(vertx);
      var login = await(client.post(app.port(), "127.0.0.1", "/api/auth/login")
          .sendJsonObject(new JsonObject().put("email", "admin@dgaspc.test").put("password", GOOD)));
      assertEquals(200, login.statusCode(), login.bodyAsString());
      String token = login.bodyAsJsonObject().getString("token");
      var me = await(client.get(app.port(), "127.0.0.1", "/api/auth/me").putHeader("Authorization", "Bearer " + token).send());
      assertEquals("admin", me.bodyAsJsonObject().getString("role"));
      var wrong = await(client.post(app.port(), "127.0.0.1", "/api/auth/login")
          .sendJsonObject(new JsonObject().put("email", "admin@dgaspc.test").put("password", GOOD + "\n")));
      assertEquals(401, wrong.statusCode(), "the line break of echo is not part of the password");
    } finally {
      await(app.close());
    }
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
