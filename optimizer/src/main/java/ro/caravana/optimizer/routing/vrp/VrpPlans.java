package ro.caravana.optimizer.routing.vrp;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import ro.caravana.optimizer.routing.domain.CaravanDay;
import ro.caravana.optimizer.routing.domain.Place;
import ro.caravana.optimizer.routing.domain.RoutePlan;
import ro.caravana.optimizer.routing.domain.Visit;

/**
 * Maps a benchmark instance onto the caravan model: each vehicle is a caravan-day on the same
 * date with the depot's window as its shift, each customer a visit whose service duration, demand
 * and time window come from the file. No skills, no date rules, no history.
 */
public final class VrpPlans {

  /** Ticks per instance unit for Solomon: six decimals, far below the checkers' tolerance. */
  public static final long SOLOMON_SCALE = 1_000_000;
  /** TSPLIB distances are integers already. */
  public static final long CVRP_SCALE = 1;
  /** Extra vehicles offered on CVRP instances beyond the fleet the file names. */
  public static final int CVRP_SPARE_VEHICLES = 3;

  private VrpPlans() {}

  public static long scale(VrpInstance instance) {
    return instance.rounded() ? CVRP_SCALE : SOLOMON_SCALE;
  }

  public static RoutePlan toPlan(VrpInstance instance, VrpObjective objective) {
    long scale = scale(instance);
    BenchmarkMatrix matrix = new BenchmarkMatrix(instance, scale);
    List<VrpInstance.Node> nodes = instance.nodes();
    List<Place> places = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      places.add(new Place(i, Integer.toString(nodes.get(i).number()), matrix));
    }
    long fixedCost = objective == VrpObjective.VEHICLES ? vehicleCost(matrix) : 0;
    VrpInstance.Node depot = instance.depot();
    long shiftStart = ticks(depot.ready(), scale);
    long shiftEnd = instance.timeWindows() ? ticksDown(depot.due(), scale) : Long.MAX_VALUE / 4;
    int vehicles = instance.vehicles() > 0 ? instance.vehicles() : nodes.size() - 1;
    if (!instance.timeWindows()) vehicles = Math.min(nodes.size() - 1, vehicles + CVRP_SPARE_VEHICLES);
    List<CaravanDay> days = new ArrayList<>();
    for (int k = 0; k < vehicles; k++) {
      days.add(new CaravanDay("vehicle-" + (k + 1), "vehicle-" + (k + 1), "crew-" + (k + 1), null, shiftStart,
          shiftEnd, places.get(0), places.get(0), Set.of(), instance.capacity(), fixedCost));
    }
    List<Visit> visits = new ArrayList<>();
    for (int i = 1; i < nodes.size(); i++) {
      VrpInstance.Node c = nodes.get(i);
      long ready = instance.timeWindows() ? ticks(c.ready(), scale) : 0;
      long due = instance.timeWindows() ? ticksDown(c.due(), scale) : Long.MAX_VALUE / 4;
      visits.add(new Visit(Integer.toString(c.number()), places.get(i), ticks(c.service(), scale), c.demand(),
          Set.of(), ready, due, Set.of(), 1));
    }
    return new RoutePlan(instance.name(), days, visits);
  }

  /** More than the longest distance any plan could save by using one vehicle fewer. */
  private static long vehicleCost(BenchmarkMatrix matrix) {
    long bound = 0;
    for (int i = 0; i < matrix.size(); i++) {
      long max = 0;
      for (int j = 0; j < matrix.size(); j++) max = Math.max(max, matrix.seconds(i, j));
      bound += max;
    }
    return 2 * bound + 1;
  }

  private static long ticks(double value, long scale) {
    return Math.round(value * scale);
  }

  private static long ticksDown(double value, long scale) {
    return (long) Math.floor(value * scale);
  }
}
