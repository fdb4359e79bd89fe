package ro.caravana.scheduler.attendance;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;
import ro.caravana.optimizer.text.Label;
import ro.caravana.scheduler.common.Fields;
import ro.caravana.scheduler.common.Ids;

/**
 * One attendance mark as a device made it: its idempotency key (a UUID the device drew), the
 * appointment, what was seen, when, and an optional short note.
 */
public record FieldMark(UUID key, UUID appointmentId, Kind kind, OffsetDateTime markedAt, String note) {

  /** What the crew saw; each kind has the mark status it is stored as and the appointment status it leads to. */
  public enum Kind {
    PRESENT("fulfilled", "fulfilled", new Label("Prezent", "Present")),
    ABSENT("noshow", "noshow", new Label("Absent", "Absent")),
    EXCUSED("excused", "cancelled", new Label("Absență motivată", "Excused absence"));

    public final String markStatus;
    public final String appointmentStatus;
    private final Label label;

    Kind(String markStatus, String appointmentStatus, Label label) {
      this.markStatus = markStatus;
      this.appointmentStatus = appointmentStatus;
      this.label = label;
    }

    public Label label() {
      return label;
    }

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Kind ofMarkStatus(String status) {
      for (Kind k : values()) if (k.markStatus.equals(status)) return k;
      return null;
    }
  }

  /** Device clocks drift; a mark from further in the future than this is refused. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(10);
  /** A device offline for longer than this sends marks nobody can check any more. */
  static final Duration OLDEST = Duration.ofDays(14);

  public static FieldMark from(JsonObject body, OffsetDateTime now) {
    UUID key = canonicalUuid(body, "key");
    UUID appointment = canonicalUuid(body, "appointmentId");
    Kind kind = kind(body);
    OffsetDateTime at = markedAt(body, now);
    return new FieldMark(key, appointment, kind, at, note(body));
  }

  static Kind kind(JsonObject body) {
    String raw = Fields.choice(body, "mark", java.util.Set.of("present", "absent", "excused"));
    return Kind.valueOf(raw.toUpperCase(Locale.ROOT));
  }

  static OffsetDateTime markedAt(JsonObject body, OffsetDateTime now) {
    OffsetDateTime at = Fields.requiredDateTime(body, "markedAt");
    if (at.isAfter(now.plus(CLOCK_SKEW))) {
      throw Fields.invalid("markedAt", "Momentul marcării este în viitor; verificați ora telefonului.",
          "The time of marking is in the future; check the phone's clock.");
    }
    if (at.isBefore(now.minus(OLDEST))) {
      throw Fields.invalid("markedAt", "Marcarea este mai veche de 14 zile.", "The mark is older than 14 days.");
    }
    return at;
  }

  /** At most 500 characters (checked by {@link Fields#optionalText}). */
  static String note(JsonObject body) {
    return Fields.optionalText(body, "note");
  }

  static UUID canonicalUuid(JsonObject body, String field) {
    if (!Fields.present(body, field)) throw Fields.missing(field);
    UUID id = body.getValue(field) instanceof String s ? Ids.uuidOrNull(s) : null; // canonical ASCII form only
    if (id == null) {
      throw Fields.invalid(field, "„" + field + "” nu este un identificator valid (UUID).",
          "'" + field + "' is not a valid id (UUID).");
    }
    return id;
  }
}
