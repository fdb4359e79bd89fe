package ro.caravana.optimizer.routing.domain;

import java.util.List;
import java.util.Objects;
import org.optaplanner.core.api.domain.variable.ListVariableListener;
import org.optaplanner.core.api.score.director.ScoreDirector;

/**
 * Keeps {@link Visit#getArrivalTime()} in step with the caravan-day's list: after a change, arrivals
 * are recomputed from the first changed index onwards and the walk stops as soon as an arrival
 * past the changed range comes out unchanged (everything after it is unchanged too).
 */
public class ArrivalTimeUpdatingVariableListener implements ListVariableListener<RoutePlan, CaravanDay, Visit> {

  @Override
  public void beforeEntityAdded(ScoreDirector<RoutePlan> scoreDirector, CaravanDay day) {}

  @Override
  public void afterEntityAdded(ScoreDirector<RoutePlan> scoreDirector, CaravanDay day) {
    updateFrom(scoreDirector, day, 0, 0);
  }

  @Override
  public void beforeEntityRemoved(ScoreDirector<RoutePlan> scoreDirector, CaravanDay day) {}

  @Override
  public void afterEntityRemoved(ScoreDirector<RoutePlan> scoreDirector, CaravanDay day) {}

  @Override
  public void afterListVariableElementUnassigned(ScoreDirector<RoutePlan> scoreDirector, Visit visit) {
    if (visit.getArrivalTime() != null) {
      scoreDirector.beforeVariableChanged(visit, "arrivalTime");
      visit.setArrivalTime(null);
      scoreDirector.afterVariableChanged(visit, "arrivalTime");
    }
  }

  @Override
  public void beforeListVariableChanged(ScoreDirector<RoutePlan> scoreDirector, CaravanDay day, int fromIndex,
      int toIndex) {}

  @Override
  public void afterListVariableChanged(ScoreDirector<RoutePlan> scoreDirector, CaravanDay day, int fromIndex,
      int toIndex) {
    updateFrom(scoreDirector, day, fromIndex, toIndex);
  }

  private void updateFrom(ScoreDirector<RoutePlan> scoreDirector, CaravanDay day, int fromIndex, int toIndex) {
    List<Visit> visits = day.getVisits();
    if (day.isUnassignedList()) {
      for (int i = fromIndex; i < visits.size(); i++) {
        set(scoreDirector, visits.get(i), null);
      }
      return;
    }
    long departure;
    Place at;
    if (fromIndex == 0) {
      departure = day.getShiftStart();
      at = day.getStartDepot();
    } else {
      Visit before = visits.get(fromIndex - 1);
      departure = before.getDepartureTime();
      at = before.getPlace();
    }
    for (int i = fromIndex; i < visits.size(); i++) {
      Visit visit = visits.get(i);
      Long arrival = departure + at.timeTo(visit.getPlace());
      if (i >= toIndex && Objects.equals(arrival, visit.getArrivalTime())) {
        return;
      }
      set(scoreDirector, visit, arrival);
      departure = visit.getDepartureTime();
      at = visit.getPlace();
    }
  }

  private static void set(ScoreDirector<RoutePlan> scoreDirector, Visit visit, Long arrival) {
    if (Objects.equals(arrival, visit.getArrivalTime())) return;
    scoreDirector.beforeVariableChanged(visit, "arrivalTime");
    visit.setArrivalTime(arrival);
    scoreDirector.afterVariableChanged(visit, "arrivalTime");
  }
}
