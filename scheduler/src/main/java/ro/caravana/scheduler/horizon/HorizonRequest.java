package ro.caravana.scheduler.horizon;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import ro.caravana.scheduler.planning.PlanRequest;
import ro.caravana.scheduler.platform.http.ApiError;

/** {@code {"county": "VN", "fromWeek": "2026-W51", "weeks": 13, "secondsLimit": 30}}: plan a county's caravans over weeks. */
public record HorizonRequest(String county, String fromWeek, int weeks, int secondsLimit) {

  public static final int MIN_WEEKS = 4;
  public static final int MAX_WEEKS = 13;
  public static final int DEFAULT_SECONDS = 30;
  public static final int MAX_SECONDS = 600;

  public static HorizonRequest from(JsonObject body) {
    Object county = body.getValue("county");
    if (!(county instanceof String c) || !c.matches("^[A-Z]{1,2}$")) {
      throw ApiError.badRequest("county", "Județul lipsește sau nu este un cod valid (ex. „VN”).",
          "The county is missing or not a valid code (e.g. \"VN\").");
    }
    Object week = body.getValue("fromWeek");
    if (!(week instanceof String w)) {
      throw ApiError.badRequest("fromWeek", "Săptămâna de început lipsește (format „2026-W51”).",
          "The first week is missing (format \"2026-W51\").");
    }
    try {
      PlanRequest.monday(w);
    } catch (ApiError e) {
      throw ApiError.badRequest("fromWeek", e.reasonRo(), e.reasonEn());
    }
    Object weeks = body.getValue("weeks", MAX_WEEKS);
    if (!(weeks instanceof Integer n) || n < MIN_WEEKS || n > MAX_WEEKS) {
      throw ApiError.badRequest("weeks", "„weeks” trebuie să fie un număr întreg între " + MIN_WEEKS + " și " + MAX_WEEKS + ".",
          "weeks must be an integer between " + MIN_WEEKS + " and " + MAX_WEEKS + ".");
    }
    Object seconds = body.getValue("secondsLimit", DEFAULT_SECONDS);
    if (!(seconds instanceof Integer s) || s < 1 || s > MAX_SECONDS) {
      throw ApiError.badRequest("secondsLimit", "Limita de timp trebuie să fie un număr întreg între 1 și " + MAX_SECONDS + ".",
          "secondsLimit must be an integer between 1 and " + MAX_SECONDS + ".");
    }
    return new HorizonRequest(c, w, n, s);
  }

  public LocalDate firstDay() {
    return PlanRequest.monday(fromWeek);
  }

  /** The Sunday of the last week. */
  public LocalDate lastDay() {
    return firstDay().plusWeeks(weeks).minusDays(1);
  }
}
