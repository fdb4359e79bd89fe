package ro.caravana.scheduler.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.access.Role;
import ro.caravana.scheduler.platform.config.AppConfig;
import ro.caravana.scheduler.platform.db.DatabaseSettings;
import ro.caravana.scheduler.platform.db.EmbeddedDatabase;
import ro.caravana.scheduler.platform.db.Migrations;
import ro.caravana.scheduler.platform.kafka.EmbeddedKafka;

/**
 * One real PostgreSQL server and one real Kafka broker per test JVM. Each test class gets its own
 * database, copied from a template that was migrated once, so no test sees another's data.
 */
public final class TestSystem {

  private static final String TEMPLATE = "caravana_template";
  /** The signing key of test apps (serve mode needs one), so tests can make their own tokens. */
  public static final String TEST_JWT_SECRET = "test-only-signing-key-0123456789abcdef";
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final AtomicInteger APPS = new AtomicInteger();
  private static EmbeddedDatabase database;
  private static EmbeddedKafka kafka;

  private TestSystem() {}

  private static synchronized void ensureStarted() {
    if (database != null) return;
    try {
      database = EmbeddedDatabase.start(null);
      database.createDatabase(TEMPLATE, null);
      Migrations.run(database.jdbcUrl(TEMPLATE), EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD);
      kafka = EmbeddedKafka.start(null, 3);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        kafka.close();
        try {
          database.close();
        } catch (IOException ignored) {
          // the JVM is leaving
        }
      }));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new, migrated, empty database. */
  public static synchronized DatabaseSettings freshDatabaseSettings() {
    ensureStarted();
    String name = "test_" + DATABASES.incrementAndGet();
    database.createDatabase(name, TEMPLATE);
    return new DatabaseSettings(database.jdbcUrl(name), EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD, 8);
  }

  public static Pool freshDatabase(Vertx vertx) {
    return freshDatabaseSettings().pool(vertx);
  }

  public static synchronized String kafkaBootstrap() {
    ensureStarted();
    return kafka.bootstrap();
  }

  /**
   * Settings for a test app: a random port, fast outbox polling; consumer groups of its own, so two apps on the
   * shared broker (each with its own database) never split one group's partitions between them.
   */
  public static AppConfig config(Map<String, String> overrides) {
    // SMS notices are off unless a test turns them on (sms.enabled=true): other tests need no SMSC
    String app = "-" + APPS.incrementAndGet() + "-" + ProcessHandle.current().pid();
    AppConfig config = AppConfig.of(Map.of("http.port", "0", "http.host", "127.0.0.1", "outbox.poll-ms", "50",
        "sms.enabled", "false", "auth.jwt-secret", TEST_JWT_SECRET, "sms.offer.group", "slot-offers" + app,
        "planning.inputs.group", "plan-inputs" + app, "report.attendance.group", "report-attendance" + app));
    for (var e : overrides.entrySet()) config = config.with(e.getKey(), e.getValue());
    return config;
  }

  /**
   * A Bearer token of an administrator of the given app (created on first use), for tests of routes
   * whose access rules are not what they test.
   */
  public static String adminToken(SchedulerApp app) {
    return adminToken(app.access());
  }

  /** The same from the access context alone (a test whose server runs in another process). */
  public static String adminToken(ro.caravana.scheduler.access.Access access) {
    try {
      var account = access.accounts().byEmail(TEST_ADMIN).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
          .orElse(null);
      if (account == null) {
        account = access.createAccount(TEST_ADMIN, "Test admin", Role.ADMIN, List.of(), null, null, UUID.randomUUID().toString())
            .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
      return access.tokens().issue(account);
    } catch (Exception e) {
      throw new IllegalStateException("cannot make a test admin token", e);
    }
  }

  private static final String TEST_ADMIN = "admin@caravana.test";

  /** The whole scheduler HTTP app on a random port with a fresh database. */
  public static Future<SchedulerApp> startApp(Vertx vertx, boolean demo) {
    return startApp(vertx, demo, config(Map.of()), (router, ctx) -> { });
  }

  public static Future<SchedulerApp> startApp(Vertx vertx, boolean demo, AppConfig config,
      BiConsumer<Router, SchedulerApp.Context> extraRoutes) {
    DatabaseSettings db = freshDatabaseSettings();
    return SchedulerApp.start(vertx, config, db, kafkaBootstrap(), demo, extraRoutes);
  }
}
