package ro.caravana.optimizer.timetable;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.optaplanner.core.api.score.stream.ConstraintStreamImplType;
import org.optaplanner.core.api.solver.Solver;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.heuristic.selector.move.composite.CartesianProductMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.composite.UnionMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.generic.ChangeMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.generic.SwapMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.value.ValueSelectorConfig;
import org.optaplanner.core.config.localsearch.LocalSearchPhaseConfig;
import org.optaplanner.core.config.localsearch.decider.acceptor.LocalSearchAcceptorConfig;
import org.optaplanner.core.config.localsearch.decider.forager.LocalSearchForagerConfig;
import org.optaplanner.core.config.phase.custom.CustomPhaseConfig;
import org.optaplanner.core.config.solver.SolverConfig;
import org.optaplanner.core.config.solver.termination.TerminationConfig;

/**
 * Solver set-up for the centre timetable: first-fit construction, then late-acceptance local search over
 * changes of one variable, swaps of starts, staff or rooms between sessions, and a joint change of start
 * and staff (which moves a session to a time its therapist, or another one, is free).
 */
public final class TimetableSolver {

  /** Soft temperature of simulated annealing at the start; it falls to zero as the time or steps run out. */
  public static final String START_TEMPERATURE = "0hard/0medium/40soft";

  private TimetableSolver() {}

  /** Stops after {@code limit} of wall time in total (construction included). */
  public static SolverConfig config(Duration limit, long seed) {
    return config((TerminationConfig) null, seed).withTerminationConfig(new TerminationConfig().withSpentLimit(limit));
  }

  /** Stops after a number of local-search steps: deterministic for a given seed (tests). */
  public static SolverConfig configSteps(int steps, long seed) {
    return config(new TerminationConfig().withStepCountLimit(steps), seed);
  }

  /** {@code localSearchTermination} may be null when the solver-level termination suffices. */
  public static SolverConfig config(TerminationConfig localSearchTermination, long seed) {
    ChangeMoveSelectorConfig changeStart = change("start");
    ChangeMoveSelectorConfig changeStaff = change("staff");
    UnionMoveSelectorConfig moves = new UnionMoveSelectorConfig(List.of(
        change("start"), change("staff"), change("room"),
        new SwapMoveSelectorConfig(),
        new CartesianProductMoveSelectorConfig(List.of(changeStart, changeStaff))));
    LocalSearchPhaseConfig localSearch = new LocalSearchPhaseConfig()
        .withMoveSelectorConfig(moves)
        // Simulated annealing with zero temperature on the hard and medium levels: it never trades
        // feasibility or an assigned session for soft quality, and rarely accepts a soft loss as large as
        // moving a published session. (Late acceptance, tried first, let a single medium gain excuse
        // hundreds of soft losses, which moved many published sessions when re-planning.)
        .withAcceptorConfig(new LocalSearchAcceptorConfig().withSimulatedAnnealingStartingTemperature(START_TEMPERATURE))
        .withForagerConfig(new LocalSearchForagerConfig().withAcceptedCountLimit(1))
        .withTerminationConfig(localSearchTermination);
    return new SolverConfig()
        .withSolutionClass(Timetable.class)
        .withEntityClasses(Session.class)
        .withConstraintProviderClass(TimetableConstraintProvider.class)
        .withConstraintStreamImplType(ConstraintStreamImplType.BAVET)
        .withRandomSeed(seed)
        .withPhases(new CustomPhaseConfig().withCustomPhaseCommandClassList(List.of(FirstFitPhase.class))
            .withCustomProperties(java.util.Map.of("seed", Long.toString(seed))), localSearch);
  }

  private static ChangeMoveSelectorConfig change(String variable) {
    return new ChangeMoveSelectorConfig().withValueSelectorConfig(new ValueSelectorConfig(variable));
  }

  public static Timetable solve(Timetable problem, SolverConfig config) {
    return solve(problem, config, best -> {});
  }

  /** Solves; {@code onNewBest} hears each new best solution (on the solver thread). */
  public static Timetable solve(Timetable problem, SolverConfig config, Consumer<Timetable> onNewBest) {
    Solver<Timetable> solver = SolverFactory.<Timetable>create(config).buildSolver();
    solver.addEventListener(event -> onNewBest.accept(event.getNewBestSolution()));
    return solver.solve(problem);
  }
}
