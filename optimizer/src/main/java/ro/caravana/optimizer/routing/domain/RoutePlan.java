package ro.caravana.optimizer.routing.domain;

import java.util.List;
import org.optaplanner.core.api.domain.solution.PlanningEntityCollectionProperty;
import org.optaplanner.core.api.domain.solution.PlanningScore;
import org.optaplanner.core.api.domain.solution.PlanningSolution;
import org.optaplanner.core.api.domain.solution.ProblemFactCollectionProperty;
import org.optaplanner.core.api.domain.valuerange.ValueRangeProvider;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * A week (or any horizon) of caravan routes: the caravan-days available, the visits to place,
 * and the unassigned list as the last caravan-day.
 */
@PlanningSolution
public class RoutePlan {

  private String name;
  @PlanningEntityCollectionProperty
  private List<CaravanDay> caravanDays;
  // A fact collection although Visit is an entity (it has shadow variables): 9.44 counts list
  // sizes over every entity collection and fails when the list elements are one of them.
  @ProblemFactCollectionProperty
  @ValueRangeProvider(id = "visits")
  private List<Visit> visits;
  @PlanningScore
  private HardMediumSoftLongScore score;
  /** Looked up once: the pinned-visit move filter asks on every move. */
  private Boolean pinnedVisitsPresent;

  public RoutePlan() {}

  /** {@code caravanDays} must not contain the unassigned list: it is added here. */
  public RoutePlan(String name, List<CaravanDay> caravanDays, List<Visit> visits) {
    this.name = name;
    this.caravanDays = new java.util.ArrayList<>(caravanDays);
    this.caravanDays.add(CaravanDay.unassigned());
    this.visits = visits;
  }

  public CaravanDay unassignedList() {
    return caravanDays.stream().filter(CaravanDay::isUnassignedList).findFirst().orElseThrow();
  }

  /** The caravan-days that drive, in input order. */
  public List<CaravanDay> drivingDays() {
    return caravanDays.stream().filter(CaravanDay::isDriving).toList();
  }

  public boolean hasPinnedVisits() {
    if (pinnedVisitsPresent == null) {
      pinnedVisitsPresent = visits.stream().anyMatch(Visit::isPinned);
    }
    return pinnedVisitsPresent;
  }

  public String getName() { return name; }
  public List<CaravanDay> getCaravanDays() { return caravanDays; }
  public void setCaravanDays(List<CaravanDay> caravanDays) { this.caravanDays = caravanDays; }
  public List<Visit> getVisits() { return visits; }
  public void setVisits(List<Visit> visits) { this.visits = visits; }
  public HardMediumSoftLongScore getScore() { return score; }
  public void setScore(HardMediumSoftLongScore score) { this.score = score; }
}
