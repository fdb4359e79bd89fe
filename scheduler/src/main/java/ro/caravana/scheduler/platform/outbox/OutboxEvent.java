package ro.caravana.scheduler.platform.outbox;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * An event to publish: the Kafka topic, the partition key (county or beneficiary), a type and its data.
 * The data never holds CNPs, phones or names ({@link PersonalData#strip}).
 */
public record OutboxEvent(String topic, String key, String type, JsonObject payload) {

  public OutboxEvent {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payload, "payload");
    payload = PersonalData.strip(payload);
  }
}
