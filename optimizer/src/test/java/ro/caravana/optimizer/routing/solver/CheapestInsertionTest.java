package ro.caravana.optimizer.routing.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.solver.EnvironmentMode;
import org.optaplanner.core.config.solver.SolverConfig;
import ro.caravana.optimizer.geo.TravelMatrix;
import ro.caravana.optimizer.routing.domain.CaravanDay;
import ro.caravana.optimizer.routing.domain.Place;
import ro.caravana.optimizer.routing.domain.RoutePlan;
import ro.caravana.optimizer.routing.domain.Visit;
import ro.caravana.optimizer.routing.vrp.VrpObjective;
import ro.caravana.optimizer.routing.vrp.VrpPlans;
import ro.caravana.optimizer.routing.vrp.VrpReader;

class CheapestInsertionTest {

  private static RoutePlan r101(VrpObjective objective) throws Exception {
    return plan("/vrp/R101.txt", objective);
  }

  private static RoutePlan plan(String resource, VrpObjective objective) throws Exception {
    try (Reader reader = new InputStreamReader(CheapestInsertionTest.class.getResourceAsStream(resource),
        StandardCharsets.ISO_8859_1)) {
      return VrpPlans.toPlan(VrpReader.read(reader), objective);
    }
  }

  @Test
  @DisplayName("Fast construction alone gives R101 a plan with every visit placed and no hard violation, score kept exact")
  void constructsAFeasiblePlan() throws Exception {
    SolverConfig config = RoutingSolverConfig.build(RoutingSolverSettings.forSteps(1).withFastConstruction(true));
    config.setEnvironmentMode(EnvironmentMode.FULL_ASSERT);
    RoutePlan plan = SolverFactory.<RoutePlan>create(config).buildSolver().solve(r101(VrpObjective.VEHICLES));
    assertEquals(0, plan.getScore().hardScore(), plan.getScore().toString());
    assertEquals(0, plan.getScore().mediumScore(), plan.getScore().toString());
    assertTrue(plan.unassignedList().getVisits().isEmpty());
    assertEquals(100, plan.drivingDays().stream().mapToInt(d -> d.getVisits().size()).sum());
  }

  @Test
  @DisplayName("A day's fixed cost keeps a visit on an open day; without it the visit opens its own cheaper day")
  void fixedCostFillsOpenDaysFirst() {
    assertEquals(1, daysUsed(7200), "with a fixed cost both visits share a day");
    assertEquals(2, daysUsed(0), "without, B gets its own day (600 s there and back against 1 200 s via A)");
  }

  /** depot, A, B: 300 s from the depot each, 600 s from one to the other only via a detour. */
  private static long daysUsed(long fixedCost) {
    TravelMatrix matrix = new TravelMatrix() {
      @Override public int size() { return 3; }
      @Override public long seconds(int from, int to) { return from == to ? 0 : from == 0 || to == 0 ? 300 : 1200; }
      @Override public long metres(int from, int to) { return seconds(from, to) * 10; }
    };
    Place depot = new Place(0, "depot", matrix);
    List<CaravanDay> days = List.of(
        new CaravanDay("d1", "c1", "k1", null, 0, 36_000, depot, depot, Set.of(), 10, fixedCost),
        new CaravanDay("d2", "c2", "k2", null, 0, 36_000, depot, depot, Set.of(), 10, fixedCost));
    List<Visit> visits = List.of(
        new Visit("A", new Place(1, "A", matrix), 600, 1, Set.of(), 0, 36_000, Set.of(), 1),
        new Visit("B", new Place(2, "B", matrix), 600, 1, Set.of(), 0, 36_000, Set.of(), 1));
    RoutePlan plan = new RoutePlan("detour", days, visits);
    return CheapestInsertion.place(plan).entrySet().stream()
        .filter(e -> !e.getKey().isUnassignedList() && !e.getValue().isEmpty()).count();
  }

  @Test
  @DisplayName("Visits already on a day stay there, in their order; only the others are placed")
  void keepsPlacedVisits() throws Exception {
    RoutePlan plan = r101(VrpObjective.DISTANCE);
    CaravanDay day = plan.getCaravanDays().get(3);
    Visit first = plan.getVisits().get(10);
    Visit second = plan.getVisits().get(40);
    day.preassign(List.of(first, second));
    Map<CaravanDay, List<Visit>> lists = CheapestInsertion.place(plan);
    List<Visit> after = lists.getOrDefault(day, day.getVisits());
    assertTrue(after.indexOf(first) >= 0 && after.indexOf(first) < after.indexOf(second), after.toString());
    long placed = lists.values().stream().mapToLong(List::size).sum()
        + plan.getCaravanDays().stream().filter(d -> !lists.containsKey(d)).mapToLong(d -> d.getVisits().size()).sum();
    assertEquals(plan.getVisits().size(), placed, "every visit once");
    for (Map.Entry<CaravanDay, List<Visit>> e : lists.entrySet()) {
      if (e.getKey() != day) assertTrue(!e.getValue().contains(first) && !e.getValue().contains(second));
    }
    assertSame(day, first.getCaravanDay());
  }
}
