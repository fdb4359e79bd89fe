package ro.caravana.scheduler.platform.outbox;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * An event to publish: the Kafka topic, the partition key (county or beneficiary), a type, the version
 * of its record and its data. Build it with {@link #of} from an {@link EventType}. The data never holds
 * CNPs, phones or names ({@link PersonalData#strip}).
 */
public record OutboxEvent(String topic, String key, String type, int version, JsonObject payload) {

  public OutboxEvent {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payload, "payload");
    payload = PersonalData.strip(payload);
  }

  /** An event of a type outside {@link EventType} (tests, tools): version 1. */
  public OutboxEvent(String topic, String key, String type, JsonObject payload) {
    this(topic, key, type, 1, payload);
  }

  public static OutboxEvent of(EventType type, String key, JsonObject payload) {
    return new OutboxEvent(type.topic(), key, type.wire(), type.version(), payload);
  }
}
