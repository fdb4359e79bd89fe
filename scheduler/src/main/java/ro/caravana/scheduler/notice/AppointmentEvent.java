package ro.caravana.scheduler.notice;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * An event from {@code caravana.appointments} as the notifier reads it. It is lenient about the
 * producer: the appointment id may be {@code appointmentId}, {@code appointment_id} or {@code id};
 * a change may carry the old start as {@code previousStartsAt}, {@code oldStartsAt} or
 * {@code previous.startsAt} (when it does not, the notifier uses the start it last announced).
 */
public record AppointmentEvent(UUID eventId, String type, NoticeKind kind, UUID appointmentId,
    Instant previousStartsAt, boolean placeChanged, JsonObject payload) {

  /** The event types Caravana's own producers use. */
  public static final String BOOKED = "appointment.booked";
  public static final String CHANGED = "appointment.changed";
  public static final String CANCELLED = "appointment.cancelled";

  /** Reads an outbox envelope; empty when it is not about an appointment the family should hear of. */
  public static Optional<AppointmentEvent> parse(String value) {
    JsonObject envelope;
    try {
      envelope = new JsonObject(value);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    String type = envelope.getString("type");
    JsonObject payload = envelope.getJsonObject("payload", new JsonObject());
    NoticeKind kind = kindOf(type);
    UUID eventId = uuid(envelope.getString("eventId"));
    UUID appointmentId = uuid(firstString(payload, "appointmentId", "appointment_id", "id"));
    if (kind == null || eventId == null || appointmentId == null) return Optional.empty();
    JsonObject previous = payload.getJsonObject("previous", payload.getJsonObject("before", new JsonObject()));
    Instant old = instant(firstString(payload, "previousStartsAt", "oldStartsAt", "previous_starts_at"));
    if (old == null) old = instant(firstString(previous, "startsAt", "starts_at"));
    boolean placeChanged = !previous.isEmpty()
        && (!java.util.Objects.equals(previous.getValue("centreId"), payload.getValue("centreId"))
            || !java.util.Objects.equals(previous.getValue("stopSiruta"), payload.getValue("stopSiruta")));
    return Optional.of(new AppointmentEvent(eventId, type, kind, appointmentId, old, placeChanged, payload));
  }

  static NoticeKind kindOf(String type) {
    if (type == null) return null;
    String t = type.toLowerCase(Locale.ROOT);
    if (t.contains("cancel")) return NoticeKind.CANCELLED;
    if (t.contains("resched") || t.contains("moved") || t.contains("changed") || t.contains("updated")) {
      return NoticeKind.CHANGED;
    }
    if (t.contains("booked") || t.contains("created") || t.contains("scheduled") || t.contains("published")) {
      return NoticeKind.BOOKED;
    }
    return null;
  }

  private static String firstString(JsonObject o, String... keys) {
    for (String k : keys) {
      Object v = o.getValue(k);
      if (v != null) return v.toString();
    }
    return null;
  }

  private static UUID uuid(String s) {
    try {
      return s == null ? null : UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Instant instant(String s) {
    if (s == null) return null;
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (RuntimeException e) {
      try {
        return Instant.parse(s);
      } catch (RuntimeException e2) {
        return null;
      }
    }
  }
}
