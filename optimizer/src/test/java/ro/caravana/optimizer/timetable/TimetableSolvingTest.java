package ro.caravana.optimizer.timetable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.optimizer.timetable.scenario.DemoScenario;

/** Solves the generated demo week with step-count terminations (deterministic, no timing assertions). */
class TimetableSolvingTest {

  static final LocalDate WEEK = LocalDate.of(2026, 11, 30);

  static Timetable demo() {
    return DemoScenario.generate(DemoScenario.Parameters.demo(1, 7, WEEK));
  }

  @Test
  @DisplayName("the demo week has the reference scenario's shape")
  void scenarioShape() {
    Timetable t = demo();
    assertEquals(11, t.getCentres().size());
    assertEquals(40, t.getStaff().size());
    assertEquals(1250, t.getBeneficiaries().size());
    assertEquals(889, t.getBeneficiaries().stream().filter(b -> b.category() != BeneficiaryCategory.VULNERABLE_FAMILY_MEMBER).count());
    assertTrue(t.getSessions().size() > 800 && t.getSessions().size() < 1200, "sessions: " + t.getSessions().size());
    Timetable again = demo();
    assertEquals(t.getSessions().size(), again.getSessions().size());
    assertEquals(t.getSessions().get(500).getId(), again.getSessions().get(500).getId());
    Timetable doubled = DemoScenario.generate(DemoScenario.Parameters.demo(2, 7, WEEK));
    assertEquals(22, doubled.getCentres().size());
    assertEquals(2500, doubled.getBeneficiaries().size());
  }

  @Test
  @DisplayName("the demo week solves to 0 hard with at least 95% of sessions assigned and no double-booking")
  void demoWeekIsFeasible() {
    Timetable best = TimetableSolver.solve(demo(), TimetableSolver.configSteps(1_000, 1));
    assertEquals(0, best.getScore().hardScore(), () -> "score " + best.getScore());
    assertTrue(best.assignedCount() >= 0.95 * best.getSessions().size(),
        () -> best.assignedCount() + " of " + best.getSessions().size() + " assigned");
    assertEquals(List.of(), overlaps(best));
  }

  @Test
  @DisplayName("the first-fit baseline alone is feasible")
  void firstFitIsFeasible() {
    Timetable t = demo();
    FirstFitPlanner.plan(t);
    assertEquals(List.of(), overlaps(t));
    assertTrue(t.assignedCount() > 0.9 * t.getSessions().size());
  }

  /** Independent of the constraints: staff, rooms and beneficiaries never in two places at once. */
  static List<String> overlaps(Timetable t) {
    Map<String, List<Session>> byKey = new HashMap<>();
    for (Session s : t.getSessions()) {
      if (!s.isAssigned()) continue;
      byKey.computeIfAbsent("staff " + s.getStaff().id(), k -> new ArrayList<>()).add(s);
      if (s.getRoom() != null) byKey.computeIfAbsent("room " + s.getRoom().id(), k -> new ArrayList<>()).add(s);
      for (Beneficiary b : s.getBeneficiaries()) byKey.computeIfAbsent("beneficiary " + b.id(), k -> new ArrayList<>()).add(s);
    }
    List<String> found = new ArrayList<>();
    byKey.forEach((key, list) -> {
      list.sort((a, b) -> Integer.compare(a.getStart(), b.getStart()));
      for (int i = 1; i < list.size(); i++) {
        if (list.get(i).getStart() < list.get(i - 1).getEndMinute()) found.add(key + ": " + list.get(i - 1) + " / " + list.get(i));
      }
    });
    return found;
  }
}
