package ro.caravana.optimizer.routing.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ro.caravana.optimizer.routing.domain.CaravanDay;
import ro.caravana.optimizer.routing.domain.Place;
import ro.caravana.optimizer.routing.domain.RoutePlan;
import ro.caravana.optimizer.routing.domain.Visit;
import ro.caravana.optimizer.routing.score.RoutingConstraintProvider;

/**
 * Ruin and recreate over a plan's routes, after the slack induction by string removals of
 * Christiaens and Vanden Berghe (Transportation Science, 2020): remove a few strings of
 * consecutive visits from routes that lie near a random seed visit, then put every removed visit
 * back at its cheapest place, skipping each candidate place with a small "blink" probability.
 *
 * <p>The cheapest place is judged by what the place changes: travel ticks added, the day's fixed
 * cost when the day was empty, spacing and crew-change costs; a place is allowed only when it
 * keeps every time window, the shift end, capacity, skills and allowed dates of the day. The
 * proposal is then scored by the solver's own score like any other move, so it is accepted or
 * undone on the full model. Pinned visits are never removed, published days never touched.
 *
 * <p>Built once per phase for a working solution: the neighbour lists (every visit's others by
 * travel time) do not change while solving.
 */
final class RuinRecreate {

  /** Mean number of visits removed per move. */
  static final int MEAN_REMOVED = 10;
  /** Longest string removed from one route. */
  static final int MAX_STRING = 10;
  /** Probability of passing over a place while inserting. */
  static final double BLINK = 0.01;
  /** Neighbours kept per visit: the ruin never walks further than this. */
  static final int MAX_NEIGHBOURS = 200;
  /** Visits taken from the unassigned list per move, to try them again. */
  static final int UNASSIGNED_RETRIES = 3;

  private final List<Visit> visits;
  private final Map<Visit, Integer> index = new IdentityHashMap<>();
  private final int[][] neighbours;

  RuinRecreate(RoutePlan plan) {
    visits = plan.getVisits();
    int n = visits.size();
    for (int i = 0; i < n; i++) index.put(visits.get(i), i);
    neighbours = new int[n][];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      Place from = visits.get(i).getPlace();
      long[] near = new long[n];
      for (int j = 0; j < n; j++) {
        Place to = visits.get(j).getPlace();
        near[j] = Math.min(from.timeTo(to), to.timeTo(from));
        order[j] = j;
      }
      final int self = i;
      Arrays.sort(order, Comparator.<Integer>comparingInt(j -> j == self ? 0 : 1).thenComparingLong(j -> near[j]));
      int keep = Math.min(n, MAX_NEIGHBOURS + 1);
      neighbours[i] = new int[keep];
      for (int k = 0; k < keep; k++) neighbours[i][k] = order[k];
    }
  }

  boolean isFor(RoutePlan plan) {
    return plan.getVisits() == visits;
  }

  /**
   * New visit lists for the days a ruin and recreate changes (the unassigned list included when
   * a visit goes to or leaves it), or an empty map when there is nothing to ruin.
   */
  Map<CaravanDay, List<Visit>> propose(RoutePlan plan, Random random) {
    return propose(plan, randomMovable(random), random);
  }

  /** As above around a given seed visit; {@code null} or an immovable seed ruins no route. */
  Map<CaravanDay, List<Visit>> propose(RoutePlan plan, Visit seed, Random random) {
    Map<CaravanDay, List<Visit>> changed = new LinkedHashMap<>();
    List<Visit> removed = ruin(plan, seed, random, changed);
    if (removed.isEmpty()) return Map.of();
    recreate(plan, removed, random, changed);
    return changed;
  }

  private List<Visit> ruin(RoutePlan plan, Visit seed, Random random, Map<CaravanDay, List<Visit>> changed) {
    List<Visit> removed = new ArrayList<>();
    if (seed != null && movable(seed)) {
      removeStrings(plan, seed, random, changed, removed);
    }
    CaravanDay unassigned = plan.unassignedList();
    if (!unassigned.getVisits().isEmpty()) {
      List<Visit> waiting = new ArrayList<>(unassigned.getVisits());
      int retries = Math.min(UNASSIGNED_RETRIES, waiting.size());
      for (int k = 0; k < retries; k++) {
        removed.add(waiting.remove(random.nextInt(waiting.size())));
      }
      changed.put(unassigned, waiting);
    }
    return removed;
  }

  /** Walks out from the seed over its neighbours, cutting one string from each route met, up to a drawn count. */
  private void removeStrings(RoutePlan plan, Visit seed, Random random, Map<CaravanDay, List<Visit>> changed,
      List<Visit> removed) {
    int routes = 0;
    int placed = 0;
    for (CaravanDay day : plan.getCaravanDays()) {
      if (open(day) && !day.getVisits().isEmpty()) {
        routes++;
        placed += day.getVisits().size();
      }
    }
    double maxString = Math.min(MAX_STRING, (double) placed / routes);
    double maxStrings = 4.0 * MEAN_REMOVED / (1 + maxString) - 1;
    int strings = (int) (1 + random.nextDouble() * maxStrings);
    int[] near = neighbours[indexOf(seed)];
    for (int k = 0; k < near.length && changed.size() < strings; k++) {
      Visit visit = visits.get(near[k]);
      CaravanDay day = visit.getCaravanDay();
      if (movable(visit) && !changed.containsKey(day)) {
        changed.put(day, cutString(day.getVisits(), visit, maxString, random, removed));
      }
    }
  }

  /** The route without a random string of up to {@code maxString} visits around {@code visit} (pinned ones stay). */
  private static List<Visit> cutString(List<Visit> route, Visit visit, double maxString, Random random,
      List<Visit> removed) {
    int at = route.indexOf(visit);
    int longest = (int) Math.min(route.size(), maxString);
    int length = 1 + random.nextInt(Math.max(1, longest));
    int first = Math.max(0, at - length + 1);
    int last = Math.min(at, route.size() - length);
    int start = first + random.nextInt(Math.max(1, last - first + 1));
    List<Visit> kept = new ArrayList<>(route.size());
    for (int i = 0; i < route.size(); i++) {
      Visit v = route.get(i);
      if (i >= start && i < start + length && !v.isPinned()) {
        removed.add(v);
      } else {
        kept.add(v);
      }
    }
    return kept;
  }

  private void recreate(RoutePlan plan, List<Visit> removed, Random random, Map<CaravanDay, List<Visit>> changed) {
    order(removed, random);
    List<Route> routes = new ArrayList<>();
    for (CaravanDay day : plan.getCaravanDays()) {
      if (open(day)) routes.add(new Route(day, changed.getOrDefault(day, day.getVisits())));
    }
    for (Visit visit : removed) {
      insertCheapest(plan, routes, visit, random, changed);
    }
  }

  /** Insertion order, drawn as in the paper: random, largest demand, farthest or nearest to the depot. */
  private static void order(List<Visit> removed, Random random) {
    int kind = random.nextInt(11);
    if (kind < 4) {
      java.util.Collections.shuffle(removed, random);
    } else if (kind < 8) {
      removed.sort(Comparator.comparingLong(Visit::getDemand).reversed());
    } else if (kind < 10) {
      removed.sort(Comparator.comparingLong(RuinRecreate::fromDepot).reversed());
    } else {
      removed.sort(Comparator.comparingLong(RuinRecreate::fromDepot));
    }
  }

  private static long fromDepot(Visit visit) {
    CaravanDay day = visit.getCaravanDay();
    if (day == null || day.getStartDepot() == null) return 0;
    return day.getStartDepot().timeTo(visit.getPlace());
  }

  private Visit randomMovable(Random random) {
    for (int attempt = 0; attempt < 4 * visits.size(); attempt++) {
      Visit v = visits.get(random.nextInt(visits.size()));
      if (movable(v)) return v;
    }
    return null;
  }

  private static boolean movable(Visit visit) {
    return !visit.isPinned() && visit.isPlanned() && open(visit.getCaravanDay());
  }

  /** A day that may gain and lose visits: neither the unassigned list nor published. */
  static boolean open(CaravanDay day) {
    return !day.isUnassignedList() && !day.isPinned();
  }

  private int indexOf(Visit visit) {
    Integer i = index.get(visit);
    if (i == null) throw new IllegalStateException("visit not in the plan: " + visit);
    return i;
  }

  /**
   * Puts a visit at its cheapest feasible place among the routes (each place skipped with probability
   * {@link #BLINK} when a random source is given), or on the plan's unassigned list when none is feasible;
   * the lists that changed are recorded in {@code changed}.
   */
  static void insertCheapest(RoutePlan plan, List<Route> routes, Visit visit, Random blink,
      Map<CaravanDay, List<Visit>> changed) {
    Route bestRoute = null;
    int bestPosition = -1;
    long bestCost = Long.MAX_VALUE;
    for (Route route : routes) {
      if (!route.accepts(visit)) continue;
      long extra = route.extraCost(visit);
      if (extra >= bestCost) continue;
      for (int p = 0; p <= route.size(); p++) {
        if (blink != null && blink.nextDouble() < BLINK) continue;
        long cost = route.insertionCost(visit, p);
        if (cost == Long.MAX_VALUE) continue;
        cost += extra;
        if (cost < bestCost) {
          bestCost = cost;
          bestRoute = route;
          bestPosition = p;
        }
      }
    }
    if (bestRoute == null) {
      CaravanDay unassigned = plan.unassignedList();
      changed.computeIfAbsent(unassigned, d -> new ArrayList<>(d.getVisits())).add(visit);
    } else {
      bestRoute.insert(visit, bestPosition);
      changed.put(bestRoute.day, bestRoute.visits);
    }
  }

  /** One day's list during recreation, with departure times forwards and latest arrivals backwards. */
  static final class Route {
    final CaravanDay day;
    final List<Visit> visits;
    long load;
    long[] departure;
    long[] latestArrival;

    Route(CaravanDay day, List<Visit> visits) {
      this.day = day;
      this.visits = new ArrayList<>(visits);
      refresh();
    }

    int size() {
      return visits.size();
    }

    boolean accepts(Visit visit) {
      return load + visit.getDemand() <= day.getCapacity()
          && visit.missingSkillCountOn(day) == 0
          && !visit.isDisallowedOn(day);
    }

    /** Costs of making the visit on this day at all: opening an empty day, spacing, crew change. */
    long extraCost(Visit visit) {
      long cost = visit.spacingDeviationDaysOn(day) * RoutingConstraintProvider.SPACING_TICKS_PER_DAY;
      if (visit.isCrewChangeOn(day)) cost += RoutingConstraintProvider.CREW_CHANGE_TICKS;
      if (visits.isEmpty()) cost += day.getFixedCost();
      return cost;
    }

    /** Travel ticks added by inserting at {@code p}, or {@code Long.MAX_VALUE} when it breaks a time. */
    long insertionCost(Visit visit, int p) {
      Place previous = p == 0 ? day.getStartDepot() : visits.get(p - 1).getPlace();
      long leave = p == 0 ? day.getShiftStart() : departure[p - 1];
      Place here = visit.getPlace();
      long arrival = leave + previous.timeTo(here);
      if (arrival > visit.getDueTime()) return Long.MAX_VALUE;
      long done = Math.max(arrival, visit.getReadyTime()) + visit.getServiceDuration();
      Place next = p == visits.size() ? day.getEndDepot() : visits.get(p).getPlace();
      long nextArrival = done + here.timeTo(next);
      if (nextArrival > latestArrival[p]) return Long.MAX_VALUE;
      return previous.timeTo(here) + here.timeTo(next) - previous.timeTo(next);
    }

    void insert(Visit visit, int p) {
      visits.add(p, visit);
      refresh();
    }

    void refresh() {
      int n = visits.size();
      load = 0;
      departure = new long[n];
      latestArrival = new long[n + 1];
      long leave = day.getShiftStart();
      Place at = day.getStartDepot();
      for (int i = 0; i < n; i++) {
        Visit v = visits.get(i);
        load += v.getDemand();
        long arrival = leave + at.timeTo(v.getPlace());
        leave = Math.max(arrival, v.getReadyTime()) + v.getServiceDuration();
        departure[i] = leave;
        at = v.getPlace();
      }
      latestArrival[n] = day.getShiftEnd();
      Place after = day.getEndDepot();
      for (int i = n - 1; i >= 0; i--) {
        Visit v = visits.get(i);
        latestArrival[i] = Math.min(v.getDueTime(),
            latestArrival[i + 1] - v.getPlace().timeTo(after) - v.getServiceDuration());
        after = v.getPlace();
      }
    }
  }
}
