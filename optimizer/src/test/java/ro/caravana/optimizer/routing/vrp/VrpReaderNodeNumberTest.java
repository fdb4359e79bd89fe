package ro.caravana.optimizer.routing.vrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Node numbers, demands and capacities of a VRPLIB file are read from ASCII digits only")
class VrpReaderNodeNumberTest {

  @Test
  @DisplayName("plain numbers and the -1 that ends the depot section are read")
  void plain() {
    assertEquals(0, VrpReader.nodeNumber("0"));
    assertEquals(1, VrpReader.nodeNumber("1"));
    assertEquals(101, VrpReader.nodeNumber("101"));
    assertEquals(-1, VrpReader.nodeNumber("-1"));
  }

  @Test
  @DisplayName("Unicode digits, signs, leading zeros, decimals and overlong numbers are refused")
  void hostile() {
    for (String bad : new String[] {"\uFF11", "\u0661", "\u0967", "+1", "-2", "01", "1.0", "1e1", " 1", "",
        "9999999999", "0x1"}) {
      assertThrows(IllegalArgumentException.class, () -> VrpReader.nodeNumber(bad), bad);
    }
  }

  @Test
  @DisplayName("a demand or capacity: ASCII digits; Unicode digits, signs, decimals and exponents are refused")
  void quantities() {
    assertEquals(0, VrpReader.quantity("0"));
    assertEquals(200, VrpReader.quantity("200"));
    for (String bad : new String[] {"\u0665", "\uFF15", "+5", "-5", "05", "5.0", "5e1", "", " 5", "99999999999999999999"}) {
      assertThrows(IllegalArgumentException.class, () -> VrpReader.quantity(bad), bad);
    }
  }
}
