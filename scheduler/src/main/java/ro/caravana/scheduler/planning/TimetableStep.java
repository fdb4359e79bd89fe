package ro.caravana.scheduler.planning;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import io.vertx.core.json.JsonObject;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.solver.SolutionManager;
import org.optaplanner.core.api.solver.Solver;
import org.optaplanner.core.api.solver.SolverFactory;
import ro.caravana.optimizer.geo.GeoPoint;
import ro.caravana.optimizer.geo.GreatCircleMatrix;
import ro.caravana.optimizer.timetable.Beneficiary;
import ro.caravana.optimizer.timetable.BeneficiaryCategory;
import ro.caravana.optimizer.timetable.CaravanAppointment;
import ro.caravana.optimizer.timetable.CarePlan;
import ro.caravana.optimizer.timetable.Centre;
import ro.caravana.optimizer.timetable.Equipment;
import ro.caravana.optimizer.timetable.PriorityWeights;
import ro.caravana.optimizer.timetable.Replanner;
import ro.caravana.optimizer.timetable.Room;
import ro.caravana.optimizer.timetable.ServiceKind;
import ro.caravana.optimizer.timetable.Session;
import ro.caravana.optimizer.timetable.SessionFactory;
import ro.caravana.optimizer.timetable.Staff;
import ro.caravana.optimizer.timetable.Timetable;
import ro.caravana.optimizer.timetable.TimetableSolver;
import ro.caravana.optimizer.timetable.WeekMask;
import ro.caravana.optimizer.timetable.WeekTime;

/**
 * The centre timetable of a county-week: sessions of centre and remote care plans, with the caravan
 * consultations already booked as blocked time. Group services (parental education, support groups)
 * become one session per group of up to {@link #GROUP_SIZE} members of the same centre.
 */
final class TimetableStep {

  static final int GROUP_SIZE = 10;

  record Result(List<PlanOutcome.Item> items, HardMediumSoftLongScore score, int sessions, int sessionsAssigned,
      List<PlanOutcome.Reason> reasons) {}

  private TimetableStep() {}

  /** The timetable problem of a county-week as the solver gets it, and the care plans it was made from. */
  record Built(Timetable problem, Map<UUID, List<WeekProblem.CarePlan>> plansOf) {}

  static Result solve(WeekProblem p, List<PlanOutcome.Item> caravanItems, long seconds, Consumer<Progress> progress,
      StopSignal stop, long t0) {
    Built built = build(p, caravanItems);
    if (built == null) return new Result(List.of(), null, 0, 0, List.of());
    Timetable problem = built.problem();
    Map<UUID, List<WeekProblem.CarePlan>> plansOf = built.plansOf();
    List<Session> sessions = problem.getSessions();

    SolverFactory<Timetable> factory = SolverFactory.create(TimetableSolver.config(Duration.ofSeconds(Math.max(1, seconds)), 11L));
    Solver<Timetable> solver = factory.buildSolver();
    solver.addEventListener(event -> progress.accept(new Progress("timetable", event.getNewBestScore().toString(),
        (System.nanoTime() - t0) / 1_000_000, false)));
    stop.onStop(solver::terminateEarly);
    Timetable best = solver.solve(problem);
    return new Result(items(p, best.getSessions(), plansOf), best.getScore(), sessions.size(), (int) best.assignedCount(),
        explain(factory, best));
  }

  /** The draft appointments of a solved (or edited) timetable: one item per beneficiary and session. */
  static List<PlanOutcome.Item> items(WeekProblem p, List<Session> sessions, Map<UUID, List<WeekProblem.CarePlan>> plansOf) {
    List<PlanOutcome.Item> items = new ArrayList<>();
    PlanOutcome.Reason unplacedReason = new PlanOutcome.Reason(null,
        "Nu s-a găsit în această săptămână un interval în care terapeutul, sala și beneficiarul să fie toți disponibili.",
        "No time this week when a qualified therapist, a suitable room and the beneficiary are all available.");
    for (Session s : sessions) {
      for (Beneficiary b : s.getBeneficiaries()) {
        UUID beneficiary = UUID.fromString(b.id());
        String key = s.getBeneficiaries().size() > 1 || s.getCarePlanId().startsWith("group-")
            ? s.getId() + "/" + b.id() : s.getId();
        UUID carePlan = s.getCarePlanId().startsWith("group-") ? groupPlanOf(plansOf.get(beneficiary), s.getService())
            : UUID.fromString(s.getCarePlanId());
        String modality = s.getRoom() == null && s.getService().remoteStaff() ? "remote" : "centre";
        if (!s.isAssigned()) {
          items.add(new PlanOutcome.Item(key, beneficiary, carePlan, serviceName(s.getService()), modality, null, null,
              null, Long.parseLong(s.getCentre().id()), null, null, null,
              new PlanOutcome.Reason(key, unplacedReason.ro(), unplacedReason.en())));
          continue;
        }
        items.add(new PlanOutcome.Item(key, beneficiary, carePlan, serviceName(s.getService()),
            s.getService() == ServiceKind.TELEMEDICINE ? "remote" : "centre",
            at(p, s.getStartMinute()), at(p, s.getEndMinute()), Long.parseLong(s.getStaff().id()),
            Long.parseLong(s.getCentre().id()), s.getRoom() == null ? null : Long.parseLong(s.getRoom().id()), null, null,
            null));
      }
    }
    return items;
  }

  /** Builds the problem the solver gets (a re-plan starts from its base plan); null when the county has no centre. */
  static Built build(WeekProblem p, List<PlanOutcome.Item> caravanItems) {
    Map<Integer, WeekProblem.Place> places = new HashMap<>();
    p.places().forEach(pl -> places.put(pl.siruta(), pl));
    if (p.centres().isEmpty()) return null;

    // Centres, travel between them, rooms
    List<Centre> centres = new ArrayList<>();
    Map<Long, Centre> centreById = new HashMap<>();
    List<GeoPoint> points = new ArrayList<>();
    for (WeekProblem.Centre c : p.centres()) {
      WeekProblem.Place pl = places.get(c.siruta());
      GeoPoint point = new GeoPoint(pl.lat(), pl.lon());
      points.add(point);
      WeekMask hours = WeekMask.empty();
      for (var h : c.hours().entrySet()) {
        hours = hours.plusDaily(minuteOfDay(h.getValue().from()), minuteOfDay(h.getValue().to()), h.getKey().getValue() - 1);
      }
      for (LocalDate day : c.closed()) {
        hours = hours.minus(weekMinute(p, day), weekMinute(p, day.plusDays(1))); // a closure: nothing there that day
      }
      Centre centre = new Centre(String.valueOf(c.id()), c.name(), p.county(), point, centres.size(), hours);
      centres.add(centre);
      centreById.put(c.id(), centre);
    }
    GreatCircleMatrix matrix = new GreatCircleMatrix(points);
    for (Centre c : centres) {
      int[] minutes = new int[centres.size()];
      for (int j = 0; j < centres.size(); j++) minutes[j] = (int) Math.ceil(matrix.seconds(c.index(), j) / 60.0);
      c.setTravelMinutesTo(minutes);
    }
    List<Room> rooms = new ArrayList<>();
    for (WeekProblem.Room r : p.rooms()) {
      Set<Equipment> equipment = EnumSet.noneOf(Equipment.class);
      r.equipment().forEach(e -> equipment.add(Equipment.valueOf(e.toUpperCase())));
      rooms.add(new Room(String.valueOf(r.id()), centreById.get(r.centreId()), equipment));
    }

    // Staff who deliver a timetabled service. A caravan's doctor can also give remote consultations;
    // on a day the caravan drives with them they are on the road, so that day is not theirs to book.
    Map<Long, Set<LocalDate>> onTheRoad = new HashMap<>();
    for (PlanOutcome.Item item : caravanItems) {
      if (!item.placed() || item.staffId() == null) continue;
      onTheRoad.computeIfAbsent(item.staffId(), k -> new HashSet<>()).add(item.startsAt().atZoneSameInstant(p.zone()).toLocalDate());
    }
    List<Staff> staff = new ArrayList<>();
    for (WeekProblem.StaffMember s : p.staff()) {
      Set<ServiceKind> skills = EnumSet.noneOf(ServiceKind.class);
      s.skills().forEach(k -> serviceKind(k).ifPresent(skills::add));
      if (skills.isEmpty()) continue;
      Centre home = s.homeCentreId() == null ? null : centreById.get(s.homeCentreId());
      if (home == null) home = centres.get(0);
      // any centre of the county: the travel-time constraint keeps a day's moves between centres feasible
      Set<Centre> allowed = new HashSet<>(centres);
      WeekMask availability = WeekMask.empty();
      for (var a : s.availability().entrySet()) {
        for (WeekProblem.Window w : a.getValue()) {
          availability = availability.plusDaily(minuteOfDay(w.from()), minuteOfDay(w.to()), a.getKey().getValue() - 1);
        }
      }
      for (WeekProblem.DateRange leave : s.leave()) {
        availability = availability.minus(weekMinute(p, leave.from()), weekMinute(p, leave.to().plusDays(1)));
      }
      for (LocalDate day : onTheRoad.getOrDefault(s.id(), Set.of())) {
        availability = availability.minus(weekMinute(p, day), weekMinute(p, day.plusDays(1)));
      }
      staff.add(new Staff(String.valueOf(s.id()), s.name(), skills, home, allowed, availability));
    }

    // Beneficiaries and their care plans due this week
    Map<UUID, WeekProblem.Beneficiary> people = new HashMap<>();
    p.beneficiaries().forEach(b -> people.put(b.id(), b));
    Map<UUID, List<WeekProblem.CarePlan>> plansOf = new LinkedHashMap<>();
    for (WeekProblem.CarePlan plan : p.carePlans()) {
      if ("caravan".equals(plan.modality()) || !plan.dueInWeekOf(p.monday())) continue;
      if (serviceKind(plan.service(), plan.modality()).isEmpty() || !people.containsKey(plan.beneficiaryId())) continue;
      plansOf.computeIfAbsent(plan.beneficiaryId(), k -> new ArrayList<>()).add(plan);
    }
    Map<UUID, Beneficiary> beneficiaryOf = new HashMap<>();
    List<Beneficiary> beneficiaries = new ArrayList<>();
    for (var e : plansOf.entrySet()) {
      WeekProblem.Beneficiary b = people.get(e.getKey());
      Centre centre = b.centreId() != null && centreById.containsKey(b.centreId()) ? centreById.get(b.centreId())
          : nearest(centres, matrix, places.get(b.siruta()));
      Beneficiary beneficiary = new Beneficiary(b.id().toString(), category(b, p.monday()), centre,
          availability(b, p.monday()), preferred(e.getValue(), availability(b, p.monday())));
      beneficiaries.add(beneficiary);
      beneficiaryOf.put(b.id(), beneficiary);
    }
    List<CarePlan> plans = new ArrayList<>();
    Map<String, List<Beneficiary>> groups = new LinkedHashMap<>();
    Map<String, WeekProblem.CarePlan> groupTemplate = new HashMap<>();
    for (var e : plansOf.entrySet()) {
      Beneficiary b = beneficiaryOf.get(e.getKey());
      for (WeekProblem.CarePlan plan : e.getValue()) {
        ServiceKind kind = serviceKind(plan.service(), plan.modality()).orElseThrow();
        Centre centre = plan.centreId() != null && centreById.containsKey(plan.centreId()) ? centreById.get(plan.centreId())
            : b.centre();
        if (kind.group()) {
          String key = centre.id() + "|" + kind;
          groups.computeIfAbsent(key, k -> new ArrayList<>()).add(b);
          groupTemplate.putIfAbsent(key, plan);
        } else {
          plans.add(new CarePlan(plan.id().toString(), List.of(b), kind, onGrid(plan.minutes()),
              Math.min(plan.sessionsPerWeek(), 5), 1, 0, centre, "remote".equals(plan.modality()), null));
        }
      }
    }
    for (var g : groups.entrySet()) {
      WeekProblem.CarePlan template = groupTemplate.get(g.getKey());
      ServiceKind kind = serviceKind(template.service(), template.modality()).orElseThrow();
      Centre centre = centreById.get(Long.parseLong(g.getKey().substring(0, g.getKey().indexOf('|'))));
      List<Beneficiary> members = g.getValue();
      for (int k = 0; k * GROUP_SIZE < members.size(); k++) {
        List<Beneficiary> group = members.subList(k * GROUP_SIZE, Math.min(members.size(), (k + 1) * GROUP_SIZE));
        plans.add(new CarePlan("group-" + centre.id() + "-" + kind.name().toLowerCase() + "-" + (k + 1), group, kind,
            onGrid(template.minutes()), 1, 1, 0, centre, false, null));
      }
    }

    // Caravan consultations already booked this week are blocked time
    List<CaravanAppointment> caravan = new ArrayList<>();
    for (PlanOutcome.Item item : caravanItems) {
      Beneficiary b = beneficiaryOf.get(item.beneficiaryId());
      if (b == null || !item.placed()) continue;
      caravan.add(new CaravanAppointment(item.itemKey(), b, weekMinute(p, item.startsAt()), weekMinute(p, item.endsAt())));
    }

    List<Session> sessions = SessionFactory.create(plans, 0, PriorityWeights.DEFAULT);
    int notBefore = Math.max(0, Replanner.weekMinute(p.monday(), p.now()));
    SessionFactory.computeRanges(sessions, staff, rooms, notBefore);
    Timetable problem = new Timetable(p.monday(), centres, rooms, staff, beneficiaries, caravan, sessions);
    Map<String, PlanOutcome.Item> base = new HashMap<>();
    p.baseItems().stream().filter(PlanOutcome.Item::placed).forEach(i -> base.put(sessionKey(i.itemKey()), i));
    if (!base.isEmpty()) problem = replanning(p, problem, base, onTheRoad);
    return new Built(problem, plansOf);
  }

  /** Keeps what was published: same start, staff and room where still possible; started sessions pinned. */
  private static Timetable replanning(WeekProblem p, Timetable problem, Map<String, PlanOutcome.Item> base,
      Map<Long, Set<LocalDate>> onTheRoad) {
    Map<String, Staff> staff = new HashMap<>();
    problem.getStaff().forEach(s -> staff.put(s.id(), s));
    Map<String, Room> rooms = new HashMap<>();
    problem.getRooms().forEach(r -> rooms.put(r.id(), r));
    for (Session s : problem.getSessions()) {
      PlanOutcome.Item was = base.get(s.getId());
      if (was == null || was.staffId() == null) continue;
      s.setStart(weekMinute(p, was.startsAt()));
      s.setStaff(staff.get(String.valueOf(was.staffId())));
      s.setRoom(was.roomId() == null ? null : rooms.get(String.valueOf(was.roomId())));
    }
    List<ro.caravana.optimizer.timetable.Disruption> disruptions = new ArrayList<>();
    for (Disruption disruption : p.disruptions()) {
      if (disruption instanceof Disruption.StaffAbsent absent && staff.containsKey(String.valueOf(absent.staffId()))) {
        absent.dates().forEach(d -> disruptions.add(new ro.caravana.optimizer.timetable.Disruption.StaffAbsence(
            String.valueOf(absent.staffId()), d, d)));
      } else if (disruption instanceof Disruption.CentreClosed closed) {
        String centre = String.valueOf(closed.centreId());
        problem.getRooms().stream().filter(r -> r.centre().id().equals(centre)).forEach(r -> closed.dates().forEach(d ->
            disruptions.add(new ro.caravana.optimizer.timetable.Disruption.RoomClosure(r.id(), d, d))));
      }
    }
    // a caravan's doctor gives up the remote sessions of every day they are on the road, as if absent
    // (a day the caravan lost gives them back; a day it gained frees what was booked on it)
    onTheRoad.forEach((staffId, days) -> {
      if (!staff.containsKey(String.valueOf(staffId))) return;
      days.forEach(d -> disruptions.add(new ro.caravana.optimizer.timetable.Disruption.StaffAbsence(String.valueOf(staffId), d, d)));
    });
    Timetable replan = Replanner.prepare(problem, p.now(),
        disruptions.toArray(new ro.caravana.optimizer.timetable.Disruption[0]));
    // the plan's own disruption comes last in the chain
    Disruption own = p.disruptions().isEmpty() ? null : p.disruptions().get(p.disruptions().size() - 1);
    if (own instanceof Disruption.ManualEdits edits) {
      // re-solving around manual edits: the pinned sessions stay, every other one may move (a move from the
      // edited draft costs a little, as a change to a published plan does)
      Set<String> keep = new HashSet<>(edits.pinnedSessions());
      for (Session s : replan.getSessions()) {
        if (s.isAssigned() && keep.contains(s.getId())) s.setPinned(true);
      }
      return replan;
    }
    // What families were told and the disruption leaves possible stays exactly as it is: only the
    // sessions it freed (and those never placed) are planned again, into the time that is still free.
    for (Session s : replan.getSessions()) {
      if (s.isAssigned() && !s.isPinned()) s.publish(false, true);
    }
    return replan;
  }

  /** Totals by constraint, in words: what the plan pays for and why. */
  private static List<PlanOutcome.Reason> explain(SolverFactory<Timetable> factory, Timetable best) {
    List<PlanOutcome.Reason> out = new ArrayList<>();
    var explanation = SolutionManager.create(factory).explain(best);
    explanation.getConstraintMatchTotalMap().values().stream()
        .filter(t -> !t.getScore().equals(HardMediumSoftLongScore.ZERO))
        .sorted(Comparator.comparing(t -> t.getScore()))
        .limit(8)
        .forEach(t -> {
          // in words: the constraint's name and what it protects, never its id or a raw score
          var words = ro.caravana.optimizer.timetable.TimetableConstraintWords.forConstraint(t.getConstraintName());
          String nameRo = words.map(w -> w.name().ro()).orElse("Altă regulă");
          String nameEn = words.map(w -> w.name().en()).orElse("Another rule");
          String whyRo = words.map(w -> " " + w.why().ro()).orElse("");
          String whyEn = words.map(w -> " " + w.why().en()).orElse("");
          int n = t.getConstraintMatchCount();
          out.add(new PlanOutcome.Reason(null,
              "Orar: " + nameRo + " — " + n + (n == 1 ? " caz." : " cazuri.") + whyRo,
              "Timetable: " + nameEn + " — " + n + (n == 1 ? " case." : " cases.") + whyEn));
        });
    return out;
  }

  /** Sessions sit on the 15-minute grid: a 50-minute counselling session books an hour. */
  static int onGrid(int minutes) {
    return Math.max(1, (minutes + WeekTime.SLOT_MINUTES - 1) / WeekTime.SLOT_MINUTES) * WeekTime.SLOT_MINUTES;
  }

  static String sessionKey(String itemKey) {
    int slash = itemKey.indexOf('/');
    return slash < 0 ? itemKey : itemKey.substring(0, slash);
  }

  private static UUID groupPlanOf(List<WeekProblem.CarePlan> plans, ServiceKind kind) {
    return plans.stream().filter(pl -> serviceKind(pl.service(), pl.modality()).orElse(null) == kind)
        .map(WeekProblem.CarePlan::id).findFirst().orElse(null);
  }

  static java.util.Optional<ServiceKind> serviceKind(String skill) {
    try {
      return java.util.Optional.of(ServiceKind.valueOf(skill.toUpperCase()));
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }

  static java.util.Optional<ServiceKind> serviceKind(String service, String modality) {
    if ("medical_consultation".equals(service) && "remote".equals(modality)) return java.util.Optional.of(ServiceKind.TELEMEDICINE);
    return serviceKind(service);
  }

  static String serviceName(ServiceKind kind) {
    return kind.name().toLowerCase();
  }

  private static BeneficiaryCategory category(WeekProblem.Beneficiary b, LocalDate monday) {
    boolean child = b.birthDate() != null && b.birthDate().isAfter(monday.minusYears(18));
    if ("disability".equals(b.category()) || b.flags().contains("disability_certificate")) {
      return child ? BeneficiaryCategory.CHILD_WITH_DISABILITY : BeneficiaryCategory.ADULT_WITH_DISABILITY;
    }
    return BeneficiaryCategory.VULNERABLE_FAMILY_MEMBER;
  }

  /** Children of school age after school on weekdays; younger children and adults in the daytime. */
  private static WeekMask availability(WeekProblem.Beneficiary b, LocalDate monday) {
    if (b.birthDate() != null) {
      LocalDate seven = b.birthDate().plusYears(7);
      LocalDate eighteen = b.birthDate().plusYears(18);
      if (!monday.isBefore(seven) && monday.isBefore(eighteen)) return WeekMask.weekdays(13, 19);
    }
    return WeekMask.weekdays(9, 19);
  }

  private static WeekMask preferred(List<WeekProblem.CarePlan> plans, WeekMask fallback) {
    for (WeekProblem.CarePlan plan : plans) {
      if (plan.preferredFrom() == null || plan.preferredTo() == null) continue;
      Set<DayOfWeek> days = plan.preferredDays().isEmpty()
          ? EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY) : plan.preferredDays();
      int[] d = days.stream().mapToInt(x -> x.getValue() - 1).toArray();
      return WeekMask.daily(minuteOfDay(plan.preferredFrom()), minuteOfDay(plan.preferredTo()), d);
    }
    return fallback;
  }

  private static Centre nearest(List<Centre> centres, GreatCircleMatrix matrix, WeekProblem.Place place) {
    GeoPoint at = new GeoPoint(place.lat(), place.lon());
    return centres.stream().min(Comparator.comparingDouble(c -> c.position().greatCircleMetres(at))).orElseThrow();
  }

  private static int minuteOfDay(LocalTime t) {
    return t.getHour() * 60 + t.getMinute();
  }

  private static int weekMinute(WeekProblem p, LocalDate day) {
    return (int) ChronoUnit.DAYS.between(p.monday(), day) * WeekTime.MINUTES_PER_DAY;
  }

  private static int weekMinute(WeekProblem p, OffsetDateTime t) {
    return Replanner.weekMinute(p.monday(), t.toInstant());
  }

  static OffsetDateTime at(WeekProblem p, int weekMinute) {
    LocalDateTime local = p.monday().atStartOfDay().plusMinutes(weekMinute);
    return local.atZone(p.zone()).toOffsetDateTime();
  }
}
