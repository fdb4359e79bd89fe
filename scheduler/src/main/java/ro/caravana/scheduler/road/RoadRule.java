package ro.caravana.scheduler.road;

import java.time.LocalDate;

/** A locality closed to the caravans, or reached more slowly ({@code factorPercent} of the usual time), between two dates. */
public record RoadRule(long id, int siruta, LocalDate from, LocalDate to, Kind kind, int factorPercent, String note) {

  public enum Kind { CLOSED, SLOW }

  public boolean covers(LocalDate date) {
    return !date.isBefore(from) && !date.isAfter(to);
  }
}
