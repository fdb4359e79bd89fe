package ro.caravana.optimizer.routing.bench;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.optaplanner.core.api.solver.Solver;
import org.optaplanner.core.api.solver.SolverFactory;
import ro.caravana.optimizer.routing.domain.CaravanDay;
import ro.caravana.optimizer.routing.domain.RoutePlan;
import ro.caravana.optimizer.routing.domain.Visit;
import ro.caravana.optimizer.routing.solver.RoutingSolverConfig;
import ro.caravana.optimizer.routing.solver.RoutingSolverSettings;

/**
 * The real case: the demo week (50 communes of BC and VN, 4 caravans, 5 days) solved for N
 * seconds; prints caravan-days used, km, hours on the road, unassigned visits and the time until
 * the first plan without hard violations. Usage: DemoWeekBenchmark [--seconds N] [--threads T] [--no-nearby]
 * [--late-acceptance N] [--ruin-recreate WEIGHT]
 */
public final class DemoWeekBenchmark {

  private DemoWeekBenchmark() {}

  public static void main(String[] args) {
    long seconds = 10;
    int threads = 0;
    boolean nearby = true;
    int lateAcceptance = RoutingSolverSettings.AUTO;
    double ruinRecreate = RoutingSolverSettings.DEFAULT_RUIN_RECREATE_WEIGHT;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seconds" -> seconds = Long.parseLong(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--no-nearby" -> nearby = false;
        case "--late-acceptance" -> lateAcceptance = Integer.parseInt(args[++i]);
        case "--ruin-recreate" -> ruinRecreate = Double.parseDouble(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    RoutePlan week = DemoWeek.build();
    Solver<RoutePlan> solver = SolverFactory.<RoutePlan>create(RoutingSolverConfig.build(
        RoutingSolverSettings.forSeconds(seconds).withUnimprovedSeconds(seconds).withNearby(nearby)
            .withMoveThreadCount(threads).withLateAcceptanceSize(lateAcceptance).withRuinRecreateWeight(ruinRecreate)
            .sizedFor(week.getVisits().size()))).buildSolver();
    AtomicLong feasibleAt = new AtomicLong(-1);
    solver.addEventListener(event -> {
      if (feasibleAt.get() < 0 && event.getNewBestScore().isSolutionInitialized()
          && event.getNewBestSolution().getScore().hardScore() == 0) {
        feasibleAt.set(event.getTimeMillisSpent());
      }
    });
    RoutePlan best = solver.solve(week);
    System.out.println(report(best, seconds, feasibleAt.get()));
  }

  static String report(RoutePlan plan, long seconds, long feasibleMillis) {
    long metres = 0, travel = 0, service = 0;
    int used = 0;
    StringBuilder routes = new StringBuilder();
    for (CaravanDay day : plan.getCaravanDays()) {
      if (!day.isDriving()) continue;
      used++;
      var at = day.getStartDepot();
      routes.append(String.format(Locale.ROOT, "  %-18s", day.getId()));
      for (Visit v : day.getVisits()) {
        metres += at.distanceTo(v.getPlace());
        travel += at.timeTo(v.getPlace());
        service += v.getServiceDuration();
        routes.append(String.format(Locale.ROOT, " %s@%s", v.getPlace().name(), clock(v.getServiceStart())));
        at = v.getPlace();
      }
      metres += at.distanceTo(day.getEndDepot());
      travel += at.timeTo(day.getEndDepot());
      routes.append(String.format(Locale.ROOT, " -> back %s%n", clock(day.returnTime())));
    }
    long unassigned = plan.unassignedList().getVisits().size();
    return String.format(Locale.ROOT, """
        demo week: %d visits, %d caravan-days available, %d s limit
        score %s
        caravan-days used %d, km %.1f, hours on the road %.1f, hours of service %.1f, unassigned visits %d
        time to first plan without hard violations: %s
        %s""", plan.getVisits().size(), plan.getCaravanDays().size() - 1, seconds, plan.getScore(), used,
        metres / 1000.0, travel / 3600.0, service / 3600.0, unassigned,
        feasibleMillis < 0 ? "not reached" : feasibleMillis + " ms", routes);
  }

  private static String clock(long seconds) {
    return String.format(Locale.ROOT, "%02d:%02d", seconds / 3600, (seconds % 3600) / 60);
  }
}
