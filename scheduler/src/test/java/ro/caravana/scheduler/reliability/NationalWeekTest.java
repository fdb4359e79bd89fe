package ro.caravana.scheduler.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static ro.caravana.scheduler.reliability.DatabaseFingerprint.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import ro.caravana.scheduler.PlannerApp;
import ro.caravana.scheduler.demo.DemoLoader;
import ro.caravana.scheduler.geo.LocalityImport;
import ro.caravana.scheduler.platform.config.AppConfig;
import ro.caravana.scheduler.platform.db.DatabaseSettings;
import ro.caravana.scheduler.platform.kafka.EmbeddedKafka;
import ro.caravana.scheduler.platform.outbox.Topics;
import ro.caravana.scheduler.support.TestSystem;

/**
 * The national week in small (the benchmark, {@code caravana bench-national}, does all 42 county units):
 * four counties of the generated national scenario, planned through {@code caravana.plan-requests} by two
 * planner-only instances ({@link PlannerApp}) in one consumer group, every request sent twice. Checked in the
 * database: each county-week planned exactly once and solved with appointments placed, nothing left queued or
 * solving, every request consumed.
 */
@DisplayName("A national week in small: generated counties planned by two planner instances in one group")
class NationalWeekTest {

  private static final Set<String> COUNTIES = Set.of("TL", "CV", "MH", "SJ");
  private static final String GROUP = "national-week-planners";
  private static EmbeddedKafka broker;
  private static Vertx vertx;
  private static Pool pool;
  private static final List<Vertx> plannerVertx = new ArrayList<>();
  private static final List<PlannerApp> planners = new ArrayList<>();
  private static Admin admin;

  @BeforeAll
  static void start() throws Exception {
    broker = EmbeddedKafka.start(null, 4); // its own broker: no other test's plan requests on the topic
    DatabaseSettings db = TestSystem.freshDatabaseSettings();
    vertx = Vertx.vertx();
    pool = db.pool(vertx);
    await(LocalityImport.importIfEmpty(pool));
    // a country of 4,000 people: these four counties get about 50 each, at their national proportions
    assertTrue(await(DemoLoader.loadNationalOnce(pool, 5, 4_000, COUNTIES)));
    AppConfig config = TestSystem.config(Map.of("planning.consume-requests", "true", "planning.workers", "1",
        "planning.requests.group", GROUP, "planner.http.port", "0"));
    for (int i = 0; i < 2; i++) {
      Vertx v = Vertx.vertx();
      plannerVertx.add(v);
      planners.add(await(PlannerApp.start(v, config, db, broker.bootstrap())));
    }
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (admin != null) admin.close();
    for (int i = 0; i < planners.size(); i++) await(planners.get(i).close());
    for (Vertx v : plannerVertx) await(v.close());
    if (pool != null) await(pool.close());
    if (vertx != null) await(vertx.close());
    if (broker != null) broker.close();
  }

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  @DisplayName("idle planners take over requests another instance queued and has not started; API requests stay put")
  void idlePlannersTakeOver() throws Exception {
    LocalDate ahead = LocalDate.now(ZoneId.of("Europe/Bucharest")).plusWeeks(3);
    String week = String.format("%d-W%02d", ahead.get(IsoFields.WEEK_BASED_YEAR), ahead.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    String busy = "999999-" + UUID.randomUUID(); // an instance alive (fresh heartbeat) whose threads never get to these
    List<UUID> queued = new ArrayList<>();
    for (String county : List.of("TL", "CV", "MH")) {
      queued.add(insertQueued(county, week, busy, "kafka:" + Topics.PLAN_REQUESTS));
    }
    UUID viaApi = insertQueued("SJ", week, busy, "coordonator.sj@caravana.demo");
    try {
      awaitFinished(queued.toArray(UUID[]::new), "id");
      Set<String> owners = Set.of(planners.get(0).planning().service().plans().owner(),
          planners.get(1).planning().service().plans().owner());
      for (Row r : await(pool.preparedQuery("SELECT county, status, owner, counts FROM plans WHERE id = ANY($1)")
          .execute(Tuple.of((Object) queued.toArray(UUID[]::new))))) {
        assertEquals("solved", r.getString("status"), r.toJson().encode());
        assertTrue(owners.contains(r.getString("owner")), "taken over by an idle planner: " + r.getString("owner"));
        assertTrue(r.getJsonObject("counts").getInteger("assigned") > 0, r.toJson().encode());
      }
      Row api = await(pool.preparedQuery("SELECT status, owner FROM plans WHERE id = $1").execute(Tuple.of(viaApi)))
          .iterator().next();
      assertEquals(busy, api.getString("owner"), "a request made through an instance's API is not taken over");
      assertTrue(Set.of("queued", "failed").contains(api.getString("status")), api.toJson().encode());
    } finally {
      await(pool.preparedQuery("UPDATE plans SET status = 'failed', finished_at = now() WHERE id = $1 AND status = 'queued'")
          .execute(Tuple.of(viaApi)));
    }
  }

  private static UUID insertQueued(String county, String week, String owner, String requestedBy) throws Exception {
    UUID id = UUID.randomUUID();
    await(pool.preparedQuery("INSERT INTO plans (id, county, week, kinds, seconds_limit, requested_by, request_id, owner, "
        + "heartbeat_at) VALUES ($1, $2, $3, ARRAY['routes', 'timetable'], 2, $4, $5, $6, now())")
        .execute(Tuple.of(id, county, week, requestedBy, UUID.randomUUID(), owner)));
    return id;
  }

  @Test
  @DisplayName("each planner instance answers /health (database and broker up) and /metrics on its own port")
  void plannersAnswerHealth() throws Exception {
    var client = io.vertx.ext.web.client.WebClient.create(vertx);
    try {
      for (PlannerApp planner : planners) {
        assertTrue(planner.port() > 0, "no health port");
        var health = await(client.get(planner.port(), "127.0.0.1", "/health").send());
        assertEquals(200, health.statusCode(), health.bodyAsString());
        assertEquals("UP", health.bodyAsJsonObject().getString("database"));
        assertEquals("UP", health.bodyAsJsonObject().getString("kafka"));
        var metrics = await(client.get(planner.port(), "127.0.0.1", "/metrics").send());
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.bodyAsString().contains("caravana_outbox_pending"), metrics.bodyAsString());
        assertEquals(404, await(client.get(planner.port(), "127.0.0.1", "/api/plans").send()).statusCode(),
            "a planner serves no API");
      }
    } finally {
      client.close();
    }
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  @DisplayName("every county-week solved exactly once, none stuck, though every request arrived twice")
  void everyCountyWeekOnce() throws Exception {
    awaitGroupOf(2);
    LocalDate ahead = LocalDate.now(ZoneId.of("Europe/Bucharest")).plusWeeks(2);
    String week = String.format("%d-W%02d", ahead.get(IsoFields.WEEK_BASED_YEAR), ahead.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    Map<String, UUID> requests = new HashMap<>();
    for (String c : COUNTIES) requests.put(c, UUID.randomUUID());
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      for (int copy = 0; copy < 2; copy++) {
        for (var e : requests.entrySet()) {
          JsonObject body = new JsonObject().put("requestId", e.getValue().toString()).put("county", e.getKey()).put("week", week)
              .put("kinds", new JsonArray().add("routes").add("timetable")).put("secondsLimit", 2);
          producer.send(new ProducerRecord<>(Topics.PLAN_REQUESTS, e.getKey(), body.encode())).get(30, TimeUnit.SECONDS);
        }
      }
    }

    awaitFinished(requests.values().toArray(UUID[]::new));
    awaitConsumed();
    Set<String> owners = Set.of(planners.get(0).planning().service().plans().owner(),
        planners.get(1).planning().service().plans().owner());
    Map<String, Integer> plansOf = new HashMap<>();
    for (Row r : await(pool.preparedQuery("SELECT county, status, owner, request_id, counts FROM plans WHERE week = $1")
        .execute(Tuple.of(week)))) {
      String county = r.getString("county");
      plansOf.merge(county, 1, Integer::sum);
      assertEquals(requests.get(county), r.getUUID("request_id"), county);
      assertEquals("solved", r.getString("status"), county + " " + r.toJson());
      assertTrue(owners.contains(r.getString("owner")), "solved by one of the two planners: " + r.getString("owner"));
      assertTrue(r.getJsonObject("counts").getInteger("assigned") > 0, county + " " + r.getJsonObject("counts"));
    }
    assertEquals(Map.of("TL", 1, "CV", 1, "MH", 1, "SJ", 1), plansOf, "one plan per county-week");
    assertEquals(0L, await(pool.query("SELECT count(*) FROM plans WHERE status IN ('queued', 'solving')").execute())
        .iterator().next().getLong(0), "nothing stuck");
  }

  private static void awaitGroupOf(int members) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      ConsumerGroupDescription g = admin.describeConsumerGroups(List.of(GROUP)).all().get(10, TimeUnit.SECONDS).get(GROUP);
      if (g.state() == ConsumerGroupState.STABLE && g.members().size() == members
          && g.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty())) {
        return;
      }
      Thread.sleep(300);
    }
    fail("the planners' group did not settle with " + members + " members");
  }

  private static void awaitFinished(UUID[] ids) throws Exception {
    awaitFinished(ids, "request_id");
  }

  /** {@code column}: the ids are plan ids ({@code id}) or request ids ({@code request_id}). */
  private static void awaitFinished(UUID[] ids, String column) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(200);
    while (System.nanoTime() < deadline) {
      List<String> statuses = new ArrayList<>();
      await(pool.preparedQuery("SELECT status FROM plans WHERE " + column + " = ANY($1)").execute(Tuple.of((Object) ids)))
          .forEach(r -> statuses.add(r.getString("status")));
      if (statuses.size() == ids.length && statuses.stream().noneMatch(s -> s.equals("queued") || s.equals("solving"))) return;
      Thread.sleep(300);
    }
    fail("the county-weeks were not all finished");
  }

  /** Every request on the topic, the repeats included, committed by the group: none can still make a second plan. */
  private static void awaitConsumed() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata()
          .get(10, TimeUnit.SECONDS);
      int partitions = admin.describeTopics(List.of(Topics.PLAN_REQUESTS)).allTopicNames().get(10, TimeUnit.SECONDS)
          .get(Topics.PLAN_REQUESTS).partitions().size();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int i = 0; i < partitions; i++) latest.put(new TopicPartition(Topics.PLAN_REQUESTS, i), OffsetSpec.latest());
      var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
      if (ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
          || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue().offset()))) {
        return;
      }
      Thread.sleep(300);
    }
    fail("the plan requests were not all consumed");
  }
}
