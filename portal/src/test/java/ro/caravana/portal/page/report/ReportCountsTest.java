package ro.caravana.portal.page.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Report counts: small ones read <5 for supervisors, whether the page or the API withheld them")
class ReportCountsTest {

  @Test
  @DisplayName("1 to 4 read <5 for a supervisor only; 0 and 5 stay; the API's \"<5\" stays <5 for everyone")
  void smallCounts() {
    assertEquals("<5", ReportPages.count(1, true));
    assertEquals("<5", ReportPages.count(4, true));
    assertEquals("4", ReportPages.count(4, false));
    assertEquals("0", ReportPages.count(0, true));
    assertEquals("5", ReportPages.count(5, true));
    JsonObject row = new JsonObject().put("planned", "<5").put("fulfilled", 12).put("attendanceRate", (Object) null);
    assertEquals("<5", ReportPages.count(ReportPages.num(row, "planned"), false));
    assertEquals(12, ReportPages.num(row, "fulfilled"));
    assertEquals(0, ReportPages.num(row, "noShow"));
    assertNull(ReportPages.rate(row, "attendanceRate"));
  }

  @Test
  @DisplayName("CSV cells that a spreadsheet would run as formulas are neutralised; commas and quotes are quoted")
  void csv() {
    assertEquals("'=HYPERLINK(\"x\")", Csv.quote("=HYPERLINK(\"x\")").replace("\"\"", "\"").replaceAll("^\"|\"$", ""));
    assertEquals("\"Bacău, BC\"", Csv.quote("Bacău, BC"));
    assertEquals("-3", Csv.quote("-3"));
    assertEquals("AA", Xlsx.column(26));
  }
}
