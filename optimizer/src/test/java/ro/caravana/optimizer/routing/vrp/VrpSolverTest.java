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

  @Test
  @DisplayName("A Solomon instance in the VRPLIB VRPTW form gives the same model and the same solved JSON as its text form")
  void vrplibVrptwSameAsSolomon() throws Exception {
    VrpInstance text = load("R105.txt");
    VrpInstance vrplib = load("R105.vrptw");
    assertEquals(text, vrplib);
    assertEquals(0, vrplib.depot().number());
    assertEquals(1, vrplib.customers().get(0).number(), "VRPLIB node 2 is customer 1");
    String a = VrpSolver.solve(text, VrpObjective.DISTANCE, RoutingSolverSettings.forSteps(500)).toJson();
    String b = VrpSolver.solve(vrplib, VrpObjective.DISTANCE, RoutingSolverSettings.forSteps(500)).toJson();
    assertEquals(a.replaceAll("\"seconds\": [0-9.]+", ""), b.replaceAll("\"seconds\": [0-9.]+", ""));
  }

  @Test
  @DisplayName("A VRPLIB VRPTW node without a time window, or a depot other than node 1, is refused")
  void vrplibVrptwRefusals() {
    String base = "NAME : T\nTYPE : VRPTW\nCAPACITY : 10\nNODE_COORD_SECTION\n1 0 0\n2 3 4\nDEMAND_SECTION\n1 0\n2 1\n";
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> VrpReader.read(
        new java.io.StringReader(base + "DEPOT_SECTION\n1\n-1\nTIME_WINDOW_SECTION\n1 0 100\nEOF\n")));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> VrpReader.read(
        new java.io.StringReader(base + "DEPOT_SECTION\n2\n-1\nTIME_WINDOW_SECTION\n1 0 100\n2 0 100\nEOF\n")));
    VrpInstance ok = VrpReader.read(new java.io.StringReader(base + "DEPOT_SECTION\n1\n-1\nTIME_WINDOW_SECTION\n1 0 100\n2 5 50\nEOF\n"));
    assertEquals(List.of(0, 1), ok.nodes().stream().map(VrpInstance.Node::number).toList());
    assertEquals(5.0, ok.customers().get(0).ready());
    assertEquals(1, ok.vehicles(), "no fleet named: one vehicle per customer");
  }
}
