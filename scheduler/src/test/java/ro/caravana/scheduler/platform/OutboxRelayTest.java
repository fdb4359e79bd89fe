package ro.caravana.scheduler.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import ro.caravana.scheduler.platform.kafka.EmbeddedKafka;
import ro.caravana.scheduler.platform.outbox.Outbox;
import ro.caravana.scheduler.platform.outbox.OutboxEvent;
import ro.caravana.scheduler.platform.outbox.OutboxRelay;
import ro.caravana.scheduler.platform.outbox.ProcessedEvents;
import ro.caravana.scheduler.support.TestSystem;

@DisplayName("The outbox relay")
class OutboxRelayTest {

  private static final String TOPIC = "caravana.outbox-test";
  private static Vertx vertx;
  private static Pool pool;
  private static EmbeddedKafka broker;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    pool = TestSystem.freshDatabase(vertx);
    broker = EmbeddedKafka.start(null, 3); // its own broker: this test stops it
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    broker.close();
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  @DisplayName("loses nothing while Kafka is down and delivers 1,000 changes exactly once after it returns")
  void survivesBrokerOutage() throws Exception {
    await(vertx.deployVerticle(new OutboxRelay(pool, broker.bootstrap(), 100, 200)));
    broker.stop();

    List<Future<UUID>> writes = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      JsonObject payload = new JsonObject().put("n", i);
      String key = i % 2 == 0 ? "BC" : "VN";
      writes.add(pool.withTransaction(tx -> Outbox.append(tx, new OutboxEvent(TOPIC, key, "test.changed", payload))));
    }
    await(Future.all(writes));
    Thread.sleep(4000); // the relay tries and fails meanwhile
    assertEquals(1000L, pending(), "nothing may be marked sent while the broker is down");

    broker.restart();
    Set<String> seen = new HashSet<>();
    int received = 0;
    int applied = 0;
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        "bootstrap.servers", broker.bootstrap(),
        "group.id", "outbox-test",
        "auto.offset.reset", "earliest",
        "key.deserializer", StringDeserializer.class.getName(),
        "value.deserializer", StringDeserializer.class.getName()))) {
      consumer.subscribe(List.of(TOPIC));
      long deadline = System.currentTimeMillis() + 120_000;
      long quietSince = 0;
      while (System.currentTimeMillis() < deadline) {
        var records = consumer.poll(Duration.ofMillis(500));
        for (ConsumerRecord<String, String> r : records) {
          received++;
          UUID eventId = UUID.fromString(new JsonObject(r.value()).getString("eventId"));
          seen.add(eventId.toString());
          if (await(pool.withTransaction(tx -> ProcessedEvents.firstTime(tx, "outbox-test", eventId)))) applied++;
        }
        if (seen.size() == 1000) {
          if (quietSince == 0) quietSince = System.currentTimeMillis();
          if (System.currentTimeMillis() - quietSince > 2000) break; // any late duplicate would show by now
        }
      }
    }
    assertEquals(1000, seen.size(), "every event arrives");
    assertEquals(1000, applied, "every event is applied exactly once");
    assertEquals(received - 1000, received - applied, "repeats, if any, were dropped by event id");
    assertEquals(0L, pending(), "all rows are marked sent");
  }

  private static long pending() throws Exception {
    return await(pool.query("SELECT count(*) FROM outbox WHERE sent_at IS NULL").execute())
        .iterator().next().getLong(0);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
