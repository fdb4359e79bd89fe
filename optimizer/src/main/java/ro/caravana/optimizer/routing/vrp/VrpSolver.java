package ro.caravana.optimizer.routing.vrp;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.optaplanner.core.api.solver.Solver;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.solver.SolverConfig;
import ro.caravana.optimizer.routing.domain.RoutePlan;
import ro.caravana.optimizer.routing.solver.RoutingSolverConfig;
import ro.caravana.optimizer.routing.solver.RoutingSolverSettings;

/** Solves a benchmark instance with the caravan model and reports it in the instance's terms. */
public final class VrpSolver {

  private VrpSolver() {}

  public static VrpResult solve(VrpInstance instance, VrpObjective objective, RoutingSolverSettings settings) {
    return solve(instance, objective, RoutingSolverConfig.build(forInstance(settings, instance, objective)));
  }

  public static VrpResult solve(VrpInstance instance, VrpObjective objective, SolverConfig config) {
    return solve(instance, objective, config, millis -> { });
  }

  /** Above this many customers construction is {@code CheapestInsertion} (milliseconds instead of seconds). */
  public static final int FAST_CONSTRUCTION_ABOVE = 200;

  /**
   * The settings a benchmark instance is solved with: late acceptance sized for it, the fast
   * construction above {@link #FAST_CONSTRUCTION_ABOVE} customers, route elimination only for the
   * vehicles objective (the distance objective keeps its move mix).
   */
  public static RoutingSolverSettings forInstance(RoutingSolverSettings settings, VrpInstance instance,
      VrpObjective objective) {
    int customers = instance.customers().size();
    return settings.sizedFor(customers)
        .withFastConstruction(settings.fastConstruction() || customers > FAST_CONSTRUCTION_ABOVE)
        .withRouteElimination(objective == VrpObjective.VEHICLES);
  }

  /** As above; {@code feasibleAfter} hears the solving time (ms) of the first plan with every customer and 0 hard. */
  public static VrpResult solve(VrpInstance instance, VrpObjective objective, SolverConfig config,
      LongConsumer feasibleAfter) {
    RoutePlan problem = VrpPlans.toPlan(instance, objective);
    SolverFactory<RoutePlan> factory = SolverFactory.create(config);
    Solver<RoutePlan> solver = factory.buildSolver();
    AtomicBoolean heard = new AtomicBoolean();
    solver.addEventListener(event -> {
      var score = event.getNewBestSolution().getScore();
      if (score.isSolutionInitialized() && score.hardScore() == 0 && score.mediumScore() == 0
          && heard.compareAndSet(false, true)) {
        feasibleAfter.accept(event.getTimeMillisSpent());
      }
    });
    long start = System.nanoTime();
    RoutePlan best = solver.solve(problem);
    double seconds = (System.nanoTime() - start) / 1e9;
    return VrpResult.of(instance, best, seconds);
  }
}
