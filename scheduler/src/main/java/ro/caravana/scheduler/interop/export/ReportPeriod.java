package ro.caravana.scheduler.interop.export;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import ro.caravana.scheduler.platform.http.ApiError;

/** A reporting period: the ISO week, the month or the quarter holding a day (both ends included). */
public record ReportPeriod(String type, LocalDate from, LocalDate to) {

  public static ReportPeriod of(String type, LocalDate day) {
    return switch (type == null ? "month" : type) {
      case "week" -> new ReportPeriod("week", day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
          day.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY)));
      case "month" -> new ReportPeriod("month", day.withDayOfMonth(1), day.with(TemporalAdjusters.lastDayOfMonth()));
      case "quarter" -> {
        LocalDate first = day.with(IsoFields.DAY_OF_QUARTER, 1);
        yield new ReportPeriod("quarter", first, first.plusMonths(3).minusDays(1));
      }
      default -> throw ApiError.badRequest("period", "Perioada este week, month sau quarter.",
          "The period is week, month or quarter.");
    };
  }

  /** A name for files and titles: 2026-W50, 2026-12, 2026-Q4. */
  public String label() {
    return switch (type) {
      case "week" -> from.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", from.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case "quarter" -> from.getYear() + "-Q" + from.get(IsoFields.QUARTER_OF_YEAR);
      default -> from.toString().substring(0, 7);
    };
  }
}
