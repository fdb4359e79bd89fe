package ro.caravana.scheduler.road;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import ro.caravana.optimizer.geo.RoadMatrix;
import ro.caravana.scheduler.platform.http.ApiError;

/**
 * A road matrix as a coordinator keeps it: {@code fromSiruta,toSiruta,minutes,km}, one directed pair a
 * line (the other direction is its own line, so asymmetric roads are fine). Read whole before anything
 * is written: the first bad line refuses the file, naming the line and the column.
 */
public final class TravelMatrixCsv {

  public static final String HEADER = "fromSiruta,toSiruta,minutes,km";
  public static final int MAX_ROWS = 200_000;
  private static final Pattern SIRUTA = Pattern.compile("[1-9][0-9]{0,8}");
  private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,5}(\\.[0-9]{1,3})?");
  private static final BigDecimal MAX_MINUTES = BigDecimal.valueOf(24 * 60);
  private static final BigDecimal MAX_KM = BigDecimal.valueOf(2_000);

  private TravelMatrixCsv() {}

  public static List<RoadNetwork.Entry> parse(String text) {
    String[] lines = text.replace("\r", "").split("\n");
    int first = 0;
    while (first < lines.length && lines[first].isBlank()) first++;
    if (first == lines.length) throw bad("body", 0, "fișierul este gol", "the file is empty");
    String header = lines[first].replace("\uFEFF", "").replace(" ", "");
    if (!header.equalsIgnoreCase(HEADER)) {
      throw bad("body", first + 1, "primul rând trebuie să fie „" + HEADER + "”", "the first line must be '" + HEADER + "'");
    }
    Map<Long, RoadNetwork.Entry> rows = new LinkedHashMap<>();
    for (int i = first + 1; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) continue;
      int n = i + 1;
      String[] f = line.split(",", -1);
      if (f.length != 4) throw bad("body", n, "trebuie să aibă 4 coloane", "must have 4 columns");
      int from = siruta(f[0].strip(), "fromSiruta", n);
      int to = siruta(f[1].strip(), "toSiruta", n);
      if (from == to) throw bad("toSiruta", n, "este aceeași localitate ca fromSiruta", "is the same locality as fromSiruta");
      BigDecimal minutes = decimal(f[2].strip(), "minutes", n, MAX_MINUTES);
      BigDecimal km = decimal(f[3].strip(), "km", n, MAX_KM);
      if (rows.put(RoadNetwork.key(from, to), new RoadNetwork.Entry(from, to,
          minutes.multiply(BigDecimal.valueOf(60)).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact(),
          km.multiply(BigDecimal.valueOf(1000)).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact(),
          RoadMatrix.Source.CSV)) != null) {
        throw bad("fromSiruta", n, "perechea " + from + " → " + to + " apare de două ori",
            "the pair " + from + " -> " + to + " appears twice");
      }
      if (rows.size() > MAX_ROWS) throw bad("body", n, "cel mult " + MAX_ROWS + " rânduri", "at most " + MAX_ROWS + " rows");
    }
    if (rows.isEmpty()) throw bad("body", first + 1, "nu are niciun rând de date", "has no data rows");
    return new ArrayList<>(rows.values());
  }

  private static int siruta(String raw, String field, int line) {
    if (!SIRUTA.matcher(raw).matches()) {
      throw bad(field, line, "„" + raw + "” nu este un cod SIRUTA (cifre 0-9)", "'" + raw + "' is not a SIRUTA code (digits 0-9)");
    }
    return Integer.parseInt(raw);
  }

  private static BigDecimal decimal(String raw, String field, int line, BigDecimal max) {
    if (!DECIMAL.matcher(raw).matches()) {
      throw bad(field, line, "„" + raw + "” nu este un număr nenegativ (punct zecimal)",
          "'" + raw + "' is not a non-negative number (decimal point)");
    }
    BigDecimal v = new BigDecimal(raw);
    if (v.compareTo(max) > 0) throw bad(field, line, "este peste " + max, "is over " + max);
    return v;
  }

  private static ApiError bad(String field, int line, String ro, String en) {
    return ApiError.badRequest(field, "Rândul " + line + ": " + ro + ".", "Line " + line + ": " + en + ".");
  }
}
