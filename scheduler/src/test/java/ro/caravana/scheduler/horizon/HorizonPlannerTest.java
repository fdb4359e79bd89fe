package ro.caravana.scheduler.horizon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.optimizer.geo.RoadMatrix;
import ro.caravana.optimizer.routing.solver.RoutingSolverSettings;
import ro.caravana.scheduler.road.RoadNetwork;
import ro.caravana.scheduler.road.RoadRule;

/** The horizon model solved in memory on Vrancea localities: rhythm, maximum gap, closures, road entries. */
class HorizonPlannerTest {

  static final ZoneId ZONE = ZoneId.of("Europe/Bucharest");
  static final LocalDate MONDAY = LocalDate.of(2027, 1, 4);
  static final int FOCSANI = 174753;
  static final int NEREJU = 176953;
  static final int PALTIN = 177110;
  static final int NARUJA = 176908;

  static HorizonProblem problem(RoadNetwork roads, List<HorizonProblem.PublishedStop> published, Set<LocalDate> publishedWeeks) {
    return new HorizonProblem("VN", MONDAY, MONDAY.plusWeeks(8).minusDays(1), ZONE, 5,
        List.of(new HorizonProblem.Caravan(1, "CAR-VN-1", FOCSANI, 24, LocalTime.of(8, 0), LocalTime.of(17, 0)),
            new HorizonProblem.Caravan(2, "CAR-VN-2", FOCSANI, 24, LocalTime.of(8, 0), LocalTime.of(17, 0))),
        List.of(new HorizonProblem.Locality(NEREJU, "Nereju", 9, 24, 180, 14, 21, null, null),
            new HorizonProblem.Locality(PALTIN, "Paltin", 6, 10, 120, 14, 21, MONDAY.minusDays(10), 2L),
            new HorizonProblem.Locality(NARUJA, "Năruja", 12, 30, 240, 28, 35, null, null)),
        published, publishedWeeks,
        List.of(new HorizonProblem.Place(FOCSANI, "Focșani", 45.6967, 27.1837),
            new HorizonProblem.Place(NEREJU, "Nereju", 45.7167, 26.7167),
            new HorizonProblem.Place(PALTIN, "Paltin", 45.7833, 26.7333),
            new HorizonProblem.Place(NARUJA, "Năruja", 45.8333, 26.7833)),
        roads);
  }

  static HorizonResult solve(HorizonProblem p) {
    return HorizonPlanner.solve(p, RoutingSolverSettings.forSteps(2_000).withRandomSeed(0L), s -> { }, stop -> { });
  }

  static void assertGapsWithinMaximum(HorizonResult r) {
    for (Object o : r.localities()) {
      JsonObject l = (JsonObject) o;
      for (Object g : l.getJsonArray("gaps")) {
        assertTrue((Integer) g <= l.getInteger("maxGapDays"), l.encode());
        assertTrue((Integer) g > 0, l.encode());
      }
    }
  }

  @Test
  @DisplayName("Every locality gets its visits at its rhythm, no gap over its maximum, fewest caravan-days")
  void rhythm() {
    HorizonResult r = solve(problem(RoadNetwork.empty(), List.of(), Set.of()));
    assertTrue(r.score().startsWith("0hard/0medium/"), r.score());
    assertGapsWithinMaximum(r);
    JsonObject nereju = locality(r, NEREJU);
    assertEquals(4, nereju.getInteger("visitsPlanned"), nereju.encode());
    assertEquals(2, locality(r, NARUJA).getInteger("visitsPlanned"));
    assertEquals(10, locality(r, PALTIN).getInteger("daysSinceLastVisit"));
    assertEquals(0, r.summary().getInteger("peopleUncovered"));
    // three localities in the mountains, all visits fit in fewer caravan-days than visits
    assertTrue(r.summary().getInteger("caravanDays") < r.summary().getInteger("visits"), r.summary().encode());
    assertTrue(r.stops().stream().allMatch(s -> s.legSource().equals("estimate")));
    // Boboteaza and Sfântul Ion (6 and 7 January) are public holidays: no caravan goes out
    assertTrue(r.stops().stream().noneMatch(s -> s.day().equals(MONDAY.plusDays(2)) || s.day().equals(MONDAY.plusDays(3))),
        r.stops().toString());
  }

  @Test
  @DisplayName("Out-of-service days: a caravan does not drive on them, the other caravan and days carry the visits")
  void outOfService() {
    HorizonProblem base = problem(RoadNetwork.empty(), List.of(), Set.of());
    Set<LocalDate> idle = new java.util.HashSet<>();
    for (LocalDate d = MONDAY; d.isBefore(MONDAY.plusWeeks(4)); d = d.plusDays(1)) idle.add(d);
    HorizonProblem.Caravan first = base.caravans().get(0);
    HorizonProblem p = new HorizonProblem(base.county(), base.firstDay(), base.lastDay(), base.zone(), base.secondsLimit(),
        List.of(new HorizonProblem.Caravan(first.id(), first.code(), first.depotSiruta(), first.capacity(), first.shiftStart(),
            first.shiftEnd(), idle), base.caravans().get(1)),
        base.localities(), base.published(), base.publishedWeeks(), base.places(), base.roads());
    HorizonResult r = solve(p);
    assertTrue(r.score().startsWith("0hard/"), r.score());
    assertFalse(r.stops().isEmpty());
    assertEquals(List.of(), r.stops().stream().filter(s -> s.caravanId() == 1 && idle.contains(s.day())).toList());
    assertGapsWithinMaximum(r);
  }

  @Test
  @DisplayName("A winter closure is respected: no visit to the closed locality between its dates, the gaps still hold")
  void winterClosure() {
    LocalDate from = MONDAY.plusWeeks(1);
    LocalDate to = MONDAY.plusWeeks(3).minusDays(1);
    RoadNetwork roads = new RoadNetwork(Map.of(), List.of(new RoadRule(1, NEREJU, from, to, RoadRule.Kind.CLOSED, 100, "iarna")));
    HorizonResult open = solve(problem(RoadNetwork.empty(), List.of(), Set.of()));
    assertTrue(open.stops().stream().anyMatch(s -> s.siruta() == NEREJU && !s.day().isBefore(from) && !s.day().isAfter(to)),
        "without the rule the solver visits Nereju in those weeks (else the test would prove nothing)");
    HorizonResult closed = solve(problem(roads, List.of(), Set.of()));
    assertFalse(closed.stops().stream().anyMatch(s -> s.siruta() == NEREJU && !s.day().isBefore(from) && !s.day().isAfter(to)),
        closed.localities().encodePrettily());
    assertTrue(closed.score().startsWith("0hard/"), closed.score());
    assertGapsWithinMaximum(closed);
  }

  @Test
  @DisplayName("An imported asymmetric pair is used each way as imported (95 min up, 70 min down), the estimate elsewhere, and each leg says which")
  void asymmetricRoadEntry() {
    RoadNetwork roads = new RoadNetwork(Map.of(
        RoadNetwork.key(FOCSANI, NEREJU), new RoadNetwork.Entry(FOCSANI, NEREJU, 95 * 60, 61_000, RoadMatrix.Source.CSV),
        RoadNetwork.key(NEREJU, FOCSANI), new RoadNetwork.Entry(NEREJU, FOCSANI, 70 * 60, 58_000, RoadMatrix.Source.CSV)),
        List.of());
    HorizonProblem all = problem(roads, List.of(), Set.of());
    HorizonProblem onlyNereju = new HorizonProblem("VN", all.firstDay(), all.lastDay(), ZONE, 5, all.caravans(),
        all.localities().subList(0, 1), List.of(), Set.of(), all.places(), roads);
    HorizonResult r = solve(onlyNereju);
    assertEquals(4, r.stops().size(), r.stops().toString());
    for (HorizonResult.Stop s : r.stops()) {
      assertEquals("csv", s.legSource());
      assertEquals("csv", s.backSource());
      // 08:00 + 95 min up the valley
      assertEquals(LocalTime.of(9, 35), s.arrivesAt().atZoneSameInstant(ZONE).toLocalTime());
    }
    // driving: 4 days x (95 + 70) minutes
    assertEquals(Math.round(4 * 165 / 6.0) / 10.0, r.summary().getDouble("drivingHours"));
    assertEquals(8, r.summary().getJsonObject("legs").getInteger("csv"));
    // the same problem with all three localities uses the estimate for the legs nobody imported
    HorizonResult mixed = solve(all);
    assertTrue(mixed.summary().getJsonObject("legs").getInteger("estimate") > 0, mixed.summary().encode());
    assertTrue(mixed.stops().stream().filter(s -> s.siruta() != NEREJU).allMatch(s -> s.position() > 0
        || s.legSource().equals("estimate")));
  }

  @Test
  @DisplayName("A published week stays exactly as published; the rest of the horizon is planned around it")
  void publishedWeekPinned() {
    LocalDate wednesday = MONDAY.plusWeeks(2).plusDays(2);
    List<HorizonProblem.PublishedStop> published = List.of(new HorizonProblem.PublishedStop(2, wednesday, 0, PALTIN),
        new HorizonProblem.PublishedStop(2, wednesday, 1, NEREJU));
    HorizonResult r = solve(problem(RoadNetwork.empty(), published, Set.of(MONDAY.plusWeeks(2))));
    List<HorizonResult.Stop> inWeek = r.stops().stream()
        .filter(s -> !s.day().isBefore(MONDAY.plusWeeks(2)) && s.day().isBefore(MONDAY.plusWeeks(3))).toList();
    assertEquals(2, inWeek.size(), inWeek.toString());
    assertTrue(inWeek.stream().allMatch(HorizonResult.Stop::pinned));
    assertEquals(PALTIN, inWeek.get(0).siruta());
    assertEquals(NEREJU, inWeek.get(1).siruta());
    assertTrue(r.score().startsWith("0hard/"), r.score());
    assertGapsWithinMaximum(r);
  }

  @Test
  @DisplayName("a large locality's published stops are shared out among its groups: each stop once, one group per stop and day")
  void publishedStopsSharedOutAmongParts() {
    LocalDate mon = LocalDate.of(2026, 12, 21);
    List<HorizonProblem.PublishedStop> published = List.of(
        new HorizonProblem.PublishedStop(3, mon.plusDays(2), 1, 176766),
        new HorizonProblem.PublishedStop(3, mon, 1, 176766),
        new HorizonProblem.PublishedStop(3, mon.plusDays(2), 2, 176766));
    List<List<HorizonProblem.PublishedStop>> parts = HorizonPlanner.shareOut(published, 3);
    assertEquals(List.of(mon), parts.get(0).stream().map(HorizonProblem.PublishedStop::day).toList());
    assertEquals(List.of(1), parts.get(1).stream().map(HorizonProblem.PublishedStop::position).toList());
    assertEquals(List.of(2), parts.get(2).stream().map(HorizonProblem.PublishedStop::position).toList());
    assertEquals(List.of(published.get(1), published.get(0), published.get(2)),
        HorizonPlanner.shareOut(published, 1).get(0), "one group takes them all, in date order");
    List<List<HorizonProblem.PublishedStop>> two = HorizonPlanner.shareOut(published, 2);
    assertEquals(3, two.get(0).size() + two.get(1).size(), "nothing dropped when a day has more stops than groups");
  }

  @Test
  @DisplayName("When caravan-days are short, the visit left out is that of the least vulnerable, and the report says who waits")
  void coverageFavoursTheVulnerable() {
    // each locality was visited last Tuesday and is due weekly (at most 10 days apart): due Monday to
    // Wednesday; a caravan-day fits one stop of 200 minutes, not two
    // (a week without public holidays: 6 January 2027 is one)
    LocalDate monday = MONDAY.plusWeeks(1);
    LocalDate lastTuesday = monday.minusDays(6);
    List<HorizonProblem.Locality> due = List.of(
        new HorizonProblem.Locality(NEREJU, "Nereju", 10, 40, 200, 7, 10, lastTuesday, 1L),
        new HorizonProblem.Locality(PALTIN, "Paltin", 10, 10, 200, 7, 10, lastTuesday, 1L),
        new HorizonProblem.Locality(NARUJA, "Năruja", 10, 25, 200, 7, 10, lastTuesday, 1L));
    List<HorizonProblem.Caravan> one = List.of(
        new HorizonProblem.Caravan(1, "CAR-VN-1", FOCSANI, 12, LocalTime.of(8, 0), LocalTime.of(14, 30)));
    List<HorizonProblem.Place> places = problem(RoadNetwork.empty(), List.of(), Set.of()).places();
    HorizonResult threeDays = solve(new HorizonProblem("VN", monday, monday.plusDays(2), ZONE, 5, one, due, List.of(), Set.of(),
        places, RoadNetwork.empty()));
    assertEquals(0, threeDays.summary().getInteger("peopleUncovered"), threeDays.summary().encode() + threeDays.localities().encode() + threeDays.score());
    assertEquals(3, threeDays.summary().getInteger("caravanDays"));
    // Monday and Tuesday only: one of the three waits, and it is Paltin (fewest vulnerable people)
    HorizonResult twoDays = solve(new HorizonProblem("VN", monday, monday.plusDays(1), ZONE, 5, one, due, List.of(), Set.of(),
        places, RoadNetwork.empty()));
    assertEquals(0, locality(twoDays, PALTIN).getInteger("visitsPlanned"), twoDays.localities().encodePrettily());
    assertEquals(0, locality(twoDays, PALTIN).getInteger("peopleCovered"));
    assertEquals(6, locality(twoDays, PALTIN).getInteger("daysSinceLastVisit"));
    assertEquals(1, locality(twoDays, NEREJU).getInteger("visitsPlanned"));
    assertEquals(1, locality(twoDays, NARUJA).getInteger("visitsPlanned"));
    assertEquals(10, twoDays.summary().getInteger("peopleUncovered"));
  }

  static JsonObject locality(HorizonResult r, int siruta) {
    return r.localities().stream().map(o -> (JsonObject) o).filter(l -> l.getInteger("siruta") == siruta).findFirst()
        .orElseThrow();
  }
}
