package ro.caravana.scheduler.platform.outbox;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What travels on a topic: {@code {"eventId", "type", "version", "key", "occurredAt", "payload"}}
 * (the CloudEvents attribute set in Caravana's spelling). The relay writes it and every consumer reads it
 * with this one codec; {@link #known()} tells a consumer whether this code understands the record.
 */
public record EventEnvelope(UUID eventId, String type, int version, String key, Instant occurredAt,
    JsonObject payload) {

  private static final Logger LOG = LoggerFactory.getLogger(EventEnvelope.class);

  public String encode() {
    return new JsonObject()
        .put("eventId", eventId.toString())
        .put("type", type)
        .put("version", version)
        .put("key", key)
        .put("occurredAt", occurredAt.toString())
        .put("payload", payload)
        .encode();
  }

  /** Reads an envelope; empty (and logged) when the value is not one. */
  public static Optional<EventEnvelope> decode(String value) {
    try {
      JsonObject o = new JsonObject(value);
      UUID id = UUID.fromString(o.getString("eventId"));
      String type = o.getString("type");
      if (type == null) throw new IllegalArgumentException("no type");
      Object version = o.getValue("version", 1);
      if (!(version instanceof Integer v) || v < 1) throw new IllegalArgumentException("bad version");
      String at = o.getString("occurredAt");
      Instant occurred = at == null ? Instant.EPOCH : OffsetDateTime.parse(at).toInstant();
      return Optional.of(new EventEnvelope(id, type, v, o.getString("key"), occurred,
          o.getJsonObject("payload", new JsonObject())));
    } catch (RuntimeException e) {
      LOG.warn("skipping a record that is not an event envelope: {}", e.toString());
      return Optional.empty();
    }
  }

  /** The type, if this code knows it at this version; otherwise empty, and the skip is logged. */
  public Optional<EventType> known() {
    Optional<EventType> t = EventType.of(type);
    if (t.isEmpty()) {
      LOG.info("skipping event {} of unknown type {}", eventId, type);
      return Optional.empty();
    }
    if (version != t.get().version()) {
      LOG.warn("skipping event {}: {} version {} (this code reads version {})", eventId, type, version, t.get().version());
      return Optional.empty();
    }
    return t;
  }
}
