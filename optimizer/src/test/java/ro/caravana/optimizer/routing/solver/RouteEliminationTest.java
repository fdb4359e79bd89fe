package ro.caravana.optimizer.routing.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.solver.SolverFactory;
import ro.caravana.optimizer.geo.TravelMatrix;
import ro.caravana.optimizer.routing.domain.CaravanDay;
import ro.caravana.optimizer.routing.domain.Place;
import ro.caravana.optimizer.routing.domain.RoutePlan;
import ro.caravana.optimizer.routing.domain.Visit;
import ro.caravana.optimizer.routing.vrp.VrpObjective;
import ro.caravana.optimizer.routing.vrp.VrpPlans;
import ro.caravana.optimizer.routing.vrp.VrpReader;

class RouteEliminationTest {

  /** depot, A, B, C on a line 600 s apart. */
  private static final TravelMatrix LINE = new TravelMatrix() {
    @Override public int size() { return 4; }
    @Override public long seconds(int from, int to) { return 600L * Math.abs(from - to); }
    @Override public long metres(int from, int to) { return seconds(from, to) * 10; }
  };
  private static final Place DEPOT = new Place(0, "depot", LINE);

  private static CaravanDay day(String id, long capacity) {
    return new CaravanDay(id, id, "crew-" + id, null, 8 * 3600, 17 * 3600, DEPOT, DEPOT, Set.of(), capacity, 7200);
  }

  private static Visit visit(String id, int place, long demand) {
    return new Visit(id, new Place(place, id, LINE), 1800, demand, Set.of(), 0, 24 * 3600, Set.of(), 1);
  }

  @Test
  @DisplayName("A day whose visits fit on another day is emptied onto it, in a feasible order")
  void emptiesADay() {
    Visit a = visit("A", 1, 1);
    Visit b = visit("B", 2, 1);
    Visit c = visit("C", 3, 1);
    CaravanDay first = day("d1", 10);
    CaravanDay second = day("d2", 10);
    RoutePlan plan = new RoutePlan("line", List.of(first, second), List.of(a, b, c));
    first.setVisits(new ArrayList<>(List.of(a, c)));
    second.setVisits(new ArrayList<>(List.of(b)));
    RouteElimination elimination = new RouteElimination(plan);

    Map<CaravanDay, List<Visit>> proposal = elimination.empty(plan, second, List.of(first, second), new Random(1));

    assertEquals(List.of(), proposal.get(second));
    assertEquals(List.of(a, b, c), proposal.get(first), "B goes between A and C, where it adds no driving");
  }

  @Test
  @DisplayName("When no other day can take the visits, even by pushing others out, nothing is proposed")
  void refusesWhenTheVisitsDoNotFit() {
    Visit a = visit("A", 1, 5);
    Visit b = visit("B", 2, 5);
    CaravanDay first = day("d1", 5);
    CaravanDay second = day("d2", 5);
    RoutePlan plan = new RoutePlan("line", List.of(first, second), List.of(a, b));
    first.setVisits(new ArrayList<>(List.of(a)));
    second.setVisits(new ArrayList<>(List.of(b)));
    RouteElimination elimination = new RouteElimination(plan);

    assertTrue(elimination.empty(plan, second, List.of(first, second), new Random(1)).isEmpty());
    assertTrue(elimination.propose(plan, new Random(2)).isEmpty());
  }

  @Test
  @DisplayName("Only plans whose days have a fixed cost try it: the vehicles objective, not the distance one")
  void onlyWhereADayCosts() throws Exception {
    assertTrue(RouteElimination.worthTrying(r101(VrpObjective.VEHICLES)));
    assertFalse(RouteElimination.worthTrying(r101(VrpObjective.DISTANCE)));
  }

  @Test
  @DisplayName("On R101 a day split off a solved plan is emptied again: one day fewer, every visit once, all feasible, pins kept")
  void r101SplitDayIsEmptiedAgain() throws Exception {
    RoutePlan plan = SolverFactory.<RoutePlan>create(RoutingSolverConfig.build(RoutingSolverSettings.forSteps(300)))
        .buildSolver().solve(r101(VrpObjective.VEHICLES));
    assertTrue(plan.getScore().isFeasible(), plan.getScore().toString());
    List<CaravanDay> driving = plan.drivingDays();
    CaravanDay pinnedDay = driving.get(0);
    Visit pinned = pinnedDay.getVisits().get(0);
    pinned.setPinned(true);
    CaravanDay source = driving.stream().skip(1).filter(d -> d.getVisits().size() >= 3).findFirst().orElseThrow();
    CaravanDay spare = plan.getCaravanDays().stream()
        .filter(d -> !d.isUnassignedList() && d.getVisits().isEmpty()).findFirst().orElseThrow();
    Visit moved = source.getVisits().remove(source.getVisits().size() - 1);
    spare.setVisits(new ArrayList<>(List.of(moved)));
    int before = plan.drivingDays().size();

    RouteElimination elimination = new RouteElimination(plan);
    Map<CaravanDay, List<Visit>> proposal = Map.of();
    Random random = new Random(5);
    for (int k = 0; k < 50 && proposal.isEmpty(); k++) {
      proposal = elimination.empty(plan, spare, plan.drivingDays(), random);
    }

    assertEquals(List.of(), proposal.get(spare), "the split-off day is emptied");
    Map<Visit, Integer> seen = new IdentityHashMap<>();
    int drivingAfter = 0;
    for (CaravanDay day : plan.getCaravanDays()) {
      List<Visit> list = proposal.getOrDefault(day, day.getVisits());
      list.forEach(v -> seen.merge(v, 1, Integer::sum));
      if (!day.isUnassignedList()) {
        assertFeasible(day, list);
        if (!list.isEmpty()) drivingAfter++;
      }
    }
    assertEquals(before - 1, drivingAfter, "one day fewer");
    assertEquals(plan.getVisits().size(), seen.size(), "every visit in some list");
    assertTrue(seen.values().stream().allMatch(count -> count == 1), "no visit twice");
    assertTrue(proposal.getOrDefault(pinnedDay, pinnedDay.getVisits()).contains(pinned), "a pinned visit stays");
    assertTrue(plan.unassignedList().getVisits().isEmpty());
  }

  private static RoutePlan r101(VrpObjective objective) throws Exception {
    try (Reader reader = new InputStreamReader(RouteEliminationTest.class.getResourceAsStream("/vrp/R101.txt"),
        StandardCharsets.ISO_8859_1)) {
      return VrpPlans.toPlan(VrpReader.read(reader), objective);
    }
  }

  /** Windows, shift, capacity and no visit twice: the check of the ruin-and-recreate tests. */
  private static void assertFeasible(CaravanDay day, List<Visit> list) {
    RuinRecreateTest.assertFeasible(day, list);
  }
}
