package ro.caravana.scheduler.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.platform.db.DatabaseSettings;
import ro.caravana.scheduler.platform.db.EmbeddedDatabase;
import ro.caravana.scheduler.support.TestSystem;

/**
 * PostgreSQL stopped and started again (same data, same port) while clients write: every request is
 * answered within a bound, those the database could not serve with 503, {@code Retry-After} and
 * problem+json, the service serves again by itself once the database is back, every acknowledged
 * record is there, and no record is there without its outbox event, which reaches Kafka.
 */
@DisplayName("PostgreSQL restarted under load")
class DatabaseRestartTest {

  private static final int CLIENTS = 6;
  /** Each request must be answered within this (the limits below are 3 s pool wait and 2 s connect). */
  private static final int ANSWER_WITHIN_SECONDS = 15;
  private static final int DOWN_SECONDS = 5;

  private static Path dataDir;
  private static int dbPort;
  private static volatile EmbeddedDatabase database;
  private static Vertx vertx;
  private static SchedulerApp app;
  private static HttpClient http;
  private static String token;

  record Answer(long sentAt, int status, String retryAfter, String contentType, String id, String body, long millis) {}

  @BeforeAll
  static void start() throws Exception {
    dataDir = Files.createTempDirectory("pg-restart");
    try (ServerSocket s = new ServerSocket(0)) {
      dbPort = s.getLocalPort();
    }
    database = EmbeddedDatabase.start(dataDir, dbPort);
    vertx = Vertx.vertx();
    DatabaseSettings db = new DatabaseSettings(database.jdbcUrl(EmbeddedDatabase.DATABASE), EmbeddedDatabase.USER,
        EmbeddedDatabase.PASSWORD, 8);
    app = SchedulerApp.start(vertx, TestSystem.config(Map.of("db.pool-wait-ms", "3000", "db.connect-timeout-ms", "2000",
            "planning.consume-requests", "false")), db, TestSystem.kafkaBootstrap(), false, (r, c) -> { })
        .toCompletionStage().toCompletableFuture().get(180, TimeUnit.SECONDS);
    token = TestSystem.adminToken(app);
    http = vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(CLIENTS));
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) app.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    if (database != null) database.close();
  }

  @Test
  @DisplayName("stop for 5 s and start again while 6 clients create beneficiaries: all answered in time, 503 + Retry-After while down, recovery, nothing acknowledged lost, no record without its event")
  void restartUnderLoad() throws Exception {
    ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger serial = new AtomicInteger();
    List<Future<Void>> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) clients.add(client(serial, stop, answers));

    Thread.sleep(3000);
    long stoppedAt = System.currentTimeMillis();
    database.close(); // pg_ctl stop -m fast: sessions are terminated, in-flight statements fail
    Thread.sleep(TimeUnit.SECONDS.toMillis(DOWN_SECONDS));
    long restartedAt = System.currentTimeMillis();
    database = EmbeddedDatabase.start(dataDir, dbPort);
    long upAt = System.currentTimeMillis();
    // keep writing until the service has clearly recovered (or give up after a minute)
    long deadline = upAt + 60_000;
    while (System.currentTimeMillis() < deadline
        && answers.stream().filter(a -> a.status() == 201 && a.sentAt() > upAt).count() < 30) {
      Thread.sleep(200);
    }
    stop.set(true);
    for (Future<Void> c : clients) DatabaseFingerprint.await(c);

    Map<Integer, Integer> statuses = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    Set<String> acknowledged = new HashSet<>();
    for (Answer a : answers) {
      statuses.merge(a.status(), 1, Integer::sum);
      if (a.status() == 201) acknowledged.add(a.id());
      else if (a.status() == 503) {
        if (!"5".equals(a.retryAfter()) || a.contentType() == null || !a.contentType().startsWith("application/problem+json")) {
          failures.add("503 without Retry-After or problem+json: " + a);
        }
      } else {
        failures.add("answer " + a.status() + " after " + a.millis() + " ms: " + a.body());
      }
      if (a.millis() > TimeUnit.SECONDS.toMillis(ANSWER_WITHIN_SECONDS)) failures.add("slow answer: " + a);
    }
    long recoveredAfter = answers.stream().filter(a -> a.status() == 201 && a.sentAt() > upAt)
        .mapToLong(a -> a.sentAt() + a.millis() - upAt).min().orElse(-1);
    System.out.println("database restart: " + statuses + " over " + answers.size() + " requests; down "
        + (upAt - stoppedAt) + " ms (start took " + (upAt - restartedAt) + " ms); first acknowledged write "
        + recoveredAfter + " ms after the database was back");
    assertTrue(failures.isEmpty(), String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
    assertTrue(statuses.getOrDefault(503, 0) > 0, "no request met the stopped database: " + statuses);
    assertTrue(recoveredAfter >= 0, "no write acknowledged after the restart: " + statuses);

    // every acknowledged record is there; every record has exactly one creation event, and every event went out
    Set<String> stored = new HashSet<>();
    for (Row r : DatabaseFingerprint.await(app.pool().query("SELECT id::text FROM beneficiaries").execute())) stored.add(r.getString(0));
    assertTrue(stored.containsAll(acknowledged), "acknowledged but missing: " + acknowledged.stream().filter(id -> !stored.contains(id)).toList());
    Map<String, Long> events = new TreeMap<>();
    for (Row r : DatabaseFingerprint.await(app.pool().query(
        "SELECT payload->>'id', count(*) FROM outbox WHERE event_type = 'beneficiary.created' GROUP BY 1").execute())) {
      events.put(r.getString(0), r.getLong(1));
    }
    for (String id : stored) assertEquals(1L, events.getOrDefault(id, 0L), "creation events of beneficiary " + id);
    assertEquals(stored, events.keySet(), "events without their record");
    long unsent = -1;
    for (int i = 0; i < 120 && unsent != 0; i++) {
      unsent = DatabaseFingerprint.await(app.pool().query("SELECT count(*) FROM outbox WHERE sent_at IS NULL").execute())
          .iterator().next().getLong(0);
      if (unsent != 0) Thread.sleep(250);
    }
    assertEquals(0, unsent, "outbox events not relayed after the restart");
  }

  /** One client: creates beneficiaries one after another until told to stop, each answer recorded. */
  private static Future<Void> client(AtomicInteger serial, AtomicBoolean stop, ConcurrentLinkedQueue<Answer> answers) {
    if (stop.get()) return Future.succeededFuture();
    int n = serial.incrementAndGet();
    JsonObject body = new JsonObject().put("firstName", "Ioana").put("lastName", "Restart" + letters(n))
        .put("birthDate", "2015-03-0" + (1 + n % 9)).put("sex", "F").put("localitySiruta", 21132).put("category", "disability");
    long t0 = System.nanoTime();
    long sentAt = System.currentTimeMillis();
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(app.port())
        .setURI("/api/beneficiaries").putHeader("Authorization", "Bearer " + token)
        .putHeader("Content-Type", "application/json").setIdleTimeout(TimeUnit.SECONDS.toMillis(ANSWER_WITHIN_SECONDS + 15));
    return http.request(options)
        .compose(req -> req.send(body.toBuffer()))
        .compose(resp -> resp.body().map(b -> {
          String id = resp.statusCode() == 201 ? b.toJsonObject().getString("id") : null;
          return new Answer(sentAt, resp.statusCode(), resp.getHeader("Retry-After"), resp.getHeader("Content-Type"), id,
              b.toString(), millis(t0));
        }))
        .recover(e -> Future.succeededFuture(new Answer(sentAt, -1, null, null, null, e.toString(), millis(t0))))
        .compose(a -> {
          answers.add(a);
          // a refused client waits a little before the next try, as Retry-After asks (shorter, to sample the outage)
          return a.status() == 201 ? client(serial, stop, answers)
              : vertx.timer(200).compose(v -> client(serial, stop, answers));
        });
  }

  /** A name part from a number (names take letters only). */
  private static String letters(int n) {
    StringBuilder s = new StringBuilder();
    do {
      s.append((char) ('a' + n % 26));
      n /= 26;
    } while (n > 0);
    return s.toString();
  }

  private static long millis(long t0) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
  }
}
