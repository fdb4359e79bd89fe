package ro.caravana.optimizer.routing.bench;

import com.google.ortools.Loader;
import com.google.ortools.constraintsolver.Assignment;
import com.google.ortools.constraintsolver.FirstSolutionStrategy;
import com.google.ortools.constraintsolver.LocalSearchMetaheuristic;
import com.google.ortools.constraintsolver.RoutingDimension;
import com.google.ortools.constraintsolver.RoutingIndexManager;
import com.google.ortools.constraintsolver.RoutingModel;
import com.google.ortools.constraintsolver.RoutingSearchParameters;
import com.google.protobuf.Duration;
import java.util.ArrayList;
import java.util.List;
import ro.caravana.optimizer.routing.vrp.VrpInstance;

/**
 * Google OR-Tools routing: parallel-cheapest-insertion start, guided local search, a wall-clock limit.
 * OR-Tools works in integers: distances x1000 for the cost, travel times rounded up for the
 * time dimension so its schedules stay feasible in exact arithmetic (as for our own solver).
 */
final class OrToolsPeer {

  private static final long SCALE = 1000;

  private OrToolsPeer() {}

  static List<List<Integer>> solve(VrpInstance instance, long seconds, boolean vehiclesFirst) {
    Loader.loadNativeLibraries();
    int n = instance.nodes().size();
    int vehicles = instance.timeWindows() ? instance.vehicles() : instance.vehicles() + 3;
    RoutingIndexManager manager = new RoutingIndexManager(n, vehicles, 0);
    RoutingModel routing = new RoutingModel(manager);
    long[][] cost = new long[n][n];
    long[][] time = new long[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double d = instance.distance(i, j) * SCALE;
        cost[i][j] = Math.round(d);
        time[i][j] = (long) Math.ceil(d) + Math.round(instance.nodes().get(i).service() * SCALE);
      }
    }
    int costCallback = routing.registerTransitCallback(
        (from, to) -> cost[manager.indexToNode(from)][manager.indexToNode(to)]);
    routing.setArcCostEvaluatorOfAllVehicles(costCallback);
    if (vehiclesFirst) routing.setFixedCostOfAllVehicles(100_000_000L);
    int demandCallback = routing.registerUnaryTransitCallback(
        from -> instance.nodes().get(manager.indexToNode(from)).demand());
    long[] capacities = new long[vehicles];
    java.util.Arrays.fill(capacities, instance.capacity());
    routing.addDimensionWithVehicleCapacity(demandCallback, 0, capacities, true, "Capacity");
    if (instance.timeWindows()) {
      long horizon = (long) Math.floor(instance.depot().due() * SCALE);
      int timeCallback = routing.registerTransitCallback(
          (from, to) -> time[manager.indexToNode(from)][manager.indexToNode(to)]);
      routing.addDimension(timeCallback, horizon, horizon, false, "Time");
      RoutingDimension timeDimension = routing.getMutableDimension("Time");
      for (int i = 1; i < n; i++) {
        VrpInstance.Node c = instance.nodes().get(i);
        timeDimension.cumulVar(manager.nodeToIndex(i))
            .setRange(Math.round(c.ready() * SCALE), (long) Math.floor(c.due() * SCALE));
      }
      for (int v = 0; v < vehicles; v++) {
        timeDimension.cumulVar(routing.start(v)).setRange(Math.round(instance.depot().ready() * SCALE), horizon);
        timeDimension.cumulVar(routing.end(v)).setRange(0, horizon);
      }
    }
    RoutingSearchParameters parameters = com.google.ortools.constraintsolver.main.defaultRoutingSearchParameters()
        .toBuilder()
        .setFirstSolutionStrategy(FirstSolutionStrategy.Value.PARALLEL_CHEAPEST_INSERTION)
        .setLocalSearchMetaheuristic(LocalSearchMetaheuristic.Value.GUIDED_LOCAL_SEARCH)
        .setTimeLimit(Duration.newBuilder().setSeconds(seconds).build())
        .build();
    Assignment solution = routing.solveWithParameters(parameters);
    List<List<Integer>> routes = new ArrayList<>();
    if (solution == null) return routes;
    for (int v = 0; v < vehicles; v++) {
      List<Integer> route = new ArrayList<>();
      long index = solution.value(routing.nextVar(routing.start(v)));
      while (!routing.isEnd(index)) {
        route.add(instance.nodes().get(manager.indexToNode(index)).number());
        index = solution.value(routing.nextVar(index));
      }
      if (!route.isEmpty()) routes.add(route);
    }
    return routes;
  }
}
