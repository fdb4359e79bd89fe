package ro.caravana.optimizer.routing.solver;

/**
 * How long and how to search. {@code stepLimit} (when positive) gives tests a deterministic end;
 * {@code moveThreadCount} 0 means single-threaded.
 */
public record RoutingSolverSettings(long seconds, long unimprovedSeconds, int stepLimit, boolean nearby,
    int moveThreadCount, Long randomSeed) {

  public static RoutingSolverSettings forSeconds(long seconds) {
    return new RoutingSolverSettings(seconds, Math.max(5, seconds), 0, true, 0, null);
  }

  public static RoutingSolverSettings forSteps(int steps) {
    return new RoutingSolverSettings(0, 0, steps, true, 0, 0L);
  }

  public RoutingSolverSettings withNearby(boolean nearby) {
    return new RoutingSolverSettings(seconds, unimprovedSeconds, stepLimit, nearby, moveThreadCount, randomSeed);
  }

  public RoutingSolverSettings withMoveThreadCount(int count) {
    return new RoutingSolverSettings(seconds, unimprovedSeconds, stepLimit, nearby, count, randomSeed);
  }

  public RoutingSolverSettings withUnimprovedSeconds(long unimproved) {
    return new RoutingSolverSettings(seconds, unimproved, stepLimit, nearby, moveThreadCount, randomSeed);
  }

  public RoutingSolverSettings withRandomSeed(Long seed) {
    return new RoutingSolverSettings(seconds, unimprovedSeconds, stepLimit, nearby, moveThreadCount, seed);
  }
}
