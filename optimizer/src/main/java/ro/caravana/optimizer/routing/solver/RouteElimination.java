package ro.caravana.optimizer.routing.solver;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ro.caravana.optimizer.routing.domain.CaravanDay;
import ro.caravana.optimizer.routing.domain.Place;
import ro.caravana.optimizer.routing.domain.RoutePlan;
import ro.caravana.optimizer.routing.domain.Visit;
import ro.caravana.optimizer.routing.solver.RuinRecreate.Route;

/**
 * Empties one caravan-day by moving its visits onto the other driving days, for plans where a day
 * costs more than the driving it could save (the fixed cost of a caravan-day; the vehicles-first
 * objective of the benchmarks). After the ejection pool of Nagata and Bräysy (2009): the visits of
 * the removed route wait in a pool; each is put at its cheapest place that keeps every time window,
 * the shift end, capacity, skills and allowed dates; when there is none it is squeezed in
 * ({@link Squeeze}: put where it breaks least, then the broken days repaired by moves between the
 * days); when that fails too it takes the place of up to {@link #MAX_EJECTED} visits of another
 * day, chosen by how seldom those visits failed to find a place themselves (so the hard-to-place
 * ones are not pushed around in a circle), and the visits pushed out join the pool.
 *
 * <p>A proposal exists only when the pool empties within a bounded number of placements (and
 * {@link #ATTEMPT_NANOS}): every
 * visit stays planned and no empty day is opened, so the plan has one day fewer. Days with a pinned
 * visit are never emptied, pinned visits never pushed out, published days never touched. The
 * proposal is scored by the full constraint set like any other move.
 */
final class RouteElimination {

  /** Placements allowed per visit of the removed route before the attempt is given up. */
  static final int PLACEMENTS_PER_VISIT = 50;
  /** Routes drawn to choose the one to empty (the one with fewest visits wins). */
  static final int TOURNAMENT = 3;
  /** Most visits pushed out of one day to make room for one visit of the pool. */
  static final int MAX_EJECTED = 3;
  /** Longest time one attempt may take (the squeeze makes a placement cost up to milliseconds on 100 visits). */
  static final long ATTEMPT_NANOS = 3_000_000_000L;

  private final Map<Visit, Integer> index = new IdentityHashMap<>();
  private final int placementsPerVisit;
  private final int maxEjected;
  private final boolean squeeze;

  RouteElimination(RoutePlan plan) {
    this(plan, PLACEMENTS_PER_VISIT, MAX_EJECTED, true);
  }

  /**
   * With other bounds than the defaults: placements per visit of the removed day, visits pushed out
   * at once, and whether a visit without a feasible place is squeezed in ({@link Squeeze}) before
   * others are pushed out.
   */
  RouteElimination(RoutePlan plan, int placementsPerVisit, int maxEjected, boolean squeeze) {
    this.squeeze = squeeze;
    this.placementsPerVisit = placementsPerVisit;
    this.maxEjected = maxEjected;
    List<Visit> visits = plan.getVisits();
    for (int i = 0; i < visits.size(); i++) index.put(visits.get(i), i);
  }

  /** Whether emptying a day can pay on this plan: some open day has a fixed cost. */
  static boolean worthTrying(RoutePlan plan) {
    for (CaravanDay day : plan.getCaravanDays()) {
      if (RuinRecreate.open(day) && day.getFixedCost() > 0) return true;
    }
    return false;
  }

  /** New visit lists for the days changed (the emptied one included), or an empty map when it did not succeed. */
  Map<CaravanDay, List<Visit>> propose(RoutePlan plan, Random random) {
    List<CaravanDay> candidates = new ArrayList<>();
    List<CaravanDay> driving = new ArrayList<>();
    for (CaravanDay day : plan.getCaravanDays()) {
      if (!RuinRecreate.open(day) || day.getVisits().isEmpty()) continue;
      driving.add(day);
      if (day.getFixedCost() > 0 && day.getVisits().stream().noneMatch(Visit::isPinned)) candidates.add(day);
    }
    if (candidates.isEmpty() || driving.size() < 2) return Map.of();
    CaravanDay target = candidates.get(random.nextInt(candidates.size()));
    for (int k = 1; k < TOURNAMENT; k++) {
      CaravanDay other = candidates.get(random.nextInt(candidates.size()));
      if (other.getVisits().size() < target.getVisits().size()) target = other;
    }
    return empty(plan, target, driving, random);
  }

  /** Tries to empty {@code target} onto the other {@code driving} days. */
  Map<CaravanDay, List<Visit>> empty(RoutePlan plan, CaravanDay target, List<CaravanDay> driving, Random random) {
    List<Route> routes = new ArrayList<>();
    for (CaravanDay day : driving) {
      if (day != target) routes.add(new Route(day, day.getVisits()));
    }
    List<Visit> start = new ArrayList<>(target.getVisits());
    Collections.shuffle(start, random);
    Deque<Visit> pool = new ArrayDeque<>(start);
    int[] failures = new int[index.size()];
    Map<Route, Boolean> touched = new IdentityHashMap<>();
    int budget = placementsPerVisit * start.size();
    Squeeze squeezer = squeeze ? new Squeeze(random) : null;
    long deadline = System.nanoTime() + ATTEMPT_NANOS;
    while (!pool.isEmpty()) {
      if (budget-- <= 0 || System.nanoTime() > deadline) return Map.of();
      Visit visit = pool.pop();
      if (insertCheapest(routes, visit, touched)) continue;
      if (squeezer != null && squeezer.place(routes, visit, touched)) continue;
      failures[indexOf(visit)]++;
      List<Visit> out = ejectFor(routes, visit, failures, random, touched);
      if (out == null) return Map.of();
      out.forEach(pool::push);
    }
    Map<CaravanDay, List<Visit>> changed = new LinkedHashMap<>();
    changed.put(target, new ArrayList<>());
    for (Route route : routes) {
      if (touched.containsKey(route)) changed.put(route.day, route.visits);
    }
    return changed;
  }

  private static boolean insertCheapest(List<Route> routes, Visit visit, Map<Route, Boolean> touched) {
    Route bestRoute = null;
    int bestPosition = -1;
    long bestCost = Long.MAX_VALUE;
    for (Route route : routes) {
      if (!route.accepts(visit)) continue;
      int p = cheapestPosition(route, visit);
      if (p < 0) continue;
      long cost = route.insertionCost(visit, p);
      if (cost < bestCost) {
        bestCost = cost;
        bestRoute = route;
        bestPosition = p;
      }
    }
    if (bestRoute == null) return false;
    bestRoute.insert(visit, bestPosition);
    touched.put(bestRoute, Boolean.TRUE);
    return true;
  }

  /** The position where {@code visit} adds least driving to {@code route} and keeps it feasible, or -1. */
  private static int cheapestPosition(Route route, Visit visit) {
    int best = -1;
    long bestCost = Long.MAX_VALUE;
    for (int p = 0; p <= route.size(); p++) {
      long cost = route.insertionCost(visit, p);
      if (cost < bestCost) {
        bestCost = cost;
        best = p;
      }
    }
    return best;
  }

  /** The best ejection found so far: which route, which visits out, where the visit goes. */
  private static final class Ejection {
    Route route;
    int[] out;
    int position;
    long failures = Long.MAX_VALUE;
    long cost = Long.MAX_VALUE;
    int ties;
  }

  /**
   * Puts {@code visit} on another day in place of up to {@link #MAX_EJECTED} of its visits and
   * returns the visits pushed out, or {@code null} when no day can take it so. The visits pushed out
   * are chosen lexicographically, as in Nagata and Bräysy: fewest failures summed (each visit
   * counting one more than the times it failed to find a place, so fewer visits out come first),
   * then the cheapest insertion, ties drawn.
   */
  private List<Visit> ejectFor(List<Route> routes, Visit visit, int[] failures, Random random,
      Map<Route, Boolean> touched) {
    Ejection best = new Ejection();
    for (int k = 1; k <= maxEjected && best.failures > k; k++) {
      for (Route route : routes) {
        if (visit.missingSkillCountOn(route.day) > 0 || visit.isDisallowedOn(route.day)) continue;
        if (route.size() < k) continue;
        choose(route, visit, new int[k], 0, 0, 0, 0, failures, random, best);
      }
    }
    if (best.route == null) return null;
    Route route = best.route;
    List<Visit> out = new ArrayList<>(best.out.length);
    for (int i = best.out.length - 1; i >= 0; i--) out.add(route.visits.remove(best.out[i]));
    route.visits.add(best.position, visit);
    route.refresh();
    touched.put(route, Boolean.TRUE);
    return out;
  }

  /** Enumerates the sets of {@code chosen.length} visits of {@code route} to push out, pruned by the failure sum. */
  private void choose(Route route, Visit visit, int[] chosen, int depth, int from, long failureSum, long demandOut,
      int[] failures, Random random, Ejection best) {
    if (depth == chosen.length) {
      if (route.load - demandOut + visit.getDemand() > route.day.getCapacity()) return;
      List<Visit> without = new ArrayList<>(route.visits);
      for (int i = chosen.length - 1; i >= 0; i--) without.remove(chosen[i]);
      Route reduced = new Route(route.day, without);
      int p = cheapestPosition(reduced, visit);
      if (p < 0) return;
      long cost = reduced.insertionCost(visit, p);
      boolean better = failureSum < best.failures || (failureSum == best.failures && cost < best.cost);
      boolean tie = failureSum == best.failures && cost == best.cost;
      if (better) {
        best.ties = 1;
      } else if (!tie || random.nextInt(++best.ties) != 0) {
        return;
      }
      best.route = route;
      best.out = chosen.clone();
      best.position = p;
      best.failures = failureSum;
      best.cost = cost;
      return;
    }
    int remaining = chosen.length - depth - 1;
    for (int i = from; i < route.size() - remaining; i++) {
      Visit out = route.visits.get(i);
      if (out.isPinned()) continue;
      long sum = failureSum + failures[indexOf(out)] + 1;
      // every visit still to choose adds at least one
      if (sum + remaining > best.failures) continue;
      chosen[depth] = i;
      choose(route, visit, chosen, depth + 1, i + 1, sum, demandOut + out.getDemand(), failures, random, best);
    }
  }

  private int indexOf(Visit visit) {
    Integer i = index.get(visit);
    if (i == null) throw new IllegalStateException("visit not in the plan: " + visit);
    return i;
  }
}
