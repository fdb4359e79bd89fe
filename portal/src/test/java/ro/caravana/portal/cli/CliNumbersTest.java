package ro.caravana.portal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Whole numbers on the command line are ASCII digits above zero")
class CliNumbersTest {

  @Test
  @DisplayName("30 is read; Unicode digits, signs, zero, leading zeros, decimals and overflows are refused by name")
  void hostileForms() {
    assertEquals(30, CliNumbers.positive("--seconds", "30"));
    for (String bad : new String[] {"\u0663\u0660", "\uFF13\uFF10", "+30", "-30", "0", "030", "30.0", "3e1", " 30", "",
        "9999999999", null}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CliNumbers.positive("--seconds", bad),
          String.valueOf(bad));
      assertTrue(e.getMessage().startsWith("--seconds"), e.getMessage());
    }
  }

  @Test
  @DisplayName("solve-vrp answers a usage error (exit 2), not a stack trace, for --seconds in Arabic-Indic digits")
  void solveVrpRefuses() throws Exception {
    assertEquals(2, SolveVrpCommand.run(new String[] {"x.txt", "--seconds", "\u0663\u0660"}));
  }
}
