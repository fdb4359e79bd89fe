package ro.caravana.scheduler.demo;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
import ro.caravana.scheduler.geo.AdministrativeUnitRow;
import ro.caravana.scheduler.geo.LocalityRow;

/**
 * Builds the reference scenario (Bacău and Vrancea: 50 localities, 11 community centres, 4
 * caravans, about 40 staff, 1,250 beneficiaries with care plans) from real localities and a seed.
 * Pure: the same seed and the same locality files always give the same records.
 */
public final class DemoGenerator {

  public static final int BENEFICIARIES = 1250;
  public static final int WITH_DISABILITY = 889;
  public static final int VULNERABLE_FAMILY_MEMBERS = 361;
  public static final int PARENTAL_EDUCATION = 200;
  public static final int LOCALITIES = 50;
  public static final int CENTRES = 11;

  /** First Monday of the demo period; fixed so the scenario does not depend on the clock. */
  public static final LocalDate START = LocalDate.of(2026, 1, 5);

  private static final Map<String, Integer> DEPOTS = Map.of("BC", 20304, "VN", 174753); // Bacău, Focșani
  private static final Map<String, Integer> CNP_COUNTY = Map.of("BC", 4, "VN", 39);
  private static final int RURAL_BC = 27;
  private static final int RURAL_VN = 22;
  private static final double MAX_KM_FROM_DEPOT = 75;
  private static final List<DayOfWeek> WORKDAYS = List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
      DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);

  private final Random random;
  private final long seed;
  private final Map<Integer, LocalityRow> localityBySiruta = new HashMap<>();
  private final List<AdministrativeUnitRow> units;
  private final Set<String> cnps = new HashSet<>();
  private final Set<String> phones = new HashSet<>();

  private DemoGenerator(long seed, List<LocalityRow> localities, List<AdministrativeUnitRow> units) {
    this.seed = seed;
    this.random = new Random(seed);
    this.units = units;
    for (LocalityRow l : localities) localityBySiruta.put(l.siruta(), l);
  }

  public static DemoScenario generate(long seed, List<LocalityRow> localities, List<AdministrativeUnitRow> units) {
    return new DemoGenerator(seed, localities, units).build();
  }

  private DemoScenario build() {
    List<LocalityRow> places = chooseLocalities();
    List<Centre> centres = centres(places);
    List<Caravan> caravans = caravans();
    List<StaffMember> staff = staff(centres, caravans);
    List<Beneficiary> beneficiaries = new ArrayList<>();
    List<CarePlan> plans = new ArrayList<>();
    PlaceChooser chooser = new PlaceChooser(places, centres);
    disabilityBeneficiaries(chooser, beneficiaries);
    vulnerableFamilies(chooser, beneficiaries);
    for (Beneficiary b : beneficiaries) carePlans(b, plans);
    return new DemoScenario(seed, START, places.stream().map(LocalityRow::siruta).toList(), centres, caravans, staff,
        List.copyOf(beneficiaries), List.copyOf(plans));
  }

  // ---- places

  /** 49 rural communes (by their seat villages) within reach of the county depots, and 1 small town. */
  private List<LocalityRow> chooseLocalities() {
    List<LocalityRow> out = new ArrayList<>();
    for (String county : List.of("BC", "VN")) {
      LocalityRow depot = localityBySiruta.get(DEPOTS.get(county));
      List<LocalityRow> seats = new ArrayList<>();
      for (AdministrativeUnitRow u : sortedUnits()) {
        if (!u.county().equals(county) || !u.type().equals("commune")) continue;
        LocalityRow seat = localityBySiruta.get(u.seatSiruta());
        if (seat != null && km(seat, depot) <= MAX_KM_FROM_DEPOT) seats.add(seat);
      }
      Collections.shuffle(seats, random);
      out.addAll(seats.subList(0, county.equals("BC") ? RURAL_BC : RURAL_VN));
    }
    List<LocalityRow> smallTowns = new ArrayList<>();
    for (AdministrativeUnitRow u : sortedUnits()) {
      if (u.type().equals("town") && u.seatPopulation() > 0 && u.seatPopulation() < 12_000) {
        smallTowns.add(localityBySiruta.get(u.seatSiruta()));
      }
    }
    out.add(smallTowns.get(random.nextInt(smallTowns.size())));
    return List.copyOf(out);
  }

  private List<AdministrativeUnitRow> sortedUnits() {
    return units.stream().sorted(Comparator.comparingInt(AdministrativeUnitRow::siruta)).toList();
  }

  /** 11 centres: the town and the largest communes, 6 in Bacău and 5 in Vrancea. */
  private List<Centre> centres(List<LocalityRow> places) {
    LocalityRow town = places.get(places.size() - 1);
    Map<String, Integer> quota = new HashMap<>(Map.of("BC", 6, "VN", 5));
    List<LocalityRow> hosts = new ArrayList<>();
    hosts.add(town);
    quota.merge(town.county(), -1, Integer::sum);
    List<LocalityRow> byPopulation = new ArrayList<>(places.subList(0, places.size() - 1));
    byPopulation.sort(Comparator.comparing((LocalityRow l) -> l.population() == null ? 0 : l.population())
        .reversed().thenComparingInt(LocalityRow::siruta));
    for (LocalityRow l : byPopulation) {
      if (quota.get(l.county()) > 0) {
        hosts.add(l);
        quota.merge(l.county(), -1, Integer::sum);
      }
    }
    hosts.sort(Comparator.comparing(LocalityRow::county).thenComparing(LocalityRow::name));
    List<Centre> centres = new ArrayList<>();
    Map<String, Integer> numbers = new HashMap<>();
    for (LocalityRow l : hosts) {
      int n = numbers.merge(l.county(), 1, Integer::sum);
      String code = String.format("CC-%s-%02d", l.county(), n);
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
      centres.add(new Centre(code, "Centrul comunitar " + l.name(), l.county(), l.siruta(),
          "Str. " + street + " nr. " + (1 + random.nextInt(120)) + ", " + l.name(), hours, List.copyOf(rooms)));
    }
    return List.copyOf(centres);
  }

  private List<Caravan> caravans() {
    List<Caravan> out = new ArrayList<>();
    for (String county : List.of("BC", "VN")) {
      String depotName = localityBySiruta.get(DEPOTS.get(county)).name();
      for (int i = 1; i <= 2; i++) {
        out.add(new Caravan("CAR-" + county + "-" + i, "Caravana medicală " + depotName + " " + i, county,
            DEPOTS.get(county), List.of("doctor", "nurse", "social_worker"), 24 + 4 * random.nextInt(3),
            LocalTime.of(8, 0), LocalTime.of(17, 0)));
      }
    }
    return List.copyOf(out);
  }

  // ---- staff

  private final Map<String, Integer> shiftsByRole = new java.util.HashMap<>();
  private static final java.util.Set<String> THERAPISTS = java.util.Set.of("kinetotherapist", "speech_therapist", "psychologist");

  private List<StaffMember> staff(List<Centre> centres, List<Caravan> caravans) {
    List<StaffMember> out = new ArrayList<>();
    // integrated community team: a social worker at every centre, a community nurse shared by two centres
    for (int i = 0; i < centres.size(); i++) {
      Centre c = centres.get(i);
      out.add(person(out.size(), "social_worker", List.of("social_assessment", "parental_education", "support_group"),
          c.county(), c.code(), null));
      if (i % 2 == 0) {
        out.add(person(out.size(), "nurse", List.of("triage", "home_care", "vaccination"), c.county(), c.code(), null));
      }
    }
    List<Centre> bc = centres.stream().filter(c -> c.county().equals("BC")).toList();
    List<Centre> vn = centres.stream().filter(c -> c.county().equals("VN")).toList();
    for (List<Centre> county : List.of(bc, vn)) {
      String code = county.get(0).county();
      boolean big = code.equals("BC");
      for (int i = 0; i < (big ? 4 : 3); i++) {
        out.add(person(out.size(), "kinetotherapist", List.of("kinetotherapy", "paediatric_kinetotherapy"), code,
            county.get(i % county.size()).code(), null));
      }
      for (int i = 0; i < (big ? 3 : 2); i++) {
        out.add(person(out.size(), "speech_therapist", List.of("speech_therapy"), code,
            county.get((i + 1) % county.size()).code(), null));
      }
      for (int i = 0; i < (big ? 2 : 1); i++) {
        out.add(person(out.size(), "psychologist", List.of("counselling", "support_group", "parental_education"), code,
            county.get((i + 2) % county.size()).code(), null));
      }
      out.add(person(out.size(), "school_mediator", List.of("school_mediation", "parental_education"), code,
          county.get(3 % county.size()).code(), null));
      out.add(person(out.size(), "coordinator", List.of("planning"), code, county.get(0).code(), null));
    }
    for (Caravan c : caravans) {
      out.add(person(out.size(), "doctor", List.of("medical_consultation", "telemedicine", "family_medicine"),
          c.county(), null, c.code()));
    }
    return List.copyOf(out);
  }

  private StaffMember person(int index, String role, List<String> skills, String county, String centre,
      String caravan) {
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
      LocalDate from = START.plusWeeks(1 + random.nextInt(10));
      leave.add(new Leave(from, from.plusDays(4 + random.nextInt(10)), "leave"));
    }
    return new StaffMember(String.format("ST-%03d", index + 1), first, last, role, skills, county, centre, caravan,
        availability, mobile(), List.copyOf(leave));
  }

  // ---- beneficiaries

  private void disabilityBeneficiaries(PlaceChooser chooser, List<Beneficiary> out) {
    for (int i = 0; i < WITH_DISABILITY; i++) {
      LocalityRow home = chooser.locality();
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
      if (!child && birth.isBefore(START.minusYears(65))) flags.add("elderly");
      if (random.nextInt(100) < 85) flags.add("disability_certificate");
      out.add(beneficiary(home, chooser.centreFor(home), female, last, birth, "disability", flags, guardian, phone,
          nextId()));
    }
  }

  /**
   * Vulnerable families as households: one or two parents and their children, 361 people in all,
   * of whom exactly 200 parents attend parental education.
   */
  private void vulnerableFamilies(PlaceChooser chooser, List<Beneficiary> out) {
    int parentalEducation = 0;
    int others = 0;
    int othersQuota = VULNERABLE_FAMILY_MEMBERS - PARENTAL_EDUCATION;
    while (parentalEducation < PARENTAL_EDUCATION || others < othersQuota) {
      LocalityRow home = chooser.locality();
      String centre = chooser.centreFor(home);
      UUID household = nextId();
      String last = pick(RomanianNames.SURNAMES);
      int adults = random.nextInt(100) < 65 ? 2 : 1;
      int children = random.nextInt(4);
      String parentName = null;
      String parentPhone = null;
      for (int a = 0; a < adults; a++) {
        boolean inEducation = parentalEducation < PARENTAL_EDUCATION;
        if (!inEducation && others >= othersQuota) break;
        boolean female = adults == 1 || a == 0;
        List<String> flags = new ArrayList<>();
        if (inEducation) {
          flags.add("parental_education");
          parentalEducation++;
        } else {
          others++;
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
      for (int c = 0; c < children && others < othersQuota; c++) {
        others++;
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
    LocalDate consentDay = START.minusDays(20 + random.nextInt(300));
    String language = home.county().equals("BC") && random.nextInt(100) < 4 ? "hu"
        : random.nextInt(100) < 5 ? "rom" : "ro";
    return new Beneficiary(nextId(), first, last, cnp, birth, sex, home.siruta(), home.county(), household, centre,
        category, List.copyOf(flags), guardian, phone, sms, sms ? consentDay : null, data, data ? consentDay : null,
        language);
  }

  // ---- care plans

  private void carePlans(Beneficiary b, List<CarePlan> out) {
    boolean child = b.hasFlag("child");
    List<String> days = preferredDays();
    LocalTime from = child ? LocalTime.of(14, 0) : LocalTime.of(9, 0);
    LocalTime to = child ? LocalTime.of(18, 0) : LocalTime.of(13, 0);
    if (b.category().equals("disability")) {
      // weekly for children, every other week for adults: what about 40 staff can deliver
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
    LocalDate validFrom = START.plusWeeks(phase);
    out.add(new CarePlan(nextId(), b.id(), service, perWeek, everyWeeks, minutes, modality,
        modality.equals("centre") ? b.centreCode() : null, validFrom, START.plusYears(3).minusDays(1), days, from, to));
  }

  private List<String> preferredDays() {
    List<DayOfWeek> days = new ArrayList<>(WORKDAYS);
    Collections.shuffle(days, random);
    return days.subList(0, 2 + random.nextInt(2)).stream().sorted().map(DayOfWeek::name).toList();
  }

  // ---- small helpers

  private LocalDate birthDate(int minAge, int maxAge) {
    int days = minAge * 365 + random.nextInt((maxAge - minAge + 1) * 365);
    return START.minusDays(days);
  }

  private String cnp(LocalDate birth, char sex, String county) {
    while (true) {
      String c = Cnp.of(birth, sex, CNP_COUNTY.get(county), 1 + random.nextInt(999));
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

  private String pick(List<String> list) {
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

  /** Picks homes in proportion to population and the nearest centre of the same county. */
  private final class PlaceChooser {
    private final List<LocalityRow> places;
    private final double[] cumulative;
    private final Map<Integer, String> centreByLocality = new LinkedHashMap<>();

    PlaceChooser(List<LocalityRow> places, List<Centre> centres) {
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
          double d = km(l, localityBySiruta.get(c.localitySiruta()));
          if (d < bestKm) {
            bestKm = d;
            best = c;
          }
        }
        centreByLocality.put(l.siruta(), best.code());
      }
    }

    LocalityRow locality() {
      double x = random.nextDouble() * cumulative[cumulative.length - 1];
      for (int i = 0; i < cumulative.length; i++) if (x < cumulative[i]) return places.get(i);
      return places.get(places.size() - 1);
    }

    String centreFor(LocalityRow l) {
      return centreByLocality.get(l.siruta());
    }
  }
}
