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
import ro.caravana.optimizer.routing.domain.RoutePlan;
import ro.caravana.optimizer.routing.domain.Visit;
import ro.caravana.optimizer.routing.solver.RuinRecreate.Route;

/**
 * Empties one caravan-day by moving its visits onto the other driving days, for plans where a day
 * costs more than the driving it could save (the fixed cost of a caravan-day; the vehicles-first
 * objective of the benchmarks). After the ejection pool of Nagata and Bräysy (2009): the visits of
 * the removed route wait in a pool; each is put at its cheapest place that keeps every time window,
 * the shift end, capacity, skills and allowed dates; when there is none it takes the place of one
 * visit of another day, chosen by how seldom that visit failed to find a place itself (so the
 * hard-to-place ones are not pushed around in a circle), and the visit pushed out joins the pool.
 *
 * <p>A proposal exists only when the pool empties within a bounded number of placements: every
 * visit stays planned and no empty day is opened, so the plan has one day fewer. Days with a pinned
 * visit are never emptied, pinned visits never pushed out, published days never touched. The
 * proposal is scored by the full constraint set like any other move.
 */
final class RouteElimination {

  /** Placements allowed per visit of the removed route before the attempt is given up. */
  static final int PLACEMENTS_PER_VISIT = 25;
  /** Routes drawn to choose the one to empty (the one with fewest visits wins). */
  static final int TOURNAMENT = 3;

  private final Map<Visit, Integer> index = new IdentityHashMap<>();

  RouteElimination(RoutePlan plan) {
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
    int budget = PLACEMENTS_PER_VISIT * start.size();
    while (!pool.isEmpty()) {
      if (budget-- <= 0) return Map.of();
      Visit visit = pool.pop();
      if (insertCheapest(routes, visit, touched)) continue;
      failures[indexOf(visit)]++;
      Visit out = ejectFor(routes, visit, failures, random, touched);
      if (out == null) return Map.of();
      pool.push(out);
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
      for (int p = 0; p <= route.size(); p++) {
        long cost = route.insertionCost(visit, p);
        if (cost < bestCost) {
          bestCost = cost;
          bestRoute = route;
          bestPosition = p;
        }
      }
    }
    if (bestRoute == null) return false;
    bestRoute.insert(visit, bestPosition);
    touched.put(bestRoute, Boolean.TRUE);
    return true;
  }

  /**
   * Puts {@code visit} in place of one visit of another day (the one that failed least often,
   * then the cheapest insertion, ties drawn) and returns the visit pushed out, or {@code null}.
   */
  private Visit ejectFor(List<Route> routes, Visit visit, int[] failures, Random random,
      Map<Route, Boolean> touched) {
    Route bestRoute = null;
    int bestOut = -1;
    int bestPosition = -1;
    long bestFailures = Long.MAX_VALUE;
    long bestCost = Long.MAX_VALUE;
    int ties = 0;
    for (Route route : routes) {
      if (visit.missingSkillCountOn(route.day) > 0 || visit.isDisallowedOn(route.day)) continue;
      for (int i = 0; i < route.size(); i++) {
        Visit out = route.visits.get(i);
        if (out.isPinned()) continue;
        long outFailures = failures[indexOf(out)];
        if (outFailures > bestFailures) continue;
        if (route.load - out.getDemand() + visit.getDemand() > route.day.getCapacity()) continue;
        List<Visit> without = new ArrayList<>(route.visits);
        without.remove(i);
        Route reduced = new Route(route.day, without);
        for (int p = 0; p <= reduced.size(); p++) {
          long cost = reduced.insertionCost(visit, p);
          if (cost == Long.MAX_VALUE) continue;
          boolean better = outFailures < bestFailures || cost < bestCost;
          boolean tie = outFailures == bestFailures && cost == bestCost;
          if (tie && random.nextInt(++ties) == 0) better = true;
          if (better) {
            if (!tie) ties = 1;
            bestFailures = outFailures;
            bestCost = cost;
            bestRoute = route;
            bestOut = i;
            bestPosition = p;
          }
        }
      }
    }
    if (bestRoute == null) return null;
    Visit out = bestRoute.visits.remove(bestOut);
    bestRoute.visits.add(bestPosition, visit);
    bestRoute.refresh();
    touched.put(bestRoute, Boolean.TRUE);
    return out;
  }

  private int indexOf(Visit visit) {
    Integer i = index.get(visit);
    if (i == null) throw new IllegalStateException("visit not in the plan: " + visit);
    return i;
  }
}
