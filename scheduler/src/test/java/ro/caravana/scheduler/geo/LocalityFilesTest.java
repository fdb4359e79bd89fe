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
    }
    LocalityRow focsani = bySiruta.get(174753);
    assertEquals("Focșani", focsani.name());
    assertTrue(localities.stream().anyMatch(l -> l.name().equals("Mărășești")));
  }
}
