package ro.caravana.optimizer.routing.solver;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;
import ro.caravana.optimizer.routing.domain.CaravanDay;
import ro.caravana.optimizer.routing.domain.RoutePlan;
import ro.caravana.optimizer.routing.domain.Visit;

/**
 * Offers route-elimination moves ({@link RouteElimination}) to local search on plans where a
 * caravan-day has a fixed cost. Attempts are bounded to a share of the phase's time: once they have
 * taken {@link #TIME_SHARE} of it (only {@link #IDLE_TIME_SHARE} after a long run of attempts
 * that found no day to empty: the fleet is then as small as this search gets it, and distance
 * needs the time), the next draws are empty (not doable) moves until the other moves have had
 * their time again. On plans without fixed costs every draw is an empty move.
 *
 * <p>Half of the attempts' time goes to quick attempts (one visit pushed out at a time, no
 * squeeze: tens of milliseconds each, hundreds per run), half to full ones (squeeze and up to
 * three out: up to seconds each). On Solomon R110 the quick ones found the tenth-day removal more
 * often than the full ones alone; the full ones win on R111 and leave distance more time.
 */
public class RouteEliminationMoveIteratorFactory implements MoveIteratorFactory<RoutePlan, RouteRebuildMove> {

  /** Most of the local search time route-elimination attempts may take. */
  static final double TIME_SHARE = 0.25;
  /** The share once {@link #FAILURES_TO_SLOW_DOWN} attempts in a row found no day to empty. */
  static final double IDLE_TIME_SHARE = 0.1;
  static final int FAILURES_TO_SLOW_DOWN = 3_000;
  /** Placements per visit of the quick attempts (one visit pushed out at a time, no squeeze). */
  static final int QUICK_PLACEMENTS_PER_VISIT = 25;

  private RouteElimination elimination;
  private RouteElimination quick;
  private long quickSpent;
  private boolean worthTrying;
  private long phaseStart;
  private long spent;
  private int failuresInRow;

  @Override
  public void phaseStarted(ScoreDirector<RoutePlan> scoreDirector) {
    RoutePlan plan = scoreDirector.getWorkingSolution();
    elimination = new RouteElimination(plan);
    quick = new RouteElimination(plan, QUICK_PLACEMENTS_PER_VISIT, 1, false);
    quickSpent = 0;
    worthTrying = RouteElimination.worthTrying(plan);
    phaseStart = System.nanoTime();
    spent = 0;
    failuresInRow = 0;
  }

  @Override
  public void phaseEnded(ScoreDirector<RoutePlan> scoreDirector) {
    elimination = null;
    quick = null;
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
    return RouteRebuildMove.endless(() -> propose(plan, random));
  }

  private RouteRebuildMove propose(RoutePlan plan, Random random) {
    long now = System.nanoTime();
    double share = failuresInRow >= FAILURES_TO_SLOW_DOWN ? IDLE_TIME_SHARE : TIME_SHARE;
    if (!worthTrying || elimination == null || spent > share * (now - phaseStart)) {
      return new RouteRebuildMove(Map.of());
    }
    // half the time to quick attempts (single ejections, no squeeze), half to full ones
    boolean useQuick = 2 * quickSpent <= spent;
    Map<CaravanDay, List<Visit>> proposal = (useQuick ? quick : elimination).propose(plan, random);
    long took = System.nanoTime() - now;
    spent += took;
    if (useQuick) quickSpent += took;
    failuresInRow = proposal.isEmpty() ? failuresInRow + 1 : 0;
    return new RouteRebuildMove(proposal);
  }
}
