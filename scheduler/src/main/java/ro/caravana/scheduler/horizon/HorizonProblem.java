package ro.caravana.scheduler.horizon;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import ro.caravana.scheduler.road.RoadNetwork;

/**
 * Everything a horizon needs about a county's caravan work from {@code firstDay} to {@code lastDay}, read
 * before solving: caravans, the localities with caravan work (people, weights, rhythm, last visit), the
 * stops of weeks already published (kept as they are), and the roads.
 */
public record HorizonProblem(String county, LocalDate firstDay, LocalDate lastDay, ZoneId zone, int secondsLimit,
    List<Caravan> caravans, List<Locality> localities, List<PublishedStop> published, Set<LocalDate> publishedWeeks,
    List<Place> places, RoadNetwork roads) {

  /** {@code outOfService}: days the caravan does not drive (recorded by the organisation API). */
  public record Caravan(long id, String code, int depotSiruta, int capacity, LocalTime shiftStart, LocalTime shiftEnd,
      java.util.Set<LocalDate> outOfService) {

    public Caravan(long id, String code, int depotSiruta, int capacity, LocalTime shiftStart, LocalTime shiftEnd) {
      this(id, code, depotSiruta, capacity, shiftStart, shiftEnd, java.util.Set.of());
    }
  }

  /** A point on the map (depot or stop). */
  public record Place(int siruta, String name, double lat, double lon) {}

  /**
   * A locality with caravan work: {@code people} with caravan care plans, {@code weightedPeople} by
   * vulnerability ({@link CoverageWeights}), {@code minutes} of consultations per visit, visited every
   * {@code everyDays} and never more than {@code maxGapDays} apart; the last visit before the horizon, if any.
   */
  public record Locality(int siruta, String name, int people, int weightedPeople, int minutes, int everyDays,
      int maxGapDays, LocalDate lastVisit, Long lastCaravanId) {}

  /** A caravan stop of a published weekly plan inside the horizon. */
  public record PublishedStop(long caravanId, LocalDate day, int position, int siruta) {}

  /** Monday to Friday of the horizon, without public holidays and the weeks already published. */
  public List<LocalDate> openDays() {
    List<LocalDate> out = new ArrayList<>();
    for (LocalDate d = firstDay; !d.isAfter(lastDay); d = d.plusDays(1)) {
      if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) continue;
      if (publishedWeeks.contains(d.with(DayOfWeek.MONDAY))) continue;
      if (ro.caravana.scheduler.common.PublicHolidays.isHoliday(d)) continue;
      out.add(d);
    }
    return out;
  }
}
