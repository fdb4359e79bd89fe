package ro.caravana.optimizer.routing.bench;

import com.graphhopper.jsprit.core.algorithm.VehicleRoutingAlgorithm;
import com.graphhopper.jsprit.core.algorithm.box.Jsprit;
import com.graphhopper.jsprit.core.algorithm.termination.TimeTermination;
import com.graphhopper.jsprit.core.problem.Location;
import com.graphhopper.jsprit.core.problem.VehicleRoutingProblem;
import com.graphhopper.jsprit.core.problem.cost.AbstractForwardVehicleRoutingTransportCosts;
import com.graphhopper.jsprit.core.problem.driver.Driver;
import com.graphhopper.jsprit.core.problem.job.Service;
import com.graphhopper.jsprit.core.problem.solution.VehicleRoutingProblemSolution;
import com.graphhopper.jsprit.core.problem.solution.route.VehicleRoute;
import com.graphhopper.jsprit.core.problem.solution.route.activity.TimeWindow;
import com.graphhopper.jsprit.core.problem.solution.route.activity.TourActivity;
import com.graphhopper.jsprit.core.problem.vehicle.Vehicle;
import com.graphhopper.jsprit.core.problem.vehicle.VehicleImpl;
import com.graphhopper.jsprit.core.problem.vehicle.VehicleTypeImpl;
import com.graphhopper.jsprit.core.util.Solutions;
import java.util.ArrayList;
import java.util.List;
import ro.caravana.optimizer.routing.vrp.VrpInstance;

/** jsprit 1.8 with its default algorithm, one thread, the instance's own distances, a wall-clock limit. */
final class JspritPeer {

  private JspritPeer() {}

  static List<List<Integer>> solve(VrpInstance instance, long seconds, boolean vehiclesFirst) {
    VrpInstance.Node depot = instance.depot();
    Location depotLocation = Location.Builder.newInstance().setId("0").setIndex(0).build();
    VehicleTypeImpl type = VehicleTypeImpl.Builder.newInstance("caravan")
        .addCapacityDimension(0, (int) instance.capacity())
        .setCostPerDistance(1.0).setCostPerTransportTime(0.0)
        .setFixedCost(vehiclesFirst ? 100_000.0 : 0.0)
        .build();
    VehicleRoutingProblem.Builder builder = VehicleRoutingProblem.Builder.newInstance()
        .setFleetSize(VehicleRoutingProblem.FleetSize.FINITE)
        .setRoutingCost(new MatrixCosts(instance));
    int vehicles = instance.timeWindows() ? instance.vehicles() : instance.vehicles() + 3;
    for (int k = 0; k < vehicles; k++) {
      VehicleImpl.Builder v = VehicleImpl.Builder.newInstance("v" + k).setStartLocation(depotLocation).setType(type);
      if (instance.timeWindows()) v.setEarliestStart(depot.ready()).setLatestArrival(depot.due());
      builder.addVehicle(v.build());
    }
    for (int i = 1; i < instance.nodes().size(); i++) {
      VrpInstance.Node c = instance.nodes().get(i);
      Service.Builder s = Service.Builder.newInstance(Integer.toString(c.number()))
          .addSizeDimension(0, (int) c.demand())
          .setLocation(Location.Builder.newInstance().setId(Integer.toString(i)).setIndex(i).build())
          .setServiceTime(c.service());
      if (instance.timeWindows()) s.setTimeWindow(TimeWindow.newInstance(c.ready(), c.due()));
      builder.addJob(s.build());
    }
    VehicleRoutingProblem problem = builder.build();
    VehicleRoutingAlgorithm algorithm = Jsprit.Builder.newInstance(problem)
        .setProperty(Jsprit.Parameter.THREADS, "1").buildAlgorithm();
    algorithm.setMaxIterations(Integer.MAX_VALUE);
    TimeTermination termination = new TimeTermination(seconds * 1000);
    algorithm.addTerminationCriterion(termination);
    algorithm.addListener(termination);
    VehicleRoutingProblemSolution best = Solutions.bestOf(algorithm.searchSolutions());
    List<List<Integer>> routes = new ArrayList<>();
    for (VehicleRoute route : best.getRoutes()) {
      List<Integer> r = new ArrayList<>();
      for (TourActivity act : route.getActivities()) {
        r.add(Integer.parseInt(((TourActivity.JobActivity) act).getJob().getId()));
      }
      routes.add(r);
    }
    return routes;
  }

  /** The benchmark's distance (double, or TSPLIB-rounded) between node positions; time equals distance. */
  private static final class MatrixCosts extends AbstractForwardVehicleRoutingTransportCosts {
    private final VrpInstance instance;

    MatrixCosts(VrpInstance instance) { this.instance = instance; }

    @Override
    public double getDistance(Location from, Location to, double departureTime, Vehicle vehicle) {
      return instance.distance(from.getIndex(), to.getIndex());
    }

    @Override
    public double getTransportTime(Location from, Location to, double departureTime, Driver driver, Vehicle vehicle) {
      return instance.distance(from.getIndex(), to.getIndex());
    }

    @Override
    public double getTransportCost(Location from, Location to, double departureTime, Driver driver, Vehicle vehicle) {
      double d = instance.distance(from.getIndex(), to.getIndex());
      return vehicle == null ? d : d * vehicle.getType().getVehicleCostParams().perDistanceUnit;
    }
  }
}
