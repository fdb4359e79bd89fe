package ro.caravana.optimizer.routing.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.optaplanner.core.api.domain.entity.PlanningEntity;
import org.optaplanner.core.api.domain.lookup.PlanningId;
import org.optaplanner.core.api.domain.variable.PlanningListVariable;

/**
 * One caravan on one date: a shift window, a start and an end depot, the crew's skills and a
 * capacity in consultations, carrying the ordered list of visits it makes that day.
 *
 * <p>OptaPlanner 9.44 requires every value of a list variable to sit in some list, so visits
 * that cannot be planned go to the plan's single {@linkplain #unassigned() unassigned list},
 * a caravan-day that never drives and that the constraints count as "not planned".
 */
@PlanningEntity
public class CaravanDay {

  @PlanningId
  private String id;
  private String caravan;
  private String crew;
  private LocalDate date;
  private long shiftStart;
  private long shiftEnd;
  private Place startDepot;
  private Place endDepot;
  private Set<String> skills;
  private long capacity;
  private long fixedCost;
  private boolean unassignedList;
  /**
   * A published day: its visits may not move and nothing may be added. Not {@code @PlanningPin}:
   * 9.44 does not honour entity pinning for list variables (a test showed visits leaving a pinned
   * day), so the move filter and the {@code PUBLISHED_DAY} constraint guard it instead.
   */
  private boolean pinned;

  @PlanningListVariable(valueRangeProviderRefs = "visits")
  private List<Visit> visits = new ArrayList<>();

  public CaravanDay() {}

  public CaravanDay(String id, String caravan, String crew, LocalDate date, long shiftStart, long shiftEnd,
      Place startDepot, Place endDepot, Set<String> skills, long capacity, long fixedCost) {
    this.id = id;
    this.caravan = caravan;
    this.crew = crew;
    this.date = date;
    this.shiftStart = shiftStart;
    this.shiftEnd = shiftEnd;
    this.startDepot = startDepot;
    this.endDepot = endDepot;
    this.skills = Set.copyOf(skills);
    this.capacity = capacity;
    this.fixedCost = fixedCost;
  }

  /** The list holding visits that did not fit any caravan-day. */
  public static CaravanDay unassigned() {
    CaravanDay day = new CaravanDay("unassigned", "-", "-", null, 0, Long.MAX_VALUE, null, null, Set.of(),
        Long.MAX_VALUE, 0);
    day.unassignedList = true;
    return day;
  }

  /**
   * Puts visits on this day before solving (an already published day, or a warm start). Sets the
   * visits' inverse, previous and next links and arrival times too: OptaPlanner 9.44 reads the
   * links to tell placed visits from unplaced ones when construction starts, and does not run the
   * arrival time listener for a day no move touches (a pinned day).
   */
  public void preassign(List<Visit> placed) {
    for (Visit v : placed) {
      visits.add(v);
    }
    for (int i = 0; i < visits.size(); i++) {
      Visit v = visits.get(i);
      v.setCaravanDay(this);
      v.setPrevious(i == 0 ? null : visits.get(i - 1));
      v.setNext(i == visits.size() - 1 ? null : visits.get(i + 1));
    }
    long departure = shiftStart;
    Place at = startDepot;
    for (Visit v : visits) {
      v.setArrivalTime(unassignedList ? null : departure + at.timeTo(v.getPlace()));
      if (unassignedList) continue;
      departure = v.getDepartureTime();
      at = v.getPlace();
    }
  }

  public boolean isUnassignedList() { return unassignedList; }
  public boolean isDriving() { return !unassignedList && !visits.isEmpty(); }

  public long totalDemand() {
    long sum = 0;
    for (Visit v : visits) sum += v.getDemand();
    return sum;
  }

  /** Return time to the end depot, or the shift start for an empty day. */
  public long returnTime() {
    if (visits.isEmpty()) return shiftStart;
    Visit last = visits.get(visits.size() - 1);
    return last.getDepartureTime() + last.getPlace().timeTo(endDepot);
  }

  public String getId() { return id; }
  public String getCaravan() { return caravan; }
  public String getCrew() { return crew; }
  public LocalDate getDate() { return date; }
  public long getShiftStart() { return shiftStart; }
  public long getShiftEnd() { return shiftEnd; }
  public Place getStartDepot() { return startDepot; }
  public Place getEndDepot() { return endDepot; }
  public Set<String> getSkills() { return skills; }
  public long getCapacity() { return capacity; }
  public long getFixedCost() { return fixedCost; }
  public boolean isPinned() { return pinned; }
  /** Publishing a day pins the visits it holds now. */
  public void setPinned(boolean pinned) {
    this.pinned = pinned;
    if (pinned) visits.forEach(v -> v.setPinned(true));
  }
  public List<Visit> getVisits() { return visits; }
  public void setVisits(List<Visit> visits) { this.visits = visits; }

  @Override public String toString() { return id; }
}
