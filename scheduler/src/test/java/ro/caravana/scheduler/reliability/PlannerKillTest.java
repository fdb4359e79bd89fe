package ro.caravana.scheduler.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ro.caravana.scheduler.reliability.DatabaseFingerprint.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.planning.PlanRepository;
import ro.caravana.scheduler.platform.db.DatabaseSettings;
import ro.caravana.scheduler.platform.kafka.EmbeddedKafka;
import ro.caravana.scheduler.platform.outbox.Topics;
import ro.caravana.scheduler.support.TestSystem;

/**
 * A planner instance killed (SIGKILL) mid-solve, with a second instance in the same consumer group:
 * the job is marked failed once the killed instance's lease runs out (never left "solving"), the
 * county-week can be planned again at once, and the surviving instance solves it.
 */
@DisplayName("A planner instance killed mid-solve")
class PlannerKillTest {

  private static final String LEASE_SECONDS = "4";
  private static Vertx vertx;
  private static EmbeddedKafka broker;
  private static SchedulerApp app;
  private static DatabaseSettings db;
  private static final List<ServerProcess.Handle> planners = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    broker = EmbeddedKafka.start(null, 3); // its own broker and consumer group state
    db = TestSystem.freshDatabaseSettings();
    // this instance loads the demo scenario and answers HTTP; it takes no plan requests
    app = await(SchedulerApp.start(vertx, TestSystem.config(Map.of("planning.consume-requests", "false",
        "planning.lease-seconds", LEASE_SECONDS)), db, broker.bootstrap(), true, (r, c) -> { }));
    for (int i = 0; i < 2; i++) {
      Path log = Files.createTempFile("planner-" + i + "-", ".log");
      planners.add(ServerProcess.start(db.jdbcUrl(), broker.bootstrap(), Map.of("planning.consume-requests", "true",
          "planning.workers", "1", "planning.lease-seconds", LEASE_SECONDS), log));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (ServerProcess.Handle p : planners) p.kill();
    if (app != null) await(app.close()); // the notices module and its SMSC stop with it
    if (vertx != null) await(vertx.close());
    if (broker != null) broker.close();
  }

  private static String week(int days) {
    LocalDate d = LocalDate.now(ZoneId.of("Europe/Bucharest")).plusDays(days);
    return String.format("%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  private static void request(UUID id, String county, String week, int seconds) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      JsonObject body = new JsonObject().put("requestId", id.toString()).put("county", county).put("week", week)
          .put("kinds", new JsonArray().add("routes").add("timetable")).put("secondsLimit", seconds);
      producer.send(new ProducerRecord<>(Topics.PLAN_REQUESTS, county, body.encode())).get(30, TimeUnit.SECONDS);
    }
  }

  private static Row plan(UUID requestId) {
    RowSet<Row> rows = await(app.pool().preparedQuery("SELECT status, owner, error FROM plans WHERE request_id = $1")
        .execute(Tuple.of(requestId)));
    return rows.size() == 0 ? null : rows.iterator().next();
  }

  private static Row awaitPlan(UUID requestId, java.util.function.Predicate<Row> condition, int seconds, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      Row r = plan(requestId);
      if (r != null && condition.test(r)) return r;
      Thread.sleep(200);
    }
    throw new AssertionError("timed out waiting for " + what + ": " + (plan(requestId) == null ? "no plan" : plan(requestId).toJson()));
  }

  @Test
  @Timeout(value = 600, unit = TimeUnit.SECONDS)
  @DisplayName("the job is marked failed after the lease, never stuck solving; planned again, the other instance solves it")
  void killMidSolve() throws Exception {
    String week = week(21);
    UUID first = UUID.randomUUID();
    request(first, "BC", week, 120);
    Row solving = awaitPlan(first, r -> r.getString("status").equals("solving"), 240, "the job to start solving");
    long pid = PlanRepository.ownerPid(solving.getString("owner")).orElseThrow();
    ServerProcess.Handle victim = planners.stream().filter(p -> p.process().pid() == pid).findFirst().orElseThrow();
    ServerProcess.Handle survivor = planners.stream().filter(p -> p != victim).findFirst().orElseThrow();
    long killedAt = System.nanoTime();
    victim.kill();

    Row failed = awaitPlan(first, r -> !r.getString("status").equals("solving"), 120, "the killed job to leave 'solving'");
    double seconds = (System.nanoTime() - killedAt) / 1e9;
    System.out.printf("planner kill: job marked %s %.1f s after SIGKILL (lease %s s)%n", failed.getString("status"), seconds, LEASE_SECONDS);
    assertEquals("failed", failed.getString("status"));
    assertTrue(failed.getString("error").contains("start the plan again"), failed.getString("error"));

    // planned again: the county-week is free, and the surviving instance (now holding every partition) solves it
    UUID again = UUID.randomUUID();
    request(again, "BC", week, 3);
    Row solved = awaitPlan(again, r -> r.getString("status").equals("solved") || r.getString("status").equals("failed"), 240,
        "the new job to finish");
    assertEquals("solved", solved.getString("status"), solved.toJson().encode());
    assertEquals(survivor.process().pid(), PlanRepository.ownerPid(solved.getString("owner")).orElseThrow(), "solved by the survivor");
    assertTrue(survivor.process().isAlive());
  }
}
