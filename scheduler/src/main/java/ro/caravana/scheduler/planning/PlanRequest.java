package ro.caravana.scheduler.planning;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ro.caravana.scheduler.platform.http.ApiError;

/** A request to plan one county's week: {@code {"county", "week": "2026-W50", "kinds", "secondsLimit"}}. */
public record PlanRequest(String county, String week, List<String> kinds, int secondsLimit) {

  public static final Set<String> KINDS = Set.of("routes", "timetable");
  public static final int DEFAULT_SECONDS = 30;
  public static final int MAX_SECONDS = 600;
  private static final Pattern WEEK = Pattern.compile("^(\\d{4})-W(\\d{2})$");

  public static PlanRequest from(JsonObject body) {
    Object county = body.getValue("county");
    if (!(county instanceof String c) || !c.matches("^[A-Z]{1,2}$")) {
      throw ApiError.badRequest("county", "Județul lipsește sau nu este un cod valid (ex. „BC”).",
          "The county is missing or not a valid code (e.g. \"BC\").");
    }
    Object week = body.getValue("week");
    if (!(week instanceof String w)) {
      throw ApiError.badRequest("week", "Săptămâna lipsește (format „2026-W50”).", "The week is missing (format \"2026-W50\").");
    }
    monday(w); // validates
    List<String> kinds = kinds(body.getValue("kinds"));
    Object seconds = body.getValue("secondsLimit", DEFAULT_SECONDS);
    if (!(seconds instanceof Integer s) || s < 1 || s > MAX_SECONDS) {
      throw ApiError.badRequest("secondsLimit", "Limita de timp trebuie să fie un număr întreg între 1 și " + MAX_SECONDS + ".",
          "secondsLimit must be an integer between 1 and " + MAX_SECONDS + ".");
    }
    return new PlanRequest(c, w, kinds, s);
  }

  private static List<String> kinds(Object value) {
    if (value == null) return List.of("routes", "timetable");
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      throw ApiError.badRequest("kinds", "„kinds” trebuie să fie o listă nevidă: routes, timetable.",
          "kinds must be a non-empty list of: routes, timetable.");
    }
    Set<String> out = new LinkedHashSet<>();
    for (Object k : array) {
      if (!(k instanceof String s) || !KINDS.contains(s)) {
        throw ApiError.badRequest("kinds", "Tip de plan necunoscut: " + k + " (routes, timetable).",
            "Unknown plan kind: " + k + " (routes, timetable).");
      }
      out.add(s);
    }
    return List.copyOf(out);
  }

  /** The Monday of an ISO week such as {@code 2026-W50}. */
  public static LocalDate monday(String week) {
    Matcher m = WEEK.matcher(week);
    if (!m.matches()) {
      throw ApiError.badRequest("week", "Săptămâna trebuie scrisă ca „2026-W50”.", "The week must be written as \"2026-W50\".");
    }
    int year = Integer.parseInt(m.group(1));
    int number = Integer.parseInt(m.group(2));
    LocalDate mid = LocalDate.of(year, 6, 1);
    if (number < 1 || number > mid.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
      throw ApiError.badRequest("week", "Anul " + year + " nu are săptămâna " + number + ".",
          "Year " + year + " has no week " + number + ".");
    }
    return mid.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, number).with(DayOfWeek.MONDAY);
  }
}
