package ro.caravana.optimizer.routing.solver;

/**
 * How long and how to search. {@code stepLimit} (when positive) gives tests and load-independent
 * comparisons a deterministic end; {@code moveThreadCount} 0 means single-threaded;
 * {@code ruinRecreateWeight} is how often ruin-and-recreate moves are drawn against one of each
 * other move kind (0 leaves them out).
 */
public record RoutingSolverSettings(long seconds, long unimprovedSeconds, int stepLimit, boolean nearby,
    int moveThreadCount, Long randomSeed, int lateAcceptanceSize, double ruinRecreateWeight, boolean fastConstruction, boolean routeElimination) {

  /** Late acceptance memory up to {@link #LATE_ACCEPTANCE_FULL_UP_TO} visits, and where the size is not known. */
  public static final int DEFAULT_LATE_ACCEPTANCE_SIZE = 1_000;
  /** Marks the late acceptance size as chosen by {@link #sizedFor(int)}. */
  public static final int AUTO = 0;
  static final int LATE_ACCEPTANCE_FULL_UP_TO = 100;
  static final int MIN_LATE_ACCEPTANCE_SIZE = 100;
  public static final double DEFAULT_RUIN_RECREATE_WEIGHT = 3.0;

  public static RoutingSolverSettings forSeconds(long seconds) {
    return new RoutingSolverSettings(seconds, Math.max(5, seconds), 0, true, 0, null, AUTO,
        DEFAULT_RUIN_RECREATE_WEIGHT, false, false);
  }

  public static RoutingSolverSettings forSteps(int steps) {
    return new RoutingSolverSettings(0, 0, steps, true, 0, 0L, AUTO,
        DEFAULT_RUIN_RECREATE_WEIGHT, false, false);
  }

  /**
   * Late acceptance memory for a problem of {@code visits} visits: 1000 up to 100 visits, then
   * 100 000 / visits (at least 100). A long memory explores more but converges more slowly; with
   * hundreds of visits every region needs its own improvements and the budget allows fewer steps
   * per visit, so the memory shortens (measured on the 509-stop county, docs/benchmarks.md).
   */
  public static int lateAcceptanceSizeFor(int visits) {
    if (visits <= LATE_ACCEPTANCE_FULL_UP_TO) return DEFAULT_LATE_ACCEPTANCE_SIZE;
    return Math.max(MIN_LATE_ACCEPTANCE_SIZE, DEFAULT_LATE_ACCEPTANCE_SIZE * LATE_ACCEPTANCE_FULL_UP_TO / visits);
  }

  /** These settings with the late acceptance size chosen for {@code visits}, unless one was set. */
  public RoutingSolverSettings sizedFor(int visits) {
    return lateAcceptanceSize == AUTO ? withLateAcceptanceSize(lateAcceptanceSizeFor(visits)) : this;
  }

  /** The late acceptance size to configure: the one set, or the default when left to {@link #sizedFor(int)}. */
  public int effectiveLateAcceptanceSize() {
    return lateAcceptanceSize == AUTO ? DEFAULT_LATE_ACCEPTANCE_SIZE : lateAcceptanceSize;
  }

  public RoutingSolverSettings withNearby(boolean nearby) {
    return new RoutingSolverSettings(seconds, unimprovedSeconds, stepLimit, nearby, moveThreadCount, randomSeed,
        lateAcceptanceSize, ruinRecreateWeight, fastConstruction, routeElimination);
  }

  public RoutingSolverSettings withMoveThreadCount(int count) {
    return new RoutingSolverSettings(seconds, unimprovedSeconds, stepLimit, nearby, count, randomSeed,
        lateAcceptanceSize, ruinRecreateWeight, fastConstruction, routeElimination);
  }

  public RoutingSolverSettings withUnimprovedSeconds(long unimproved) {
    return new RoutingSolverSettings(seconds, unimproved, stepLimit, nearby, moveThreadCount, randomSeed,
        lateAcceptanceSize, ruinRecreateWeight, fastConstruction, routeElimination);
  }

  public RoutingSolverSettings withRandomSeed(Long seed) {
    return new RoutingSolverSettings(seconds, unimprovedSeconds, stepLimit, nearby, moveThreadCount, seed,
        lateAcceptanceSize, ruinRecreateWeight, fastConstruction, routeElimination);
  }

  public RoutingSolverSettings withLateAcceptanceSize(int size) {
    return new RoutingSolverSettings(seconds, unimprovedSeconds, stepLimit, nearby, moveThreadCount, randomSeed, size,
        ruinRecreateWeight, fastConstruction, routeElimination);
  }

  public RoutingSolverSettings withStepLimit(int steps) {
    return new RoutingSolverSettings(seconds, unimprovedSeconds, steps, nearby, moveThreadCount, randomSeed,
        lateAcceptanceSize, ruinRecreateWeight, fastConstruction, routeElimination);
  }

  public RoutingSolverSettings withRuinRecreateWeight(double weight) {
    return new RoutingSolverSettings(seconds, unimprovedSeconds, stepLimit, nearby, moveThreadCount, randomSeed,
        lateAcceptanceSize, weight, fastConstruction, routeElimination);
  }

  /**
   * With {@code true}, construction is {@link CheapestInsertion} (every visit at its cheapest
   * feasible place by the routes' own arithmetic, O(1) per place) instead of the solver's own list
   * construction (a full score calculation per place). For plans whose only constraints are windows,
   * shift ends, capacity, skills and dates: the benchmark instances. Plans with series constraints
   * (horizons) keep the solver's construction, which sees every constraint.
   */
  public RoutingSolverSettings withFastConstruction(boolean fast) {
    return new RoutingSolverSettings(seconds, unimprovedSeconds, stepLimit, nearby, moveThreadCount, randomSeed,
        lateAcceptanceSize, ruinRecreateWeight, fast, routeElimination);
  }

  /**
   * Route-elimination moves ({@link RouteElimination}) on or off (the default). They only act where
   * a caravan-day has a fixed cost; {@code solve-vrp} and the benchmarks turn them on for the
   * vehicles objective. The weekly plan and the horizon do not use them yet (not measured there).
   */
  public RoutingSolverSettings withRouteElimination(boolean on) {
    return new RoutingSolverSettings(seconds, unimprovedSeconds, stepLimit, nearby, moveThreadCount, randomSeed,
        lateAcceptanceSize, ruinRecreateWeight, fastConstruction, on);
  }
}
