package ro.caravana.optimizer.routing.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RoutingSolverSettingsTest {

  @Test
  @DisplayName("Late acceptance memory: 1000 up to 100 visits, then 100 000 / visits, never below 100")
  void lateAcceptanceBySize() {
    assertEquals(1_000, RoutingSolverSettings.lateAcceptanceSizeFor(50));
    assertEquals(1_000, RoutingSolverSettings.lateAcceptanceSizeFor(100));
    assertEquals(196, RoutingSolverSettings.lateAcceptanceSizeFor(509));
    assertEquals(100, RoutingSolverSettings.lateAcceptanceSizeFor(5_000));
  }

  @Test
  @DisplayName("A late acceptance size set by hand is kept whatever the problem size")
  void explicitSizeWins() {
    RoutingSolverSettings auto = RoutingSolverSettings.forSeconds(10);
    assertEquals(196, auto.sizedFor(509).lateAcceptanceSize());
    assertEquals(1_000, auto.effectiveLateAcceptanceSize());
    assertEquals(50, auto.withLateAcceptanceSize(50).sizedFor(509).lateAcceptanceSize());
  }
}
