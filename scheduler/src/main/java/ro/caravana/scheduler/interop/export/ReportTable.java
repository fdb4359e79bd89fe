package ro.caravana.scheduler.interop.export;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The aggregated report (from {@code AttendanceReport}) as a table with Romanian headers, written as CSV
 * (UTF-8 with a byte order mark, so spreadsheet programs keep the diacritics) or XLSX (Apache POI).
 * Counts are whole numbers, rates are shares between 0 and 1 (percent format in XLSX).
 */
public final class ReportTable {

  /** One column: its header, the report item's field, and whether it is a rate. */
  private record Column(String header, String field, boolean rate) {}

  private static final List<Column> MEASURES = List.of(
      new Column("programate", "planned", false),
      new Column("realizate", "fulfilled", false),
      new Column("absențe", "noShow", false),
      new Column("anulate", "cancelled", false),
      new Column("beneficiari", "beneficiaries", false),
      new Column("localități atinse", "localitiesReached", false),
      new Column("localități în evidență", "localitiesInCare", false),
      new Column("acoperire", "coverage", true),
      new Column("rată prezență", "attendanceRate", true),
      new Column("rată absențe", "noShowRate", true),
      new Column("minute realizate", "minutesDelivered", false));

  private final List<Column> columns;
  private final List<JsonObject> items;
  private final String title;

  /** {@code report}: the answer of {@code AttendanceReport.run}; {@code level}: locality, county or national. */
  public ReportTable(JsonObject report, ReportPeriod period) {
    String level = report.getString("level");
    List<Column> cols = new ArrayList<>();
    cols.add(new Column("perioadă", "period", false));
    if (!level.equals("national")) cols.add(new Column("județ", "county", false));
    if (level.equals("locality")) {
      cols.add(new Column("cod SIRUTA", "siruta", false));
      cols.add(new Column("localitate", "name", false));
    }
    cols.addAll(MEASURES);
    this.columns = List.copyOf(cols);
    List<JsonObject> rows = new ArrayList<>();
    for (Object o : report.getJsonArray("items")) rows.add(((JsonObject) o).copy().put("period", period.label()));
    this.items = List.copyOf(rows);
    this.title = "Raport " + period.label();
  }

  public byte[] csv() {
    StringBuilder sb = new StringBuilder("\uFEFF");
    sb.append(String.join(",", columns.stream().map(c -> quote(c.header())).toList())).append("\r\n");
    for (JsonObject item : items) {
      List<String> cells = new ArrayList<>();
      for (Column c : columns) {
        Object v = item.getValue(c.field());
        cells.add(v == null ? "" : quote(v.toString()));
      }
      sb.append(String.join(",", cells)).append("\r\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  public byte[] xlsx() {
    try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = book.createSheet(title);
      Font bold = book.createFont();
      bold.setBold(true);
      CellStyle header = book.createCellStyle();
      header.setFont(bold);
      CellStyle percent = book.createCellStyle();
      percent.setDataFormat(book.createDataFormat().getFormat("0.0%"));
      Row head = sheet.createRow(0);
      for (int i = 0; i < columns.size(); i++) {
        var cell = head.createCell(i);
        cell.setCellValue(columns.get(i).header());
        cell.setCellStyle(header);
      }
      int r = 1;
      for (JsonObject item : items) {
        Row row = sheet.createRow(r++);
        for (int i = 0; i < columns.size(); i++) {
          Column c = columns.get(i);
          Object v = item.getValue(c.field());
          if (v == null) continue;
          var cell = row.createCell(i);
          if (v instanceof Number n && !c.field().equals("siruta")) {
            cell.setCellValue(n.doubleValue());
            if (c.rate()) cell.setCellStyle(percent);
          } else {
            cell.setCellValue(v.toString());
          }
        }
      }
      sheet.createFreezePane(0, 1);
      for (int i = 0; i < columns.size(); i++) sheet.setColumnWidth(i, 16 * 256);
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
