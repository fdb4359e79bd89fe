package ro.caravana.optimizer.routing.solver;

/**
 * How long and how to search. {@code stepLimit} (when positive) gives tests and load-independent
 * comparisons a deterministic end; {@code moveThreadCount} 0 means single-threaded;
 * {@code ruinRecreateWeight} is how often ruin-and-recreate moves are drawn against one of each
 * other move kind (0 leaves them out).
 */
public record RoutingSolverSettings(long seconds, long unimprovedSeconds, int stepLimit, boolean nearby,
    int moveThreadCount, Long randomSeed, int lateAcceptanceSize, double ruinRecreateWeight) {

  public static final int DEFAULT_LATE_ACCEPTANCE_SIZE = 1_000;
  public static final double DEFAULT_RUIN_RECREATE_WEIGHT = 3.0;

  public static RoutingSolverSettings forSeconds(long seconds) {
    return new RoutingSolverSettings(seconds, Math.max(5, seconds), 0, true, 0, null, DEFAULT_LATE_ACCEPTANCE_SIZE,
        DEFAULT_RUIN_RECREATE_WEIGHT);
  }

  public static RoutingSolverSettings forSteps(int steps) {
    return new RoutingSolverSettings(0, 0, steps, true, 0, 0L, DEFAULT_LATE_ACCEPTANCE_SIZE,
        DEFAULT_RUIN_RECREATE_WEIGHT);
  }

  public RoutingSolverSettings withNearby(boolean nearby) {
    return new RoutingSolverSettings(seconds, unimprovedSeconds, stepLimit, nearby, moveThreadCount, randomSeed,
        lateAcceptanceSize, ruinRecreateWeight);
  }

  public RoutingSolverSettings withMoveThreadCount(int count) {
    return new RoutingSolverSettings(seconds, unimprovedSeconds, stepLimit, nearby, count, randomSeed,
        lateAcceptanceSize, ruinRecreateWeight);
  }

  public RoutingSolverSettings withUnimprovedSeconds(long unimproved) {
    return new RoutingSolverSettings(seconds, unimproved, stepLimit, nearby, moveThreadCount, randomSeed,
        lateAcceptanceSize, ruinRecreateWeight);
  }

  public RoutingSolverSettings withRandomSeed(Long seed) {
    return new RoutingSolverSettings(seconds, unimprovedSeconds, stepLimit, nearby, moveThreadCount, seed,
        lateAcceptanceSize, ruinRecreateWeight);
  }

  public RoutingSolverSettings withLateAcceptanceSize(int size) {
    return new RoutingSolverSettings(seconds, unimprovedSeconds, stepLimit, nearby, moveThreadCount, randomSeed, size,
        ruinRecreateWeight);
  }

  public RoutingSolverSettings withStepLimit(int steps) {
    return new RoutingSolverSettings(seconds, unimprovedSeconds, steps, nearby, moveThreadCount, randomSeed,
        lateAcceptanceSize, ruinRecreateWeight);
  }

  public RoutingSolverSettings withRuinRecreateWeight(double weight) {
    return new RoutingSolverSettings(seconds, unimprovedSeconds, stepLimit, nearby, moveThreadCount, randomSeed,
        lateAcceptanceSize, weight);
  }
}
