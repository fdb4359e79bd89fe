package ro.caravana.optimizer.routing.vrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.config.solver.EnvironmentMode;
import org.optaplanner.core.config.solver.SolverConfig;
import ro.caravana.optimizer.routing.solver.RoutingSolverConfig;
import ro.caravana.optimizer.routing.solver.RoutingSolverSettings;

class VrpSolverTest {

  static VrpInstance load(String name) throws Exception {
    try (Reader reader = new InputStreamReader(VrpSolverTest.class.getResourceAsStream("/vrp/" + name),
        StandardCharsets.ISO_8859_1)) {
      return VrpReader.read(reader);
    }
  }

  @Test
  @DisplayName("Solomon C101 solves to a plan that an exact double-precision recheck finds feasible")
  void solomonC101Feasible() throws Exception {
    VrpInstance c101 = load("C101.txt");
    VrpResult result = VrpSolver.solve(c101, VrpObjective.DISTANCE, RoutingSolverSettings.forSteps(3_000));
    assertTrue(result.feasible(), () -> result.problems().toString());
    assertTrue(result.score().startsWith("0hard/0medium/"), result.score());
    assertEquals(100, result.routes().stream().mapToInt(List::size).sum());
    assertTrue(result.vehicles() <= 25);
  }

  @Test
  @DisplayName("Solomon R101 (tight windows) stays feasible under the exact recheck")
  void solomonR101Feasible() throws Exception {
    VrpResult result = VrpSolver.solve(load("R101.txt"), VrpObjective.DISTANCE, RoutingSolverSettings.forSteps(2_000));
    assertTrue(result.feasible(), () -> result.problems().toString());
    assertTrue(result.score().startsWith("0hard/0medium/"), result.score());
  }

  @Test
  @DisplayName("Vehicles objective never uses more vehicles than the distance objective on the same steps")
  void vehiclesObjective() throws Exception {
    VrpInstance r105 = load("R105.txt");
    VrpResult vehicles = VrpSolver.solve(r105, VrpObjective.VEHICLES, RoutingSolverSettings.forSteps(3_000));
    VrpResult distance = VrpSolver.solve(r105, VrpObjective.DISTANCE, RoutingSolverSettings.forSteps(3_000));
    assertTrue(vehicles.feasible(), () -> vehicles.problems().toString());
    assertTrue(vehicles.vehicles() <= distance.vehicles(), vehicles.vehicles() + " > " + distance.vehicles());
  }

  @Test
  @DisplayName("Augerat CVRP: TSPLIB numbering, rounded edges, capacity respected; incremental score checked")
  void augeratWithFullAssert() throws Exception {
    VrpInstance a32 = load("A-n32-k5.vrp");
    assertEquals(31, a32.customers().size());
    assertEquals(1, a32.depot().number());
    assertEquals(100, a32.capacity());
    assertEquals(5, a32.vehicles());
    SolverConfig config = RoutingSolverConfig.build(RoutingSolverSettings.forSteps(300));
    config.setEnvironmentMode(EnvironmentMode.FULL_ASSERT);
    VrpResult result = VrpSolver.solve(a32, VrpObjective.DISTANCE, config);
    assertTrue(result.feasible(), () -> result.problems().toString());
    Set<Integer> seen = new HashSet<>();
    result.routes().forEach(seen::addAll);
    assertEquals(31, seen.size());
    assertTrue(!seen.contains(1) && seen.contains(32), "customers keep the file's numbers");
    assertEquals(Math.rint(result.distance()), result.distance(), "TSPLIB distances are integers");
  }

  @Test
  @DisplayName("The contract JSON has the instance, vehicles, distance, feasible, seconds and routes")
  void json() throws Exception {
    VrpResult result = VrpResult.check(load("C101.txt"), List.of(List.of(5, 3), List.of()), 1.5, "");
    String json = result.toJson();
    assertTrue(json.startsWith("{\"instance\": \"C101\", \"vehicles\": 1, \"distance\": "), json);
    assertTrue(json.contains("\"feasible\": false") && json.contains("\"routes\": [[5, 3], []]"), json);
  }
}
