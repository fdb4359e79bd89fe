package ro.caravana.portal.page.report;

import java.util.List;

/** RFC 4180 text with a UTF-8 byte-order mark, so spreadsheet programs read the diacritics. */
final class Csv {

  private Csv() {}

  static String of(List<String> header, List<List<Object>> rows) {
    StringBuilder b = new StringBuilder("\uFEFF");
    line(b, List.copyOf(header));
    rows.forEach(r -> line(b, r));
    return b.toString();
  }

  private static void line(StringBuilder b, List<?> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) b.append(',');
      b.append(quote(cells.get(i) == null ? "" : String.valueOf(cells.get(i))));
    }
    b.append("\r\n");
  }

  static String quote(String s) {
    // a cell starting with = + - @ would be read as a formula: neutralise it
    String safe = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !s.matches("-?[0-9.]+") ? "'" + s : s;
    if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
      return '"' + safe.replace("\"", "\"\"") + '"';
    }
    return safe;
  }
}
