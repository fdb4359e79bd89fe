package ro.caravana.scheduler.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.beneficiary.Cnp;
import ro.caravana.scheduler.beneficiary.PhoneNumbers;
import ro.caravana.scheduler.demo.DemoScenario.Beneficiary;
import ro.caravana.scheduler.demo.NationalGenerator.CountyShare;
import ro.caravana.scheduler.geo.AdministrativeUnitRow;
import ro.caravana.scheduler.geo.LocalityFiles;
import ro.caravana.scheduler.geo.LocalityRow;

@DisplayName("The national scenario generator")
class NationalGeneratorTest {

  private static List<LocalityRow> localities;
  private static List<AdministrativeUnitRow> units;
  private static Map<Integer, LocalityRow> bySiruta;
  private static List<CountyShare> shares;
  private static DemoScenario scenario;

  @BeforeAll
  static void generate() {
    localities = LocalityFiles.romaniaLocalities();
    units = LocalityFiles.romaniaUnits();
    bySiruta = localities.stream().collect(Collectors.toMap(LocalityRow::siruta, Function.identity()));
    shares = NationalGenerator.shares(25_000, localities, units);
    scenario = NationalGenerator.generate(7, 25_000, localities, units);
  }

  private static String county(int siruta) {
    return bySiruta.get(siruta).county();
  }

  @Test
  @DisplayName("25,000 beneficiaries over all 42 county units, each county's count as its share says, larger counties more")
  void countsPerCounty() {
    assertEquals(42, shares.size());
    assertEquals(42, shares.stream().map(CountyShare::county).distinct().count());
    assertEquals(25_000, shares.stream().mapToInt(CountyShare::beneficiaries).sum());
    assertEquals(25_000, scenario.beneficiaries().size());
    Map<String, Long> people = scenario.beneficiaries().stream().collect(Collectors.groupingBy(Beneficiary::county, Collectors.counting()));
    for (CountyShare s : shares) {
      assertEquals(s.beneficiaries(), people.get(s.county()), s.county());
      assertEquals(s.withDisability(), scenario.beneficiaries().stream()
          .filter(b -> b.county().equals(s.county()) && b.category().equals("disability")).count(), s.county());
      assertEquals(s.parentalEducation(), scenario.beneficiaries().stream()
          .filter(b -> b.county().equals(s.county()) && b.hasFlag("parental_education")).count(), s.county());
    }
    // in proportion to population: counties with more inhabitants (in the locality file) get at least as many
    Map<String, Long> population = new HashMap<>();
    localities.forEach(l -> population.merge(l.county(), (long) (l.population() == null ? 0 : l.population()), Long::sum));
    List<CountyShare> byPopulation = shares.stream().filter(s -> population.get(s.county()) > 0)
        .sorted(Comparator.comparing(s -> population.get(s.county()))).toList();
    for (int i = 1; i < byPopulation.size(); i++) {
      assertTrue(byPopulation.get(i).beneficiaries() >= byPopulation.get(i - 1).beneficiaries(),
          byPopulation.get(i).county() + " vs " + byPopulation.get(i - 1).county());
    }
    CountyShare iasi = share("IS");
    CountyShare tulcea = share("TL");
    assertTrue(iasi.beneficiaries() > 3 * tulcea.beneficiaries(), iasi + " " + tulcea);
    // Bucharest has no population in the file: the median county's weight, served in its six sectors
    assertEquals(6, share("B").localities());
    assertTrue(share("B").beneficiaries() > tulcea.beneficiaries() && share("B").beneficiaries() < iasi.beneficiaries());
  }

  private static CountyShare share(String county) {
    return shares.stream().filter(s -> s.county().equals(county)).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("Every place is a real SIRUTA locality of the record's own county: commune seats (Bucharest: sectors)")
  void realLocalities() {
    Map<String, Long> served = scenario.localities().stream().collect(Collectors.groupingBy(NationalGeneratorTest::county, Collectors.counting()));
    assertEquals(scenario.localities().size(), new HashSet<>(scenario.localities()).size(), "no locality twice");
    for (CountyShare s : shares) assertEquals(s.localities(), served.get(s.county()), s.county());
    for (int siruta : scenario.localities()) {
      LocalityRow l = bySiruta.get(siruta);
      assertNotNull(l, "SIRUTA " + siruta);
      assertTrue(l.county().equals("B") ? l.name().startsWith("București Sectorul") : l.isCommuneSeat(), l.toString());
    }
    for (Beneficiary b : scenario.beneficiaries()) {
      assertEquals(b.county(), county(b.localitySiruta()));
      assertTrue(scenario.localities().contains(b.localitySiruta()));
    }
    for (DemoScenario.Centre c : scenario.centres()) {
      assertEquals(c.county(), county(c.localitySiruta()), c.code());
      assertTrue(scenario.localities().contains(c.localitySiruta()), c.code());
    }
    for (DemoScenario.Caravan c : scenario.caravans()) assertEquals(c.county(), county(c.depotSiruta()), c.code());
    // caravans start at the county seat (Ilfov, whose seat is outside it: its largest town)
    assertEquals("Iași", bySiruta.get(scenario.caravans().stream().filter(c -> c.county().equals("IS")).findFirst()
        .orElseThrow().depotSiruta()).name());
    assertEquals("IF", county(scenario.caravans().stream().filter(c -> c.county().equals("IF")).findFirst().orElseThrow()
        .depotSiruta()));
  }

  @Test
  @DisplayName("Centres, caravans and staff scale with each county, every code unique and valid, people served in their county")
  void organisation() {
    Map<String, String> centreCounty = scenario.centres().stream()
        .collect(Collectors.toMap(DemoScenario.Centre::code, DemoScenario.Centre::county));
    assertEquals(scenario.centres().size(), centreCounty.size());
    for (CountyShare s : shares) {
      assertEquals(s.centres(), scenario.centres().stream().filter(c -> c.county().equals(s.county())).count(), s.county());
      assertEquals(s.caravans(), scenario.caravans().stream().filter(c -> c.county().equals(s.county())).count(), s.county());
      for (String role : List.of("social_worker", "nurse", "kinetotherapist", "speech_therapist", "psychologist", "coordinator")) {
        assertTrue(scenario.staff().stream().anyMatch(p -> p.county().equals(s.county()) && p.role().equals(role)), s.county() + " " + role);
      }
      assertEquals(s.caravans(), scenario.staff().stream().filter(p -> p.county().equals(s.county()) && p.role().equals("doctor")).count());
    }
    assertTrue(share("IS").centres() > share("TL").centres());
    Set<String> codes = new HashSet<>();
    scenario.staff().forEach(p -> assertTrue(codes.add(p.code()) && p.code().matches("[A-Z0-9-]{2,20}"), p.code()));
    scenario.centres().forEach(c -> assertTrue(codes.add(c.code()) && c.code().matches("[A-Z0-9-]{2,20}"), c.code()));
    scenario.caravans().forEach(c -> assertTrue(codes.add(c.code()) && c.code().matches("[A-Z0-9-]{2,20}"), c.code()));
    for (DemoScenario.StaffMember p : scenario.staff()) {
      if (p.centreCode() != null) assertEquals(p.county(), centreCounty.get(p.centreCode()), p.code());
    }
    for (Beneficiary b : scenario.beneficiaries()) assertEquals(b.county(), centreCounty.get(b.centreCode()), b.id().toString());
  }

  @Test
  @DisplayName("No CNP twice; every CNP has a valid control digit, the birth date, the sex and the county code of its county")
  void cnps() {
    Set<String> seen = new HashSet<>();
    Set<java.util.UUID> ids = new HashSet<>();
    int withCnp = 0;
    for (Beneficiary b : scenario.beneficiaries()) {
      assertTrue(ids.add(b.id()));
      if (b.cnp() != null) {
        withCnp++;
        assertTrue(seen.add(b.cnp()), "CNP twice: " + b.cnp());
        assertEquals(Cnp.controlDigit(b.cnp()), b.cnp().charAt(12) - '0', b.cnp());
        Cnp cnp = Cnp.parse(b.cnp(), DemoGenerator.START);
        assertEquals(b.birthDate(), cnp.birthDate());
        assertEquals(b.sex().charAt(0), cnp.sex());
        assertEquals(Cnp.countyCode(b.county()), Integer.parseInt(b.cnp().substring(7, 9)), b.cnp() + " " + b.county());
      }
      if (b.phone() != null) assertTrue(PhoneNumbers.isRomanianMobile(b.phone()), b.phone());
    }
    assertTrue(withCnp > 24_000, "most people have a CNP: " + withCnp);
    assertEquals(40, Cnp.countyCode("B"));
    assertEquals(51, Cnp.countyCode("CL"));
    assertEquals(52, Cnp.countyCode("GR"));
  }

  @Test
  @DisplayName("Care plans: every beneficiary's plans belong to them; centre sessions at a centre of their own county")
  void carePlans() {
    Map<java.util.UUID, Beneficiary> people = scenario.beneficiaries().stream()
        .collect(Collectors.toMap(Beneficiary::id, Function.identity()));
    Map<String, String> centreCounty = scenario.centres().stream()
        .collect(Collectors.toMap(DemoScenario.Centre::code, DemoScenario.Centre::county));
    assertTrue(scenario.carePlans().size() > 25_000, "plans " + scenario.carePlans().size());
    for (DemoScenario.CarePlan p : scenario.carePlans()) {
      Beneficiary b = people.get(p.beneficiaryId());
      assertNotNull(b);
      if (p.modality().equals("centre")) assertEquals(b.county(), centreCounty.get(p.centreCode()));
    }
    assertEquals(shares.stream().mapToInt(CountyShare::parentalEducation).sum(),
        scenario.carePlans().stream().filter(p -> p.service().equals("parental_education")).count());
  }

  @Test
  @DisplayName("Deterministic: the same seed gives the same scenario, another seed another one; a few counties keep their national share")
  void deterministic() {
    Set<String> few = Set.of("TL", "CV", "B");
    DemoScenario a = NationalGenerator.generate(11, 25_000, few, localities, units);
    DemoScenario b = NationalGenerator.generate(11, 25_000, few, localities, units);
    assertEquals(a.toString(), b.toString());
    DemoScenario c = NationalGenerator.generate(12, 25_000, few, localities, units);
    assertNotEquals(a.beneficiaries(), c.beneficiaries());
    assertEquals(a.beneficiaries().size(), c.beneficiaries().size());
    assertEquals(few.stream().mapToInt(county -> share(county).beneficiaries()).sum(), a.beneficiaries().size());
    assertEquals(few, a.beneficiaries().stream().map(Beneficiary::county).collect(Collectors.toSet()));
  }
}
