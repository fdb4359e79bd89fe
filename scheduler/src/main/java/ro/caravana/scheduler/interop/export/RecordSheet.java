package ro.caravana.scheduler.interop.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * A table of records for people to open in a spreadsheet: Romanian headers, then one row per record. CSV is
 * UTF-8 with a byte order mark (spreadsheet programs keep the diacritics) and {@code ;} between cells (what
 * Romanian-locale spreadsheet programs expect, the decimal separator being the comma); XLSX is written with
 * Apache POI's streaming workbook (SXSSF), which keeps only a window of rows in memory. Cells are text or whole
 * numbers: dates are already written as people read them (dd.mm.yyyy).
 */
final class RecordSheet {

  static final String CSV_TYPE = "text/csv; charset=utf-8";
  static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  private static final int WINDOW = 200;

  private final String title;
  private final List<String> headers;
  private final List<List<Object>> rows;

  RecordSheet(String title, List<String> headers, List<List<Object>> rows) {
    this.title = title;
    this.headers = List.copyOf(headers);
    this.rows = rows;
  }

  int size() {
    return rows.size();
  }

  byte[] csv() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setDelimiter(';').setRecordSeparator("\r\n")
            .get())) {
      out.write('\uFEFF');
      csv.printRecord(headers);
      for (List<Object> row : rows) csv.printRecord(row.stream().map(RecordSheet::csvCell).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * A cell as CSV text. Text that a spreadsheet program would run as a formula (starting with {@code =}, {@code @},
   * a tab or a carriage return, or {@code +} / {@code -} not followed by a digit) gets a leading apostrophe, so a
   * name typed as a formula stays text; phone numbers ({@code +40...}) and negative numbers are left alone.
   */
  static Object csvCell(Object v) {
    if (v == null) return "";
    if (!(v instanceof String s) || s.isEmpty()) return v;
    char c = s.charAt(0);
    boolean formula = c == '=' || c == '@' || c == '\t' || c == '\r'
        || ((c == '+' || c == '-') && (s.length() == 1 || s.charAt(1) < '0' || s.charAt(1) > '9'));
    return formula ? "'" + s : s;
  }

  /** Blocking (temporary files): call off the event loop. */
  byte[] xlsx() {
    SXSSFWorkbook book = new SXSSFWorkbook(WINDOW);
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      book.setCompressTempFiles(true);
      SXSSFSheet sheet = book.createSheet(title);
      Font bold = book.createFont();
      bold.setBold(true);
      CellStyle header = book.createCellStyle();
      header.setFont(bold);
      Row head = sheet.createRow(0);
      for (int i = 0; i < headers.size(); i++) {
        Cell cell = head.createCell(i);
        cell.setCellValue(headers.get(i));
        cell.setCellStyle(header);
        sheet.setColumnWidth(i, Math.max(12, headers.get(i).length() + 4) * 256);
      }
      int r = 1;
      for (List<Object> values : rows) {
        Row row = sheet.createRow(r++);
        for (int i = 0; i < values.size(); i++) {
          Object v = values.get(i);
          if (v == null) continue;
          Cell cell = row.createCell(i);
          if (v instanceof Number n) cell.setCellValue(n.doubleValue());
          else cell.setCellValue(v.toString());
        }
      }
      sheet.createFreezePane(0, 1);
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      book.dispose();
      try {
        book.close();
      } catch (IOException ignored) {
        // the bytes are written; a temporary file that cannot be closed changes nothing for the answer
      }
    }
  }
}
