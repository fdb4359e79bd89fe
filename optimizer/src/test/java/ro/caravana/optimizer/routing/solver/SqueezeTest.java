package ro.caravana.optimizer.routing.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.optimizer.geo.TravelMatrix;
import ro.caravana.optimizer.routing.domain.CaravanDay;
import ro.caravana.optimizer.routing.domain.Place;
import ro.caravana.optimizer.routing.domain.Visit;
import ro.caravana.optimizer.routing.solver.RuinRecreate.Route;

class SqueezeTest {

  /** depot, 1, 2, 3 on a line 600 s apart. */
  private static final TravelMatrix LINE = new TravelMatrix() {
    @Override public int size() { return 4; }
    @Override public long seconds(int from, int to) { return 600L * Math.abs(from - to); }
    @Override public long metres(int from, int to) { return seconds(from, to) * 10; }
  };
  private static final Place DEPOT = new Place(0, "depot", LINE);
  private static final long EIGHT = 8 * 3600;

  private static CaravanDay day(String id, long end, long capacity, Set<String> skills) {
    return new CaravanDay(id, id, "crew-" + id, null, EIGHT, end, DEPOT, DEPOT, skills, capacity, 7200);
  }

  private static Visit visit(String id, int place, Set<String> skills) {
    return new Visit(id, new Place(place, id, LINE), 1800, 1, skills, 0, 24 * 3600, Set.of(), 1);
  }

  @Test
  @DisplayName("The penalty counts minutes late (time warp), the return after the shift end and capacity excess")
  void penalty() {
    CaravanDay d = day("d", EIGHT + 5400, 10, Set.of());
    Visit near = visit("V", 1, Set.of());
    Visit far = visit("W", 3, Set.of());
    Squeeze.Walk walk = new Squeeze.Walk();
    assertEquals(0, Squeeze.penalty(walk, d, List.of(far)), "1800 there, 1800 service, 1800 back: exactly the shift");
    // V done 8:40, W reached 9:00, done 9:30, back 10:00: 30 minutes after the shift end
    assertEquals(1800, Squeeze.penalty(walk, d, List.of(near, far)));
    Visit due = new Visit("E", new Place(3, "E", LINE), 1800, 1, Set.of(), 0, EIGHT + 1200, Set.of(), 1);
    // E reached 8:30 though due 8:20: 600 s of warp; the day goes on from 8:20, done 8:50, back 9:20
    assertEquals(600, Squeeze.penalty(walk, d, List.of(due)));
    CaravanDay small = day("s", EIGHT + 5400, 1, Set.of());
    assertEquals(5400, Squeeze.penalty(walk, small, List.of(near, near)) - Squeeze.penalty(walk, d, List.of(near, near)),
        "one unit over a capacity of 1 weighs the shift length over the capacity");
  }

  @Test
  @DisplayName("A visit that fits nowhere as the days are is squeezed in: put where it breaks least, then the broken day repaired")
  void squeezesAVisitIn() {
    // V needs the skill of d1, where W leaves no room; W can move to d3, which lacks the skill
    Visit v = visit("V", 1, Set.of("x"));
    Visit w = visit("W", 3, Set.of());
    Visit c = visit("C", 2, Set.of());
    CaravanDay first = day("d1", EIGHT + 5400, 10, Set.of("x"));
    CaravanDay third = day("d3", 17 * 3600, 10, Set.of());
    Route one = new Route(first, List.of(w));
    Route three = new Route(third, List.of(c));
    List<Route> routes = List.of(one, three);
    assertTrue(one.insertionCost(v, 0) == Long.MAX_VALUE && one.insertionCost(v, 1) == Long.MAX_VALUE,
        "no feasible place for V as the days are");
    Map<Route, Boolean> touched = new IdentityHashMap<>();

    assertTrue(new Squeeze(new Random(1)).place(routes, v, touched));

    assertEquals(List.of(v), one.visits);
    assertEquals(Set.of(c, w), Set.copyOf(three.visits));
    RuinRecreateTest.assertFeasible(first, one.visits);
    RuinRecreateTest.assertFeasible(third, three.visits);
    assertTrue(touched.containsKey(one) && touched.containsKey(three));
  }

  @Test
  @DisplayName("When no repair makes every day feasible, the days are given back exactly as they were")
  void givesBackWhenItCannotRepair() {
    Visit v = visit("V", 1, Set.of("x"));
    Visit w = visit("W", 3, Set.of("x"));
    Visit c = visit("C", 2, Set.of());
    CaravanDay first = day("d1", EIGHT + 5400, 10, Set.of("x"));
    CaravanDay third = day("d3", 17 * 3600, 10, Set.of());
    Route one = new Route(first, new ArrayList<>(List.of(w)));
    Route three = new Route(third, new ArrayList<>(List.of(c)));
    Map<Route, Boolean> touched = new IdentityHashMap<>();

    assertFalse(new Squeeze(new Random(1)).place(List.of(one, three), v, touched));

    assertEquals(List.of(w), one.visits);
    assertEquals(List.of(c), three.visits);
    assertTrue(touched.isEmpty());
    assertEquals(1, one.load, "the route's own figures are recomputed");
  }
}
