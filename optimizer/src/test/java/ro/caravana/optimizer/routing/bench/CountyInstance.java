package ro.caravana.optimizer.routing.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Writes a whole county as a Solomon-format instance, so that our solver and both peers can be
 * run on it by {@link VrpBenchmark}: every locality of the county (SIRUTA list with coordinates and
 * population) is a candidate stop, the county seat is the depot.
 *
 * <p>Coordinates are projected onto a plane tangent at the depot (equirectangular; under 0.5 %
 * error across a county) and scaled so that one unit is one minute of driving at the routing
 * defaults: road distance = great-circle x 1.35, 45 km/h, i.e. 1.8 units per straight-line km.
 * A stop serves max(1, min(12, population / 600)) beneficiaries at 20 minutes each, a caravan holds
 * 24 consultations a day, the shift is 9 hours (units 0-540) and any stop may be served at any time
 * of it. Usage: {@code CountyInstance LOCALITIES.csv COUNTY OUT.txt}.
 */
public final class CountyInstance {

  static final double UNITS_PER_KM = 1.35 / 0.75;
  static final int SHIFT_MINUTES = 540;
  static final int CAPACITY = 24;
  static final int MINUTES_PER_CONSULTATION = 20;
  static final int VEHICLES = 250;

  private CountyInstance() {}

  public static void main(String[] args) throws IOException {
    Path localities = Path.of(args[0]);
    String county = args[1];
    Path out = Path.of(args[2]);
    List<String> lines = Files.readAllLines(localities, StandardCharsets.UTF_8);
    List<String[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      if (f[2].equals(county)) rows.add(f);
    }
    // the county seat: the most populous municipality seat locality
    String[] seat = rows.stream().filter(f -> f[3].equals("municipality_seat_locality") && !f[6].isEmpty())
        .max(Comparator.comparingLong(f -> Long.parseLong(f[6]))).orElse(null);
    rows.remove(seat);
    if (seat == null) throw new IllegalArgumentException("no county seat for " + county);
    double lat0 = Double.parseDouble(seat[4]);
    double lon0 = Double.parseDouble(seat[5]);
    double kmPerLon = 111.320 * Math.cos(Math.toRadians(lat0));
    double kmPerLat = 110.574;
    String name = county + "-" + rows.size();
    StringBuilder text = new StringBuilder();
    text.append(name).append("\n\nVEHICLE\nNUMBER     CAPACITY\n")
        .append(String.format(Locale.ROOT, "  %d         %d%n%n", VEHICLES, CAPACITY))
        .append("CUSTOMER\nCUST NO.   XCOORD.   YCOORD.    DEMAND   READY TIME   DUE DATE   SERVICE TIME\n\n");
    text.append(String.format(Locale.ROOT, "%5d %10.3f %10.3f %5d %6d %6d %6d%n", 0, 0.0, 0.0, 0, 0, SHIFT_MINUTES, 0));
    for (int i = 0; i < rows.size(); i++) {
      String[] f = rows.get(i);
      double x = (Double.parseDouble(f[5]) - lon0) * kmPerLon * UNITS_PER_KM;
      double y = (Double.parseDouble(f[4]) - lat0) * kmPerLat * UNITS_PER_KM;
      long population = f[6].isEmpty() ? 0 : Long.parseLong(f[6]);
      long beneficiaries = Math.max(1, Math.min(12, Math.round(population / 600.0)));
      text.append(String.format(Locale.ROOT, "%5d %10.3f %10.3f %5d %6d %6d %6d%n", i + 1, x, y, beneficiaries, 0,
          SHIFT_MINUTES, beneficiaries * MINUTES_PER_CONSULTATION));
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, text.toString(), StandardCharsets.ISO_8859_1);
    System.err.printf("%s: %d stops, depot %s%n", out, rows.size(), seat[1]);
  }
}
