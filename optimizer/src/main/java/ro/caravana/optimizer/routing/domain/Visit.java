package ro.caravana.optimizer.routing.domain;

import java.time.LocalDate;
import java.util.Set;
import org.optaplanner.core.api.domain.entity.PlanningEntity;
import org.optaplanner.core.api.domain.lookup.PlanningId;
import org.optaplanner.core.api.domain.variable.InverseRelationShadowVariable;
import org.optaplanner.core.api.domain.variable.NextElementShadowVariable;
import org.optaplanner.core.api.domain.variable.PreviousElementShadowVariable;
import org.optaplanner.core.api.domain.variable.ShadowVariable;

/**
 * A caravan stop in a locality: the service takes {@code serviceDuration} ticks and must start
 * inside [{@code readyTime}, {@code dueTime}] (waiting is allowed), needs the listed crew skills and
 * {@code demand} consultations of the caravan's capacity, and may only happen on
 * {@code allowedDates} (all dates when empty).
 *
 * <p>Times are ticks counted from the plan's time origin: seconds from midnight for real plans,
 * scaled benchmark units for the public instances (see the readers).
 */
@PlanningEntity
public class Visit {

  @PlanningId
  private String id;
  private Place place;
  private long serviceDuration;
  private long demand;
  private Set<String> requiredSkills;
  private long readyTime;
  private long dueTime;
  private Set<LocalDate> allowedDates;
  private int priority;
  /** Announced to families: keeps its caravan-day and its order; the solver never moves it. */
  private boolean pinned;
  /** Date of the previous visit to this locality, if any, and the wanted interval in days. */
  private LocalDate lastVisitDate;
  private int frequencyDays;
  /** Crew that made the previous visit, if any: families like to see the same faces. */
  private String lastCrew;
  /**
   * A multi-week horizon visits a locality several times: the visits of one locality share a series
   * key and are numbered 0, 1, 2... in date order; consecutive ones are at most {@code maxGapDays} apart.
   */
  private String seriesKey;
  private int seriesIndex;
  private int maxGapDays;
  /** Medium weight of leaving this visit out when set (above 0); else priority times demand. */
  private long coverageWeight;

  @InverseRelationShadowVariable(sourceVariableName = "visits")
  private CaravanDay caravanDay;
  @PreviousElementShadowVariable(sourceVariableName = "visits")
  private Visit previous;
  @NextElementShadowVariable(sourceVariableName = "visits")
  private Visit next;
  /** Arrival at the stop; service starts at max(arrival, ready time). Null when not on a driving day. */
  @ShadowVariable(variableListenerClass = ArrivalTimeUpdatingVariableListener.class,
      sourceEntityClass = CaravanDay.class, sourceVariableName = "visits")
  private Long arrivalTime;

  public Visit() {}

  public Visit(String id, Place place, long serviceDuration, long demand, Set<String> requiredSkills,
      long readyTime, long dueTime, Set<LocalDate> allowedDates, int priority) {
    this.id = id;
    this.place = place;
    this.serviceDuration = serviceDuration;
    this.demand = demand;
    this.requiredSkills = Set.copyOf(requiredSkills);
    this.readyTime = readyTime;
    this.dueTime = dueTime;
    this.allowedDates = Set.copyOf(allowedDates);
    this.priority = priority;
  }

  /** On a caravan-day that drives (not on the unassigned list). */
  public boolean isPlanned() {
    return caravanDay != null && !caravanDay.isUnassignedList();
  }

  public boolean isUnplanned() {
    return caravanDay == null || caravanDay.isUnassignedList();
  }

  public long getServiceStart() {
    return Math.max(arrivalTime, readyTime);
  }

  public long getDepartureTime() {
    return getServiceStart() + serviceDuration;
  }

  /** Ticks by which service starts after the due time (0 when on time). */
  public long lateness() {
    if (arrivalTime == null) return 0;
    return Math.max(0, arrivalTime - dueTime);
  }

  /** Travel from the previous stop (or the start depot) to this one. */
  public long travelTimeFromPrevious() {
    Place from = previous == null ? caravanDay.getStartDepot() : previous.place;
    return from.timeTo(place);
  }

  /** Travel back to the end depot when this is the day's last stop, else 0. */
  public long travelTimeToDepotIfLast() {
    return next == null ? place.timeTo(caravanDay.getEndDepot()) : 0;
  }

  /** Ticks by which the return to the end depot overruns the shift (only for the last stop). */
  public long shiftOverrun() {
    if (next != null || arrivalTime == null) return 0;
    long back = getDepartureTime() + place.timeTo(caravanDay.getEndDepot());
    return Math.max(0, back - caravanDay.getShiftEnd());
  }

  public long missingSkillCount() {
    return missingSkillCountOn(caravanDay);
  }

  /** Skills this visit needs that {@code day}'s crew lacks. */
  public long missingSkillCountOn(CaravanDay day) {
    if (requiredSkills.isEmpty()) return 0;
    Set<String> crewSkills = day.getSkills();
    return requiredSkills.stream().filter(s -> !crewSkills.contains(s)).count();
  }

  public boolean isOnDisallowedDate() {
    return isDisallowedOn(caravanDay);
  }

  public boolean isDisallowedOn(CaravanDay day) {
    return !allowedDates.isEmpty() && !allowedDates.contains(day.getDate());
  }

  /** Weight of leaving this visit out: the coverage weight if set, else priority times demand (at least 1 each). */
  public long unassignedWeight() {
    if (coverageWeight > 0) return coverageWeight;
    return (long) Math.max(1, priority) * Math.max(1, demand);
  }

  /** Days from this visit to {@code later} (both planned), by their caravan-days' dates. */
  public long daysUntil(Visit later) {
    return later.caravanDay.getDate().toEpochDay() - caravanDay.getDate().toEpochDay();
  }

  /** Days by which the gap to the next visit of the series misses the wanted interval, either way. */
  public long seriesSpacingDeviation(Visit next) {
    return frequencyDays <= 0 ? 0 : Math.abs(daysUntil(next) - frequencyDays);
  }

  public boolean isSeriesCrewChange(Visit next) {
    return !caravanDay.getCrew().equals(next.caravanDay.getCrew());
  }

  /** Days by which the interval since the last visit misses the wanted frequency, either way. */
  public long spacingDeviationDays() {
    return spacingDeviationDaysOn(caravanDay);
  }

  /** As {@link #spacingDeviationDays()}, were this visit made on {@code day}. */
  public long spacingDeviationDaysOn(CaravanDay day) {
    if (lastVisitDate == null || frequencyDays <= 0 || day.getDate() == null) return 0;
    long interval = day.getDate().toEpochDay() - lastVisitDate.toEpochDay();
    return Math.abs(interval - frequencyDays);
  }

  public boolean isCrewChange() {
    return isCrewChangeOn(caravanDay);
  }

  public boolean isCrewChangeOn(CaravanDay day) {
    return lastCrew != null && !lastCrew.equals(day.getCrew());
  }

  public Visit withHistory(LocalDate lastVisitDate, int frequencyDays, String lastCrew) {
    this.lastVisitDate = lastVisitDate;
    this.frequencyDays = frequencyDays;
    this.lastCrew = lastCrew;
    return this;
  }

  /** Makes this visit number {@code index} of the series {@code key} (see {@link #getSeriesKey()}). */
  public Visit inSeries(String key, int index, int maxGapDays) {
    this.seriesKey = key;
    this.seriesIndex = index;
    this.maxGapDays = maxGapDays;
    return this;
  }

  public Visit withCoverageWeight(long weight) {
    this.coverageWeight = weight;
    return this;
  }

  public String getId() { return id; }
  public Place getPlace() { return place; }
  public long getServiceDuration() { return serviceDuration; }
  public long getDemand() { return demand; }
  public Set<String> getRequiredSkills() { return requiredSkills; }
  public long getReadyTime() { return readyTime; }
  public long getDueTime() { return dueTime; }
  public Set<LocalDate> getAllowedDates() { return allowedDates; }
  public int getPriority() { return priority; }
  public boolean isPinned() { return pinned; }
  public void setPinned(boolean pinned) { this.pinned = pinned; }
  public LocalDate getLastVisitDate() { return lastVisitDate; }
  public int getFrequencyDays() { return frequencyDays; }
  public String getLastCrew() { return lastCrew; }
  public String getSeriesKey() { return seriesKey; }
  public int getSeriesIndex() { return seriesIndex; }
  public int getMaxGapDays() { return maxGapDays; }
  public long getCoverageWeight() { return coverageWeight; }
  public CaravanDay getCaravanDay() { return caravanDay; }
  public void setCaravanDay(CaravanDay caravanDay) { this.caravanDay = caravanDay; }
  public Visit getPrevious() { return previous; }
  public void setPrevious(Visit previous) { this.previous = previous; }
  public Visit getNext() { return next; }
  public void setNext(Visit next) { this.next = next; }
  public Long getArrivalTime() { return arrivalTime; }
  public void setArrivalTime(Long arrivalTime) { this.arrivalTime = arrivalTime; }

  @Override public String toString() { return id; }
}
