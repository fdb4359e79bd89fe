package ro.caravana.optimizer.routing.solver;

import java.util.List;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.move.Move;
import org.optaplanner.core.impl.heuristic.selector.common.decorator.SelectionFilter;
import org.optaplanner.core.impl.heuristic.selector.list.SubList;
import org.optaplanner.core.impl.heuristic.selector.move.generic.list.ListChangeMove;
import org.optaplanner.core.impl.heuristic.selector.move.generic.list.ListSwapMove;
import org.optaplanner.core.impl.heuristic.selector.move.generic.list.SubListChangeMove;
import org.optaplanner.core.impl.heuristic.selector.move.generic.list.SubListSwapMove;
import ro.caravana.optimizer.routing.domain.CaravanDay;
import ro.caravana.optimizer.routing.domain.RoutePlan;
import ro.caravana.optimizer.routing.domain.Visit;

/**
 * Rejects every move that would take a pinned visit (one already announced to families) off its
 * caravan-day or change its order. OptaPlanner 9.44 can pin a whole list entity but not single
 * elements (and does not honour entity pinning for list variables), so this filter guards both:
 * no move takes a pinned visit, and no move puts a visit on a published (pinned) day. Inserting
 * other visits around pinned visits on an unpublished day stays allowed.
 * Moves are inspected before they are done (9.44 only knows a move's values afterwards).
 */
public class PinnedVisitMoveFilter implements SelectionFilter<RoutePlan, Move<RoutePlan>> {

  @Override
  public boolean accept(ScoreDirector<RoutePlan> scoreDirector, Move<RoutePlan> move) {
    RoutePlan plan = scoreDirector.getWorkingSolution();
    if (!plan.hasPinnedVisits()) return true;
    if (move instanceof RouteRebuildMove) return true; // never takes a pinned visit nor touches a published day
    if (move instanceof ListChangeMove<RoutePlan> change) {
      return !pinned(change.getMovedValue()) && !published(change.getDestinationEntity());
    }
    if (move instanceof ListSwapMove<RoutePlan> swap) {
      return !pinned(swap.getLeftValue()) && !pinned(swap.getRightValue());
    }
    if (move instanceof SubListChangeMove<RoutePlan> change) {
      return !anyPinned(change.getSourceEntity(), change.getFromIndex(), change.getToIndex())
          && !published(change.getDestinationEntity());
    }
    if (move instanceof SubListSwapMove<RoutePlan> swap) {
      return !anyPinned(swap.getLeftSubList()) && !anyPinned(swap.getRightSubList())
          && !published(swap.getLeftSubList().getEntity()) && !published(swap.getRightSubList().getEntity());
    }
    // Any other move kind (k-opt) could reorder a pinned visit: not while pinned visits exist.
    return false;
  }

  private static boolean published(Object entity) {
    return entity instanceof CaravanDay day && day.isPinned();
  }

  private static boolean pinned(Object value) {
    return value instanceof Visit visit && visit.isPinned();
  }

  private static boolean anyPinned(SubList subList) {
    return anyPinned(subList.getEntity(), subList.getFromIndex(), subList.getToIndex());
  }

  private static boolean anyPinned(Object entity, int from, int to) {
    List<Visit> visits = ((CaravanDay) entity).getVisits();
    for (int i = from; i < to && i < visits.size(); i++) {
      if (visits.get(i).isPinned()) return true;
    }
    return false;
  }
}
