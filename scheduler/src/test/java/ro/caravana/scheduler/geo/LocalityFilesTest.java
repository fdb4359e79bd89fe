package ro.caravana.scheduler.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LocalityFilesTest {

  @Test
  @DisplayName("The locality files hold every village of Bacău and Vrancea, each under its commune or town")
  void readsFiles() {
    List<LocalityRow> localities = LocalityFiles.localities();
    List<AdministrativeUnitRow> units = LocalityFiles.units();
    assertEquals(856, localities.size());
    assertEquals(166, units.size());
    checkParents(localities, units);
    assertEquals("Focșani", localities.stream().filter(l -> l.siruta() == 174753).findFirst().orElseThrow().name());
    assertTrue(localities.stream().anyMatch(l -> l.name().equals("Mărășești")));
  }

  @Test
  @DisplayName("The Romania files hold all 13,755 localities of the 41 counties and Bucharest, each under its unit, "
      + "and agree with the Bacău and Vrancea files")
  void readsRomania() {
    List<LocalityRow> localities = LocalityFiles.romaniaLocalities();
    List<AdministrativeUnitRow> units = LocalityFiles.romaniaUnits();
    assertEquals(13_755, localities.size());
    assertEquals(42, localities.stream().map(LocalityRow::county).distinct().count());
    assertEquals(localities.size(), localities.stream().map(LocalityRow::siruta).distinct().count());
    checkParents(localities, units);
    Map<Integer, LocalityRow> all = localities.stream().collect(Collectors.toMap(LocalityRow::siruta, Function.identity()));
    for (LocalityRow l : LocalityFiles.localities()) assertEquals(l, all.get(l.siruta()));
    assertTrue(localities.stream().filter(l -> l.county().equals("CJ")).count() > 400);
  }

  private static void checkParents(List<LocalityRow> localities, List<AdministrativeUnitRow> units) {
    Map<Integer, AdministrativeUnitRow> unitBySiruta =
        units.stream().collect(Collectors.toMap(AdministrativeUnitRow::siruta, Function.identity()));
    Map<Integer, LocalityRow> bySiruta =
        localities.stream().collect(Collectors.toMap(LocalityRow::siruta, Function.identity()));
    for (LocalityRow l : localities) {
      AdministrativeUnitRow parent = unitBySiruta.get(l.parentSiruta());
      assertEquals(l.county(), parent.county(), l.name());
    }
    for (AdministrativeUnitRow u : units) {
      assertEquals(u.siruta(), bySiruta.get(u.seatSiruta()).parentSiruta(), u.name());
      assertTrue(bySiruta.get(u.seatSiruta()).type().endsWith("seat_locality")
          || bySiruta.get(u.seatSiruta()).isCommuneSeat(), u.name());
    }
  }
}
