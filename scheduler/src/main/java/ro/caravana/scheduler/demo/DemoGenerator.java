package ro.caravana.scheduler.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ro.caravana.scheduler.demo.DemoScenario.Beneficiary;
import ro.caravana.scheduler.demo.DemoScenario.Caravan;
import ro.caravana.scheduler.demo.DemoScenario.CarePlan;
import ro.caravana.scheduler.demo.DemoScenario.Centre;
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
  private static final int RURAL_BC = 27;
  private static final int RURAL_VN = 22;
  private static final double MAX_KM_FROM_DEPOT = 75;

  private final Random random;
  private final ScenarioDraws draws;
  private final long seed;
  private final Map<Integer, LocalityRow> localityBySiruta = new HashMap<>();
  private final List<AdministrativeUnitRow> units;

  private DemoGenerator(long seed, List<LocalityRow> localities, List<AdministrativeUnitRow> units) {
    this.seed = seed;
    this.random = new Random(seed);
    this.draws = new ScenarioDraws(random, START);
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
    ScenarioDraws.PlaceChooser chooser = new ScenarioDraws.PlaceChooser(random, places, centres, localityBySiruta);
    draws.disabilityBeneficiaries(chooser, WITH_DISABILITY, beneficiaries);
    draws.vulnerableFamilies(chooser, PARENTAL_EDUCATION, VULNERABLE_FAMILY_MEMBERS - PARENTAL_EDUCATION, beneficiaries);
    for (Beneficiary b : beneficiaries) draws.carePlans(b, plans);
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
        if (seat != null && ScenarioDraws.km(seat, depot) <= MAX_KM_FROM_DEPOT) seats.add(seat);
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
      centres.add(draws.centre(String.format("CC-%s-%02d", l.county(), n), l));
    }
    return List.copyOf(centres);
  }

  private List<Caravan> caravans() {
    List<Caravan> out = new ArrayList<>();
    for (String county : List.of("BC", "VN")) {
      for (int i = 1; i <= 2; i++) out.add(draws.caravan(county, localityBySiruta.get(DEPOTS.get(county)), i));
    }
    return List.copyOf(out);
  }

  // ---- staff

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

  private StaffMember person(int index, String role, List<String> skills, String county, String centre, String caravan) {
    return draws.person(String.format("ST-%03d", index + 1), role, skills, county, centre, caravan);
  }
}
