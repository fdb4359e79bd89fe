package ro.caravana.optimizer.routing.solver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ro.caravana.optimizer.routing.domain.CaravanDay;
import ro.caravana.optimizer.routing.domain.Place;
import ro.caravana.optimizer.routing.domain.Visit;
import ro.caravana.optimizer.routing.solver.RuinRecreate.Route;

/**
 * The squeeze of Nagata and Bräysy (2009) for {@link RouteElimination}: a visit that has no feasible
 * place is put where it breaks least, measured by a penalty (time warp, as in Nagata, Bräysy and
 * Dullaert 2010: the minutes a visit would be late are counted and the day goes on as if it had
 * arrived in time; plus capacity excess weighted by {@link #capacityWeight}), then the broken days
 * are repaired by the best penalty-lowering move among: a visit of a broken day to any place of any
 * day, two visits of a broken day and another day trading places, and the tails of a broken day
 * and another day exchanged (2-opt*). When every day is feasible again the squeeze succeeded; when
 * no move lowers the penalty the routes are given back as they were.
 *
 * <p>Every move keeps skills and allowed dates; only windows, shift ends and capacity may be broken
 * in between. Evaluation walks the changed days in full (O(visits of the day) per candidate).
 */
final class Squeeze {

  /** Repair moves at most per squeeze. */
  static final int MAX_REPAIR_STEPS = 100;

  private final Random random;

  Squeeze(Random random) {
    this.random = random;
  }

  /** Tries to place {@code visit}; the routes changed are marked in {@code touched}. */
  boolean place(List<Route> routes, Visit visit, Map<Route, Boolean> touched) {
    List<List<Visit>> before = new ArrayList<>(routes.size());
    for (Route route : routes) before.add(new ArrayList<>(route.visits));
    Route bestRoute = null;
    int bestPosition = -1;
    long bestDelta = Long.MAX_VALUE;
    Walk walk = new Walk();
    for (Route route : routes) {
      if (!allowed(visit, route.day)) continue;
      long now = penalty(walk, route.day, route.visits);
      for (int p = 0; p <= route.size(); p++) {
        walk.start(route.day);
        for (int i = 0; i < p; i++) walk.add(route.visits.get(i));
        walk.add(visit);
        for (int i = p; i < route.size(); i++) walk.add(route.visits.get(i));
        long delta = walk.penalty() - now;
        if (delta < bestDelta) {
          bestDelta = delta;
          bestRoute = route;
          bestPosition = p;
        }
      }
    }
    if (bestRoute == null) return false;
    bestRoute.insert(visit, bestPosition);
    boolean[] changed = new boolean[routes.size()];
    changed[routes.indexOf(bestRoute)] = true;
    for (int step = 0; step < MAX_REPAIR_STEPS; step++) {
      List<Integer> broken = new ArrayList<>();
      for (int r = 0; r < routes.size(); r++) {
        if (penalty(walk, routes.get(r).day, routes.get(r).visits) > 0) broken.add(r);
      }
      if (broken.isEmpty()) {
        for (int r = 0; r < routes.size(); r++) if (changed[r]) touched.put(routes.get(r), Boolean.TRUE);
        return true;
      }
      int r = broken.get(random.nextInt(broken.size()));
      int other = repair(routes, r, walk);
      if (other < 0) break;
      changed[r] = true;
      changed[other] = true;
    }
    for (int r = 0; r < routes.size(); r++) {
      Route route = routes.get(r);
      route.visits.clear();
      route.visits.addAll(before.get(r));
      route.refresh();
    }
    return false;
  }

  /** Applies the move that lowers the penalty of broken route {@code r} and its partner most; the partner's index, or -1. */
  private static int repair(List<Route> routes, int r, Walk walk) {
    Route a = routes.get(r);
    List<Visit> av = a.visits;
    long aNow = penalty(walk, a.day, av);
    long bestDelta = 0;
    int kind = -1;
    int bestOther = -1;
    int bestI = -1;
    int bestJ = -1;
    for (int o = 0; o < routes.size(); o++) {
      Route b = routes.get(o);
      List<Visit> bv = b.visits;
      long bNow = o == r ? 0 : penalty(walk, b.day, bv);
      for (int i = 0; i < av.size(); i++) {
        Visit u = av.get(i);
        if (u.isPinned()) continue;
        // relocate u to position j of b (for b == a: position j of a without u)
        if (allowed(u, b.day)) {
          long aWithout = o == r ? 0 : penaltySkipping(walk, a.day, av, i);
          int positions = o == r ? av.size() : bv.size() + 1;
          List<Visit> rest = o == r ? without(av, i) : null;
          for (int j = 0; j < positions; j++) {
            if (o == r && j == i) continue;
            walk.start(b.day);
            if (o == r) {
              for (int k = 0; k < j; k++) walk.add(rest.get(k));
              walk.add(u);
              for (int k = j; k < rest.size(); k++) walk.add(rest.get(k));
            } else {
              for (int k = 0; k < j; k++) walk.add(bv.get(k));
              walk.add(u);
              for (int k = j; k < bv.size(); k++) walk.add(bv.get(k));
            }
            long delta = o == r ? walk.penalty() - aNow : walk.penalty() + aWithout - aNow - bNow;
            if (delta < bestDelta) {
              bestDelta = delta;
              kind = 0;
              bestOther = o;
              bestI = i;
              bestJ = j;
            }
          }
        }
        if (o == r) continue;
        // swap u with w at the same positions
        for (int j = 0; j < bv.size(); j++) {
          Visit w = bv.get(j);
          if (w.isPinned() || !allowed(u, b.day) || !allowed(w, a.day)) continue;
          long delta = penaltyReplacing(walk, a.day, av, i, w) + penaltyReplacing(walk, b.day, bv, j, u) - aNow - bNow;
          if (delta < bestDelta) {
            bestDelta = delta;
            kind = 1;
            bestOther = o;
            bestI = i;
            bestJ = j;
          }
        }
      }
      if (o == r) continue;
      // 2-opt*: a[0, i) + b[j, end) and b[0, j) + a[i, end)
      for (int i = 0; i <= av.size(); i++) {
        for (int j = 0; j <= bv.size(); j++) {
          if (!tailsAllowed(av, i, b.day) || !tailsAllowed(bv, j, a.day)) continue;
          if (tailsPinned(av, i) || tailsPinned(bv, j)) continue;
          long delta = penaltyJoined(walk, a.day, av, i, bv, j) + penaltyJoined(walk, b.day, bv, j, av, i) - aNow - bNow;
          if (delta < bestDelta) {
            bestDelta = delta;
            kind = 2;
            bestOther = o;
            bestI = i;
            bestJ = j;
          }
        }
      }
    }
    if (kind < 0) return -1;
    Route b = routes.get(bestOther);
    if (kind == 0) {
      Visit u = av.remove(bestI);
      b.visits.add(bestJ, u);
    } else if (kind == 1) {
      Visit u = av.get(bestI);
      av.set(bestI, b.visits.get(bestJ));
      b.visits.set(bestJ, u);
    } else {
      List<Visit> aTail = new ArrayList<>(av.subList(bestI, av.size()));
      List<Visit> bTail = new ArrayList<>(b.visits.subList(bestJ, b.visits.size()));
      av.subList(bestI, av.size()).clear();
      b.visits.subList(bestJ, b.visits.size()).clear();
      av.addAll(bTail);
      b.visits.addAll(aTail);
    }
    a.refresh();
    b.refresh();
    return bestOther;
  }

  private static List<Visit> without(List<Visit> visits, int i) {
    List<Visit> rest = new ArrayList<>(visits);
    rest.remove(i);
    return rest;
  }

  private static boolean allowed(Visit visit, CaravanDay day) {
    return visit.missingSkillCountOn(day) == 0 && !visit.isDisallowedOn(day);
  }

  private static boolean tailsAllowed(List<Visit> visits, int from, CaravanDay day) {
    for (int k = from; k < visits.size(); k++) if (!allowed(visits.get(k), day)) return false;
    return true;
  }

  private static boolean tailsPinned(List<Visit> visits, int from) {
    for (int k = from; k < visits.size(); k++) if (visits.get(k).isPinned()) return true;
    return false;
  }

  static long penalty(Walk walk, CaravanDay day, List<Visit> visits) {
    walk.start(day);
    for (Visit v : visits) walk.add(v);
    return walk.penalty();
  }

  private static long penaltySkipping(Walk walk, CaravanDay day, List<Visit> visits, int skip) {
    walk.start(day);
    for (int k = 0; k < visits.size(); k++) if (k != skip) walk.add(visits.get(k));
    return walk.penalty();
  }

  private static long penaltyReplacing(Walk walk, CaravanDay day, List<Visit> visits, int at, Visit by) {
    walk.start(day);
    for (int k = 0; k < visits.size(); k++) walk.add(k == at ? by : visits.get(k));
    return walk.penalty();
  }

  private static long penaltyJoined(Walk walk, CaravanDay day, List<Visit> head, int cut, List<Visit> tail, int from) {
    walk.start(day);
    for (int k = 0; k < cut; k++) walk.add(head.get(k));
    for (int k = from; k < tail.size(); k++) walk.add(tail.get(k));
    return walk.penalty();
  }

  /** A day's visits walked in order: time warp and load. */
  static final class Walk {
    private CaravanDay day;
    private Place at;
    private long time;
    private long warp;
    private long load;

    void start(CaravanDay day) {
      this.day = day;
      at = day.getStartDepot();
      time = day.getShiftStart();
      warp = 0;
      load = 0;
    }

    void add(Visit visit) {
      long arrival = time + at.timeTo(visit.getPlace());
      if (arrival > visit.getDueTime()) {
        warp += arrival - visit.getDueTime();
        arrival = visit.getDueTime();
      }
      time = Math.max(arrival, visit.getReadyTime()) + visit.getServiceDuration();
      at = visit.getPlace();
      load += visit.getDemand();
    }

    /** Time warp (the end depot after the shift end included) plus capacity excess by {@link #capacityWeight}. */
    long penalty() {
      long end = time + at.timeTo(day.getEndDepot());
      long late = Math.max(0, end - day.getShiftEnd());
      long excess = Math.max(0, load - day.getCapacity());
      return warp + late + excess * capacityWeight(day);
    }
  }

  /** Ticks of penalty per unit of demand over capacity: the shift length over the capacity (at least 1). */
  static long capacityWeight(CaravanDay day) {
    long capacity = Math.max(1, day.getCapacity());
    return Math.max(1, (day.getShiftEnd() - day.getShiftStart()) / capacity);
  }
}
