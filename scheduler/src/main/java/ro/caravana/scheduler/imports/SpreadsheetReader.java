package ro.caravana.scheduler.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import ro.caravana.scheduler.common.InvalidValue;

/**
 * Reads the spreadsheets directorates keep: CSV in UTF-8 (with or without BOM) or Windows-1250 (what Excel
 * writes on Romanian Windows), comma- or semicolon-separated (Commons CSV); and XLSX, the first sheet (Apache
 * POI), where date cells become dates and numbers are read as displayed (a CNP stays whole). Blank lines
 * are skipped but keep their numbers, so a reported row is the row people see in their spreadsheet.
 */
final class SpreadsheetReader {

  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  static final int MAX_ROWS = 50_000;
  private static final Charset WINDOWS_1250 = Charset.forName("windows-1250");

  private SpreadsheetReader() {}

  /** The sheet in {@code bytes}; {@code contentType} picks CSV or XLSX (an XLSX is also known by its zip header). */
  static Sheet read(byte[] bytes, String contentType) {
    String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
    boolean zip = bytes.length > 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
    if (type.startsWith(XLSX) || zip) return xlsx(bytes);
    return csv(decode(bytes));
  }

  /** UTF-8 when the bytes are valid UTF-8, else Windows-1250; a BOM is dropped. */
  static String decode(byte[] bytes) {
    try {
      String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      return s.startsWith("\uFEFF") ? s.substring(1) : s;
    } catch (CharacterCodingException e) {
      return new String(bytes, WINDOWS_1250);
    }
  }

  static Sheet csv(String text) {
    int firstLineEnd = text.indexOf('\n');
    String header = firstLineEnd < 0 ? text : text.substring(0, firstLineEnd);
    char delimiter = count(header, ';') > count(header, ',') ? ';' : ',';
    CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).setTrim(true).get();
    try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
      List<String> headers = null;
      List<Sheet.Line> lines = new ArrayList<>();
      int number = 0;
      for (CSVRecord record : parser) {
        number++;
        List<Object> cells = new ArrayList<>(record.size());
        boolean blank = true;
        for (String v : record) {
          String t = v == null ? "" : v.strip();
          cells.add(t.isEmpty() ? null : t);
          if (!t.isEmpty()) blank = false;
        }
        if (headers == null) {
          if (blank) continue;
          headers = cells.stream().map(c -> c == null ? "" : c.toString()).toList();
          continue;
        }
        if (blank) continue;
        if (lines.size() >= MAX_ROWS) throw tooMany();
        lines.add(new Sheet.Line(number, cells));
      }
      if (headers == null) throw new InvalidValue("Fișierul nu are un rând de antet.", "The file has no header row.");
      return new Sheet(headers, lines);
    } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
      throw new InvalidValue("Fișierul CSV nu poate fi citit: " + e.getMessage(), "The CSV file cannot be read: " + e.getMessage());
    }
  }

  static Sheet xlsx(byte[] bytes) {
    DataFormatter formatter = new DataFormatter(java.util.Locale.ROOT);
    try (InputStream in = new ByteArrayInputStream(bytes); Workbook book = WorkbookFactory.create(in)) {
      if (book.getNumberOfSheets() == 0) throw new InvalidValue("Fișierul nu are nicio foaie.", "The file has no sheet.");
      var sheet = book.getSheetAt(0);
      List<String> headers = null;
      List<Sheet.Line> lines = new ArrayList<>();
      for (Row row : sheet) {
        int last = Math.max(row.getLastCellNum(), 0);
        List<Object> cells = new ArrayList<>(last);
        boolean blank = true;
        for (int c = 0; c < last; c++) {
          Object v = value(row.getCell(c), formatter);
          cells.add(v);
          if (v != null) blank = false;
        }
        if (blank) continue;
        if (headers == null) {
          headers = cells.stream().map(v -> v == null ? "" : v.toString()).toList();
          continue;
        }
        if (lines.size() >= MAX_ROWS) throw tooMany();
        lines.add(new Sheet.Line(row.getRowNum() + 1, cells));
      }
      if (headers == null) throw new InvalidValue("Fișierul nu are un rând de antet.", "The file has no header row.");
      return new Sheet(headers, lines);
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidValue iv) throw iv;
      throw new InvalidValue("Fișierul XLSX nu poate fi citit.", "The XLSX file cannot be read.");
    }
  }

  private static Object value(Cell cell, DataFormatter formatter) {
    if (cell == null) return null;
    CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
    if (type == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
      return cell.getLocalDateTimeCellValue().toLocalDate();
    }
    if (type == CellType.BOOLEAN) return cell.getBooleanCellValue() ? "Da" : "Nu";
    if (type == CellType.NUMERIC) {
      // whole numbers as typed: a CNP or a phone kept as a number must not turn into 2.95E+12
      double d = cell.getNumericCellValue();
      if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
    }
    String s = formatter.formatCellValue(cell).strip();
    return s.isEmpty() ? null : s;
  }

  private static int count(String s, char c) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) if (s.charAt(i) == c) n++;
    return n;
  }

  private static InvalidValue tooMany() {
    return new InvalidValue("Fișierul are mai mult de " + MAX_ROWS + " de rânduri; împărțiți-l.",
        "The file has more than " + MAX_ROWS + " rows; split it.");
  }
}
