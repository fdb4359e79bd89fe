package ro.caravana.optimizer.timetable.scenario;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import ro.caravana.optimizer.geo.GeoPoint;
import ro.caravana.optimizer.geo.GreatCircleMatrix;
import ro.caravana.optimizer.timetable.Beneficiary;
import ro.caravana.optimizer.timetable.BeneficiaryCategory;
import ro.caravana.optimizer.timetable.CaravanAppointment;
import ro.caravana.optimizer.timetable.CarePlan;
import ro.caravana.optimizer.timetable.Centre;
import ro.caravana.optimizer.timetable.Equipment;
import ro.caravana.optimizer.timetable.PriorityWeights;
import ro.caravana.optimizer.timetable.Room;
import ro.caravana.optimizer.timetable.ServiceKind;
import ro.caravana.optimizer.timetable.Session;
import ro.caravana.optimizer.timetable.SessionFactory;
import ro.caravana.optimizer.timetable.Staff;
import ro.caravana.optimizer.timetable.Timetable;
import ro.caravana.optimizer.timetable.WeekMask;
import ro.caravana.optimizer.timetable.WeekTime;

/**
 * A deterministic (seeded) demo week shaped like the reference scenario: per unit of scale, 11 community
 * centres in Bacău (6) and Vrancea (5), 40 staff, 1,250 beneficiaries (889 persons with disabilities,
 * 480 of them children; 361 members of vulnerable families, 200 of whom attend parental-education groups)
 * and their care plans. Scale k repeats the unit k times (k x centres, staff and beneficiaries).
 *
 * <p>Centres are placed pseudo-randomly (seeded) inside each county's part of the Bacău-Vrancea bounding
 * box (lat 45.4-46.8, lon 26.2-27.6): the positions are plausible, not real commune coordinates. Travel
 * times between centres come from {@link GreatCircleMatrix}.
 *
 * <p>Not every plan has sessions every week: kinetotherapy and speech therapy are weekly (once or twice),
 * counselling fortnightly, telemedicine check-ups monthly, groups weekly; which fortnight or month a plan
 * falls in is a seeded phase, so a demo week has about 1,000 sessions for 40 staff, a load that can be
 * fully assigned.
 */
public final class DemoScenario {

  /** What to generate. {@code weekStart} must be a Monday. */
  public record Parameters(int scale, long seed, LocalDate weekStart, PriorityWeights weights) {
    public Parameters {
      if (scale < 1) throw new IllegalArgumentException("scale must be at least 1");
      if (weekStart.getDayOfWeek() != DayOfWeek.MONDAY) throw new IllegalArgumentException("weekStart must be a Monday");
    }

    public static Parameters demo(int scale, long seed, LocalDate weekStart) {
      return new Parameters(scale, seed, weekStart, PriorityWeights.DEFAULT);
    }
  }

  private static final int[] WEEKDAYS = {0, 1, 2, 3, 4};
  private static final int H = 60;
  private static final int NEARBY_MINUTES = 60;

  private final Parameters parameters;
  private final Random random;
  private final List<Centre> centres = new ArrayList<>();
  private final List<Room> rooms = new ArrayList<>();
  private final List<Staff> staff = new ArrayList<>();
  private final List<Beneficiary> beneficiaries = new ArrayList<>();
  private final List<CarePlan> plans = new ArrayList<>();
  private final List<CaravanAppointment> caravan = new ArrayList<>();
  private int bcCount;
  private int vnCount;

  private DemoScenario(Parameters parameters) {
    this.parameters = parameters;
    this.random = new Random(parameters.seed());
  }

  /** The week's problem: facts and sessions with their value ranges, nothing assigned. */
  public static Timetable generate(Parameters parameters) {
    return new DemoScenario(parameters).build();
  }

  private Timetable build() {
    List<List<Centre>> units = new ArrayList<>();
    for (int u = 0; u < parameters.scale(); u++) units.add(centresOfUnit());
    setTravelTimes();
    for (List<Centre> unit : units) {
      staffOfUnit(unit);
      beneficiariesAndPlansOfUnit(unit);
    }
    int weekNumber = parameters.weekStart().get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    List<Session> sessions = SessionFactory.create(plans, weekNumber, parameters.weights());
    SessionFactory.computeRanges(sessions, staff, rooms, 0);
    return new Timetable(parameters.weekStart(), List.copyOf(centres), List.copyOf(rooms), List.copyOf(staff),
        List.copyOf(beneficiaries), List.copyOf(caravan), sessions);
  }

  // Centres and rooms

  private List<Centre> centresOfUnit() {
    List<Centre> unit = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      boolean bacau = i < 6;
      double lat = bacau ? uniform(46.1, 46.8) : uniform(45.4, 46.1);
      double lon = bacau ? uniform(26.2, 27.6) : uniform(26.5, 27.5);
      String county = bacau ? "BC" : "VN";
      int number = bacau ? ++bcCount : ++vnCount;
      String id = "%s-C%02d".formatted(county, number);
      WeekMask hours = WeekMask.daily(8 * H, 19 * H, WEEKDAYS);
      if (number % 3 == 0) hours = hours.plusDaily(9 * H, 13 * H, 5); // some centres open Saturday morning
      Centre c = new Centre(id, "Centrul comunitar " + id, county, new GeoPoint(lat, lon), centres.size(), hours);
      centres.add(c);
      unit.add(c);
      rooms.add(new Room(id + "-KIN1", c, Set.of(Equipment.KINETOTHERAPY)));
      if (number % 2 == 1) rooms.add(new Room(id + "-KIN2", c, Set.of(Equipment.KINETOTHERAPY)));
      rooms.add(new Room(id + "-LOGO", c, Set.of(Equipment.SPEECH_THERAPY)));
      rooms.add(new Room(id + "-CAB", c, Set.of()));
      rooms.add(new Room(id + "-GRUP", c, Set.of(Equipment.GROUP_ROOM)));
      rooms.add(new Room(id + "-TELE", c, Set.of(Equipment.TELEMEDICINE_STATION)));
    }
    return unit;
  }

  private void setTravelTimes() {
    GreatCircleMatrix matrix = new GreatCircleMatrix(centres.stream().map(Centre::position).toList());
    for (Centre from : centres) {
      int[] minutes = new int[centres.size()];
      for (Centre to : centres) minutes[to.index()] = (int) Math.ceil(matrix.seconds(from.index(), to.index()) / 60.0);
      from.setTravelMinutesTo(minutes);
    }
  }

  // Staff

  private void staffOfUnit(List<Centre> unit) {
    // Kinetotherapists alternate an earlier and a later shift, so centres have someone after school.
    addRole(unit, "KIN", "Kinetoterapeut", 11, EnumSet.of(ServiceKind.KINETOTHERAPY), WeekMask.weekdays(10, 18),
        WeekMask.weekdays(11, 19), true);
    addRole(unit, "LOG", "Logoped", 8, EnumSet.of(ServiceKind.SPEECH_THERAPY), WeekMask.weekdays(11, 19), true);
    addRole(unit, "PSI", "Psiholog", 5,
        EnumSet.of(ServiceKind.COUNSELLING, ServiceKind.SUPPORT_GROUP, ServiceKind.PARENTAL_EDUCATION),
        WeekMask.weekdays(9, 17), false);
    addRole(unit, "CSC", "Consilier școlar", 2, EnumSet.of(ServiceKind.COUNSELLING, ServiceKind.PARENTAL_EDUCATION),
        WeekMask.weekdays(8, 16), false);
    // Social workers: two late days a week for parental-education evenings.
    addRole(unit, "AS", "Asistent social", 10,
        EnumSet.of(ServiceKind.PARENTAL_EDUCATION, ServiceKind.SUPPORT_GROUP, ServiceKind.COUNSELLING),
        WeekMask.daily(8 * H, 16 * H, 0, 2, 4).plusDaily(11 * H, 19 * H, 1, 3), false);
    // Doctors consult remotely; two work mornings, two afternoons (children after school).
    for (int d = 0; d < 4; d++) {
      WeekMask hours = d % 2 == 0 ? WeekMask.weekdays(8, 16) : WeekMask.weekdays(11, 19);
      Centre home = unit.get(d < 2 ? d : 6 + d);
      staff.add(new Staff(staffId("MED"), "Medic " + (staff.size() + 1), Set.of(ServiceKind.TELEMEDICINE), home,
          Set.of(home), hours));
    }
  }

  private int staffNumber;

  private String staffId(String role) { return "%s-%03d".formatted(role, ++staffNumber); }

  /**
   * {@code count} staff of one role spread over the unit's centres: homes are chosen farthest-first (each
   * next home is the centre farthest from the homes chosen so far); each staff member works at their home
   * centre, at the centres closer to that home than to any other home of the role, at the nearest other
   * centre and at any centre within {@value #NEARBY_MINUTES} minutes' drive.
   */
  private void addRole(List<Centre> unit, String role, String title, int count, Set<ServiceKind> skills,
      WeekMask hours, boolean somePartTime) {
    addRole(unit, role, title, count, skills, hours, hours, somePartTime);
  }

  /** As above; staff with an odd number in the role work {@code oddHours}. */
  private void addRole(List<Centre> unit, String role, String title, int count, Set<ServiceKind> skills,
      WeekMask hours, WeekMask oddHours, boolean somePartTime) {
    List<Centre> homes = new ArrayList<>();
    homes.add(unit.get(0));
    while (homes.size() < count) {
      Centre next = unit.stream().filter(c -> !homes.contains(c))
          .max(Comparator.comparingInt(c -> homes.stream().mapToInt(h -> h.travelMinutesTo(c)).min().orElse(0)))
          .orElse(unit.get(homes.size() % unit.size()));
      homes.add(next);
    }
    for (int j = 0; j < count; j++) {
      Centre home = homes.get(j);
      Set<Centre> allowed = new LinkedHashSet<>();
      allowed.add(home);
      for (Centre c : unit) {
        Centre nearestHome = homes.stream().min(Comparator.comparingInt(h -> h.travelMinutesTo(c))).orElseThrow();
        if (nearestHome == home || home.travelMinutesTo(c) <= NEARBY_MINUTES) allowed.add(c);
      }
      unit.stream().filter(c -> c != home).min(Comparator.comparingInt(home::travelMinutesTo)).ifPresent(allowed::add);
      WeekMask availability = j % 2 == 1 ? oddHours : hours;
      if (somePartTime && j % 5 == 4) availability = availability.minusDay(4); // four-day week
      if (random.nextInt(10) == 0) availability = availability.minusDay(random.nextInt(5)); // a day of leave
      staff.add(new Staff(staffId(role), title + " " + (staff.size() + 1), skills, home, allowed, availability));
    }
  }

  // Beneficiaries and care plans

  private void beneficiariesAndPlansOfUnit(List<Centre> unit) {
    List<Beneficiary> children = new ArrayList<>();
    List<Beneficiary> adults = new ArrayList<>();
    List<Beneficiary> families = new ArrayList<>();
    for (int i = 0; i < 480; i++) {
      Centre c = pick(unit);
      boolean preschool = random.nextInt(10) < 3;
      WeekMask availability = preschool ? WeekMask.weekdays(9, 19) : WeekMask.weekdays(13, 19);
      WeekMask preferred = preschool ? WeekMask.weekdays(9, 12) : WeekMask.weekdays(15, 18);
      children.add(beneficiary(BeneficiaryCategory.CHILD_WITH_DISABILITY, c, availability, preferred));
    }
    for (int i = 0; i < 409; i++) {
      Centre c = pick(unit);
      WeekMask preferred = random.nextBoolean() ? WeekMask.weekdays(9, 12) : WeekMask.weekdays(13, 16);
      adults.add(beneficiary(BeneficiaryCategory.ADULT_WITH_DISABILITY, c, WeekMask.weekdays(9, 17), preferred));
    }
    for (int i = 0; i < 361; i++) {
      Centre c = pick(unit);
      WeekMask preferred = random.nextInt(3) < 2 ? WeekMask.weekdays(16, 19) : WeekMask.weekdays(10, 14);
      families.add(beneficiary(BeneficiaryCategory.VULNERABLE_FAMILY_MEMBER, c, WeekMask.weekdays(9, 19), preferred));
    }
    List<Beneficiary> parents = families.subList(0, 200);

    for (int i = 0; i < 200; i++) {
      plan(List.of(children.get(i)), ServiceKind.KINETOTHERAPY, i % 4 == 0 ? 2 : 1, 1, false);
    }
    for (int i = 0; i < 150; i++) plan(List.of(adults.get(i)), ServiceKind.KINETOTHERAPY, 1, 1, false);
    for (int i = 200; i < 360; i++) {
      plan(List.of(children.get(i)), ServiceKind.SPEECH_THERAPY, i % 8 < 2 ? 2 : 1, 1, false);
    }
    for (int i = 150; i < 170; i++) plan(List.of(adults.get(i)), ServiceKind.SPEECH_THERAPY, 1, 1, false);
    for (int i = 200; i < 361; i++) plan(List.of(families.get(i)), ServiceKind.COUNSELLING, 1, 2, false);
    for (int i = 0; i < 100; i++) plan(List.of(parents.get(i)), ServiceKind.COUNSELLING, 1, 4, false);
    for (int i = 170; i < 250; i++) plan(List.of(adults.get(i)), ServiceKind.COUNSELLING, 1, 2, false);
    for (int i = 360; i < 420; i++) plan(List.of(children.get(i)), ServiceKind.COUNSELLING, 1, 2, false);
    for (int i = 0; i < 700; i++) {
      Beneficiary b = i < 420 ? children.get(i) : adults.get(i - 420);
      plan(List.of(b), ServiceKind.TELEMEDICINE, 1, 4, random.nextInt(10) < 3);
    }
    groups(unit, parents, ServiceKind.PARENTAL_EDUCATION, 12);
    groups(unit, adults.subList(250, 409).stream().filter(b -> random.nextInt(10) < 6).toList(), ServiceKind.SUPPORT_GROUP, 10);

    for (int i = 0; i < 40; i++) {
      List<Beneficiary> pool = random.nextBoolean() ? adults : children;
      Beneficiary b = pool.get(random.nextInt(pool.size()));
      int day = random.nextInt(5);
      caravan.add(new CaravanAppointment("CAR-" + (caravan.size() + 1), b,
          WeekTime.minute(day, 9, 0), WeekTime.minute(day, 13, 0)));
    }
  }

  private void groups(List<Centre> unit, List<Beneficiary> members, ServiceKind service, int capacity) {
    for (Centre c : unit) {
      List<Beneficiary> here = members.stream().filter(b -> b.centre() == c).toList();
      int groupCount = (here.size() + capacity - 1) / capacity;
      for (int g = 0; g < groupCount; g++) {
        List<Beneficiary> group = new ArrayList<>();
        for (int i = g; i < here.size(); i += groupCount) group.add(here.get(i));
        plan(group, service, 1, 1, false);
      }
    }
  }

  private void plan(List<Beneficiary> who, ServiceKind service, int perWeek, int period, boolean homePhone) {
    Centre centre = who.get(0).centre();
    Predicate<Staff> eligible = s -> s.canDeliver(service) && s.mayServe(service, centre);
    List<Staff> candidates = staff.stream().filter(eligible).toList();
    Staff usual = null;
    if (!candidates.isEmpty() && !service.group()) {
      usual = candidates.stream().filter(s -> s.homeCentre() == centre).findFirst()
          .orElse(candidates.get(random.nextInt(candidates.size())));
      if (service == ServiceKind.TELEMEDICINE) usual = candidates.get(random.nextInt(candidates.size()));
    }
    String id = "PL-%05d".formatted(plans.size() + 1);
    plans.add(new CarePlan(id, who, service, service.defaultMinutes(), perWeek, period, random.nextInt(period),
        centre, homePhone, usual));
  }

  private Beneficiary beneficiary(BeneficiaryCategory category, Centre centre, WeekMask availability, WeekMask preferred) {
    Beneficiary b = new Beneficiary("B%05d".formatted(beneficiaries.size() + 1), category, centre, availability, preferred);
    beneficiaries.add(b);
    return b;
  }

  private Centre pick(List<Centre> unit) { return unit.get(random.nextInt(unit.size())); }

  private double uniform(double from, double to) { return from + random.nextDouble() * (to - from); }

}
