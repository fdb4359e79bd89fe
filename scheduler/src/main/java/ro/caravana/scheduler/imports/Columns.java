package ro.caravana.scheduler.imports;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ro.caravana.scheduler.common.InvalidValue;

/**
 * Which column holds which field: Romanian headers in any order and case, with or without diacritics
 * ("Data nașterii", "DATA NASTERII", "data_nasterii"), and their usual variants. Columns with other headers are
 * ignored.
 */
final class Columns {

  /** A field of the import, its header as shown to people, and the header keys ({@link Text#key}) it is known by. */
  record Field(String name, String header, Set<String> keys) {}

  private final Map<String, Integer> index;
  private final Map<String, String> headerOf;

  private Columns(Map<String, Integer> index, Map<String, String> headerOf) {
    this.index = index;
    this.headerOf = headerOf;
  }

  static Columns of(List<String> headers, List<Field> fields, Set<String> required) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, String> headerOf = new LinkedHashMap<>();
    for (Field f : fields) headerOf.put(f.name(), f.header());
    for (int i = 0; i < headers.size(); i++) {
      String key = Text.key(headers.get(i));
      for (Field f : fields) {
        if (f.keys().contains(key)) {
          if (index.containsKey(f.name())) {
            throw new InvalidValue("Coloana „" + headers.get(i) + "” apare de două ori.",
                "The column '" + headers.get(i) + "' appears twice.");
          }
          index.put(f.name(), i);
          headerOf.put(f.name(), headers.get(i));
        }
      }
    }
    for (String r : required) {
      if (!index.containsKey(r)) {
        throw new InvalidValue("Lipsește coloana „" + headerOf.get(r) + "”.", "The column '" + headerOf.get(r) + "' is missing.");
      }
    }
    return new Columns(index, headerOf);
  }

  boolean has(String field) {
    return index.containsKey(field);
  }

  /** The cell of this field on the line, or null when the column is absent or the cell empty. */
  Object cell(Sheet.Line line, String field) {
    Integer i = index.get(field);
    return i == null ? null : line.cell(i);
  }

  /** The header of the field as written in the file (or its usual name when the file has no such column). */
  String header(String field) {
    return headerOf.get(field);
  }
}
