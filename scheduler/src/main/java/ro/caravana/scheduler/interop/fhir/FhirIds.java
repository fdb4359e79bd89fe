package ro.caravana.scheduler.interop.fhir;

import java.util.Optional;
import java.util.UUID;
import ro.caravana.scheduler.common.Ids;
import ro.caravana.scheduler.platform.http.ApiError;

/**
 * Ids of Caravana's FHIR resources, parsed from canonical ASCII only: lowercase UUIDs, positive decimal
 * numbers without sign or leading zeros, and the typed Location ids {@code centre-N}, {@code room-N},
 * {@code stop-SIRUTA}. Anything else (Unicode digits, percent-encoded or signed forms, decimals) names no
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

  public static Optional<UUID> uuid(String text) {
    // FHIR ids are written in lower case: the canonical form of Ids, lower case only
    return Optional.ofNullable(Ids.uuidOrNull(text)).filter(id -> id.toString().equals(text));
  }

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
