package ro.caravana.scheduler.planning;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
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
 * Caravan routes for a county-week, then the consultations inside each stop. A locality whose
 * beneficiaries' care plans ask for a caravan consultation this week becomes one or more visits
 * (split so one fits in a caravan-day); each routed stop is then cut into consecutive consultation
 * slots, earliest preferences first, so nobody is booked twice at once.
 */
final class RoutesStep {

  /** A caravan-day costs as much as two hours on the road: fewer vans first, but not at any price. */
  static final long CARAVAN_DAY_COST_SECONDS = 2 * 3600;
  static final String DOCTOR = "doctor";
  /** At most this share of a shift is one stop's service, so a day can reach two villages. */
  static final int MAX_STOP_MINUTES = 240;

  record Consultation(WeekProblem.CarePlan plan, WeekProblem.Beneficiary beneficiary) {
    String itemKey() { return "caravan:" + plan.id(); }
  }

  record Result(List<PlanOutcome.Item> items, List<PlanOutcome.Stop> stops, HardMediumSoftLongScore score, int visits, int visitsAssigned,
      List<PlanOutcome.Reason> reasons) {}

  private RoutesStep() {}

  static Result solve(WeekProblem p, long seconds, Consumer<Progress> progress, StopSignal stop, long t0) {
    Map<UUID, WeekProblem.Beneficiary> beneficiaries = new HashMap<>();
    p.beneficiaries().forEach(b -> beneficiaries.put(b.id(), b));
    Map<Integer, List<Consultation>> bySiruta = new LinkedHashMap<>();
    // with a horizon, its stops say which localities the caravans visit this week and on which days;
    // every valid caravan care plan of those localities is served then
    Map<Integer, Set<LocalDate>> horizonDates = new HashMap<>();
    Set<String> horizonDays = new HashSet<>();
    p.horizonStops().forEach(h -> {
      horizonDates.computeIfAbsent(h.siruta(), k -> new HashSet<>()).add(h.day());
      horizonDays.add(h.caravanId() + "|" + h.day());
    });
    boolean fromHorizon = !horizonDays.isEmpty();
    for (WeekProblem.CarePlan plan : p.carePlans()) {
      if (!"caravan".equals(plan.modality())) continue;
      WeekProblem.Beneficiary b = beneficiaries.get(plan.beneficiaryId());
      if (b == null) continue;
      if (fromHorizon ? !horizonDates.containsKey(b.siruta()) || !validInWeek(plan, p.monday())
          : !plan.dueInWeekOf(p.monday())) {
        continue;
      }
      bySiruta.computeIfAbsent(b.siruta(), k -> new ArrayList<>()).add(new Consultation(plan, b));
    }
    if (bySiruta.isEmpty() || p.caravans().isEmpty()) {
      List<PlanOutcome.Item> unplaced = new ArrayList<>();
      bySiruta.values().forEach(list -> list.forEach(c -> unplaced.add(unplaced(c, p.caravans().isEmpty()
          ? noCaravan() : null))));
      return new Result(unplaced, List.of(), null, 0, 0, List.of());
    }

    Map<Integer, WeekProblem.Place> places = new HashMap<>();
    p.places().forEach(pl -> places.put(pl.siruta(), pl));
    // road times: imported or router entries, else the estimate; a locality's days are those it is open
    // on, sharing one slow factor (road rules), and the horizon's days when there is a horizon
    List<LocalDate> weekdays = new ArrayList<>();
    for (int d = 0; d < 5; d++) weekdays.add(p.monday().plusDays(d));
    Map<Integer, RoadNetwork.Choice> daysOf = new HashMap<>();
    bySiruta.keySet().forEach(s -> daysOf.put(s, p.roads().choose(s,
        fromHorizon ? horizonDates.get(s).stream().sorted().toList() : weekdays)));
    List<RoadNetwork.Node> nodes = new ArrayList<>();
    List<Integer> order = new ArrayList<>();
    Map<String, Integer> nodeIndex = new HashMap<>();
    java.util.function.BiConsumer<Integer, Integer> addNode = (s, percent) -> {
      if (nodeIndex.putIfAbsent(s + "@" + percent, nodes.size()) != null) return;
      nodes.add(new RoadNetwork.Node(s, places.get(s).lat(), places.get(s).lon(), percent));
      order.add(s);
    };
    p.caravans().forEach(c -> addNode.accept(c.depotSiruta(), 100));
    bySiruta.keySet().forEach(s -> addNode.accept(s, daysOf.get(s).slowPercent()));
    RoadMatrix matrix = p.roads().matrix(nodes);
    List<Place> placeList = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) placeList.add(new Place(i, places.get(order.get(i)).name(), matrix));
    Map<Integer, Place> placeOf = new HashMap<>();
    p.caravans().forEach(c -> placeOf.put(c.depotSiruta(), placeList.get(nodeIndex.get(c.depotSiruta() + "@100"))));
    bySiruta.keySet().forEach(s -> placeOf.put(s, placeList.get(nodeIndex.get(s + "@" + daysOf.get(s).slowPercent()))));

    Set<String> unavailable = unavailableCaravanDays(p);
    long earliest = Long.MAX_VALUE;
    long latest = 0;
    List<CaravanDay> days = new ArrayList<>();
    Map<String, WeekProblem.Caravan> caravanOfDay = new HashMap<>();
    for (WeekProblem.Caravan c : p.caravans()) {
      earliest = Math.min(earliest, c.shiftStart().toSecondOfDay());
      latest = Math.max(latest, c.shiftEnd().toSecondOfDay());
      for (int d = 0; d < 5; d++) {
        LocalDate date = p.monday().plusDays(d);
        String id = c.id() + "|" + date;
        if (unavailable.contains(id) || c.outOfService().contains(date) || (fromHorizon && !horizonDays.contains(id))) continue;
        Set<String> skills = new HashSet<>(c.crew());
        if (doctorAbsent(p, c, date)) skills.remove(DOCTOR);
        Place depot = placeOf.get(c.depotSiruta());
        days.add(new CaravanDay(id, String.valueOf(c.id()), c.code(), date, c.shiftStart().toSecondOfDay(),
            c.shiftEnd().toSecondOfDay(), depot, depot, skills, c.consultationsPerDay(), CARAVAN_DAY_COST_SECONDS));
        caravanOfDay.put(id, c);
      }
    }
    int capacity = p.caravans().stream().mapToInt(WeekProblem.Caravan::consultationsPerDay).min().orElse(20);
    List<Visit> visits = new ArrayList<>();
    Map<String, List<Consultation>> consultationsOf = new HashMap<>();
    for (var e : bySiruta.entrySet()) {
      List<Consultation> all = new ArrayList<>(e.getValue());
      all.sort(Comparator.comparing((Consultation c) -> c.plan().id()));
      List<List<Consultation>> chunks = chunks(all, Math.max(1, capacity / 2));
      for (int k = 0; k < chunks.size(); k++) {
        List<Consultation> chunk = chunks.get(k);
        String id = e.getKey() + "#" + (k + 1);
        long minutes = chunk.stream().mapToLong(c -> c.plan().minutes()).sum();
        int priority = chunk.stream().mapToInt(c -> priority(c.beneficiary())).max().orElse(1);
        List<LocalDate> open = daysOf.get(e.getKey()).dates();
        visits.add(new Visit(id, placeOf.get(e.getKey()), minutes * 60, chunk.size(), Set.of(DOCTOR), earliest, latest,
            open.isEmpty() ? Set.of(LocalDate.EPOCH) : Set.copyOf(open), priority));
        consultationsOf.put(id, chunk);
      }
    }
    keepPublishedStops(p, days, visits, consultationsOf);

    RoutePlan problem = new RoutePlan(p.county() + " " + p.week(), days, visits);
    RoutingSolverSettings settings = RoutingSolverSettings.forSeconds(Math.max(1, seconds))
        .withUnimprovedSeconds(Math.max(2, seconds / 2)).withRandomSeed(7L).sizedFor(visits.size());
    Solver<RoutePlan> solver = SolverFactory.<RoutePlan>create(RoutingSolverConfig.build(settings)).buildSolver();
    solver.addEventListener(event -> progress.accept(new Progress("routes", event.getNewBestScore().toString(),
        (System.nanoTime() - t0) / 1_000_000, false)));
    stop.onStop(solver::terminateEarly);
    RoutePlan best = solver.solve(problem);

    List<PlanOutcome.Item> items = new ArrayList<>();
    List<PlanOutcome.Stop> stops = new ArrayList<>();
    Map<Long, Long> doctorOf = doctors(p);
    int assigned = 0;
    for (CaravanDay day : best.drivingDays()) {
      WeekProblem.Caravan caravan = caravanOfDay.get(day.getId());
      int position = 0;
      for (Visit v : day.getVisits()) {
        assigned++;
        OffsetDateTime arrives = at(p, day.getDate(), v.getArrivalTime());
        OffsetDateTime departs = at(p, day.getDate(), v.getDepartureTime());
        int siruta = order.get(v.getPlace().index());
        stops.add(new PlanOutcome.Stop(caravan.id(), day.getDate(), position++, siruta, arrives, departs));
        long slot = v.getServiceStart();
        for (Consultation c : bookingOrder(consultationsOf.get(v.getId()))) {
          OffsetDateTime start = at(p, day.getDate(), slot);
          slot += c.plan().minutes() * 60L;
          items.add(new PlanOutcome.Item(c.itemKey(), c.beneficiary().id(), c.plan().id(), c.plan().service(), "caravan",
              start, at(p, day.getDate(), slot), doctorOf.get(caravan.id()), null, null, caravan.id(), siruta, null));
        }
      }
    }
    List<PlanOutcome.Reason> reasons = new ArrayList<>();
    for (Visit v : best.unassignedList().getVisits()) {
      String name = v.getPlace().name();
      PlanOutcome.Reason reason = v.getAllowedDates().contains(LocalDate.EPOCH)
          ? new PlanOutcome.Reason(null,
              "Drumul spre " + name + " este închis în zilele acestei săptămâni (" + v.getDemand() + " consultații).",
              "The road to " + name + " is closed on this week's days (" + v.getDemand() + " consultations).")
          : new PlanOutcome.Reason(null,
          "Vizita caravanei la " + name + " (" + v.getDemand() + " consultații) nu a încăput în turele caravanelor din această săptămână.",
          "The caravan visit to " + name + " (" + v.getDemand() + " consultations) did not fit in this week's caravan shifts.");
      reasons.add(reason);
      consultationsOf.get(v.getId()).forEach(c -> items.add(unplaced(c, reason)));
    }
    return new Result(items, stops, best.getScore(), visits.size(), assigned, reasons);
  }

  /** Valid at some point of the week starting {@code monday}. */
  private static boolean validInWeek(WeekProblem.CarePlan plan, LocalDate monday) {
    LocalDate sunday = monday.plusDays(6);
    return !plan.validFrom().isAfter(sunday) && (plan.validTo() == null || !plan.validTo().isBefore(monday));
  }

  /** In a re-plan, visits published before stay on their caravan-day in their order unless that day is gone. */
  private static void keepPublishedStops(WeekProblem p, List<CaravanDay> days, List<Visit> visits,
      Map<String, List<Consultation>> consultationsOf) {
    if (p.baseItems().isEmpty()) return;
    Map<String, PlanOutcome.Item> base = new HashMap<>();
    p.baseItems().stream().filter(i -> "caravan".equals(i.modality()) && i.placed()).forEach(i -> base.put(i.itemKey(), i));
    Map<String, CaravanDay> dayById = new HashMap<>();
    days.forEach(d -> dayById.put(d.getId(), d));
    Map<CaravanDay, List<Map.Entry<OffsetDateTime, Visit>>> kept = new HashMap<>();
    for (Visit v : visits) {
      PlanOutcome.Item first = consultationsOf.get(v.getId()).stream().map(c -> base.get(c.itemKey()))
          .filter(java.util.Objects::nonNull).min(Comparator.comparing(PlanOutcome.Item::startsAt)).orElse(null);
      if (first == null) continue;
      CaravanDay day = dayById.get(first.caravanId() + "|" + first.startsAt().atZoneSameInstant(p.zone()).toLocalDate());
      if (day == null || !day.getSkills().contains(DOCTOR)) continue; // that day is gone: the visit moves
      kept.computeIfAbsent(day, k -> new ArrayList<>()).add(Map.entry(first.startsAt(), v));
    }
    kept.forEach((day, list) -> {
      list.sort(Map.Entry.comparingByKey());
      // a pre-placed list element needs its shadow variables set as the solver would: OptaPlanner 9.44
      // does not compute them for the starting solution (the construction heuristic would take the
      // visit for unassigned, and an untouched day would have no arrival times)
      Visit previous = null;
      long departure = day.getShiftStart();
      Place at = day.getStartDepot();
      for (var e : list) {
        Visit v = e.getValue();
        day.getVisits().add(v);
        v.setPinned(true);
        v.setCaravanDay(day);
        v.setPrevious(previous);
        if (previous != null) previous.setNext(v);
        v.setArrivalTime(departure + at.timeTo(v.getPlace()));
        departure = v.getDepartureTime();
        at = v.getPlace();
        previous = v;
      }
    });
  }

  private static Set<String> unavailableCaravanDays(WeekProblem p) {
    Set<String> out = new HashSet<>();
    for (Disruption.CaravanUnavailable off : p.disruptions(Disruption.CaravanUnavailable.class)) {
      off.dates().forEach(d -> out.add(off.caravanId() + "|" + d));
    }
    return out;
  }

  private static boolean doctorAbsent(WeekProblem p, WeekProblem.Caravan c, LocalDate date) {
    List<WeekProblem.StaffMember> doctors = p.staff().stream()
        .filter(s -> c.id() == (s.caravanId() == null ? -1 : s.caravanId()) && DOCTOR.equals(s.role())).toList();
    if (doctors.isEmpty()) return false; // the crew list is what the county declared
    return doctors.stream().allMatch(s -> absent(p, s, date));
  }

  static boolean absent(WeekProblem p, WeekProblem.StaffMember s, LocalDate date) {
    if (s.leave().stream().anyMatch(r -> r.contains(date))) return true;
    return p.disruptions(Disruption.StaffAbsent.class).stream()
        .anyMatch(d -> d.staffId() == s.id() && d.dates().contains(date));
  }

  private static Map<Long, Long> doctors(WeekProblem p) {
    Map<Long, Long> out = new HashMap<>();
    p.staff().stream().filter(s -> s.caravanId() != null && DOCTOR.equals(s.role()))
        .forEach(s -> out.putIfAbsent(s.caravanId(), s.id()));
    return out;
  }

  /** Families with a stated earliest time go first; the rest keep a stable order. */
  private static List<Consultation> bookingOrder(List<Consultation> chunk) {
    List<Consultation> out = new ArrayList<>(chunk);
    out.sort(Comparator.comparing((Consultation c) -> c.plan().preferredFrom() == null ? LocalTime.MAX : c.plan().preferredFrom())
        .thenComparing(c -> c.plan().id()));
    return out;
  }

  static int priority(WeekProblem.Beneficiary b) {
    boolean child = b.birthDate() != null && b.birthDate().isAfter(LocalDate.now().minusYears(18));
    if ("disability".equals(b.category())) return child ? 3 : 2;
    return 1;
  }

  private static List<List<Consultation>> chunks(List<Consultation> all, int perChunk) {
    List<List<Consultation>> out = new ArrayList<>();
    List<Consultation> current = new ArrayList<>();
    int minutes = 0;
    for (Consultation c : all) {
      if (!current.isEmpty() && (current.size() >= perChunk || minutes + c.plan().minutes() > MAX_STOP_MINUTES)) {
        out.add(current);
        current = new ArrayList<>();
        minutes = 0;
      }
      current.add(c);
      minutes += c.plan().minutes();
    }
    if (!current.isEmpty()) out.add(current);
    return out;
  }

  /**
   * A time families are told (a stop's arrival or departure, a consultation's slot), on the 5-minute grid:
   * the solver's times are to the second ("ora 11:26"). Rounded down, so the order of the day is kept (rounding
   * down never swaps two times) and a family comes at most four minutes before its slot, never after.
   */
  static OffsetDateTime at(WeekProblem p, LocalDate date, long secondOfDay) {
    return date.atStartOfDay(p.zone()).plusSeconds(secondOfDay - Math.floorMod(secondOfDay, GRID_SECONDS))
        .toOffsetDateTime();
  }

  /** The grid of the times families see, in seconds. */
  static final long GRID_SECONDS = 5 * 60;

  private static PlanOutcome.Item unplaced(Consultation c, PlanOutcome.Reason reason) {
    return new PlanOutcome.Item(c.itemKey(), c.beneficiary().id(), c.plan().id(), c.plan().service(), "caravan", null, null,
        null, null, null, null, c.beneficiary().siruta(), reason == null ? null
            : new PlanOutcome.Reason(c.itemKey(), reason.ro(), reason.en()));
  }

  private static PlanOutcome.Reason noCaravan() {
    return new PlanOutcome.Reason(null, "Județul nu are caravane înregistrate.", "The county has no caravans on record.");
  }
}
