package ro.caravana.optimizer.routing.solver;

import java.util.ArrayList;
import java.util.List;
import org.optaplanner.core.config.constructionheuristic.ConstructionHeuristicPhaseConfig;
import org.optaplanner.core.config.phase.PhaseConfig;
import org.optaplanner.core.config.phase.custom.CustomPhaseConfig;
import org.optaplanner.core.config.heuristic.selector.common.nearby.NearbySelectionConfig;
import org.optaplanner.core.config.heuristic.selector.common.nearby.NearbySelectionDistributionType;
import org.optaplanner.core.config.heuristic.selector.list.DestinationSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.list.SubListSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.MoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.composite.UnionMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.factory.MoveIteratorFactoryConfig;
import org.optaplanner.core.config.heuristic.selector.move.generic.list.ListChangeMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.generic.list.ListSwapMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.generic.list.SubListChangeMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.generic.list.SubListSwapMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.generic.list.kopt.KOptListMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.value.ValueSelectorConfig;
import org.optaplanner.core.config.localsearch.LocalSearchPhaseConfig;
import org.optaplanner.core.config.localsearch.decider.acceptor.LocalSearchAcceptorConfig;
import org.optaplanner.core.config.localsearch.decider.forager.LocalSearchForagerConfig;
import org.optaplanner.core.config.score.director.ScoreDirectorFactoryConfig;
import org.optaplanner.core.api.score.stream.ConstraintStreamImplType;
import org.optaplanner.core.config.solver.EnvironmentMode;
import org.optaplanner.core.config.solver.SolverConfig;
import org.optaplanner.core.config.solver.termination.TerminationConfig;
import ro.caravana.optimizer.routing.domain.CaravanDay;
import ro.caravana.optimizer.routing.domain.RoutePlan;
import ro.caravana.optimizer.routing.domain.Visit;
import ro.caravana.optimizer.routing.score.RoutingConstraintProvider;

/**
 * The routing solver, configured in code: a first-fit construction heuristic puts every visit at
 * its cheapest position, then late acceptance local search with list moves (change, swap,
 * sub-list change and swap with reversal, 2-opt), optionally restricted to nearby visits, and
 * ruin-and-recreate moves ({@link RuinRecreate}) that take out strings of nearby visits and put
 * them back at their cheapest places.
 */
public final class RoutingSolverConfig {

  /** How often a route-elimination attempt is drawn against one of each other move kind. */
  static final double ROUTE_ELIMINATION_WEIGHT = 1.0;

  private RoutingSolverConfig() {}

  public static SolverConfig build(RoutingSolverSettings settings) {
    SolverConfig config = new SolverConfig()
        .withSolutionClass(RoutePlan.class)
        .withEntityClasses(CaravanDay.class, Visit.class)
        .withScoreDirectorFactory(new ScoreDirectorFactoryConfig()
            .withConstraintProviderClass(RoutingConstraintProvider.class)
            .withConstraintStreamImplType(ConstraintStreamImplType.BAVET))
        .withPhases(settings.fastConstruction()
            ? new PhaseConfig[] {cheapestInsertion(), constructionHeuristic(), localSearch(settings)}
            : new PhaseConfig[] {constructionHeuristic(), localSearch(settings)});
    if (settings.randomSeed() != null) {
      config.setRandomSeed(settings.randomSeed());
      config.setEnvironmentMode(EnvironmentMode.REPRODUCIBLE);
    }
    if (settings.moveThreadCount() > 0) {
      config.setMoveThreadCount(Integer.toString(settings.moveThreadCount()));
    }
    return config;
  }

  /** Fast construction ({@link CheapestInsertion}); the solver's construction after it only places what is left. */
  private static CustomPhaseConfig cheapestInsertion() {
    return new CustomPhaseConfig().withCustomPhaseCommandClassList(List.of(CheapestInsertion.class));
  }

  private static ConstructionHeuristicPhaseConfig constructionHeuristic() {
    // 9.44 picks the list variable's own construction (each visit to its cheapest position); it
    // rejects an explicit heuristic type for list variables.
    return new ConstructionHeuristicPhaseConfig();
  }

  private static LocalSearchPhaseConfig localSearch(RoutingSolverSettings settings) {
    List<MoveSelectorConfig> moves = new ArrayList<>(settings.nearby() ? nearbyMoves() : plainMoves());
    if (settings.ruinRecreateWeight() > 0) {
      moves.add(new MoveIteratorFactoryConfig()
          .withMoveIteratorFactoryClass(RuinRecreateMoveIteratorFactory.class)
          .withFixedProbabilityWeight(settings.ruinRecreateWeight()));
    }
    // Route elimination: only where a caravan-day has a fixed cost (otherwise every draw is an
    // empty move), and at most a share of the time (RouteEliminationMoveIteratorFactory).
    if (settings.routeElimination()) {
      moves.add(new MoveIteratorFactoryConfig()
          .withMoveIteratorFactoryClass(RouteEliminationMoveIteratorFactory.class)
          .withFixedProbabilityWeight(ROUTE_ELIMINATION_WEIGHT));
    }
    UnionMoveSelectorConfig union = new UnionMoveSelectorConfig(moves)
        .withFilterClass(PinnedVisitMoveFilter.class);
    // Terminations sit on the local search phase, not on the solver: a solver-level time limit
    // also stops construction, and a construction cut short leaves visits unplanned. So
    // construction always completes (well under 2 s for 100 visits) and the time limit is the
    // local search budget. 9.44 also counts steps per phase only (deterministic ends for tests).
    LocalSearchPhaseConfig phase = new LocalSearchPhaseConfig();
    TerminationConfig termination = new TerminationConfig();
    if (settings.stepLimit() > 0) {
      termination.setStepCountLimit(settings.stepLimit());
    }
    if (settings.seconds() > 0) {
      termination.setSecondsSpentLimit(settings.seconds());
      if (settings.unimprovedSeconds() > 0 && settings.unimprovedSeconds() < settings.seconds()) {
        termination.setUnimprovedSecondsSpentLimit(settings.unimprovedSeconds());
      }
    }
    phase.setTerminationConfig(termination);
    return phase
        .withMoveSelectorConfig(union)
        .withAcceptorConfig(new LocalSearchAcceptorConfig().withLateAcceptanceSize(settings.effectiveLateAcceptanceSize()))
        .withForagerConfig(new LocalSearchForagerConfig().withAcceptedCountLimit(1));
  }

  private static List<MoveSelectorConfig> plainMoves() {
    return List.of(
        new ListChangeMoveSelectorConfig(),
        new ListSwapMoveSelectorConfig(),
        new SubListChangeMoveSelectorConfig().withSelectReversingMoveToo(true),
        new SubListSwapMoveSelectorConfig().withSelectReversingMoveToo(true),
        new KOptListMoveSelectorConfig().withMinimumK(2).withMaximumK(2));
  }

  private static List<MoveSelectorConfig> nearbyMoves() {
    return List.of(
        new ListChangeMoveSelectorConfig()
            .withValueSelectorConfig(new ValueSelectorConfig().withId("changeOrigin"))
            .withDestinationSelectorConfig(new DestinationSelectorConfig()
                .withNearbySelectionConfig(nearby(new ValueSelectorConfig().withMimicSelectorRef("changeOrigin")))),
        new ListSwapMoveSelectorConfig()
            .withValueSelectorConfig(new ValueSelectorConfig().withId("swapOrigin"))
            .withSecondaryValueSelectorConfig(new ValueSelectorConfig()
                .withNearbySelectionConfig(nearby(new ValueSelectorConfig().withMimicSelectorRef("swapOrigin")))),
        new SubListChangeMoveSelectorConfig().withSelectReversingMoveToo(true)
            .withSubListSelectorConfig(new SubListSelectorConfig().withId("subListOrigin")
                .withMaximumSubListSize(10))
            .withDestinationSelectorConfig(new DestinationSelectorConfig()
                .withNearbySelectionConfig(new NearbySelectionConfig()
                    .withOriginSubListSelectorConfig(new SubListSelectorConfig().withMimicSelectorRef("subListOrigin"))
                    .withNearbyDistanceMeterClass(VisitNearbyDistanceMeter.class)
                    .withNearbySelectionDistributionType(NearbySelectionDistributionType.PARABOLIC_DISTRIBUTION)
                    .withParabolicDistributionSizeMaximum(40))),
        new SubListSwapMoveSelectorConfig().withSelectReversingMoveToo(true)
            .withSubListSelectorConfig(new SubListSelectorConfig().withMaximumSubListSize(10)),
        new KOptListMoveSelectorConfig().withMinimumK(2).withMaximumK(2));
  }

  private static NearbySelectionConfig nearby(ValueSelectorConfig origin) {
    return new NearbySelectionConfig()
        .withOriginValueSelectorConfig(origin)
        .withNearbyDistanceMeterClass(VisitNearbyDistanceMeter.class)
        .withNearbySelectionDistributionType(NearbySelectionDistributionType.PARABOLIC_DISTRIBUTION)
        .withParabolicDistributionSizeMaximum(40);
  }
}
