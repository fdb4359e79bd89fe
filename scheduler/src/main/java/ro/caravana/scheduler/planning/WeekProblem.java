package ro.caravana.scheduler.planning;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Everything a planner needs about one county-week, read from the database before solving. */
public record WeekProblem(UUID planId, String county, String week, LocalDate monday, ZoneId zone, List<String> kinds,
    int secondsLimit, Instant now, List<Caravan> caravans, List<Place> places, List<Centre> centres, List<Room> rooms,
    List<StaffMember> staff, List<Beneficiary> beneficiaries, List<CarePlan> carePlans, List<PlanOutcome.Item> baseItems,
    List<Disruption> disruptions, Set<String> calledOffItems,
    List<HorizonStop> horizonStops, ro.caravana.scheduler.road.RoadNetwork roads) {

  /** A caravan stop the county's horizon asks for in this week: the weekly plan takes its caravan days from these. */
  public record HorizonStop(long caravanId, LocalDate day, int siruta) {}

  /**
   * {@code disruptions}: what this re-plan must respect, those of the plans it re-plans (oldest first) and then its
   * own, so a therapist absent in one re-plan is not booked again by the next one. {@code calledOffItems}: the
   * plan items of the appointments families called off among them.
   */
  public WeekProblem {
    disruptions = List.copyOf(disruptions);
    calledOffItems = Set.copyOf(calledOffItems);
  }

  /** The disruptions of one kind. */
  public <D extends Disruption> List<D> disruptions(Class<D> kind) {
    return disruptions.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  public record Window(LocalTime from, LocalTime to) {}

  public record DateRange(LocalDate from, LocalDate to) {
    public boolean contains(LocalDate d) { return !d.isBefore(from) && !d.isAfter(to); }
  }

  /** {@code outOfService}: days of the week the caravan does not drive (recorded by the organisation API). */
  public record Caravan(long id, String code, int depotSiruta, List<String> crew, int consultationsPerDay,
      LocalTime shiftStart, LocalTime shiftEnd, Set<LocalDate> outOfService) {}

  /** A locality that can be a caravan stop, a centre's place or a depot. */
  public record Place(int siruta, String name, double lat, double lon) {}

  /** {@code closed}: days of the week the centre is closed (its closures), whatever its opening hours say. */
  public record Centre(long id, String code, String name, int siruta, Map<DayOfWeek, Window> hours, Set<LocalDate> closed) {}

  public record Room(long id, long centreId, String name, int capacity, Set<String> equipment) {}

  public record StaffMember(long id, String name, String role, Set<String> skills, Long homeCentreId, Long caravanId,
      Map<DayOfWeek, List<Window>> availability, List<DateRange> leave) {}

  public record Beneficiary(UUID id, String name, int siruta, Long centreId, String category, Set<String> flags,
      LocalDate birthDate) {}

  public record CarePlan(UUID id, UUID beneficiaryId, String service, int sessionsPerWeek, int intervalWeeks, int minutes,
      String modality, Long centreId, LocalDate validFrom, LocalDate validTo, Set<DayOfWeek> preferredDays,
      LocalTime preferredFrom, LocalTime preferredTo) {

    /** Due this week: valid during it, and this is one of its weeks when it recurs every N weeks. */
    public boolean dueInWeekOf(LocalDate monday) {
      LocalDate sunday = monday.plusDays(6);
      if (validFrom.isAfter(sunday) || (validTo != null && validTo.isBefore(monday))) return false;
      if (intervalWeeks <= 1) return true;
      long weeks = java.time.temporal.ChronoUnit.WEEKS.between(validFrom.with(DayOfWeek.MONDAY), monday);
      return Math.floorMod(weeks, intervalWeeks) == 0;
    }
  }
}
