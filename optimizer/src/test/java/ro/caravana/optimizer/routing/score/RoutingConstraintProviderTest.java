package ro.caravana.optimizer.routing.score;

import static ro.caravana.optimizer.routing.score.RouteFixtures.A;
import static ro.caravana.optimizer.routing.score.RouteFixtures.B;
import static ro.caravana.optimizer.routing.score.RouteFixtures.MONDAY;
import static ro.caravana.optimizer.routing.score.RouteFixtures.SIXTEEN;
import static ro.caravana.optimizer.routing.score.RouteFixtures.TUESDAY;
import static ro.caravana.optimizer.routing.score.RouteFixtures.day;
import static ro.caravana.optimizer.routing.score.RouteFixtures.route;
import static ro.caravana.optimizer.routing.score.RouteFixtures.visit;

import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.optaplanner.test.api.score.stream.ConstraintVerifier;
import ro.caravana.optimizer.routing.domain.CaravanDay;
import ro.caravana.optimizer.routing.domain.RoutePlan;
import ro.caravana.optimizer.routing.domain.Visit;

class RoutingConstraintProviderTest {

  private final ConstraintVerifier<RoutingConstraintProvider, RoutePlan> verifier =
      ConstraintVerifier.build(new RoutingConstraintProvider(), RoutePlan.class, CaravanDay.class, Visit.class);

  @Test
  @DisplayName(RoutingConstraintProvider.SHIFT_END + ": overrun counted in seconds including the drive back")
  void shiftEnd() {
    // depot 08:00 -> A at 08:10, 1 h service, back (asymmetric 900 s) at 09:25 = 33900; shift ends 30000
    Visit a = visit("a", A, 3600, 1);
    CaravanDay shortShift = route(day("d1", MONDAY, 30_000, Set.of(), 100, 0), a);
    verifier.verifyThat(RoutingConstraintProvider::shiftEnd).given(shortShift, a)
        .penalizesBy(3900L, RoutingConstraintProvider.SHIFT_END);
    Visit b = visit("b", A, 3600, 1);
    CaravanDay fullShift = route(day("d2", MONDAY, SIXTEEN, Set.of(), 100, 0), b);
    verifier.verifyThat(RoutingConstraintProvider::shiftEnd).given(fullShift, b)
        .penalizesBy(0L, RoutingConstraintProvider.SHIFT_END);
  }

  @Test
  @DisplayName(RoutingConstraintProvider.TIME_WINDOW + ": lateness in seconds, waiting is free")
  void timeWindow() {
    // arrival at A is 28800 + 600 = 29400
    Visit late = visit("late", A, 600, 1, Set.of(), 0, 29_000, Set.of(), 1);
    CaravanDay d1 = route(day("d1"), late);
    verifier.verifyThat(RoutingConstraintProvider::timeWindow).given(d1, late)
        .penalizesBy(400L, RoutingConstraintProvider.TIME_WINDOW);
    Visit waits = visit("waits", A, 600, 1, Set.of(), 36_000, 40_000, Set.of(), 1);
    CaravanDay d2 = route(day("d2"), waits);
    verifier.verifyThat(RoutingConstraintProvider::timeWindow).given(d2, waits)
        .penalizesBy(0L, RoutingConstraintProvider.TIME_WINDOW);
  }

  @Test
  @DisplayName(RoutingConstraintProvider.SKILLS + ": one point per missing skill")
  void skills() {
    Visit needs = visit("needs", A, 600, 1, Set.of("speech", "nurse", "kineto"), 0, 86_400, Set.of(), 1);
    CaravanDay nurseOnly = route(day("d1", MONDAY, SIXTEEN, Set.of("nurse"), 100, 0), needs);
    verifier.verifyThat(RoutingConstraintProvider::skills).given(nurseOnly, needs)
        .penalizesBy(2L, RoutingConstraintProvider.SKILLS);
    Visit covered = visit("covered", A, 600, 1, Set.of("speech", "nurse"), 0, 86_400, Set.of(), 1);
    CaravanDay full = route(day("d2", MONDAY, SIXTEEN, Set.of("speech", "nurse", "doctor"), 100, 0), covered);
    verifier.verifyThat(RoutingConstraintProvider::skills).given(full, covered)
        .penalizesBy(0L, RoutingConstraintProvider.SKILLS);
  }

  @Test
  @DisplayName(RoutingConstraintProvider.CAPACITY + ": consultations over capacity")
  void capacity() {
    Visit a = visit("a", A, 600, 6);
    Visit b = visit("b", B, 600, 7);
    CaravanDay small = route(day("d1", MONDAY, SIXTEEN, Set.of(), 10, 0), a, b);
    verifier.verifyThat(RoutingConstraintProvider::capacity).given(small, a, b)
        .penalizesBy(3L, RoutingConstraintProvider.CAPACITY);
    Visit c = visit("c", A, 600, 6);
    Visit d = visit("d", B, 600, 7);
    CaravanDay exact = route(day("d2", MONDAY, SIXTEEN, Set.of(), 13, 0), c, d);
    verifier.verifyThat(RoutingConstraintProvider::capacity).given(exact, c, d)
        .penalizesBy(0L, RoutingConstraintProvider.CAPACITY);
  }

  @Test
  @DisplayName(RoutingConstraintProvider.ALLOWED_DATE + ": a visit on a date its frequency does not allow")
  void allowedDate() {
    Visit mondayOnly = visit("m", A, 600, 1, Set.of(), 0, 86_400, Set.of(MONDAY), 1);
    CaravanDay tuesday = route(day("d1", TUESDAY, SIXTEEN, Set.of(), 100, 0), mondayOnly);
    verifier.verifyThat(RoutingConstraintProvider::allowedDate).given(tuesday, mondayOnly)
        .penalizesBy(1L, RoutingConstraintProvider.ALLOWED_DATE);
    Visit mondayToo = visit("m2", A, 600, 1, Set.of(), 0, 86_400, Set.of(MONDAY), 1);
    CaravanDay monday = route(day("d2", MONDAY, SIXTEEN, Set.of(), 100, 0), mondayToo);
    verifier.verifyThat(RoutingConstraintProvider::allowedDate).given(monday, mondayToo)
        .penalizesBy(0L, RoutingConstraintProvider.ALLOWED_DATE);
  }

  @Test
  @DisplayName(RoutingConstraintProvider.UNASSIGNED + ": weighted by priority times demand")
  void unassignedVisit() {
    Visit left = visit("left", A, 600, 4, Set.of(), 0, 86_400, Set.of(), 3);
    CaravanDay unassigned = route(CaravanDay.unassigned(), left);
    verifier.verifyThat(RoutingConstraintProvider::unassignedVisit).given(unassigned, left)
        .penalizesBy(12L, RoutingConstraintProvider.UNASSIGNED);
    Visit planned = visit("planned", A, 600, 4, Set.of(), 0, 86_400, Set.of(), 3);
    CaravanDay d = route(day("d"), planned);
    verifier.verifyThat(RoutingConstraintProvider::unassignedVisit).given(d, planned, route(CaravanDay.unassigned()))
        .penalizesBy(0L, RoutingConstraintProvider.UNASSIGNED);
  }

  @Test
  @DisplayName(RoutingConstraintProvider.CARAVAN_DAYS_USED + ": the fixed cost of each day that drives")
  void caravanDaysUsed() {
    Visit a = visit("a", A, 600, 1);
    CaravanDay driving = route(day("d1", MONDAY, SIXTEEN, Set.of(), 100, 5_000), a);
    CaravanDay idle = route(day("d2", MONDAY, SIXTEEN, Set.of(), 100, 5_000));
    verifier.verifyThat(RoutingConstraintProvider::caravanDaysUsed).given(driving, idle, a)
        .penalizesBy(5_000L, RoutingConstraintProvider.CARAVAN_DAYS_USED);
    verifier.verifyThat(RoutingConstraintProvider::caravanDaysUsed).given(route(day("d3", MONDAY, SIXTEEN, Set.of(),
        100, 5_000)))
        .penalizesBy(0L, RoutingConstraintProvider.CARAVAN_DAYS_USED);
  }

  @Test
  @DisplayName(RoutingConstraintProvider.TRAVEL_TIME + ": depot to depot, asymmetric legs")
  void travelTime() {
    // depot->A 600, A->B 300, B->depot 700
    Visit a = visit("a", A, 600, 1);
    Visit b = visit("b", B, 600, 1);
    CaravanDay d = route(day("d"), a, b);
    verifier.verifyThat(RoutingConstraintProvider::travelTime).given(d, a, b)
        .penalizesBy(1_600L, RoutingConstraintProvider.TRAVEL_TIME);
    Visit left = visit("left", A, 600, 1);
    verifier.verifyThat(RoutingConstraintProvider::travelTime).given(route(CaravanDay.unassigned(), left), left)
        .penalizesBy(0L, RoutingConstraintProvider.TRAVEL_TIME);
  }

  @Test
  @DisplayName(RoutingConstraintProvider.VISIT_SPACING + ": days off the wanted interval")
  void visitSpacing() {
    Visit early = visit("early", A, 600, 1).withHistory(MONDAY.minusDays(14), 14, null);
    CaravanDay wednesday = route(day("d1", MONDAY.plusDays(2), SIXTEEN, Set.of(), 100, 0), early);
    verifier.verifyThat(RoutingConstraintProvider::visitSpacing).given(wednesday, early)
        .penalizesBy(2 * RoutingConstraintProvider.SPACING_TICKS_PER_DAY, RoutingConstraintProvider.VISIT_SPACING);
    Visit onTime = visit("onTime", A, 600, 1).withHistory(MONDAY.minusDays(14), 14, null);
    CaravanDay monday = route(day("d2"), onTime);
    verifier.verifyThat(RoutingConstraintProvider::visitSpacing).given(monday, onTime)
        .penalizesBy(0L, RoutingConstraintProvider.VISIT_SPACING);
  }

  @Test
  @DisplayName(RoutingConstraintProvider.SAME_CREW + ": a crew change costs a fixed amount")
  void sameCrew() {
    Visit changed = visit("changed", A, 600, 1).withHistory(MONDAY.minusDays(14), 14, "crew-other");
    CaravanDay d1 = route(day("d1"), changed);
    verifier.verifyThat(RoutingConstraintProvider::sameCrew).given(d1, changed)
        .penalizesBy(RoutingConstraintProvider.CREW_CHANGE_TICKS, RoutingConstraintProvider.SAME_CREW);
    Visit same = visit("same", A, 600, 1).withHistory(MONDAY.minusDays(14), 14, "crew-d2");
    CaravanDay d2 = route(day("d2"), same);
    verifier.verifyThat(RoutingConstraintProvider::sameCrew).given(d2, same)
        .penalizesBy(0L, RoutingConstraintProvider.SAME_CREW);
  }

  @Test
  @DisplayName(RoutingConstraintProvider.PUBLISHED_DAY + ": one point per visit slipped into a published day")
  void publishedDay() {
    Visit announced = visit("announced", A, 600, 1);
    Visit added = visit("added", B, 600, 1);
    CaravanDay published = route(day("d1"), announced);
    published.setPinned(true);
    route(published, announced, added);
    verifier.verifyThat(RoutingConstraintProvider::publishedDay).given(published, announced, added)
        .penalizesBy(1L, RoutingConstraintProvider.PUBLISHED_DAY);
    Visit announcedToo = visit("announcedToo", A, 600, 1);
    CaravanDay untouched = route(day("d2"), announcedToo);
    untouched.setPinned(true);
    Visit other = visit("other", B, 600, 1);
    CaravanDay open = route(day("d3"), other);
    verifier.verifyThat(RoutingConstraintProvider::publishedDay).given(untouched, announcedToo, open, other)
        .penalizesBy(0L, RoutingConstraintProvider.PUBLISHED_DAY);
  }

  /** Visit {@code index} of A's series, every 14 days with at most 17 between two. */
  private static Visit inSeries(String id, int index) {
    return visit(id, A, 600, 1).withHistory(null, 14, null).inSeries("A", index, 17);
  }

  @Test
  @DisplayName(RoutingConstraintProvider.SERIES_MAX_GAP + ": days over the maximum between consecutive visits of a locality")
  void seriesMaxGap() {
    Visit first = inSeries("s0", 0);
    Visit second = inSeries("s1", 1);
    CaravanDay monday = route(day("d1"), first);
    CaravanDay tooLate = route(day("d2", MONDAY.plusDays(20), SIXTEEN, Set.of(), 100, 0), second);
    verifier.verifyThat(RoutingConstraintProvider::seriesMaxGap).given(monday, tooLate, first, second)
        .penalizesBy(3L, RoutingConstraintProvider.SERIES_MAX_GAP);
    Visit third = inSeries("t0", 0);
    Visit fourth = inSeries("t1", 1);
    CaravanDay m2 = route(day("d3"), third);
    CaravanDay inTime = route(day("d4", MONDAY.plusDays(17), SIXTEEN, Set.of(), 100, 0), fourth);
    verifier.verifyThat(RoutingConstraintProvider::seriesMaxGap).given(m2, inTime, third, fourth)
        .penalizesBy(0L, RoutingConstraintProvider.SERIES_MAX_GAP);
  }

  @Test
  @DisplayName(RoutingConstraintProvider.SERIES_MAX_GAP + ": a visit left out makes the gap between its planned neighbours count")
  void seriesGapAcrossUnplannedVisit() {
    Visit first = inSeries("s0", 0);
    Visit second = inSeries("s1", 1);
    Visit third = inSeries("s2", 2);
    CaravanDay d0 = route(day("d0"), first);
    CaravanDay out = route(CaravanDay.unassigned(), second);
    CaravanDay d2 = route(day("d2", MONDAY.plusDays(28), SIXTEEN, Set.of(), 100, 0), third);
    // 28 days between the planned visits: 11 over the maximum of 17
    verifier.verifyThat(RoutingConstraintProvider::seriesMaxGap).given(d0, out, d2, first, second, third)
        .penalizesBy(11L, RoutingConstraintProvider.SERIES_MAX_GAP);
  }

  @Test
  @DisplayName(RoutingConstraintProvider.SERIES_SPACING + ": days off the wanted interval between consecutive visits, only between neighbours")
  void seriesSpacing() {
    Visit first = inSeries("s0", 0);
    Visit second = inSeries("s1", 1);
    Visit third = inSeries("s2", 2);
    CaravanDay d0 = route(day("d0"), first);
    CaravanDay d1 = route(day("d1", MONDAY.plusDays(10), SIXTEEN, Set.of(), 100, 0), second);
    CaravanDay d2 = route(day("d2", MONDAY.plusDays(24), SIXTEEN, Set.of(), 100, 0), third);
    // 10 days (4 off) then 14 days (0 off); visit 0 and 2 are not neighbours
    verifier.verifyThat(RoutingConstraintProvider::seriesSpacing).given(d0, d1, d2, first, second, third)
        .penalizesBy(4 * RoutingConstraintProvider.SPACING_TICKS_PER_DAY, RoutingConstraintProvider.SERIES_SPACING);
  }

  @Test
  @DisplayName(RoutingConstraintProvider.SERIES_SAME_CREW + ": a crew change between consecutive visits of a locality costs; an unplanned neighbour does not count")
  void seriesSameCrew() {
    Visit first = inSeries("s0", 0);
    Visit second = inSeries("s1", 1);
    Visit third = inSeries("s2", 2);
    CaravanDay d0 = route(day("d0"), first);
    CaravanDay d1 = route(day("d1", MONDAY.plusDays(14), SIXTEEN, Set.of(), 100, 0), second);
    CaravanDay out = route(CaravanDay.unassigned(), third);
    verifier.verifyThat(RoutingConstraintProvider::seriesSameCrew).given(d0, d1, out, first, second, third)
        .penalizesBy(RoutingConstraintProvider.CREW_CHANGE_TICKS, RoutingConstraintProvider.SERIES_SAME_CREW);
  }

  @Test
  @DisplayName(RoutingConstraintProvider.UNASSIGNED + ": a coverage weight replaces priority times demand")
  void coverageWeight() {
    Visit weighted = visit("w", A, 600, 5).withCoverageWeight(420);
    CaravanDay out = route(CaravanDay.unassigned(), weighted);
    verifier.verifyThat(RoutingConstraintProvider::unassignedVisit).given(out, weighted)
        .penalizesBy(420L, RoutingConstraintProvider.UNASSIGNED);
  }
}
