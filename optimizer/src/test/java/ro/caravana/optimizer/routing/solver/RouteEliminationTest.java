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

  private static CaravanDay skilled(String id, long capacity, Set<String> skills) {
    return new CaravanDay(id, id, "crew-" + id, null, 8 * 3600, 17 * 3600, DEPOT, DEPOT, skills, capacity, 7200);
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
  @DisplayName("A visit that only fits where two others must make room pushes both out, and they find a place elsewhere")
  void pushesOutTwoVisitsWhenOneIsNotEnough() {
    // X needs the skill of d1; d1 is at 8 of 10, so X (7) fits only once both A and B leave; d3 has room for them.
    Visit a = visit("A", 1, 4);
    Visit b = visit("B", 2, 4);
    Visit c = visit("C", 3, 1);
    Visit x = new Visit("X", new Place(2, "X", LINE), 1800, 7, Set.of("x"), 0, 24 * 3600, Set.of(), 1);
    CaravanDay first = skilled("d1", 10, Set.of("x"));
    CaravanDay second = skilled("d2", 10, Set.of("x"));
    CaravanDay third = day("d3", 10);
    RoutePlan plan = new RoutePlan("line", List.of(first, second, third), List.of(a, b, c, x));
    first.setVisits(new ArrayList<>(List.of(a, b)));
    second.setVisits(new ArrayList<>(List.of(x)));
    third.setVisits(new ArrayList<>(List.of(c)));
    RouteElimination elimination = new RouteElimination(plan, RouteElimination.PLACEMENTS_PER_VISIT, 2, false);

    Map<CaravanDay, List<Visit>> proposal = elimination.empty(plan, second, List.of(first, second, third), new Random(3));

    assertEquals(List.of(), proposal.get(second), "the day of X is emptied");
    assertTrue(new RouteElimination(plan, RouteElimination.PLACEMENTS_PER_VISIT, 1, false)
        .empty(plan, second, List.of(first, second, third), new Random(3)).isEmpty(), "one at a time cannot");
    List<Visit> onFirst = proposal.get(first);
    List<Visit> onThird = proposal.get(third);
    assertTrue(onFirst.contains(x) && !onFirst.contains(a) && !onFirst.contains(b), "X on d1, A and B gone: " + onFirst);
    assertTrue(onThird.containsAll(List.of(a, b)), "A and B moved to d3: " + onThird);
    assertEquals(4, onFirst.size() + onThird.size(), "every visit once");
    for (CaravanDay day : List.of(first, third)) {
      List<Visit> list = proposal.get(day);
      assertFeasible(day, list);
    }
  }

  @Test
  @DisplayName("More than three visits pushed out for one is not tried; the squeeze repairs it by moving them")
  void neverPushesOutMoreThanThree() {
    Visit[] small = new Visit[4];
    for (int i = 0; i < 4; i++) small[i] = visit("S" + i, 1, 2);
    Visit c = visit("C", 3, 0);
    Visit x = new Visit("X", new Place(2, "X", LINE), 1800, 9, Set.of("x"), 0, 24 * 3600, Set.of(), 1);
    CaravanDay first = skilled("d1", 10, Set.of("x"));
    CaravanDay second = skilled("d2", 10, Set.of("x"));
    CaravanDay third = day("d3", 10);
    RoutePlan plan = new RoutePlan("line", List.of(first, second, third), List.of(small[0], small[1], small[2], small[3], c, x));
    first.setVisits(new ArrayList<>(List.of(small)));
    second.setVisits(new ArrayList<>(List.of(x)));
    third.setVisits(new ArrayList<>(List.of(c)));
    RouteElimination ejecting = new RouteElimination(plan, RouteElimination.PLACEMENTS_PER_VISIT, 3, false);

    assertTrue(ejecting.empty(plan, second, List.of(first, second, third), new Random(3)).isEmpty(),
        "X (9) fits on d1 (8 of 10) only if all four leave");

    Map<CaravanDay, List<Visit>> squeezed = new RouteElimination(plan)
        .empty(plan, second, List.of(first, second, third), new Random(3));
    assertEquals(List.of(), squeezed.get(second), "the squeeze puts X on d1 over capacity, then moves the others out");
    assertTrue(squeezed.get(first).contains(x));
    assertTrue(squeezed.get(third).containsAll(List.of(small)), "all four on d3: " + squeezed.get(third));
    for (CaravanDay day : List.of(first, third)) assertFeasible(day, squeezed.get(day));
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
