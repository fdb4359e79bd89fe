package ro.caravana.scheduler.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import ro.caravana.scheduler.demo.DemoScenario.Beneficiary;
import ro.caravana.scheduler.demo.DemoScenario.Caravan;
import ro.caravana.scheduler.demo.DemoScenario.CarePlan;
import ro.caravana.scheduler.demo.DemoScenario.Centre;
import ro.caravana.scheduler.demo.DemoScenario.StaffMember;
import ro.caravana.scheduler.geo.AdministrativeUnitRow;
import ro.caravana.scheduler.geo.LocalityRow;

/**
 * A national scenario: every one of the 41 counties and Bucharest, on real SIRUTA localities, with
 * beneficiaries in proportion to the county's population and the reference scenario's ratios scaled to
 * each county (about 25 beneficiaries per served locality, a community centre per 115 beneficiaries, a
 * caravan per 310, therapists per 180-400). Bucharest has no population in the locality file; it is
 * weighted as the median county and served in its six sectors. Pure: the same seed, total and locality
 * files always give the same records.
 */
public final class NationalGenerator {

  /** The national scale the reliability benchmark plans (docs/reliability.md, "National week"). */
  public static final int BENEFICIARIES = 25_000;
  private static final double BENEFICIARIES_PER_LOCALITY = 25;
  private static final double BENEFICIARIES_PER_CENTRE = 1250.0 / 11;
  private static final double BENEFICIARIES_PER_CARAVAN = 1250.0 / 4;
  private static final double DISABILITY_SHARE = 889.0 / 1250;
  private static final double PARENTAL_EDUCATION_SHARE = 200.0 / 1250;
  private static final double MAX_KM_FROM_DEPOT = 75;

  /** What one county gets: beneficiaries and the organisation scaled to them. */
  public record CountyShare(String county, int depotSiruta, int beneficiaries, int localities, int centres, int caravans) {

    public int withDisability() {
      return (int) Math.round(beneficiaries * DISABILITY_SHARE);
    }

    public int parentalEducation() {
      return (int) Math.round(beneficiaries * PARENTAL_EDUCATION_SHARE);
    }
  }

  private final Random random;
  private final ScenarioDraws draws;
  private final long seed;
  private final Map<Integer, LocalityRow> bySiruta = new HashMap<>();
  private final List<AdministrativeUnitRow> units;

  private NationalGenerator(long seed, List<LocalityRow> localities, List<AdministrativeUnitRow> units) {
    this.seed = seed;
    this.random = new Random(seed);
    this.draws = new ScenarioDraws(random, DemoGenerator.START);
    this.units = units.stream().sorted(Comparator.comparingInt(AdministrativeUnitRow::siruta)).toList();
    for (LocalityRow l : localities) bySiruta.put(l.siruta(), l);
  }

  /** The whole country: {@code total} beneficiaries over the 42 county units. */
  public static DemoScenario generate(long seed, int total, List<LocalityRow> localities, List<AdministrativeUnitRow> units) {
    return generate(seed, total, null, localities, units);
  }

  /**
   * Only the named counties (null: all), each with the share it has in a country of {@code total}
   * beneficiaries, so a few counties can be generated at national proportions.
   */
  public static DemoScenario generate(long seed, int total, Set<String> counties, List<LocalityRow> localities,
      List<AdministrativeUnitRow> units) {
    NationalGenerator g = new NationalGenerator(seed, localities, units);
    List<CountyShare> shares = shares(total, localities, units).stream()
        .filter(s -> counties == null || counties.contains(s.county())).toList();
    return g.build(shares);
  }

  /**
   * Beneficiaries per county in proportion to its population (largest remainders, so they add up to
   * {@code total}), and the localities, centres and caravans that serve them; sorted by county code.
   */
  public static List<CountyShare> shares(int total, List<LocalityRow> localities, List<AdministrativeUnitRow> units) {
    Map<String, Long> population = new TreeMap<>();
    for (LocalityRow l : localities) population.merge(l.county(), (long) (l.population() == null ? 0 : l.population()), Long::sum);
    List<Long> known = population.values().stream().filter(p -> p > 0).sorted().toList();
    long median = known.get(known.size() / 2);
    population.replaceAll((county, p) -> p > 0 ? p : median);
    long sum = population.values().stream().mapToLong(Long::longValue).sum();
    Map<String, Integer> counts = new LinkedHashMap<>();
    Map<String, Double> remainders = new HashMap<>();
    int given = 0;
    for (var e : population.entrySet()) {
      double exact = (double) total * e.getValue() / sum;
      counts.put(e.getKey(), (int) Math.floor(exact));
      remainders.put(e.getKey(), exact - Math.floor(exact));
      given += (int) Math.floor(exact);
    }
    List<String> byRemainder = new ArrayList<>(population.keySet());
    byRemainder.sort(Comparator.comparing((String c) -> remainders.get(c)).reversed().thenComparing(c -> c));
    for (int i = 0; i < total - given; i++) counts.merge(byRemainder.get(i), 1, Integer::sum);

    Map<String, Integer> depots = depots(localities, units);
    Map<String, Integer> servable = new HashMap<>();
    for (AdministrativeUnitRow u : units) {
      if (u.type().equals("commune")) servable.merge(u.county(), 1, Integer::sum);
    }
    List<CountyShare> out = new ArrayList<>();
    counts.forEach((county, n) -> {
      int places = servable.getOrDefault(county, 0) == 0 ? sectors(county, localities).size()
          : Math.min(servable.get(county), Math.max(3, (int) Math.round(n / BENEFICIARIES_PER_LOCALITY)));
      int centres = Math.max(1, Math.min(places, (int) Math.round(n / BENEFICIARIES_PER_CENTRE)));
      int caravans = Math.max(1, (int) Math.round(n / BENEFICIARIES_PER_CARAVAN));
      out.add(new CountyShare(county, depots.get(county), n, places, centres, caravans));
    });
    return List.copyOf(out);
  }

  /**
   * Where each county's caravans start: the seat of the county-seat municipality, or, for a county whose
   * seat is outside it (Ilfov), the seat of its most populous town.
   */
  private static Map<String, Integer> depots(List<LocalityRow> localities, List<AdministrativeUnitRow> units) {
    Map<Integer, Integer> population = new HashMap<>();
    for (LocalityRow l : localities) population.put(l.siruta(), l.population() == null ? 0 : l.population());
    Map<String, Integer> out = new HashMap<>();
    Map<String, Integer> largestTown = new HashMap<>();
    for (AdministrativeUnitRow u : units) {
      if (u.type().equals("municipality_county_seat")) out.put(u.county(), u.seatSiruta());
      if (u.type().equals("town") || u.type().equals("municipality")) {
        largestTown.merge(u.county(), u.seatSiruta(), (a, b) -> population.getOrDefault(b, 0) > population.getOrDefault(a, 0)
            || (population.getOrDefault(b, 0).equals(population.getOrDefault(a, 0)) && b < a) ? b : a);
      }
    }
    largestTown.forEach(out::putIfAbsent);
    return out;
  }

  /** The localities of a county without communes (Bucharest: its sectors), by SIRUTA code. */
  private static List<LocalityRow> sectors(String county, List<LocalityRow> localities) {
    return localities.stream().filter(l -> l.county().equals(county))
        .sorted(Comparator.comparingInt(LocalityRow::siruta)).toList();
  }

  private DemoScenario build(List<CountyShare> shares) {
    List<Integer> localities = new ArrayList<>();
    List<Centre> centres = new ArrayList<>();
    List<Caravan> caravans = new ArrayList<>();
    List<StaffMember> staff = new ArrayList<>();
    List<Beneficiary> beneficiaries = new ArrayList<>();
    List<CarePlan> plans = new ArrayList<>();
    for (CountyShare share : shares) {
      List<LocalityRow> places = places(share);
      List<Centre> countyCentres = centres(share, places);
      List<Caravan> countyCaravans = new ArrayList<>();
      for (int i = 1; i <= share.caravans(); i++) countyCaravans.add(draws.caravan(share.county(), bySiruta.get(share.depotSiruta()), i));
      staff.addAll(staff(share, countyCentres, countyCaravans));
      ScenarioDraws.PlaceChooser homes = new ScenarioDraws.PlaceChooser(random, places, countyCentres, bySiruta);
      List<Beneficiary> people = new ArrayList<>();
      draws.disabilityBeneficiaries(homes, share.withDisability(), people);
      int vulnerable = share.beneficiaries() - share.withDisability();
      int parents = Math.min(share.parentalEducation(), vulnerable);
      draws.vulnerableFamilies(homes, parents, vulnerable - parents, people);
      for (Beneficiary b : people) draws.carePlans(b, plans);
      places.forEach(l -> localities.add(l.siruta()));
      centres.addAll(countyCentres);
      caravans.addAll(countyCaravans);
      beneficiaries.addAll(people);
    }
    return new DemoScenario(seed, DemoGenerator.START, List.copyOf(localities), List.copyOf(centres), List.copyOf(caravans),
        List.copyOf(staff), List.copyOf(beneficiaries), List.copyOf(plans));
  }

  /** Commune seat villages within reach of the county seat (the nearest ones when too few are), or Bucharest's sectors. */
  private List<LocalityRow> places(CountyShare share) {
    LocalityRow depot = bySiruta.get(share.depotSiruta());
    List<LocalityRow> seats = new ArrayList<>();
    for (AdministrativeUnitRow u : units) {
      if (!u.county().equals(share.county()) || !u.type().equals("commune")) continue;
      LocalityRow seat = bySiruta.get(u.seatSiruta());
      if (seat != null) seats.add(seat);
    }
    if (seats.isEmpty()) return sectors(share.county(), new ArrayList<>(bySiruta.values()));
    seats.sort(Comparator.comparingDouble((LocalityRow l) -> ScenarioDraws.km(l, depot)).thenComparingInt(LocalityRow::siruta));
    int inReach = (int) seats.stream().filter(l -> ScenarioDraws.km(l, depot) <= MAX_KM_FROM_DEPOT).count();
    List<LocalityRow> pool = new ArrayList<>(seats.subList(0, Math.max(inReach, share.localities())));
    Collections.shuffle(pool, random);
    return List.copyOf(pool.subList(0, share.localities()));
  }

  /** Centres in the most populous of the served localities. */
  private List<Centre> centres(CountyShare share, List<LocalityRow> places) {
    List<LocalityRow> hosts = new ArrayList<>(places);
    hosts.sort(Comparator.comparing((LocalityRow l) -> l.population() == null ? 0 : l.population()).reversed()
        .thenComparingInt(LocalityRow::siruta));
    hosts = new ArrayList<>(hosts.subList(0, share.centres()));
    hosts.sort(Comparator.comparing(LocalityRow::name).thenComparingInt(LocalityRow::siruta));
    List<Centre> out = new ArrayList<>();
    for (int i = 0; i < hosts.size(); i++) out.add(draws.centre(String.format("CC-%s-%02d", share.county(), i + 1), hosts.get(i)));
    return out;
  }

  /**
   * The reference scenario's staffing per county, scaled: a social worker per centre, a nurse per two
   * centres, kinetotherapists, speech therapists and psychologists by beneficiaries, a school mediator,
   * a coordinator, a doctor per caravan.
   */
  private List<StaffMember> staff(CountyShare share, List<Centre> centres, List<Caravan> caravans) {
    List<StaffMember> out = new ArrayList<>();
    String county = share.county();
    for (int i = 0; i < centres.size(); i++) {
      Centre c = centres.get(i);
      out.add(person(out, county, "social_worker", List.of("social_assessment", "parental_education", "support_group"), c.code(), null));
      if (i % 2 == 0) out.add(person(out, county, "nurse", List.of("triage", "home_care", "vaccination"), c.code(), null));
    }
    int n = share.beneficiaries();
    for (int i = 0; i < Math.max(1, Math.round(n / 180.0)); i++) {
      out.add(person(out, county, "kinetotherapist", List.of("kinetotherapy", "paediatric_kinetotherapy"),
          centres.get(i % centres.size()).code(), null));
    }
    for (int i = 0; i < Math.max(1, Math.round(n / 250.0)); i++) {
      out.add(person(out, county, "speech_therapist", List.of("speech_therapy"), centres.get((i + 1) % centres.size()).code(), null));
    }
    for (int i = 0; i < Math.max(1, Math.round(n / 400.0)); i++) {
      out.add(person(out, county, "psychologist", List.of("counselling", "support_group", "parental_education"),
          centres.get((i + 2) % centres.size()).code(), null));
    }
    out.add(person(out, county, "school_mediator", List.of("school_mediation", "parental_education"),
        centres.get(3 % centres.size()).code(), null));
    out.add(person(out, county, "coordinator", List.of("planning"), centres.get(0).code(), null));
    for (Caravan c : caravans) {
      out.add(person(out, county, "doctor", List.of("medical_consultation", "telemedicine", "family_medicine"), null, c.code()));
    }
    return out;
  }

  private StaffMember person(List<StaffMember> sofar, String county, String role, List<String> skills, String centre,
      String caravan) {
    return draws.person(String.format("ST-%s-%03d", county, sofar.size() + 1), role, skills, county, centre, caravan);
  }
}
