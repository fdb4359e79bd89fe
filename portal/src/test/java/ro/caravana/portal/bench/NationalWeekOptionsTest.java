package ro.caravana.portal.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("bench-national options")
class NationalWeekOptionsTest {

  @TempDir
  Path logs;

  @Test
  @DisplayName("instance counts, seconds and the week are read; the logs folder is made")
  void reads() throws Exception {
    Path dir = logs.resolve("runs");
    NationalWeekCommand.Options o = NationalWeekCommand.Options.parse(new String[] {"--instances", "1,2,4", "--seconds", "8",
        "--week", "2026-W52", "--partitions", "42", "--heap", "768m", "--logs", dir.toString()});
    assertEquals(List.of(1, 2, 4), o.instances());
    assertEquals(8, o.seconds());
    assertEquals("2026-W52", o.week());
    assertEquals(42, o.partitions());
    assertEquals("768m", o.heap());
    assertEquals(25_000, o.beneficiaries());
    assertTrue(Files.isDirectory(dir));
  }

  @Test
  @DisplayName("numbers in disguise, zero, signs, a malformed week or heap, a missing value and unknown options are refused")
  void refuses() {
    for (String[] args : List.of(
        new String[] {"--instances", "1,٢,4"}, new String[] {"--instances", "1,,4"}, new String[] {"--instances", "0"},
        new String[] {"--seconds", "+10"}, new String[] {"--seconds", "10.5"}, new String[] {"--seconds", "１０"},
        new String[] {"--seconds", "601"}, new String[] {"--beneficiaries", "-5"}, new String[] {"--week", "2026-W54"},
        new String[] {"--week", "2026-52"}, new String[] {"--heap", "1t"}, new String[] {"--heap", "-Xmx1g"},
        new String[] {"--seconds"}, new String[] {"--nodes", "3"})) {
      assertThrows(IllegalArgumentException.class, () -> NationalWeekCommand.Options.parse(append(args)), String.join(" ", args));
    }
  }

  private String[] append(String[] args) {
    String[] out = java.util.Arrays.copyOf(args, args.length + 2);
    // the logs option last, so a missing value above is still the last real argument's
    if (args.length % 2 == 1) return args;
    out[args.length] = "--logs";
    out[args.length + 1] = logs.toString();
    return out;
  }
}
