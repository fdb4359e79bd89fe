package ro.caravana.scheduler.demo;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import ro.caravana.scheduler.beneficiary.Cnp;
import ro.caravana.scheduler.demo.DemoScenario.Beneficiary;
import ro.caravana.scheduler.demo.DemoScenario.Caravan;
import ro.caravana.scheduler.demo.DemoScenario.CarePlan;
import ro.caravana.scheduler.demo.DemoScenario.Centre;
import ro.caravana.scheduler.demo.DemoScenario.Hours;
import ro.caravana.scheduler.demo.DemoScenario.Leave;
import ro.caravana.scheduler.demo.DemoScenario.Room;
import ro.caravana.scheduler.demo.DemoScenario.StaffMember;
import ro.caravana.scheduler.geo.LocalityRow;

/**
 * The records of a generated scenario drawn from one seeded random source: centres, caravans, staff,
 * beneficiaries (people with disabilities, vulnerable households) and their care plans. The generators
 * decide how many of each and where; this class decides what each one looks like. Unique CNPs and phones
 * across the whole scenario.
 */
final class ScenarioDraws {

  static final List<DayOfWeek> WORKDAYS = List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
      DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
  private static final Set<String> THERAPISTS = Set.of("kinetotherapist", "speech_therapist", "psychologist");
  /** Share (percent) of beneficiaries who prefer Hungarian, in counties with a Hungarian-speaking community. */
  private static final Map<String, Integer> HUNGARIAN_PERCENT = Map.of("BC", 4, "HR", 80, "CV", 70, "MS", 35,
      "SM", 30, "BH", 20, "SJ", 20, "CJ", 12);

  private final Random random;
  private final LocalDate start;
  private final Set<String> cnps = new HashSet<>();
  private final Set<String> phones = new HashSet<>();
  private final Map<String, Integer> shiftsByRole = new HashMap<>();

  ScenarioDraws(Random random, LocalDate start) {
    this.random = random;
    this.start = start;
  }

  Random random() {
    return random;
  }

  // ---- organisation

  /** A community centre in a locality: hours (some open late for school children), rooms, an address. */
  Centre centre(String code, LocalityRow l) {
    boolean afterSchool = random.nextInt(3) > 0;
    Map<DayOfWeek, Hours> hours = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek d : WORKDAYS) {
      hours.put(d, new Hours(LocalTime.of(8, 0), afterSchool ? LocalTime.of(18, 0) : LocalTime.of(16, 0)));
    }
    List<Room> rooms = new ArrayList<>();
    rooms.add(new Room("Sala de kinetoterapie", 2, List.of("kinetotherapy")));
    rooms.add(new Room("Cabinet de logopedie", 1, List.of("speech_therapy")));
    rooms.add(new Room("Sala de grup", 12 + random.nextInt(9), List.of("group_room")));
    rooms.add(new Room("Cabinet de telemedicină", 1, List.of("telemedicine_station")));
    if (random.nextBoolean()) rooms.add(new Room("Cabinet de consiliere", 1, List.of()));
    String street = List.of("Principală", "Școlii", "Bisericii", "Primăriei", "Libertății").get(random.nextInt(5));
    return new Centre(code, "Centrul comunitar " + l.name(), l.county(), l.siruta(),
        "Str. " + street + " nr. " + (1 + random.nextInt(120)) + ", " + l.name(), hours, List.copyOf(rooms));
  }

  /** The n-th medical caravan of a county, based at its depot. */
  Caravan caravan(String county, LocalityRow depot, int n) {
    return new Caravan("CAR-" + county + "-" + n, "Caravana medicală " + depot.name() + " " + n, county,
        depot.siruta(), List.of("doctor", "nurse", "social_worker"), 24 + 4 * random.nextInt(3),
        LocalTime.of(8, 0), LocalTime.of(17, 0));
  }

  StaffMember person(String code, String role, List<String> skills, String county, String centre, String caravan) {
    boolean female = random.nextInt(100) < 72; // social care staff are mostly women
    String first = pick(female ? RomanianNames.FEMALE : RomanianNames.MALE);
    String last = pick(RomanianNames.SURNAMES);
    Map<DayOfWeek, Hours> availability = new EnumMap<>(DayOfWeek.class);
    boolean partTime = random.nextInt(6) == 0;
    // most therapists work the late shift so that school children can come after classes
    boolean therapist = THERAPISTS.contains(role);
    int nth = shiftsByRole.merge(role, 1, Integer::sum);
    LocalTime shiftStart = therapist && nth % 3 != 1 ? LocalTime.of(11, 0) : LocalTime.of(8, 0);
    for (DayOfWeek d : WORKDAYS) {
      if (partTime && (d == DayOfWeek.WEDNESDAY || d == DayOfWeek.FRIDAY)) continue;
      availability.put(d, new Hours(shiftStart, shiftStart.plusHours(8)));
    }
    List<Leave> leave = new ArrayList<>();
    if (random.nextInt(5) == 0) {
      LocalDate from = start.plusWeeks(1 + random.nextInt(10));
      leave.add(new Leave(from, from.plusDays(4 + random.nextInt(10)), "leave"));
    }
    return new StaffMember(code, first, last, role, skills, county, centre, caravan, availability, mobile(),
        List.copyOf(leave));
  }

  // ---- beneficiaries

  /** Where people live, and the centre that serves each home. */
  interface Homes {
    LocalityRow locality();

    String centreFor(LocalityRow home);
  }

  /** Persons with disabilities, many of them children (then with a guardian and the guardian's phone). */
  void disabilityBeneficiaries(Homes homes, int count, List<Beneficiary> out) {
    for (int i = 0; i < count; i++) {
      LocalityRow home = homes.locality();
      boolean child = random.nextInt(100) < 58;
      boolean female = random.nextBoolean();
      String last = pick(RomanianNames.SURNAMES);
      LocalDate birth = child ? birthDate(2, 17) : birthDate(18, 84);
      String guardian = null;
      String phone;
      if (child) {
        guardian = pick(random.nextInt(100) < 80 ? RomanianNames.FEMALE : RomanianNames.MALE) + " " + last;
        phone = mobile();
      } else {
        phone = random.nextInt(100) < 90 ? mobile() : null;
      }
      List<String> flags = new ArrayList<>();
      if (child) flags.add("child");
      if (!child && birth.isBefore(start.minusYears(65))) flags.add("elderly");
      if (random.nextInt(100) < 85) flags.add("disability_certificate");
      out.add(beneficiary(home, homes.centreFor(home), female, last, birth, "disability", flags, guardian, phone,
          nextId()));
    }
  }

  /**
   * Vulnerable families as households: one or two parents and their children, {@code parentalEducation + others}
   * people in all, of whom exactly {@code parentalEducation} parents attend parental education.
   */
  void vulnerableFamilies(Homes homes, int parentalEducation, int others, List<Beneficiary> out) {
    int inEducationSoFar = 0;
    int othersSoFar = 0;
    while (inEducationSoFar < parentalEducation || othersSoFar < others) {
      LocalityRow home = homes.locality();
      String centre = homes.centreFor(home);
      UUID household = nextId();
      String last = pick(RomanianNames.SURNAMES);
      int adults = random.nextInt(100) < 65 ? 2 : 1;
      int children = random.nextInt(4);
      String parentName = null;
      String parentPhone = null;
      for (int a = 0; a < adults; a++) {
        boolean inEducation = inEducationSoFar < parentalEducation;
        if (!inEducation && othersSoFar >= others) break;
        boolean female = adults == 1 || a == 0;
        List<String> flags = new ArrayList<>();
        if (inEducation) {
          flags.add("parental_education");
          inEducationSoFar++;
        } else {
          othersSoFar++;
        }
        String phone = mobile();
        Beneficiary parent = beneficiary(home, centre, female, last, birthDate(20, 50), "vulnerable_family", flags,
            null, phone, household);
        out.add(parent);
        if (parentName == null) {
          parentName = parent.firstName() + " " + parent.lastName();
          parentPhone = phone;
        }
      }
      for (int c = 0; c < children && othersSoFar < others; c++) {
        othersSoFar++;
        out.add(beneficiary(home, centre, random.nextBoolean(), last, birthDate(1, 17), "vulnerable_family",
            List.of("child"), parentName, parentPhone, household));
      }
    }
  }

  private Beneficiary beneficiary(LocalityRow home, String centre, boolean female, String last, LocalDate birth,
      String category, List<String> flags, String guardian, String phone, UUID household) {
    String first = pick(female ? RomanianNames.FEMALE : RomanianNames.MALE);
    String sex = female ? "F" : "M";
    String cnp = random.nextInt(100) < 97 ? cnp(birth, sex.charAt(0), home.county()) : null;
    boolean sms = phone != null && random.nextInt(100) < 88;
    boolean data = random.nextInt(100) < 97;
    LocalDate consentDay = start.minusDays(20 + random.nextInt(300));
    Integer hungarian = HUNGARIAN_PERCENT.get(home.county());
    String language = hungarian != null && random.nextInt(100) < hungarian ? "hu"
        : random.nextInt(100) < 5 ? "rom" : "ro";
    return new Beneficiary(nextId(), first, last, cnp, birth, sex, home.siruta(), home.county(), household, centre,
        category, List.copyOf(flags), guardian, phone, sms, sms ? consentDay : null, data, data ? consentDay : null,
        language);
  }

  // ---- care plans

  void carePlans(Beneficiary b, List<CarePlan> out) {
    boolean child = b.hasFlag("child");
    List<String> days = preferredDays();
    LocalTime from = child ? LocalTime.of(14, 0) : LocalTime.of(9, 0);
    LocalTime to = child ? LocalTime.of(18, 0) : LocalTime.of(13, 0);
    if (b.category().equals("disability")) {
      // weekly for children, every other week for adults: what about 40 staff for 1,250 people can deliver
      if (random.nextInt(100) < (child ? 35 : 25)) plan(out, b, "kinetotherapy", 1, child ? 1 : 2, 45, "centre", days, from, to);
      if (child && random.nextInt(100) < 30) plan(out, b, "speech_therapy", 1, 1, 30, "centre", days, from, to);
      if (random.nextInt(100) < (child ? 20 : 30)) plan(out, b, "counselling", 1, 4, 50, "centre", days, from, to);
      if (random.nextInt(100) < 60) plan(out, b, "medical_consultation", 1, 4, 20, "caravan", List.of(), null, null);
      if (random.nextInt(100) < 25) plan(out, b, "telemedicine", 1, 4, 20, "remote", days, from, to);
    } else if (b.hasFlag("parental_education")) {
      plan(out, b, "parental_education", 1, 1, 90, "centre", days, LocalTime.of(15, 0), LocalTime.of(19, 0));
      if (random.nextInt(100) < 30) plan(out, b, "counselling", 1, 4, 50, "centre", days, from, to);
    } else {
      if (random.nextInt(100) < 40) plan(out, b, "support_group", 1, 2, 60, "centre", days, from, to);
      if (random.nextInt(100) < 35) plan(out, b, "medical_consultation", 1, 4, 20, "caravan", List.of(), null, null);
    }
  }

  private void plan(List<CarePlan> out, Beneficiary b, String service, int perWeek, int everyWeeks, int minutes,
      String modality, List<String> days, LocalTime from, LocalTime to) {
    // Plans that recur every N weeks start in one of the first N weeks, so each week gets its share:
    // caravan consultations by locality (one stop serves the village), the others by person.
    int phase = everyWeeks <= 1 ? 0 : Math.floorMod(modality.equals("caravan") ? b.localitySiruta() : b.id().hashCode(),
        everyWeeks);
    LocalDate validFrom = start.plusWeeks(phase);
    out.add(new CarePlan(nextId(), b.id(), service, perWeek, everyWeeks, minutes, modality,
        modality.equals("centre") ? b.centreCode() : null, validFrom, start.plusYears(3).minusDays(1), days, from, to));
  }

  private List<String> preferredDays() {
    List<DayOfWeek> days = new ArrayList<>(WORKDAYS);
    Collections.shuffle(days, random);
    return days.subList(0, 2 + random.nextInt(2)).stream().sorted().map(DayOfWeek::name).toList();
  }

  // ---- small helpers

  private LocalDate birthDate(int minAge, int maxAge) {
    int days = minAge * 365 + random.nextInt((maxAge - minAge + 1) * 365);
    return start.minusDays(days);
  }

  private String cnp(LocalDate birth, char sex, String county) {
    while (true) {
      String c = Cnp.of(birth, sex, Cnp.countyCode(county), 1 + random.nextInt(999));
      if (cnps.add(c)) return c;
    }
  }

  /** A Romanian mobile number (072x-077x) in E.164, unique within the scenario. */
  private String mobile() {
    while (true) {
      String p = String.format("+407%d%07d", 2 + random.nextInt(6), random.nextInt(10_000_000));
      if (phones.add(p)) return p;
    }
  }

  String pick(List<String> list) {
    return list.get(random.nextInt(list.size()));
  }

  /** A random (version 4) UUID drawn from the seeded generator. */
  private UUID nextId() {
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  static double km(LocalityRow a, LocalityRow b) {
    double r = 6371.0;
    double dLat = Math.toRadians(b.lat() - a.lat());
    double dLon = Math.toRadians(b.lon() - a.lon());
    double h = Math.pow(Math.sin(dLat / 2), 2)
        + Math.cos(Math.toRadians(a.lat())) * Math.cos(Math.toRadians(b.lat())) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * r * Math.asin(Math.sqrt(h));
  }

  /** Homes in proportion to (damped) population, each served by the nearest centre of its county. */
  static final class PlaceChooser implements Homes {
    private final Random random;
    private final List<LocalityRow> places;
    private final double[] cumulative;
    private final Map<Integer, String> centreByLocality = new HashMap<>();

    PlaceChooser(Random random, List<LocalityRow> places, List<Centre> centres, Map<Integer, LocalityRow> bySiruta) {
      this.random = random;
      this.places = places;
      this.cumulative = new double[places.size()];
      double sum = 0;
      for (int i = 0; i < places.size(); i++) {
        Integer pop = places.get(i).population();
        sum += Math.sqrt(pop == null || pop <= 0 ? 500 : pop); // damped: towns do not swallow the villages
        cumulative[i] = sum;
        LocalityRow l = places.get(i);
        Centre best = null;
        double bestKm = Double.MAX_VALUE;
        for (Centre c : centres) {
          if (!c.county().equals(l.county())) continue;
          double d = km(l, bySiruta.get(c.localitySiruta()));
          if (d < bestKm) {
            bestKm = d;
            best = c;
          }
        }
        centreByLocality.put(l.siruta(), best.code());
      }
    }

    @Override
    public LocalityRow locality() {
      double x = random.nextDouble() * cumulative[cumulative.length - 1];
      for (int i = 0; i < cumulative.length; i++) if (x < cumulative[i]) return places.get(i);
      return places.get(places.size() - 1);
    }

    @Override
    public String centreFor(LocalityRow l) {
      return centreByLocality.get(l.siruta());
    }
  }
}
