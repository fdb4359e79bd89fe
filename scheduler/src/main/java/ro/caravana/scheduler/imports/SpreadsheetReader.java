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
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import ro.caravana.scheduler.common.InvalidValue;

/**
 * Reads the spreadsheets directorates keep: CSV in UTF-8 (with or without BOM) or Windows-1250 (what Excel
 * writes on Romanian Windows), comma- or semicolon-separated (Commons CSV); and XLSX, the first sheet (Apache
 * POI's streaming reader), where date cells become ISO dates and whole numbers are read as typed (a CNP stays whole). Blank lines
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

  /**
   * The first sheet of an XLSX, read as a stream of rows (POI's event API: {@code XSSFReader} and a SAX handler),
   * so only the shared strings and the rows' values are held, never the workbook's cell objects.
   */
  static Sheet xlsx(byte[] bytes) {
    try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(bytes))) {
      XSSFReader reader = new XSSFReader(pkg);
      ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
      StylesTable styles = reader.getStylesTable();
      var sheets = reader.getSheetsData();
      if (!sheets.hasNext()) throw new InvalidValue("Fișierul nu are nicio foaie.", "The file has no sheet.");
      RowCollector rows = new RowCollector();
      try (InputStream sheet = sheets.next()) {
        XMLReader parser = XMLHelper.newXMLReader();
        parser.setContentHandler(new XSSFSheetXMLHandler(styles, strings, rows, new CellText(), false));
        parser.parse(new InputSource(sheet));
      }
      if (rows.headers == null) throw new InvalidValue("Fișierul nu are un rând de antet.", "The file has no header row.");
      return new Sheet(rows.headers, rows.lines);
    } catch (IOException | OpenXML4JException | SAXException | ParserConfigurationException | RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof InvalidValue iv) throw iv; // too many rows, no header: said as such, also through the parser
      }
      throw new InvalidValue("Fișierul XLSX nu poate fi citit.", "The XLSX file cannot be read.");
    }
  }

  /**
   * Cell values as the import reads them: a date cell as an ISO date (the import reads ISO dates), a whole number as
   * typed (a CNP or a phone kept as a number must not turn into 2.95E+12), anything else as displayed.
   */
  private static final class CellText extends DataFormatter {

    CellText() {
      super(java.util.Locale.ROOT);
    }

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString) {
      if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
        return DateUtil.getLocalDateTime(value).toLocalDate().toString();
      }
      if (value == Math.rint(value) && Math.abs(value) < 1e15) return Long.toString((long) value);
      return super.formatRawCellContents(value, formatIndex, formatString);
    }
  }

  /** Rows as the SAX handler reports them; missing cells are null, blank rows are skipped but keep their numbers. */
  private static final class RowCollector implements XSSFSheetXMLHandler.SheetContentsHandler {

    List<String> headers;
    final List<Sheet.Line> lines = new ArrayList<>();
    private List<Object> cells;
    private boolean blank;

    @Override
    public void startRow(int rowNum) {
      cells = new ArrayList<>();
      blank = true;
    }

    @Override
    public void endRow(int rowNum) {
      if (blank) return;
      if (headers == null) {
        headers = cells.stream().map(v -> v == null ? "" : v.toString()).toList();
        return;
      }
      if (lines.size() >= MAX_ROWS) throw tooMany();
      lines.add(new Sheet.Line(rowNum + 1, cells));
    }

    @Override
    public void cell(String reference, String formatted, XSSFComment comment) {
      if (reference == null || formatted == null) return;
      int column = new CellReference(reference).getCol();
      String v = formatted.strip();
      if (v.isEmpty()) return;
      while (cells.size() < column) cells.add(null);
      Object value = v.equals("TRUE") ? "Da" : v.equals("FALSE") ? "Nu" : v;
      if (cells.size() == column) cells.add(value);
      else cells.set(column, value);
      blank = false;
    }
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
