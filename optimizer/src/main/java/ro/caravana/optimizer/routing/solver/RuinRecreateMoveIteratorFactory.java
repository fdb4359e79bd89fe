package ro.caravana.optimizer.routing.solver;

import java.util.Iterator;
import java.util.Random;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;
import ro.caravana.optimizer.routing.domain.RoutePlan;

/**
 * Offers ruin-and-recreate moves to local search, each proposed from the working solution as it is
 * when the move is drawn. Random selection only: there is no meaningful original order.
 */
public class RuinRecreateMoveIteratorFactory implements MoveIteratorFactory<RoutePlan, RouteRebuildMove> {

  private RuinRecreate ruinRecreate;

  @Override
  public void phaseStarted(ScoreDirector<RoutePlan> scoreDirector) {
    ruinRecreate = new RuinRecreate(scoreDirector.getWorkingSolution());
  }

  @Override
  public void phaseEnded(ScoreDirector<RoutePlan> scoreDirector) {
    ruinRecreate = null;
  }

  @Override
  public long getSize(ScoreDirector<RoutePlan> scoreDirector) {
    return scoreDirector.getWorkingSolution().getVisits().size();
  }

  @Override
  public Iterator<RouteRebuildMove> createOriginalMoveIterator(ScoreDirector<RoutePlan> scoreDirector) {
    throw new UnsupportedOperationException("ruin and recreate moves are drawn at random only");
  }

  @Override
  public Iterator<RouteRebuildMove> createRandomMoveIterator(ScoreDirector<RoutePlan> scoreDirector, Random random) {
    RoutePlan plan = scoreDirector.getWorkingSolution();
    if (ruinRecreate == null || !ruinRecreate.isFor(plan)) {
      ruinRecreate = new RuinRecreate(plan);
    }
    RuinRecreate proposer = ruinRecreate;
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public RouteRebuildMove next() {
        return new RouteRebuildMove(proposer.propose(plan, random));
      }
    };
  }
}
