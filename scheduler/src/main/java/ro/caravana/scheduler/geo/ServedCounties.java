package ro.caravana.scheduler.geo;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import ro.caravana.scheduler.platform.config.AppConfig;

/**
 * The counties an installation serves (setting {@code counties}, for example {@code BC,VN}): their centres,
 * caravans, staff and people can be recorded and their weeks planned. Every county's localities are known.
 */
public record ServedCounties(Set<String> codes) {

  public ServedCounties {
    codes = Set.copyOf(codes);
  }

  public static ServedCounties from(AppConfig config) {
    Set<String> codes = new LinkedHashSet<>();
    for (String c : config.string("counties").split(",")) {
      String code = c.strip().toUpperCase(Locale.ROOT);
      if (code.isEmpty()) continue;
      if (!code.matches("[A-Z]{1,2}")) {
        throw new IllegalStateException("setting counties: '" + c.strip() + "' is not a county code (BC, VN, B, ...)");
      }
      codes.add(code);
    }
    if (codes.isEmpty()) throw new IllegalStateException("setting counties names no county (for example counties=BC,VN)");
    return new ServedCounties(codes);
  }

  public boolean serves(String county) {
    return county != null && codes.contains(county);
  }

  public String[] array() {
    return codes.stream().sorted().toArray(String[]::new);
  }

  @Override
  public String toString() {
    return String.join(",", Arrays.asList(array()));
  }
}
