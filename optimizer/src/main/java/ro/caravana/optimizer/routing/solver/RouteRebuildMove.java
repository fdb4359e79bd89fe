package ro.caravana.optimizer.routing.solver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.move.AbstractMove;
import ro.caravana.optimizer.routing.domain.CaravanDay;
import ro.caravana.optimizer.routing.domain.RoutePlan;
import ro.caravana.optimizer.routing.domain.Visit;

/**
 * Gives several caravan-days new visit lists at once (a ruin and recreate); its undo gives them
 * back the lists they had. Every day is announced before any list changes and reported after all
 * have changed, so a visit passing from one day to another is never seen on two days.
 */
final class RouteRebuildMove extends AbstractMove<RoutePlan> {

  private static final String VARIABLE = "visits";

  private final List<CaravanDay> days;
  private final List<List<Visit>> lists;

  RouteRebuildMove(Map<CaravanDay, List<Visit>> newLists) {
    this(new ArrayList<>(newLists.keySet()), new ArrayList<>(newLists.values()));
  }

  private RouteRebuildMove(List<CaravanDay> days, List<List<Visit>> lists) {
    this.days = days;
    this.lists = lists;
  }

  @Override
  public boolean isMoveDoable(ScoreDirector<RoutePlan> scoreDirector) {
    for (int i = 0; i < days.size(); i++) {
      if (!days.get(i).getVisits().equals(lists.get(i))) return true;
    }
    return false;
  }

  @Override
  protected RouteRebuildMove createUndoMove(ScoreDirector<RoutePlan> scoreDirector) {
    List<List<Visit>> before = new ArrayList<>(days.size());
    for (CaravanDay day : days) before.add(List.copyOf(day.getVisits()));
    return new RouteRebuildMove(days, before);
  }

  @Override
  protected void doMoveOnGenuineVariables(ScoreDirector<RoutePlan> scoreDirector) {
    for (CaravanDay day : days) {
      scoreDirector.beforeListVariableChanged(day, VARIABLE, 0, day.getVisits().size());
    }
    for (int i = 0; i < days.size(); i++) {
      List<Visit> visits = days.get(i).getVisits();
      visits.clear();
      visits.addAll(lists.get(i));
    }
    for (CaravanDay day : days) {
      scoreDirector.afterListVariableChanged(day, VARIABLE, 0, day.getVisits().size());
    }
  }

  @Override
  public RouteRebuildMove rebase(ScoreDirector<RoutePlan> destination) {
    List<List<Visit>> rebased = new ArrayList<>(lists.size());
    for (List<Visit> list : lists) rebased.add(rebaseList(list, destination));
    return new RouteRebuildMove(rebaseList(days, destination), rebased);
  }

  @Override
  public String getSimpleMoveTypeDescription() {
    return "RouteRebuildMove(" + CaravanDay.class.getSimpleName() + ".visits)";
  }

  @Override
  public List<CaravanDay> getPlanningEntities() {
    return days;
  }

  @Override
  public List<Visit> getPlanningValues() {
    List<Visit> values = new ArrayList<>();
    lists.forEach(values::addAll);
    return values;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("rebuild");
    for (int i = 0; i < days.size(); i++) text.append(' ').append(days.get(i)).append('=').append(lists.get(i));
    return text.toString();
  }

  /** An endless stream of moves, each proposed when drawn (the random move iterator of a move factory). */
  static java.util.Iterator<RouteRebuildMove> endless(java.util.function.Supplier<RouteRebuildMove> next) {
    return new java.util.Iterator<>() {
      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public RouteRebuildMove next() {
        return next.get();
      }
    };
  }
}
