package ro.caravana.optimizer.routing.solver;

import org.optaplanner.core.impl.heuristic.selector.common.nearby.NearbyDistanceMeter;
import ro.caravana.optimizer.routing.domain.CaravanDay;
import ro.caravana.optimizer.routing.domain.Visit;

/**
 * Nearness for nearby selection: travel time from a visit to a candidate neighbour (a visit, or a
 * caravan-day's start depot when the destination is the head of a list).
 */
public class VisitNearbyDistanceMeter implements NearbyDistanceMeter<Visit, Object> {

  @Override
  public double getNearbyDistance(Visit origin, Object destination) {
    if (destination instanceof Visit visit) {
      return visit.getPlace().timeTo(origin.getPlace());
    }
    CaravanDay day = (CaravanDay) destination;
    if (day.isUnassignedList()) return Double.MAX_VALUE;
    return day.getStartDepot().timeTo(origin.getPlace());
  }
}
