package ro.caravana.scheduler.interop.fhir;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.UUID;
import ro.caravana.scheduler.common.Ids;
import ro.caravana.scheduler.platform.http.ApiError;

/**
 * Ids of Caravana's FHIR resources, parsed by {@link Ids} (canonical ASCII only): lowercase UUIDs, positive
 * decimal numbers without sign or leading zeros, the typed Location ids {@code centre-N}, {@code room-N},
 * {@code stop-SIRUTA}, the Schedule ids {@code staff-N}, {@code room-N}, {@code stop-SIRUTA} and the Slot ids
 * {@code schedule.yyyyMMddHHmm}. Anything else (Unicode digits, percent-encoded or signed forms, decimals) names no
 * resource. A path id that does not parse reads as 404, a search parameter as 400.
 */
public final class FhirIds {

  /** A Location: a community centre, a room of a centre, or a caravan stop (a locality by SIRUTA code). */
  public record LocationId(Kind kind, long number) {
    public enum Kind { CENTRE, ROOM, STOP }

    public String text() {
      return kind.name().toLowerCase() + "-" + number;
    }
  }

  private FhirIds() {}

  /**
   * A UUID as {@link Ids} reads it, lowercase only: FHIR ids are case-sensitive, so an upper-case spelling is
   * another (unknown) id.
   */
  public static Optional<UUID> uuid(String text) {
    return Optional.ofNullable(Ids.uuidOrNull(text)).filter(id -> id.toString().equals(text));
  }

  /** A positive number as {@link Ids} reads it (ASCII digits, no sign, no leading zeros). */
  public static Optional<Long> number(String text) {
    long n = Ids.numberOrNegative(text);
    return n < 0 ? Optional.empty() : Optional.of(n);
  }

  public static Optional<LocationId> location(String text) {
    if (text == null) return Optional.empty();
    int dash = text.indexOf('-');
    if (dash < 0) return Optional.empty();
    LocationId.Kind kind = switch (text.substring(0, dash)) {
      case "centre" -> LocationId.Kind.CENTRE;
      case "room" -> LocationId.Kind.ROOM;
      case "stop" -> LocationId.Kind.STOP;
      default -> null;
    };
    if (kind == null) return Optional.empty();
    return number(text.substring(dash + 1)).filter(n -> kind != LocationId.Kind.STOP || n <= Integer.MAX_VALUE)
        .map(n -> new LocationId(kind, n));
  }

  /** A Schedule: the time of a staff member, of a room, or of a caravan stop (a locality by SIRUTA code). */
  public record ScheduleId(Kind kind, long number) {
    public enum Kind { STAFF, ROOM, STOP }

    public String text() {
      return kind.name().toLowerCase() + "-" + number;
    }
  }

  /** A Slot: a schedule and the slot's start, in Bucharest wall-clock time ({@code staff-39.202612140900}). */
  public record SlotId(ScheduleId schedule, LocalDateTime start) {
    public String text() {
      return schedule.text() + "." + SLOT_TIME.format(start);
    }
  }

  private static final DateTimeFormatter SLOT_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmm")
      .withResolverStyle(ResolverStyle.STRICT);

  public static Optional<ScheduleId> schedule(String text) {
    if (text == null) return Optional.empty();
    int dash = text.indexOf('-');
    if (dash < 0) return Optional.empty();
    ScheduleId.Kind kind = switch (text.substring(0, dash)) {
      case "staff" -> ScheduleId.Kind.STAFF;
      case "room" -> ScheduleId.Kind.ROOM;
      case "stop" -> ScheduleId.Kind.STOP;
      default -> null;
    };
    if (kind == null) return Optional.empty();
    return number(text.substring(dash + 1)).filter(n -> kind != ScheduleId.Kind.STOP || n <= Integer.MAX_VALUE)
        .map(n -> new ScheduleId(kind, n));
  }

  /** {@code schedule.yyyyMMddHHmm}, twelve ASCII digits naming a real minute; anything else is empty. */
  public static Optional<SlotId> slot(String text) {
    if (text == null) return Optional.empty();
    int dot = text.lastIndexOf('.');
    if (dot < 0 || text.length() - dot - 1 != 12) return Optional.empty();
    String time = text.substring(dot + 1);
    for (int i = 0; i < time.length(); i++) {
      if (time.charAt(i) < '0' || time.charAt(i) > '9') return Optional.empty();
    }
    LocalDateTime start;
    try {
      start = LocalDateTime.parse(time, SLOT_TIME);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
    return schedule(text.substring(0, dot)).map(s -> new SlotId(s, start));
  }

  /** The id of a path parameter, or 404 as an OperationOutcome. */
  public static <T> T path(Optional<T> parsed, String type) {
    return parsed.orElseThrow(() -> notFound(type));
  }

  public static ApiError notFound(String type) {
    return ApiError.notFound("id", "Resursa " + type + " nu există.", "No such " + type + " resource.");
  }

  /**
   * The id in a reference search parameter ({@code patient=Patient/ID} or {@code patient=ID}); a reference
   * to another resource type, or an id that does not parse, is 400.
   */
  public static String reference(String param, String value, String type) {
    String id = value.startsWith(type + "/") ? value.substring(type.length() + 1) : value;
    if (id.isEmpty() || id.contains("/")) {
      throw ApiError.badRequest(param, "„" + param + "” trebuie să fie o referință " + type + "/id.",
          "'" + param + "' must be a reference " + type + "/id.");
    }
    return id;
  }

  public static ApiError badId(String param) {
    return ApiError.badRequest(param, "„" + param + "” nu numește o resursă validă.", "'" + param + "' names no valid resource.");
  }
}
