package ro.caravana.scheduler.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the locality files shipped as resources under {@code data/ro/} (sources and licences in
 * docs/data.md). Plain comma-separated values without quoting, UTF-8, one header line.
 */
public final class LocalityFiles {

  public static final String LOCALITIES = "data/ro/bacau_vrancea_localities.csv";
  public static final String UNITS = "data/ro/bacau_vrancea_uats.csv";
  /** Every SIRUTA locality of Romania (41 counties and Bucharest), imported at first start. */
  public static final String ROMANIA_LOCALITIES = "data/ro/romania_localities.csv";
  public static final String ROMANIA_UNITS = "data/ro/romania_uats.csv";

  private LocalityFiles() {}

  /** The localities of Bacău and Vrancea (the demo scenario's world). */
  public static List<LocalityRow> localities() {
    return localities(LOCALITIES);
  }

  public static List<AdministrativeUnitRow> units() {
    return units(UNITS);
  }

  /** Every locality of Romania. */
  public static List<LocalityRow> romaniaLocalities() {
    return localities(ROMANIA_LOCALITIES);
  }

  public static List<AdministrativeUnitRow> romaniaUnits() {
    return units(ROMANIA_UNITS);
  }

  private static List<LocalityRow> localities(String resource) {
    return read(resource, c -> new LocalityRow(
        Integer.parseInt(c.get("siruta")), c.get("name"), c.get("county"), c.get("type"),
        Double.parseDouble(c.get("lat")), Double.parseDouble(c.get("lon")),
        c.get("population").isEmpty() ? null : Integer.valueOf(c.get("population")),
        Integer.parseInt(c.get("parent_siruta"))));
  }

  private static List<AdministrativeUnitRow> units(String resource) {
    return read(resource, c -> new AdministrativeUnitRow(
        Integer.parseInt(c.get("siruta")), c.get("name"), c.get("county"), c.get("type"),
        Double.parseDouble(c.get("lat")), Double.parseDouble(c.get("lon")),
        Integer.parseInt(c.get("seat_siruta")),
        c.getOrDefault("seat_population", "").isEmpty() ? 0 : Integer.parseInt(c.get("seat_population"))));
  }

  private static <T> List<T> read(String resource, Function<Map<String, String>, T> mapper) {
    try (InputStream in = LocalityFiles.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("missing resource " + resource);
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String[] header = reader.readLine().split(",", -1);
      List<T> out = new ArrayList<>();
      String line;
      int lineNo = 1;
      while ((line = reader.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) continue;
        String[] cells = line.split(",", -1);
        if (cells.length != header.length) {
          throw new IllegalStateException(resource + ":" + lineNo + ": expected " + header.length + " columns");
        }
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < header.length; i++) row.put(header[i], cells[i].strip());
        out.add(mapper.apply(row));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
