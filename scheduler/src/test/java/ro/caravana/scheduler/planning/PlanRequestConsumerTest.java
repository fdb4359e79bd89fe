package ro.caravana.scheduler.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
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
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.platform.config.AppConfig;
import ro.caravana.scheduler.platform.db.DatabaseSettings;
import ro.caravana.scheduler.platform.outbox.Topics;
import ro.caravana.scheduler.support.TestSystem;

/**
 * Two solver instances (each its own Vert.x and planning pool) in the plan-request consumer group, one
 * database: plan requests keyed by county land on different partitions, so the two counties are solved
 * at the same time by different instances, each exactly once even though every request arrives twice.
 */
@DisplayName("Plan requests from Kafka, shared by two solver instances")
class PlanRequestConsumerTest {

  private static final int SECONDS = 5;
  private static final String GROUP = TestSystem.config(Map.of()).string("planning.requests.group");

  private static Vertx apiVertx;
  private static SchedulerApp app;
  private static PlanApi api;
  private static final List<Vertx> solverVertx = new ArrayList<>();
  private static final List<Planning> solvers = new ArrayList<>();
  private static Admin admin;

  @BeforeAll
  static void start() throws Exception {
    DatabaseSettings db = TestSystem.freshDatabaseSettings();
    String bootstrap = TestSystem.kafkaBootstrap();
    // the API instance loads the demo scenario and does not consume plan requests itself
    apiVertx = Vertx.vertx();
    app = SchedulerApp.start(apiVertx, TestSystem.config(Map.of("planning.consume-requests", "false")), db, bootstrap, true,
        (r, c) -> { }).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    api = new PlanApi(apiVertx, app);
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    AppConfig config = TestSystem.config(Map.of("planning.consume-requests", "true", "planning.workers", "1"));
    for (int i = 0; i < 2; i++) {
      Vertx vertx = Vertx.vertx();
      Pool pool = db.pool(vertx);
      Planning planning = Planning.create(vertx, config, pool);
      solverVertx.add(vertx);
      solvers.add(planning);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (Vertx v : solverVertx) v.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    if (admin != null) admin.close();
    apiVertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("BC and VN are solved in parallel by different instances, each once, though each request came twice")
  void twoCountiesInParallel() throws Exception {
    int partitions = ensurePartitionsSeparating("BC", "VN");
    for (Planning p : solvers) PlanApi.await(p.start(TestSystem.kafkaBootstrap()), 30);
    Map<Integer, String> ownerOf = awaitGroupOf(2);
    assertNotEquals(ownerOf.get(partition("BC", partitions)), ownerOf.get(partition("VN", partitions)),
        "the two counties' partitions belong to different instances: " + ownerOf);

    String week = PlanApi.weekAhead(14);
    Map<String, UUID> requestIds = Map.of("BC", UUID.randomUUID(), "VN", UUID.randomUUID());
    Map<String, Integer> landedOn = new HashMap<>();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties(), new StringSerializer(),
        new StringSerializer())) {
      for (int copy = 0; copy < 2; copy++) {
        for (String county : List.of("BC", "VN")) {
          JsonObject request = new JsonObject().put("requestId", requestIds.get(county).toString()).put("county", county)
              .put("week", week).put("kinds", new JsonArray().add("routes").add("timetable")).put("secondsLimit", SECONDS);
          RecordMetadata sent = producer.send(new ProducerRecord<>(Topics.PLAN_REQUESTS, county, request.encode()))
              .get(10, TimeUnit.SECONDS);
          Integer before = landedOn.put(county, sent.partition());
          if (before != null) assertEquals(before, sent.partition(), "one county, one partition");
        }
      }
    }
    assertNotEquals(landedOn.get("BC"), landedOn.get("VN"), "keys BC and VN on different partitions");

    Map<String, JsonObject> plans = new HashMap<>();
    for (String county : List.of("BC", "VN")) plans.put(county, awaitOnlyPlan(county, week));
    awaitRequestsCommitted();
    for (String county : List.of("BC", "VN")) {
      JsonObject page = api.get("/api/plans?county=" + county + "&week=" + week).bodyAsJsonObject();
      assertEquals(1, page.getLong("total"), county + " planned exactly once: " + page.encode());
      JsonObject plan = plans.get(county);
      assertEquals("solved", plan.getString("status"), plan.encode());
      assertTrue(plan.getJsonObject("counts").getInteger("assigned") > 0, plan.encode());
    }

    // solving intervals overlap
    OffsetDateTime bcStart = OffsetDateTime.parse(plans.get("BC").getString("startedAt"));
    OffsetDateTime bcEnd = OffsetDateTime.parse(plans.get("BC").getString("finishedAt"));
    OffsetDateTime vnStart = OffsetDateTime.parse(plans.get("VN").getString("startedAt"));
    OffsetDateTime vnEnd = OffsetDateTime.parse(plans.get("VN").getString("finishedAt"));
    assertTrue(bcStart.isBefore(vnEnd) && vnStart.isBefore(bcEnd),
        "BC " + bcStart + ".." + bcEnd + " and VN " + vnStart + ".." + vnEnd + " overlap");

    // by different instances: each instance knows the progress of the jobs it ran, and only those
    int bcBy = solvedBy(UUID.fromString(plans.get("BC").getString("id")));
    int vnBy = solvedBy(UUID.fromString(plans.get("VN").getString("id")));
    assertNotEquals(bcBy, vnBy, "solved by different instances");
  }

  /** Index of the solver instance that ran this job. */
  private static int solvedBy(UUID planId) {
    List<Integer> ran = new ArrayList<>();
    for (int i = 0; i < solvers.size(); i++) {
      if (solvers.get(i).service().latest(planId) != null) ran.add(i);
    }
    assertEquals(1, ran.size(), "exactly one instance ran plan " + planId + ": " + ran);
    return ran.get(0);
  }

  /** The partition the default partitioner picks for a key (murmur2 of the key bytes). */
  private static int partition(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  /** Makes sure the topic exists with a partition count that puts the two keys apart; answers that count. */
  private static int ensurePartitionsSeparating(String a, String b) throws Exception {
    Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
    int current = 0;
    if (topics.contains(Topics.PLAN_REQUESTS)) {
      current = admin.describeTopics(List.of(Topics.PLAN_REQUESTS)).allTopicNames().get(10, TimeUnit.SECONDS)
          .get(Topics.PLAN_REQUESTS).partitions().size();
    }
    int wanted = Math.max(2, current);
    while (partition(a, wanted) == partition(b, wanted)) wanted++;
    if (current == 0) {
      admin.createTopics(List.of(new NewTopic(Topics.PLAN_REQUESTS, wanted, (short) 1))).all().get(10, TimeUnit.SECONDS);
    } else if (wanted > current) {
      admin.createPartitions(Map.of(Topics.PLAN_REQUESTS, NewPartitions.increaseTo(wanted))).all().get(10, TimeUnit.SECONDS);
    }
    assertTrue(wanted >= 2);
    assertNotEquals(partition(a, wanted), partition(b, wanted));
    return wanted;
  }

  /** Waits until the group is stable with this many members, and answers which member owns each partition. */
  private static Map<Integer, String> awaitGroupOf(int members) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all()
          .get(10, TimeUnit.SECONDS).get(GROUP);
      if (group.state() == ConsumerGroupState.STABLE && group.members().size() == members
          && group.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty())) {
        Map<Integer, String> owner = new HashMap<>();
        for (MemberDescription m : group.members()) {
          m.assignment().topicPartitions().stream().filter(tp -> tp.topic().equals(Topics.PLAN_REQUESTS))
              .forEach(tp -> owner.put(tp.partition(), m.consumerId()));
        }
        return owner;
      }
      PlanApi.sleep(300);
    }
    return fail("the consumer group did not settle with " + members + " members");
  }

  /** Waits for the county-week's plan to finish and answers it. */
  private static JsonObject awaitOnlyPlan(String county, String week) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS * 4L + 60);
    while (System.nanoTime() < deadline) {
      JsonArray items = api.get("/api/plans?county=" + county + "&week=" + week).bodyAsJsonObject().getJsonArray("items");
      if (!items.isEmpty()) {
        JsonObject plan = items.getJsonObject(0);
        if (!Set.of("queued", "solving").contains(plan.getString("status"))) return plan;
      }
      PlanApi.sleep(300);
    }
    return fail("no finished plan for " + county + " " + week);
  }

  /** Waits until the group has committed every request on the topic: nothing is left to create a second plan. */
  private static void awaitRequestsCommitted() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
          .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
      int partitions = admin.describeTopics(List.of(Topics.PLAN_REQUESTS)).allTopicNames().get(10, TimeUnit.SECONDS)
          .get(Topics.PLAN_REQUESTS).partitions().size();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int i = 0; i < partitions; i++) latest.put(new TopicPartition(Topics.PLAN_REQUESTS, i), OffsetSpec.latest());
      var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
      boolean done = ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
          || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue().offset()));
      if (done) return;
      PlanApi.sleep(300);
    }
    fail("the plan requests were not all committed");
  }

  private static Properties producerProperties() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestSystem.kafkaBootstrap());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    return p;
  }
}
