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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.solver.EnvironmentMode;
import org.optaplanner.core.config.solver.SolverConfig;
import ro.caravana.optimizer.routing.domain.CaravanDay;
import ro.caravana.optimizer.routing.domain.Place;
import ro.caravana.optimizer.routing.domain.RoutePlan;
import ro.caravana.optimizer.routing.domain.Visit;
import ro.caravana.optimizer.routing.vrp.VrpObjective;
import ro.caravana.optimizer.routing.vrp.VrpPlans;
import ro.caravana.optimizer.routing.vrp.VrpReader;

class RuinRecreateTest {

  private static RoutePlan solvedR101(int steps) throws Exception {
    try (Reader reader = new InputStreamReader(RuinRecreateTest.class.getResourceAsStream("/vrp/R101.txt"),
        StandardCharsets.ISO_8859_1)) {
      RoutePlan problem = VrpPlans.toPlan(VrpReader.read(reader), VrpObjective.DISTANCE);
      SolverConfig config = RoutingSolverConfig.build(RoutingSolverSettings.forSteps(steps));
      return SolverFactory.<RoutePlan>create(config).buildSolver().solve(problem);
    }
  }

  @Test
  @DisplayName("Every proposal keeps each visit exactly once, every window, shift end and capacity, and the pins")
  void proposalsAreFeasibleAndRespectPins() throws Exception {
    RoutePlan plan = solvedR101(200);
    assertTrue(plan.getScore().isFeasible(), plan.getScore().toString());
    List<CaravanDay> driving = plan.drivingDays();
    CaravanDay published = driving.get(0);
    published.setPinned(true);
    List<Visit> publishedVisits = List.copyOf(published.getVisits());
    CaravanDay mixed = driving.stream().skip(1).filter(d -> d.getVisits().size() >= 3).findFirst().orElseThrow();
    Visit pinnedA = mixed.getVisits().get(0);
    Visit pinnedB = mixed.getVisits().get(mixed.getVisits().size() - 1);
    pinnedA.setPinned(true);
    pinnedB.setPinned(true);

    RuinRecreate ruinRecreate = new RuinRecreate(plan);
    Random random = new Random(7);
    int changedVisits = 0;
    for (int k = 0; k < 300; k++) {
      Map<CaravanDay, List<Visit>> proposal = ruinRecreate.propose(plan, random);
      assertFalse(proposal.containsKey(published), "a published day is never touched");
      Map<Visit, Integer> seen = new IdentityHashMap<>();
      for (CaravanDay day : plan.getCaravanDays()) {
        List<Visit> list = proposal.getOrDefault(day, day.getVisits());
        list.forEach(v -> seen.merge(v, 1, Integer::sum));
        if (!day.isUnassignedList()) assertFeasible(day, list);
      }
      assertEquals(plan.getVisits().size(), seen.size(), "every visit in some list");
      assertTrue(seen.values().stream().allMatch(count -> count == 1), "no visit twice");
      List<Visit> mixedAfter = proposal.getOrDefault(mixed, mixed.getVisits());
      assertTrue(mixedAfter.indexOf(pinnedA) >= 0 && mixedAfter.indexOf(pinnedA) < mixedAfter.indexOf(pinnedB),
          "pinned visits stay on their day in their order");
      for (List<Visit> list : proposal.values()) changedVisits += list.size();
    }
    assertEquals(publishedVisits, published.getVisits());
    assertTrue(changedVisits > 0, "proposals change routes");
  }

  @Test
  @DisplayName("In original order each visit seeds one proposal: a movable seed's day is ruined, a pinned seed ruins nothing")
  void seededProposals() throws Exception {
    RoutePlan plan = solvedR101(200);
    Visit pinned = plan.drivingDays().get(0).getVisits().get(0);
    pinned.setPinned(true);
    RuinRecreate ruinRecreate = new RuinRecreate(plan);
    Random random = new Random(3);
    for (Visit seed : plan.getVisits()) {
      Map<CaravanDay, List<Visit>> proposal = ruinRecreate.propose(plan, seed, random);
      if (seed == pinned) {
        assertTrue(proposal.isEmpty(), "a pinned seed ruins no route");
      } else {
        assertTrue(proposal.containsKey(seed.getCaravanDay()), () -> "the seed's day is ruined: " + seed);
      }
    }
  }

  @Test
  @DisplayName("Ruin-and-recreate moves alone keep the incremental score exact (full assert) and keep R101 feasible")
  void movesUndoExactly() throws Exception {
    try (Reader reader = new InputStreamReader(RuinRecreateTest.class.getResourceAsStream("/vrp/R101.txt"),
        StandardCharsets.ISO_8859_1)) {
      RoutePlan problem = VrpPlans.toPlan(VrpReader.read(reader), VrpObjective.DISTANCE);
      SolverConfig config = RoutingSolverConfig.build(RoutingSolverSettings.forSteps(150).withRuinRecreateWeight(1000));
      config.setEnvironmentMode(EnvironmentMode.FULL_ASSERT);
      RoutePlan best = SolverFactory.<RoutePlan>create(config).buildSolver().solve(problem);
      assertTrue(best.getScore().isFeasible(), best.getScore().toString());
      assertEquals(0, best.getScore().mediumScore());
    }
  }

  static void assertFeasible(CaravanDay day, List<Visit> list) {
    long time = day.getShiftStart();
    long load = 0;
    Place at = day.getStartDepot();
    for (Visit v : list) {
      long arrival = time + at.timeTo(v.getPlace());
      assertTrue(arrival <= v.getDueTime(), () -> v + " late on " + day);
      time = Math.max(arrival, v.getReadyTime()) + v.getServiceDuration();
      load += v.getDemand();
      at = v.getPlace();
    }
    if (!list.isEmpty()) assertTrue(time + at.timeTo(day.getEndDepot()) <= day.getShiftEnd(), () -> day + " back late");
    assertTrue(load <= day.getCapacity(), () -> day + " over capacity");
    List<Visit> copy = new ArrayList<>(list);
    assertEquals(copy.size(), copy.stream().distinct().count());
  }
}
