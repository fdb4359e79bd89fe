package ro.caravana.scheduler.imports;

import java.util.List;

/**
 * A spreadsheet as read: the header cells as written in the file, and each data row with its number as people
 * see it (the header is row 1). A cell is a trimmed String, or a LocalDate for a spreadsheet date cell; an
 * empty cell is null.
 */
record Sheet(List<String> headers, List<Line> lines) {

  record Line(int number, List<Object> cells) {

    Object cell(int column) {
      return column < 0 || column >= cells.size() ? null : cells.get(column);
    }
  }
}
