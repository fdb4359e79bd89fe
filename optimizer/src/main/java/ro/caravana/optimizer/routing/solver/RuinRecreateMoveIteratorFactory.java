package ro.caravana.optimizer.routing.solver;

import java.util.Iterator;
import java.util.Random;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;
import ro.caravana.optimizer.routing.domain.RoutePlan;
import ro.caravana.optimizer.routing.domain.Visit;

/**
 * Offers ruin-and-recreate moves to local search, each proposed from the working solution as it is
 * when the move is drawn: at random (the seed visit drawn too), or in original order (each visit
 * once as the seed).
 */
public class RuinRecreateMoveIteratorFactory implements MoveIteratorFactory<RoutePlan, RouteRebuildMove> {

  private RuinRecreate ruinRecreate;

  @Override
  public void phaseStarted(ScoreDirector<RoutePlan> scoreDirector) {
    proposerFor(scoreDirector.getWorkingSolution());
  }

  private RuinRecreate proposerFor(RoutePlan plan) {
    if (ruinRecreate == null || !ruinRecreate.isFor(plan)) {
      ruinRecreate = new RuinRecreate(plan);
    }
    return ruinRecreate;
  }

  @Override
  public void phaseEnded(ScoreDirector<RoutePlan> scoreDirector) {
    ruinRecreate = null;
  }

  @Override
  public long getSize(ScoreDirector<RoutePlan> scoreDirector) {
    return scoreDirector.getWorkingSolution().getVisits().size();
  }

  /**
   * In original order: one move per visit, that visit as the seed (a fixed random stream draws the
   * strings and the blinks, so the same solution always gives the same moves).
   */
  @Override
  public Iterator<RouteRebuildMove> createOriginalMoveIterator(ScoreDirector<RoutePlan> scoreDirector) {
    RoutePlan plan = scoreDirector.getWorkingSolution();
    RuinRecreate proposer = proposerFor(plan);
    Random random = new Random(0);
    Iterator<Visit> seeds = plan.getVisits().iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return seeds.hasNext();
      }

      @Override
      public RouteRebuildMove next() {
        return new RouteRebuildMove(proposer.propose(plan, seeds.next(), random));
      }
    };
  }

  @Override
  public Iterator<RouteRebuildMove> createRandomMoveIterator(ScoreDirector<RoutePlan> scoreDirector, Random random) {
    RoutePlan plan = scoreDirector.getWorkingSolution();
    RuinRecreate proposer = proposerFor(plan);
    return RouteRebuildMove.endless(() -> new RouteRebuildMove(proposer.propose(plan, random)));
  }
}
