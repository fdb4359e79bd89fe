package ro.caravana.portal.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("bench-load reads its rates, mix and scenario names strictly, before it sends anything")
class LoadCommandArgumentsTest {

  @Test
  @DisplayName("--rates: ASCII whole numbers above zero; Unicode digits, signs, zero, decimals, blanks refused by name")
  void rates() {
    assertEquals(List.of(5, 10, 20), LoadCommand.rates("5,10,20"));
    for (String bad : new String[] {"\u0663\u0660", "\uFF15", "+5", "-5", "0", "5.0", "5,,10", "5,", "", " 5", "99999999999"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoadCommand.rates(bad), bad);
      assertTrue(e.getMessage().startsWith("--rates"), e.getMessage());
    }
  }

  @Test
  @DisplayName("--mix: known scenarios once each, each with its rate; the order is kept")
  void mix() {
    assertEquals(List.of(Map.entry("week", 6), Map.entry("family", 12)),
        List.copyOf(LoadCommand.mix("week:6,family:12").entrySet()));
    for (String bad : new String[] {"week", "week:", ":6", "week:\u0666", "week:+6", "week:0", "week:6,week:3", "sse:6",
        "nosuch:6", "WEEK:6", "week:6,", "week:6;family:12", ""}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoadCommand.mix(bad), bad);
      assertTrue(e.getMessage().startsWith("--mix"), e.getMessage());
    }
  }

  @Test
  @DisplayName("a bad rate, mix or scenario is a usage error (exit 2), not an attempt to reach the server")
  void refusedBeforeConnecting() throws Exception {
    String[] base = {"--base", "http://127.0.0.1:1", "--email", "e@x.ro", "--password", "p"};
    for (String[] extra : new String[][] {{"--rates", "\u0663\u0660"}, {"--mix", "week:\uFF16"}, {"--scenarios", "week,nosuch"},
        {"--report-seconds", "-1"}}) {
      String[] args = new String[base.length + 2];
      System.arraycopy(base, 0, args, 0, base.length);
      args[base.length] = extra[0];
      args[base.length + 1] = extra[1];
      assertEquals(2, LoadCommand.run(args), String.join(" ", extra));
    }
  }
}
