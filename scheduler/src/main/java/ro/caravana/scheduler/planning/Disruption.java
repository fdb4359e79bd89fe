package ro.caravana.scheduler.planning;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ro.caravana.scheduler.common.Ids;
import ro.caravana.scheduler.platform.http.ApiError;

/** What changed since a plan was made; validated into a normalised JSON kept with the re-plan. */
public final class Disruption {

  public static final String CARAVAN_UNAVAILABLE = "caravan_unavailable";
  public static final String STAFF_ABSENT = "staff_absent";
  public static final String CENTRE_CLOSED = "centre_closed";
  public static final String BENEFICIARY_CANCELLED = "beneficiary_cancelled";

  /** The id field each type names. */
  private static final Map<String, String> SUBJECT = Map.of(
      CARAVAN_UNAVAILABLE, "caravanId", STAFF_ABSENT, "staffId", CENTRE_CLOSED, "centreId",
      BENEFICIARY_CANCELLED, "appointmentId");

  private Disruption() {}

  public static JsonObject validate(JsonObject body) {
    Object type = body.getValue("type");
    if (!(type instanceof String t) || !SUBJECT.containsKey(t)) {
      throw ApiError.badRequest("type", "Tipul perturbării trebuie să fie unul dintre: " + String.join(", ", SUBJECT.keySet()) + ".",
          "type must be one of: " + String.join(", ", SUBJECT.keySet()) + ".");
    }
    String field = SUBJECT.get(t);
    JsonObject out = new JsonObject().put("type", t);
    Object subject = body.getValue(field);
    if (t.equals(BENEFICIARY_CANCELLED)) {
      if (!(subject instanceof String s) || Ids.uuidOrNull(s) == null) {
        throw ApiError.badRequest(field, "Lipsește identificatorul programării.", "The appointment id is missing.");
      }
      return out.put(field, s.toLowerCase());
    }
    long n = Ids.jsonNumberOrNegative(subject);
    if (n < 0) {
      throw ApiError.badRequest(field, "Lipsește „" + field + "” (număr întreg pozitiv).", field + " is missing (a positive integer).");
    }
    out.put(field, n);
    Object dates = body.getValue("dates");
    if (!(dates instanceof JsonArray array) || array.isEmpty() || array.size() > 31) {
      throw ApiError.badRequest("dates", "„dates” trebuie să fie o listă de 1–31 zile (AAAA-LL-ZZ).",
          "dates must be a list of 1-31 days (YYYY-MM-DD).");
    }
    List<String> days = new ArrayList<>();
    for (Object d : array) {
      try {
        days.add(LocalDate.parse(String.valueOf(d)).toString());
      } catch (DateTimeParseException e) {
        throw ApiError.badRequest("dates", "Dată invalidă: " + d + " (AAAA-LL-ZZ).", "Invalid date: " + d + " (YYYY-MM-DD).");
      }
    }
    return out.put("dates", new JsonArray(days));
  }

  public static List<LocalDate> dates(JsonObject disruption) {
    if (disruption == null || disruption.getJsonArray("dates") == null) return List.of();
    return disruption.getJsonArray("dates").stream().map(d -> LocalDate.parse((String) d)).toList();
  }
}
