package ro.caravana.scheduler.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import ro.caravana.scheduler.geo.AdministrativeUnitRow;
import ro.caravana.scheduler.geo.LocalityFiles;
import ro.caravana.scheduler.geo.LocalityRow;

class DemoGeneratorTest {

  private static List<LocalityRow> localities;
  private static List<AdministrativeUnitRow> units;
  private static DemoScenario scenario;

  @BeforeAll
  static void generate() {
    localities = LocalityFiles.localities();
    units = LocalityFiles.units();
    scenario = DemoGenerator.generate(42, localities, units);
  }

  @Test
  @DisplayName("The scenario has exactly 1,250 beneficiaries: 889 with disabilities, 361 in vulnerable families, 200 in parental education")
  void exactCounts() {
    List<Beneficiary> b = scenario.beneficiaries();
    assertEquals(1250, b.size());
    assertEquals(889, b.stream().filter(x -> x.category().equals("disability")).count());
    assertEquals(361, b.stream().filter(x -> x.category().equals("vulnerable_family")).count());
    assertEquals(200, b.stream().filter(x -> x.hasFlag("parental_education")).count());
    assertEquals(200, b.stream().filter(x -> x.hasFlag("parental_education")
        && x.category().equals("vulnerable_family")).count());
    long disabledChildren = b.stream().filter(x -> x.category().equals("disability") && x.hasFlag("child")).count();
    assertTrue(disabledChildren > 400, "many of the persons with disabilities are children: " + disabledChildren);
  }

  @Test
  @DisplayName("50 localities among real communes (49 rural, 1 small town), 11 centres, 4 caravans, about 40 staff")
  void places() {
    Map<Integer, LocalityRow> bySiruta =
        localities.stream().collect(Collectors.toMap(LocalityRow::siruta, Function.identity()));
    assertEquals(50, new HashSet<>(scenario.localities()).size());
    long rural = scenario.localities().stream().filter(s -> bySiruta.get(s).isCommuneSeat()).count();
    assertEquals(49, rural);
    assertEquals("town_seat_locality", bySiruta.get(scenario.localities().get(49)).type());
    assertEquals(11, scenario.centres().size());
    assertTrue(scenario.centres().stream().allMatch(c -> scenario.localities().contains(c.localitySiruta())));
    assertEquals(4, scenario.caravans().size());
    assertEquals(Set.of(20304, 174753),
        scenario.caravans().stream().map(DemoScenario.Caravan::depotSiruta).collect(Collectors.toSet()));
    assertTrue(scenario.staff().size() >= 35 && scenario.staff().size() <= 45, "staff " + scenario.staff().size());
    assertTrue(scenario.beneficiaries().stream().allMatch(x -> scenario.localities().contains(x.localitySiruta())));
  }

  @Test
  @DisplayName("Every CNP is valid, unique and matches the birth date and sex; every phone is a Romanian mobile in E.164")
  void validIdentifiers() {
    Set<String> cnps = new HashSet<>();
    for (Beneficiary b : scenario.beneficiaries()) {
      assertTrue(b.firstName().length() > 1 && b.lastName().length() > 1);
      if (b.cnp() != null) {
        Cnp cnp = Cnp.parse(b.cnp(), DemoGenerator.START);
        assertEquals(b.birthDate(), cnp.birthDate());
        assertEquals(b.sex().charAt(0), cnp.sex());
        assertTrue(cnps.add(b.cnp()));
      }
      if (b.phone() != null) {
        assertTrue(b.phone().matches("\\+407[0-9]{8}"), b.phone());
        assertTrue(PhoneNumbers.isRomanianMobile(b.phone()), b.phone());
        assertEquals(b.phone(), PhoneNumbers.toE164(b.phone()));
      }
      if (b.smsConsent()) assertNotNull(b.smsConsentDate());
      if (b.hasFlag("child")) assertNotNull(b.guardianName());
    }
    long consenting = scenario.beneficiaries().stream().filter(Beneficiary::dataConsent).count();
    assertTrue(consenting > 1150, "consents mostly on: " + consenting);
  }

  @Test
  @DisplayName("Care plans cover the services: therapies at the centre, consultations on caravan days, telemedicine remotely")
  void carePlans() {
    Map<String, Long> byService = scenario.carePlans().stream()
        .collect(Collectors.groupingBy(DemoScenario.CarePlan::service, Collectors.counting()));
    for (String s : List.of("kinetotherapy", "speech_therapy", "counselling", "parental_education",
        "medical_consultation", "telemedicine", "support_group")) {
      assertTrue(byService.getOrDefault(s, 0L) > 0, s);
    }
    assertEquals(200, byService.get("parental_education"));
    assertTrue(scenario.carePlans().stream().filter(p -> p.service().equals("medical_consultation"))
        .allMatch(p -> p.modality().equals("caravan")));
    assertTrue(scenario.carePlans().stream().filter(p -> p.service().equals("telemedicine"))
        .allMatch(p -> p.modality().equals("remote")));
    assertTrue(scenario.carePlans().stream().filter(p -> p.modality().equals("centre"))
        .allMatch(p -> p.centreCode() != null));
  }

  @Test
  @DisplayName("The same seed gives the same scenario; another seed gives another one")
  void deterministic() {
    assertEquals(scenario, DemoGenerator.generate(42, localities, units));
    DemoScenario other = DemoGenerator.generate(43, localities, units);
    assertNotEquals(scenario.beneficiaries(), other.beneficiaries());
    assertEquals(1250, other.beneficiaries().size());
    assertEquals(889, other.beneficiaries().stream().filter(x -> x.category().equals("disability")).count());
  }
}
