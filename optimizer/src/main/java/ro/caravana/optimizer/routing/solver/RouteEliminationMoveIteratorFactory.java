package ro.caravana.optimizer.routing.solver;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;
import ro.caravana.optimizer.routing.domain.RoutePlan;

/**
 * Offers route-elimination moves ({@link RouteElimination}) to local search on plans where a
 * caravan-day has a fixed cost. Attempts are bounded to a share of the phase's time: once they have
 * taken {@link #TIME_SHARE} of it, the next draws are empty (not doable) moves until the other
 * moves have had their time again. On plans without fixed costs every draw is an empty move.
 */
public class RouteEliminationMoveIteratorFactory implements MoveIteratorFactory<RoutePlan, RouteRebuildMove> {

  /** Most of the local search time route-elimination attempts may take. */
  static final double TIME_SHARE = 0.25;

  private RouteElimination elimination;
  private boolean worthTrying;
  private long phaseStart;
  private long spent;

  @Override
  public void phaseStarted(ScoreDirector<RoutePlan> scoreDirector) {
    RoutePlan plan = scoreDirector.getWorkingSolution();
    elimination = new RouteElimination(plan);
    worthTrying = RouteElimination.worthTrying(plan);
    phaseStart = System.nanoTime();
    spent = 0;
  }

  @Override
  public void phaseEnded(ScoreDirector<RoutePlan> scoreDirector) {
    elimination = null;
  }

  @Override
  public long getSize(ScoreDirector<RoutePlan> scoreDirector) {
    return scoreDirector.getWorkingSolution().getCaravanDays().size();
  }

  @Override
  public Iterator<RouteRebuildMove> createOriginalMoveIterator(ScoreDirector<RoutePlan> scoreDirector) {
    RoutePlan plan = scoreDirector.getWorkingSolution();
    return List.of(propose(plan, new Random(0))).iterator();
  }

  @Override
  public Iterator<RouteRebuildMove> createRandomMoveIterator(ScoreDirector<RoutePlan> scoreDirector, Random random) {
    RoutePlan plan = scoreDirector.getWorkingSolution();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public RouteRebuildMove next() {
        return propose(plan, random);
      }
    };
  }

  private RouteRebuildMove propose(RoutePlan plan, Random random) {
    long now = System.nanoTime();
    if (!worthTrying || elimination == null || spent > TIME_SHARE * (now - phaseStart)) {
      return new RouteRebuildMove(Map.of());
    }
    try {
      return new RouteRebuildMove(elimination.propose(plan, random));
    } finally {
      spent += System.nanoTime() - now;
    }
  }
}
