package ro.caravana.scheduler.platform.outbox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Events carry ids and facts, never CNPs, phones or names: consumers that need personal data read it
 * from PostgreSQL, where erasure can reach it. Every outbox event passes through {@link #strip}, so a
 * producer that hands over a whole record (with names in it) still writes none. The same keys are
 * removed from older rows by {@code scrub_personal_data} (migration V13_2) and on erasure.
 */
public final class PersonalData {

  /** Payload keys that name or reach a person (or hold free text about them). */
  public static final Set<String> KEYS = Set.of("cnp", "phone", "firstName", "lastName", "guardianName",
      "beneficiaryName", "familyName", "doctorName", "staffName", "recordedBy", "note");

  private PersonalData() {}

  /** A copy of {@code payload} without {@link #KEYS}, at any depth. */
  public static JsonObject strip(JsonObject payload) {
    JsonObject out = new JsonObject();
    payload.forEach(e -> {
      if (!KEYS.contains(e.getKey())) out.put(e.getKey(), value(e.getValue()));
    });
    return out;
  }

  private static Object value(Object v) {
    if (v instanceof JsonObject o) return strip(o);
    if (v instanceof JsonArray a) {
      JsonArray out = new JsonArray();
      a.forEach(x -> out.add(value(x)));
      return out;
    }
    return v;
  }
}
