package ro.caravana.optimizer.routing.solver;

/**
 * How long and how to search. {@code stepLimit} (when positive) gives tests and load-independent
 * comparisons a deterministic end; {@code moveThreadCount} 0 means single-threaded.
 */
public record RoutingSolverSettings(long seconds, long unimprovedSeconds, int stepLimit, boolean nearby,
    int moveThreadCount, Long randomSeed, int lateAcceptanceSize) {

  public static final int DEFAULT_LATE_ACCEPTANCE_SIZE = 50;

  public static RoutingSolverSettings forSeconds(long seconds) {
    return new RoutingSolverSettings(seconds, Math.max(5, seconds), 0, true, 0, null, DEFAULT_LATE_ACCEPTANCE_SIZE);
  }

  public static RoutingSolverSettings forSteps(int steps) {
    return new RoutingSolverSettings(0, 0, steps, true, 0, 0L, DEFAULT_LATE_ACCEPTANCE_SIZE);
  }

  public RoutingSolverSettings withNearby(boolean nearby) {
    return new RoutingSolverSettings(seconds, unimprovedSeconds, stepLimit, nearby, moveThreadCount, randomSeed,
        lateAcceptanceSize);
  }

  public RoutingSolverSettings withMoveThreadCount(int count) {
    return new RoutingSolverSettings(seconds, unimprovedSeconds, stepLimit, nearby, count, randomSeed,
        lateAcceptanceSize);
  }

  public RoutingSolverSettings withUnimprovedSeconds(long unimproved) {
    return new RoutingSolverSettings(seconds, unimproved, stepLimit, nearby, moveThreadCount, randomSeed,
        lateAcceptanceSize);
  }

  public RoutingSolverSettings withRandomSeed(Long seed) {
    return new RoutingSolverSettings(seconds, unimprovedSeconds, stepLimit, nearby, moveThreadCount, seed,
        lateAcceptanceSize);
  }

  public RoutingSolverSettings withLateAcceptanceSize(int size) {
    return new RoutingSolverSettings(seconds, unimprovedSeconds, stepLimit, nearby, moveThreadCount, randomSeed, size);
  }

  public RoutingSolverSettings withStepLimit(int steps) {
    return new RoutingSolverSettings(seconds, unimprovedSeconds, steps, nearby, moveThreadCount, randomSeed,
        lateAcceptanceSize);
  }
}
