package ro.caravana.scheduler.horizon;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.optaplanner.core.api.solver.Solver;
import org.optaplanner.core.api.solver.SolverFactory;
import ro.caravana.optimizer.geo.RoadMatrix;
import ro.caravana.optimizer.routing.domain.CaravanDay;
import ro.caravana.optimizer.routing.domain.Place;
import ro.caravana.optimizer.routing.domain.RoutePlan;
import ro.caravana.optimizer.routing.domain.Visit;
import ro.caravana.optimizer.routing.solver.RoutingSolverConfig;
import ro.caravana.optimizer.routing.solver.RoutingSolverSettings;
import ro.caravana.scheduler.road.RoadNetwork;

/**
 * Plans a county's caravan visits over 4 to 13 weeks with the route optimizer. Each locality becomes a
 * series of visits at its rhythm: visit k may fall only within a few days of its ideal date (the previous
 * visit plus the interval), so two consecutive visits are never more than the maximum gap apart; the
 * solver places them on caravan-days (fewest days, then road time), keeps them evenly spaced and with the
 * same crew where it can (soft), and when days are short leaves out the visits whose absence makes the
 * fewest vulnerable people wait (coverage weight: weighted people x days of extra wait).
 */
public final class HorizonPlanner {

  /** A caravan-day costs as much as two hours on the road, as in the weekly plan. */
  static final long CARAVAN_DAY_COST_SECONDS = 2 * 3600;
  /** At most this much consultation time in one stop, so a caravan-day can reach two localities. */
  static final int MAX_STOP_MINUTES = 240;
  /** A date no caravan-day has: a visit with no open day in reach can only stay unplaced. */
  private static final LocalDate NEVER = LocalDate.EPOCH;

  private HorizonPlanner() {}

  /** The model before solving, and how to read it back. */
  record Model(RoutePlan plan, Map<String, HorizonProblem.Locality> localityOfSeries, List<RoadNetwork.Node> nodes,
      RoadMatrix matrix, List<String> seriesOrder, Map<String, Integer> peopleOfVisit, int unreachable) {}

  public static HorizonResult solve(HorizonProblem p, RoutingSolverSettings settings, Consumer<String> bestScore,
      Consumer<Runnable> onStop) {
    Model model = model(p);
    Solver<RoutePlan> solver = SolverFactory.<RoutePlan>create(RoutingSolverConfig.build(
        settings.sizedFor(model.plan().getVisits().size()))).buildSolver();
    solver.addEventListener(e -> bestScore.accept(e.getNewBestScore().toString()));
    onStop.accept(solver::terminateEarly);
    RoutePlan best = solver.solve(model.plan());
    return result(p, model, best);
  }

  static Model model(HorizonProblem p) {
    // places: depots and every (locality, slow factor) that a visit needs
    List<RoadNetwork.Node> nodes = new ArrayList<>();
    Map<String, Integer> nodeIndex = new LinkedHashMap<>();
    Map<Integer, HorizonProblem.Place> where = new HashMap<>();
    p.places().forEach(pl -> where.put(pl.siruta(), pl));
    java.util.function.BiFunction<Integer, Integer, Integer> node = (siruta, percent) ->
        nodeIndex.computeIfAbsent(siruta + "@" + percent, k -> {
          HorizonProblem.Place pl = where.get(siruta);
          nodes.add(new RoadNetwork.Node(siruta, pl.lat(), pl.lon(), percent));
          return nodes.size() - 1;
        });
    p.caravans().forEach(c -> node.apply(c.depotSiruta(), 100));

    record Planned(String id, int siruta, int percent, List<LocalDate> dates, HorizonProblem.Locality locality,
        String series, int index, int people, int minutes, long weight, boolean pinned, LocalDate pinnedDay, Long caravanId,
        int position, LocalDate lastVisit, Long lastCaravanId) {}
    List<Planned> planned = new ArrayList<>();
    Map<String, HorizonProblem.Locality> localityOfSeries = new LinkedHashMap<>();
    List<LocalDate> open = p.openDays();
    Map<Integer, List<HorizonProblem.PublishedStop>> publishedAt = new HashMap<>();
    p.published().forEach(s -> publishedAt.computeIfAbsent(s.siruta(), k -> new ArrayList<>()).add(s));
    int unreachable = 0;
    int minCapacity = p.caravans().stream().mapToInt(HorizonProblem.Caravan::capacity).min().orElse(24);
    for (HorizonProblem.Locality l : p.localities()) {
      int parts = Math.max(1, Math.max(ceilDiv(l.minutes(), MAX_STOP_MINUTES), ceilDiv(l.people(), minCapacity)));
      List<List<HorizonProblem.PublishedStop>> fixedOfPart = shareOut(publishedAt.getOrDefault(l.siruta(), List.of()), parts);
      int I = l.everyDays();
      int slack = Math.max(0, Math.min((l.maxGapDays() - I) / 2, (I - 1) / 2));
      for (int part = 0; part < parts; part++) {
        String series = l.siruta() + "#" + (part + 1);
        localityOfSeries.put(series, l);
        int people = share(l.people(), parts, part);
        int minutes = share(l.minutes(), parts, part);
        long weight = (long) Math.max(1, share(l.weightedPeople(), parts, part)) * I;
        LocalDate prev = l.lastVisit();
        LocalDate ideal;
        if (prev == null || prev.plusDays(I).isBefore(p.firstDay())) {
          // no visit yet, or overdue: first visits spread over the first interval (by locality and part),
          // so that every week of the horizon gets its share of the work
          ideal = p.firstDay().plusDays(Math.floorMod(l.siruta() + 3L * part, prev == null ? I : Math.max(1, slack + 1)));
        } else {
          ideal = prev.plusDays(I);
        }
        List<HorizonProblem.PublishedStop> fixed = fixedOfPart.get(part);
        int index = 0;
        int fi = 0;
        while (true) {
          if (fi < fixed.size() && !fixed.get(fi).day().isAfter(ideal.plusDays(slack))) {
            HorizonProblem.PublishedStop s = fixed.get(fi++);
            planned.add(new Planned(series + "/" + index, l.siruta(), 100, List.of(s.day()), l, series, index++, people,
                minutes, weight, true, s.day(), s.caravanId(), s.position(), null, null));
            prev = s.day();
            ideal = prev.plusDays(I);
            continue;
          }
          if (ideal.isAfter(p.lastDay())) break;
          List<LocalDate> window = window(open, ideal.minusDays(slack), ideal.plusDays(slack));
          RoadNetwork.Choice choice = p.roads().choose(l.siruta(), window);
          if (choice.dates().isEmpty()) {
            // closed (or published) around the ideal date: come earlier rather than later, never after the maximum gap
            LocalDate after = prev == null ? p.firstDay().minusDays(1) : prev;
            choice = p.roads().choose(l.siruta(), window(open, after.plusDays(1), ideal.minusDays(slack + 1)));
          }
          List<LocalDate> dates = choice.dates().isEmpty() ? List.of(NEVER) : choice.dates();
          if (choice.dates().isEmpty()) unreachable++;
          boolean first = index == 0;
          planned.add(new Planned(series + "/" + index, l.siruta(), choice.slowPercent(), dates, l, series,
              index++, people, minutes, weight, false, null, null, 0, first ? l.lastVisit() : null,
              first ? l.lastCaravanId() : null));
          prev = ideal;
          ideal = ideal.plusDays(I);
        }
      }
    }
    planned.forEach(v -> node.apply(v.siruta(), v.percent()));
    RoadMatrix matrix = p.roads().matrix(nodes);
    List<Place> placeList = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      RoadNetwork.Node n = nodes.get(i);
      placeList.add(new Place(i, where.get(n.siruta()).name() + (n.slowPercent() > 100 ? " (" + n.slowPercent() + " %)" : ""),
          matrix));
    }
    Map<Long, HorizonProblem.Caravan> caravans = new HashMap<>();
    p.caravans().forEach(c -> caravans.put(c.id(), c));

    List<CaravanDay> days = new ArrayList<>();
    Map<String, CaravanDay> dayById = new HashMap<>();
    for (HorizonProblem.Caravan c : p.caravans()) {
      Place depot = placeList.get(nodeIndex.get(c.depotSiruta() + "@100"));
      for (LocalDate d : open) {
        if (c.outOfService().contains(d)) continue;
        CaravanDay day = new CaravanDay(c.id() + "|" + d, String.valueOf(c.id()), c.code(), d,
            c.shiftStart().toSecondOfDay(), c.shiftEnd().toSecondOfDay(), depot, depot, Set.of(), c.capacity(),
            CARAVAN_DAY_COST_SECONDS);
        days.add(day);
        dayById.put(day.getId(), day);
      }
    }
    List<Visit> visits = new ArrayList<>();
    Map<String, Integer> peopleOfVisit = new HashMap<>();
    Map<String, List<Map.Entry<Integer, Visit>>> pinnedByDay = new LinkedHashMap<>();
    long earliest = p.caravans().stream().mapToLong(c -> c.shiftStart().toSecondOfDay()).min().orElse(8 * 3600);
    long latest = p.caravans().stream().mapToLong(c -> c.shiftEnd().toSecondOfDay()).max().orElse(17 * 3600);
    for (Planned v : planned) {
      Place place = placeList.get(nodeIndex.get(v.siruta() + "@" + v.percent()));
      Visit visit = new Visit(v.id(), place, v.minutes() * 60L, v.people(), Set.of(), earliest, latest,
          Set.copyOf(v.dates()), 1)
          .inSeries(v.series(), v.index(), v.locality().maxGapDays())
          .withCoverageWeight(v.weight());
      HorizonProblem.Caravan lastCaravan = v.lastCaravanId() == null ? null : caravans.get(v.lastCaravanId());
      visit.withHistory(v.lastVisit(), v.locality().everyDays(), lastCaravan == null ? null : lastCaravan.code());
      visits.add(visit);
      peopleOfVisit.put(v.id(), v.people());
      if (v.pinned()) {
        visit.setPinned(true);
        String id = v.caravanId() + "|" + v.pinnedDay();
        pinnedByDay.computeIfAbsent(id, k -> new ArrayList<>()).add(Map.entry(v.position(), visit));
      }
    }
    // published weeks: their caravan-days as they were told to families, pinned
    for (var e : pinnedByDay.entrySet()) {
      String[] key = e.getKey().split("\\|");
      HorizonProblem.Caravan c = caravans.get(Long.parseLong(key[0]));
      if (c == null) continue;
      Place depot = placeList.get(nodeIndex.get(c.depotSiruta() + "@100"));
      CaravanDay day = new CaravanDay(e.getKey(), String.valueOf(c.id()), c.code(), LocalDate.parse(key[1]),
          c.shiftStart().toSecondOfDay(), c.shiftEnd().toSecondOfDay(), depot, depot, Set.of(), Long.MAX_VALUE / 4,
          CARAVAN_DAY_COST_SECONDS);
      day.setPinned(true);
      e.getValue().sort(Map.Entry.comparingByKey());
      day.preassign(e.getValue().stream().map(Map.Entry::getValue).toList());
      days.add(day);
    }
    List<String> seriesOrder = new ArrayList<>(localityOfSeries.keySet());
    return new Model(new RoutePlan(p.county() + " " + p.firstDay() + ".." + p.lastDay(), days, visits), localityOfSeries,
        nodes, matrix, seriesOrder, peopleOfVisit, unreachable);
  }

  static HorizonResult result(HorizonProblem p, Model model, RoutePlan best) {
    List<HorizonResult.Stop> stops = new ArrayList<>();
    long metres = 0;
    long drivingSeconds = 0;
    long serviceSeconds = 0;
    Map<String, Integer> legs = new LinkedHashMap<>();
    for (RoadMatrix.Source s : RoadMatrix.Source.values()) legs.put(s.code(), 0);
    Map<String, List<Map.Entry<LocalDate, Long>>> visitsOfSeries = new HashMap<>();
    int daysUsed = 0;
    for (CaravanDay day : best.drivingDays()) {
      daysUsed++;
      Place at = day.getStartDepot();
      int position = 0;
      for (Visit v : day.getVisits()) {
        RoadMatrix.Source leg = model.matrix().source(at.index(), v.getPlace().index());
        legs.merge(leg.code(), 1, Integer::sum);
        metres += at.distanceTo(v.getPlace());
        drivingSeconds += at.timeTo(v.getPlace());
        serviceSeconds += v.getServiceDuration();
        String back = null;
        if (v.getNext() == null) {
          RoadMatrix.Source b = model.matrix().source(v.getPlace().index(), day.getEndDepot().index());
          legs.merge(b.code(), 1, Integer::sum);
          back = b.code();
          metres += v.getPlace().distanceTo(day.getEndDepot());
          drivingSeconds += v.getPlace().timeTo(day.getEndDepot());
        }
        int siruta = model.nodes().get(v.getPlace().index()).siruta();
        stops.add(new HorizonResult.Stop(Long.parseLong(day.getCaravan()), day.getDate(), position++, siruta,
            model.peopleOfVisit().get(v.getId()), at(p, day.getDate(), v.getArrivalTime()),
            at(p, day.getDate(), v.getDepartureTime()), v.isPinned(), leg.code(), back));
        visitsOfSeries.computeIfAbsent(v.getSeriesKey(), k -> new ArrayList<>())
            .add(Map.entry(day.getDate(), Long.parseLong(day.getCaravan())));
        at = v.getPlace();
      }
    }
    Map<String, Integer> wanted = new HashMap<>();
    best.getVisits().forEach(v -> wanted.merge(v.getSeriesKey(), 1, Integer::sum));

    JsonArray localities = new JsonArray();
    int peopleUncovered = 0;
    long gapSum = 0;
    int gapCount = 0;
    double worstRatio = 0;
    int overMaximum = 0;
    for (String series : model.seriesOrder()) {
      HorizonProblem.Locality l = model.localityOfSeries().get(series);
      List<Map.Entry<LocalDate, Long>> seen = visitsOfSeries.getOrDefault(series, new ArrayList<>());
      seen.sort(Map.Entry.comparingByKey());
      JsonArray dates = new JsonArray();
      JsonArray gaps = new JsonArray();
      LocalDate previous = null;
      int longest = 0;
      for (var e : seen) {
        dates.add(new JsonObject().put("date", e.getKey().toString()).put("caravanId", e.getValue()));
        if (previous != null) {
          int gap = (int) (e.getKey().toEpochDay() - previous.toEpochDay());
          gaps.add(gap);
          longest = Math.max(longest, gap);
          gapSum += gap;
          gapCount++;
          worstRatio = Math.max(worstRatio, gap / (double) l.everyDays());
          if (gap > l.maxGapDays()) overMaximum++;
        }
        previous = e.getKey();
      }
      int want = wanted.getOrDefault(series, 0);
      int part = Integer.parseInt(series.substring(series.indexOf('#') + 1));
      int parts = (int) model.seriesOrder().stream().filter(s -> s.startsWith(l.siruta() + "#")).count();
      int people = share(l.people(), parts, part - 1);
      int covered = want == 0 ? people : people * seen.size() / want;
      peopleUncovered += people - covered;
      Integer sinceLast = l.lastVisit() == null ? null : (int) (p.firstDay().toEpochDay() - l.lastVisit().toEpochDay());
      LocalDate until = seen.isEmpty() ? p.lastDay() : seen.get(0).getKey();
      Integer waitToFirst = l.lastVisit() == null ? null : (int) (until.toEpochDay() - l.lastVisit().toEpochDay());
      localities.add(new JsonObject()
          .put("siruta", l.siruta())
          .put("name", l.name())
          .put("part", part)
          .put("parts", parts)
          .put("everyDays", l.everyDays())
          .put("maxGapDays", l.maxGapDays())
          .put("people", people)
          .put("weightedPeople", share(l.weightedPeople(), parts, part - 1))
          .put("peopleCovered", covered)
          .put("visitsWanted", want)
          .put("visitsPlanned", seen.size())
          .put("visits", dates)
          .put("gaps", gaps)
          .put("longestGapDays", seen.size() < 2 ? null : longest)
          .put("lastVisitBefore", l.lastVisit() == null ? null : l.lastVisit().toString())
          .put("daysSinceLastVisit", sinceLast)
          .put("daysFromLastVisitToFirst", waitToFirst));
    }
    JsonObject summary = new JsonObject()
        .put("caravanDays", daysUsed)
        .put("caravanDaysAvailable", (int) best.getCaravanDays().stream().filter(d -> !d.isUnassignedList()).count())
        .put("visits", best.getVisits().size())
        .put("visitsPlanned", best.getVisits().size() - best.unassignedList().getVisits().size())
        .put("visitsUnreachable", model.unreachable())
        .put("km", Math.round(metres / 100.0) / 10.0)
        .put("drivingHours", Math.round(drivingSeconds / 360.0) / 10.0)
        .put("serviceHours", Math.round(serviceSeconds / 360.0) / 10.0)
        .put("meanGapDays", gapCount == 0 ? null : Math.round(gapSum * 10.0 / gapCount) / 10.0)
        .put("worstGapOverInterval", Math.round(worstRatio * 100) / 100.0)
        .put("gapsOverMaximum", overMaximum)
        .put("peopleUncovered", peopleUncovered)
        .put("legs", new JsonObject(new LinkedHashMap<>(legs)));
    return new HorizonResult(stops, localities, summary, best.getScore().toString());
  }

  /**
   * A locality's published stops shared out among its parts (groups of its people visited separately): each stop is one
   * part's visit, given in date order to the part with the fewest so far that has no stop that day. Without this, every
   * part would take every published stop and the week would come back with each stop repeated.
   */
  static List<List<HorizonProblem.PublishedStop>> shareOut(List<HorizonProblem.PublishedStop> published, int parts) {
    List<HorizonProblem.PublishedStop> inOrder = new ArrayList<>(published);
    inOrder.sort(Comparator.comparing(HorizonProblem.PublishedStop::day).thenComparing(HorizonProblem.PublishedStop::caravanId)
        .thenComparing(HorizonProblem.PublishedStop::position));
    List<List<HorizonProblem.PublishedStop>> out = new ArrayList<>();
    for (int i = 0; i < parts; i++) out.add(new ArrayList<>());
    for (HorizonProblem.PublishedStop stop : inOrder) {
      List<HorizonProblem.PublishedStop> target = null;
      for (List<HorizonProblem.PublishedStop> part : out) {
        boolean sameDay = part.stream().anyMatch(x -> x.day().equals(stop.day()));
        if (!sameDay && (target == null || part.size() < target.size())) target = part;
      }
      // more stops in one day than parts: the least loaded part takes it anyway, nothing published is dropped
      if (target == null) target = out.stream().min(Comparator.comparingInt(List::size)).orElseThrow();
      target.add(stop);
    }
    return out;
  }

  private static List<LocalDate> window(List<LocalDate> open, LocalDate from, LocalDate to) {
    return open.stream().filter(d -> !d.isBefore(from) && !d.isAfter(to)).toList();
  }

  private static int ceilDiv(int a, int b) {
    return Math.max(1, (a + b - 1) / b);
  }

  /** Part {@code k} of {@code parts} of {@code total}, the remainder on the first parts. */
  static int share(int total, int parts, int k) {
    return total / parts + (k < total % parts ? 1 : 0);
  }

  private static OffsetDateTime at(HorizonProblem p, LocalDate date, long secondOfDay) {
    return date.atStartOfDay(p.zone()).plusSeconds(secondOfDay).toOffsetDateTime();
  }
}
