package ro.caravana.scheduler.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ministry exports: CSV, XLSX and FHIR MeasureReport with the same figures, within the caller's counties")
class ExportTest {

  static final String BC = "coordonator.bc@caravana.demo";
  static final String SUPERVISOR = "supervizor@caravana.demo";

  private static InteropFixture fx;

  @BeforeAll
  static void start() {
    fx = InteropFixture.get();
  }

  private static String week() {
    return "period=week&date=" + InteropFixture.monday().plusDays(2);
  }

  @Test
  @DisplayName("a county coordinator's weekly CSV and XLSX: their county only, the fixture's planned sessions, Romanian headers")
  void csvAndXlsx() throws Exception {
    var csv = fx.get("/api/exports/report.csv?level=county&" + week(), BC);
    assertEquals(200, csv.statusCode(), csv.bodyAsString());
    assertTrue(csv.getHeader("Content-Type").startsWith("text/csv"));
    String text = csv.bodyAsString(StandardCharsets.UTF_8.name());
    assertTrue(text.startsWith("\uFEFF"), "byte order mark for spreadsheet programs");
    List<String> lines = text.substring(1).lines().toList();
    assertEquals(2, lines.size(), text);
    assertTrue(lines.get(0).startsWith("perioadă,județ,programate,realizate,absențe"), lines.get(0));
    String label = InteropFixture.monday().getYear() + "-W";
    assertTrue(lines.get(1).startsWith(label), lines.get(1));
    String[] cells = lines.get(1).split(",", -1);
    assertEquals("BC", cells[1]);
    assertEquals(String.valueOf(InteropFixture.BC_WEEK), cells[2]);

    var xlsx = fx.get("/api/exports/report.xlsx?level=county&" + week(), BC);
    assertEquals(200, xlsx.statusCode());
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.bodyAsBuffer().getBytes()))) {
      var sheet = book.getSheetAt(0);
      assertEquals("programate", sheet.getRow(0).getCell(2).getStringCellValue());
      assertEquals("BC", sheet.getRow(1).getCell(1).getStringCellValue());
      assertEquals(InteropFixture.BC_WEEK, (int) sheet.getRow(1).getCell(2).getNumericCellValue());
      assertEquals(2, sheet.getPhysicalNumberOfRows());
    }
    // by locality: one row per locality reached by the week, their planned sessions add up
    List<String> rows = fx.get("/api/exports/report.csv?level=locality&" + week(), BC).bodyAsString().lines().skip(1).toList();
    assertTrue(rows.size() > 1);
    assertEquals(InteropFixture.BC_WEEK, rows.stream().mapToInt(r -> Integer.parseInt(r.split(",", -1)[4])).sum());
  }

  @Test
  @DisplayName("the national supervisor gets the national row; other counties and bad parameters are refused")
  void nationalAndRefusals() {
    var national = fx.get("/api/exports/report.csv?level=national&" + week(), SUPERVISOR);
    assertEquals(200, national.statusCode(), national.bodyAsString());
    List<String> lines = national.bodyAsString().substring(1).lines().toList();
    assertTrue(lines.get(0).startsWith("perioadă,programate"), lines.get(0));
    assertEquals(String.valueOf(InteropFixture.BC_WEEK + InteropFixture.VN_WEEK), lines.get(1).split(",", -1)[1]);
    assertEquals(403, fx.get("/api/exports/report.csv?county=VN&" + week(), BC).statusCode());
    int odd = fx.get("/api/exports/report.csv?county=bc1&" + week(), BC).statusCode();
    assertTrue(odd == 400 || odd == 403, "county=bc1: " + odd);
    assertEquals(401, fx.get("/api/exports/report.csv?" + week(), null).statusCode());
    for (String q : List.of("level=town", "period=year", "date=2026-13-01", "date=%D9%A2%D9%A0%D9%A2%D9%A6-01-01",
        "service=massage", "date=20261201")) {
      assertEquals(400, fx.get("/api/exports/report.xlsx?" + q, BC).statusCode(), q);
    }
  }

  @Test
  @DisplayName("the FHIR MeasureReport validates and carries the same numerator and denominator per county")
  void measureReport() {
    var r = fx.get("/fhir/r4/MeasureReport?level=county&" + week(), BC);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    FhirValidation.assertValid("MeasureReport bundle", r.bodyAsString());
    JsonObject mr = r.bodyAsJsonObject().getJsonArray("entry").getJsonObject(0).getJsonObject("resource");
    assertEquals("MeasureReport", mr.getString("resourceType"));
    assertEquals("summary", mr.getString("type"));
    JsonObject delivered = mr.getJsonArray("group").getJsonObject(0);
    assertEquals("delivered", delivered.getJsonObject("code").getJsonArray("coding").getJsonObject(0).getString("code"));
    JsonArray populations = delivered.getJsonArray("population");
    assertEquals(InteropFixture.BC_WEEK, populations.getJsonObject(1).getInteger("count"));
    JsonObject stratum = delivered.getJsonArray("stratifier").getJsonObject(0).getJsonArray("stratum").getJsonObject(0);
    assertEquals("BC", stratum.getJsonObject("value").getString("text"));
    var locality = fx.get("/fhir/r4/MeasureReport?level=locality&" + week(), BC);
    assertEquals(200, locality.statusCode(), locality.bodyAsString());
    FhirValidation.assertValid("MeasureReport by locality", locality.bodyAsString());
    assertEquals(400, fx.get("/fhir/r4/MeasureReport?level=street", BC).statusCode());
  }
}
