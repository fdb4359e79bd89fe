package ro.caravana.scheduler.planning;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import ro.caravana.scheduler.common.Fields;
import ro.caravana.scheduler.common.Ids;
import ro.caravana.scheduler.common.Violations;
import ro.caravana.scheduler.platform.http.ApiError;

/**
 * What changed since a plan was made, one record per kind. A request body becomes one of these once, at the
 * edge ({@link #parse}); the plan keeps it as the JSON {@link #toJson} writes and {@link #stored} reads back
 * (the only two places that know the stored form); planners test which record it is.
 */
public sealed interface Disruption {

  String CARAVAN_UNAVAILABLE = "caravan_unavailable";
  String STAFF_ABSENT = "staff_absent";
  String CENTRE_CLOSED = "centre_closed";
  String BENEFICIARY_CANCELLED = "beneficiary_cancelled";
  List<String> TYPES = List.of(CARAVAN_UNAVAILABLE, STAFF_ABSENT, CENTRE_CLOSED, BENEFICIARY_CANCELLED);

  /** At most this many days in one disruption (a month). */
  int MAX_DAYS = 31;

  /** The wire and storage name of the kind. */
  String type();

  /** The days it covers (none for a call-off, which names its appointment). */
  List<LocalDate> dates();

  /** The stored and shown form: {@code type}, the subject's id field and, for day-based kinds, {@code dates}. */
  JsonObject toJson();

  /** A caravan cannot go out on these days (broken, in service). */
  record CaravanUnavailable(long caravanId, List<LocalDate> dates) implements Disruption {
    public CaravanUnavailable { dates = List.copyOf(dates); }
    @Override public String type() { return CARAVAN_UNAVAILABLE; }
    @Override public JsonObject toJson() { return onDays(type(), "caravanId", caravanId, dates); }
  }

  /** A staff member is away on these days (ill, on leave). */
  record StaffAbsent(long staffId, List<LocalDate> dates) implements Disruption {
    public StaffAbsent { dates = List.copyOf(dates); }
    @Override public String type() { return STAFF_ABSENT; }
    @Override public JsonObject toJson() { return onDays(type(), "staffId", staffId, dates); }
  }

  /** A centre's rooms cannot be used on these days. */
  record CentreClosed(long centreId, List<LocalDate> dates) implements Disruption {
    public CentreClosed { dates = List.copyOf(dates); }
    @Override public String type() { return CENTRE_CLOSED; }
    @Override public JsonObject toJson() { return onDays(type(), "centreId", centreId, dates); }
  }

  /** A family called one appointment off: it leaves the plan, nothing else moves for it. */
  record BeneficiaryCancelled(UUID appointmentId) implements Disruption {
    @Override public String type() { return BENEFICIARY_CANCELLED; }
    @Override public List<LocalDate> dates() { return List.of(); }
    @Override public JsonObject toJson() {
      return new JsonObject().put("type", type()).put("appointmentId", appointmentId.toString());
    }
  }

  /**
   * Not a change in the world but the coordinator's own: re-solve around the sessions pinned by hand, which stay
   * where they are (made by {@link PlanEdits#resolve}, never read from a request body).
   */
  record ManualEdits(List<String> pinnedSessions) implements Disruption {
    public ManualEdits { pinnedSessions = List.copyOf(pinnedSessions); }
    @Override public String type() { return PlanEdits.RESOLVE; }
    @Override public List<LocalDate> dates() { return List.of(); }
    @Override public JsonObject toJson() {
      return new JsonObject().put("type", type()).put("pinned", new JsonArray(pinnedSessions));
    }
  }

  private static JsonObject onDays(String type, String field, long subject, List<LocalDate> dates) {
    return new JsonObject().put("type", type).put(field, subject)
        .put("dates", new JsonArray(dates.stream().map(LocalDate::toString).toList()));
  }

  /** The id field each kind names. */
  static String subjectField(String type) {
    return switch (type) {
      case CARAVAN_UNAVAILABLE -> "caravanId";
      case STAFF_ABSENT -> "staffId";
      case CENTRE_CLOSED -> "centreId";
      case BENEFICIARY_CANCELLED -> "appointmentId";
      default -> throw new IllegalArgumentException(type);
    };
  }

  /**
   * A request body as a disruption. Ids are read as {@link Ids} reads them everywhere (a JSON integer above zero,
   * a canonical UUID string); dates as {@code YYYY-MM-DD} in ASCII digits. Every field at fault is named at once.
   */
  static Disruption parse(JsonObject body) {
    Object rawType = body.getValue("type");
    if (!(rawType instanceof String type) || !TYPES.contains(type)) {
      throw ApiError.badRequest("type", "Tipul perturbării trebuie să fie unul dintre: " + String.join(", ", TYPES) + ".",
          "type must be one of: " + String.join(", ", TYPES) + ".");
    }
    String field = subjectField(type);
    Violations v = new Violations();
    if (type.equals(BENEFICIARY_CANCELLED)) {
      UUID appointment = v.read(() -> required(Ids.bodyUuid(body, field), field));
      v.check();
      return new BeneficiaryCancelled(appointment);
    }
    Long subject = v.read(() -> required(Ids.bodyNumber(body, field), field));
    List<LocalDate> dates = v.read(() -> dates(body.getValue("dates")));
    v.check();
    return switch (type) {
      case CARAVAN_UNAVAILABLE -> new CaravanUnavailable(subject, dates);
      case STAFF_ABSENT -> new StaffAbsent(subject, dates);
      default -> new CentreClosed(subject, dates);
    };
  }

  /** A disruption as {@link #toJson} stored it (null stays null). */
  static Disruption stored(JsonObject json) {
    if (json == null) return null;
    String type = json.getString("type");
    if (type.equals(PlanEdits.RESOLVE)) {
      return new ManualEdits(json.getJsonArray("pinned", new JsonArray()).stream().map(String::valueOf).toList());
    }
    String field = subjectField(type);
    if (type.equals(BENEFICIARY_CANCELLED)) return new BeneficiaryCancelled(UUID.fromString(json.getString(field)));
    long subject = json.getLong(field);
    List<LocalDate> dates = json.getJsonArray("dates").stream().map(d -> LocalDate.parse((String) d)).toList();
    return switch (type) {
      case CARAVAN_UNAVAILABLE -> new CaravanUnavailable(subject, dates);
      case STAFF_ABSENT -> new StaffAbsent(subject, dates);
      default -> new CentreClosed(subject, dates);
    };
  }

  private static <T> T required(T value, String field) {
    if (value == null) throw Fields.missing(field);
    return value;
  }

  /** 1-31 distinct days, each a JSON string {@code YYYY-MM-DD} of ASCII digits naming a real date; sorted. */
  private static List<LocalDate> dates(Object value) {
    if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_DAYS) {
      throw ApiError.badRequest("dates", "„dates” trebuie să fie o listă de 1–" + MAX_DAYS + " zile (AAAA-LL-ZZ).",
          "dates must be a list of 1-" + MAX_DAYS + " days (YYYY-MM-DD).");
    }
    Set<LocalDate> days = new LinkedHashSet<>();
    for (Object d : array) {
      LocalDate day = d instanceof String s ? isoDate(s) : null;
      if (day == null) {
        String shown = String.valueOf(d);
        if (shown.length() > 40) shown = shown.substring(0, 40) + "…";
        throw ApiError.badRequest("dates", "Dată invalidă: " + shown + " (AAAA-LL-ZZ).",
            "Invalid date: " + shown + " (YYYY-MM-DD).");
      }
      days.add(day);
    }
    List<LocalDate> sorted = new ArrayList<>(days);
    sorted.sort(null);
    return sorted;
  }

  /** {@code YYYY-MM-DD} with ASCII digits only, naming a real day; else null. */
  private static LocalDate isoDate(String s) {
    if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') return null;
    for (int i = 0; i < 10; i++) {
      char c = s.charAt(i);
      if (i != 4 && i != 7 && (c < '0' || c > '9')) return null;
    }
    try {
      return LocalDate.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(5, 7)),
          Integer.parseInt(s.substring(8, 10)));
    } catch (DateTimeException e) {
      return null;
    }
  }
}
