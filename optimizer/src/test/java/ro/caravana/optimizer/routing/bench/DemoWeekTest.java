package ro.caravana.optimizer.routing.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.solver.SolverFactory;
import ro.caravana.optimizer.routing.domain.CaravanDay;
import ro.caravana.optimizer.routing.domain.RoutePlan;
import ro.caravana.optimizer.routing.domain.Visit;
import ro.caravana.optimizer.routing.solver.RoutingSolverConfig;
import ro.caravana.optimizer.routing.solver.RoutingSolverSettings;

class DemoWeekTest {

  private static RoutePlan solve(RoutePlan plan, int steps) {
    return SolverFactory.<RoutePlan>create(RoutingSolverConfig.build(RoutingSolverSettings.forSteps(steps)))
        .buildSolver().solve(plan);
  }

  @Test
  @DisplayName("The demo week of 50 real communes gets a plan without hard violations and every visit placed")
  void demoWeekFeasible() {
    RoutePlan best = solve(DemoWeek.build(), 6_000);
    assertEquals(0, best.getScore().hardScore(), best.getScore().toString());
    assertEquals(0, best.unassignedList().getVisits().size(), best.getScore().toString());
    for (CaravanDay day : best.drivingDays()) {
      for (Visit v : day.getVisits()) {
        assertTrue(day.getSkills().containsAll(v.getRequiredSkills()), v + " on " + day);
        assertTrue(v.getAllowedDates().isEmpty() || v.getAllowedDates().contains(day.getDate()), v + " on " + day);
      }
    }
  }

  @Test
  @DisplayName("An over-full week keeps hard constraints and says what did not fit, biggest needs served first")
  void overConstrainedWeekLeavesVisitsUnassigned() {
    RoutePlan week = DemoWeek.build();
    // Only Monday's four caravan-days remain: far too few for 50 visits.
    List<CaravanDay> monday = new ArrayList<>(week.getCaravanDays().stream()
        .filter(d -> !d.isUnassignedList() && d.getDate().equals(DemoWeek.MONDAY)).toList());
    RoutePlan small = new RoutePlan("monday only", monday, week.getVisits());
    RoutePlan best = solve(small, 1_000);
    assertEquals(0, best.getScore().hardScore(), best.getScore().toString());
    assertTrue(best.getScore().mediumScore() < 0);
    assertFalse(best.unassignedList().getVisits().isEmpty());
    assertTrue(best.drivingDays().size() <= 4);
  }

  @Test
  @DisplayName("Pinned visits keep their caravan-day and their order while the rest of the week is planned")
  void pinnedVisitsDoNotMove() {
    RoutePlan week = DemoWeek.build();
    CaravanDay tuesday = week.getCaravanDays().stream().filter(d -> d.getId().equals("VN-1-2026-11-24")).findFirst()
        .orElseThrow();
    List<Visit> far = week.getVisits().stream().filter(v -> v.getPlace().name().equals("Vulturu")
        || v.getPlace().name().equals("Garoafa")).toList();
    assertEquals(2, far.size());
    tuesday.preassign(far);
    far.forEach(v -> v.setPinned(true));
    RoutePlan best = solve(week, 1_500);
    CaravanDay solvedTuesday = best.getCaravanDays().stream().filter(d -> d.getId().equals("VN-1-2026-11-24"))
        .findFirst().orElseThrow();
    List<String> pinnedOrder = solvedTuesday.getVisits().stream().filter(Visit::isPinned)
        .map(v -> v.getPlace().name()).toList();
    assertEquals(far.stream().map(v -> v.getPlace().name()).toList(), pinnedOrder);
    best.getVisits().stream().filter(Visit::isPinned)
        .forEach(v -> assertSame(solvedTuesday, v.getCaravanDay(), v.toString()));
    assertEquals(0, best.getScore().hardScore(), best.getScore().toString());
  }

  @Test
  @DisplayName("A published (pinned) caravan-day keeps exactly its visits: nothing leaves and nothing is added")
  void pinnedDayIsUntouched() {
    RoutePlan week = DemoWeek.build();
    CaravanDay monday = week.getCaravanDays().stream().filter(d -> d.getId().equals("BC-1-2026-11-23")).findFirst()
        .orElseThrow();
    List<Visit> published = week.getVisits().stream().filter(v -> v.getPlace().name().equals("Vulturu")).toList();
    monday.preassign(published);
    monday.setPinned(true);
    RoutePlan best = solve(week, 1_000);
    CaravanDay solvedMonday = best.getCaravanDays().stream().filter(d -> d.getId().equals("BC-1-2026-11-23"))
        .findFirst().orElseThrow();
    assertEquals(List.of("Vulturu"), solvedMonday.getVisits().stream().map(v -> v.getPlace().name()).toList());
  }
}
