package ro.caravana.scheduler.platform.kafka;

import java.util.HashMap;
import java.util.Map;

/**
 * Kafka client settings, built in one place: every producer, consumer and admin client of the scheduler
 * takes its map from here, so a setting (timeouts, serialisers, commit mode) is changed once.
 */
public final class KafkaClients {

  private static final String STRING_SERIALIZER = "org.apache.kafka.common.serialization.StringSerializer";
  private static final String STRING_DESERIALIZER = "org.apache.kafka.common.serialization.StringDeserializer";

  private KafkaClients() {}

  /** The outbox relay's producer: idempotent, every replica acknowledges, short timeouts (the outbox retries). */
  public static Map<String, String> producer(String bootstrap) {
    return Map.of(
        "bootstrap.servers", bootstrap,
        "key.serializer", STRING_SERIALIZER,
        "value.serializer", STRING_SERIALIZER,
        "acks", "all",
        "enable.idempotence", "true",
        "max.block.ms", "3000",
        "request.timeout.ms", "3000",
        "delivery.timeout.ms", "6000",
        "linger.ms", "5");
  }

  /**
   * A group consumer with manual commits (offsets are committed after the database write), reading from the
   * earliest offset when the group is new.
   */
  public static Map<String, String> consumer(String bootstrap, String group, int maxPollRecords) {
    Map<String, String> m = new HashMap<>();
    m.put("bootstrap.servers", bootstrap);
    m.put("group.id", group);
    m.put("key.deserializer", STRING_DESERIALIZER);
    m.put("value.deserializer", STRING_DESERIALIZER);
    m.put("auto.offset.reset", "earliest");
    m.put("enable.auto.commit", "false");
    m.put("max.poll.records", Integer.toString(maxPollRecords));
    m.put("session.timeout.ms", "10000");
    m.put("heartbeat.interval.ms", "1000");
    return Map.copyOf(m);
  }

  /** An admin client that gives up quickly (Kafka being down is not fatal at start). */
  public static Map<String, String> admin(String bootstrap) {
    return Map.of(
        "bootstrap.servers", bootstrap,
        "request.timeout.ms", "2500",
        "default.api.timeout.ms", "3000");
  }
}
