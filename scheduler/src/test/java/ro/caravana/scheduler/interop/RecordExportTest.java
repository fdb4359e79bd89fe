package ro.caravana.scheduler.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Record exports (docs/interop.md): beneficiaries, care plans and a published week as CSV (UTF-8 with BOM, {@code ;})
 * and XLSX, read back here with Commons CSV and Apache POI; rows within the caller's counties; audited.
 */
@DisplayName("Record exports: beneficiaries, care plans, the published week as CSV and XLSX, within the caller's counties")
class RecordExportTest {

  static final String ADMIN = "admin@caravana.demo";
  static final String BC = "coordonator.bc@caravana.demo";
  static final String VN = "coordonator.vn@caravana.demo";
  private static final String WEEK = "2031-W10";
  private static final LocalDate WEEK_MONDAY = LocalDate.of(2031, 3, 3);
  private static InteropFixture fx;

  @BeforeAll
  static void start() {
    fx = InteropFixture.get();
    // a published Bacău plan of its own week, with three appointments (and one cancelled) of Bacău beneficiaries
    // who have no other appointment (the fixture's week and the FHIR tests count appointments per person)
    UUID plan = UUID.randomUUID();
    fx.all("INSERT INTO plans (id, county, week, kinds, seconds_limit, status, published_at) VALUES ($1, 'BC', $2,"
        + " '{timetable}', 1, 'published', now())", Tuple.of(plan, WEEK));
    long doctor = fx.one("SELECT id FROM staff WHERE county = 'BC' AND role = 'doctor' ORDER BY id LIMIT 1", Tuple.tuple()).getLong(0);
    fx.all("""
        INSERT INTO appointments (id, beneficiary_id, service, modality, starts_at, ends_at, staff_id, centre_id, status, plan_id)
        SELECT gen_random_uuid(), p.id, 'speech_therapy', 'centre', $1::timestamptz + (p.n - 1) * interval '1 day',
          $1::timestamptz + (p.n - 1) * interval '1 day' + interval '30 minutes', $2,
          (SELECT c.id FROM community_centres c JOIN localities l ON l.siruta = c.locality_siruta WHERE l.county = 'BC'
            ORDER BY c.id LIMIT 1), CASE WHEN p.n = 4 THEN 'cancelled' ELSE 'booked' END, $3
        FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM (SELECT b.id FROM beneficiaries b
              JOIN localities l ON l.siruta = b.locality_siruta WHERE l.county = 'BC'
                -- people the shared fixture and the other interop classes leave alone (they count per person)
                AND NOT EXISTS (SELECT 1 FROM appointments x WHERE x.beneficiary_id = b.id)
              ORDER BY b.id DESC LIMIT 4) four) p""",
        Tuple.of(WEEK_MONDAY.atTime(9, 0).atZone(InteropFixture.ZONE).toOffsetDateTime(), doctor, plan));
  }

  private static List<CSVRecord> csv(HttpResponse<Buffer> r) throws Exception {
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertTrue(r.getHeader("Content-Type").startsWith("text/csv"), r.getHeader("Content-Type"));
    assertTrue(r.getHeader("Content-Disposition").startsWith("attachment; filename="), r.getHeader("Content-Disposition"));
    String text = new String(r.bodyAsBuffer().getBytes(), StandardCharsets.UTF_8);
    assertTrue(text.startsWith("\uFEFF"), "byte order mark for spreadsheet programs");
    return CSVFormat.DEFAULT.builder().setDelimiter(';').get().parse(new StringReader(text.substring(1))).getRecords();
  }

  private static List<List<String>> xlsx(HttpResponse<Buffer> r) throws Exception {
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertTrue(r.getHeader("Content-Type").startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
    List<List<String>> rows = new ArrayList<>();
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(r.bodyAsBuffer().getBytes()))) {
      for (var row : book.getSheetAt(0)) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < row.getLastCellNum(); i++) {
          Cell c = row.getCell(i);
          cells.add(c == null ? "" : switch (c.getCellType()) {
            case NUMERIC -> Long.toString((long) c.getNumericCellValue());
            default -> c.getStringCellValue();
          });
        }
        rows.add(cells);
      }
    }
    return rows;
  }

  private static long count(String sql) {
    return fx.one(sql, Tuple.tuple()).getLong(0);
  }

  @Test
  @DisplayName("beneficiaries: the import's Romanian headers, every row of the caller's county and only those, CSV and XLSX alike")
  void beneficiaries() throws Exception {
    List<CSVRecord> rows = csv(fx.get("/api/exports/beneficiaries?format=csv", BC));
    assertEquals(List.of("Nume", "Prenume", "CNP", "Data nașterii", "Sex", "Localitate", "Comuna/UAT", "Județ",
        "Cod SIRUTA localitate", "Telefon", "Categorie", "Reprezentant legal", "Acord SMS", "Acord prelucrare date", "Centru"),
        rows.get(0).toList());
    long bc = count("SELECT count(*) FROM beneficiaries b JOIN localities l ON l.siruta = b.locality_siruta WHERE l.county = 'BC'");
    assertEquals(bc, rows.size() - 1);
    assertTrue(rows.stream().skip(1).allMatch(r -> r.get(7).equals("BC")), "Bacău rows only");
    // one beneficiary with a CNP, checked cell by cell
    Row b = fx.one("SELECT b.last_name, b.first_name, b.cnp, b.birth_date, b.sex, l.name, b.category, b.sms_consent"
        + " FROM beneficiaries b JOIN localities l ON l.siruta = b.locality_siruta WHERE l.county = 'BC' AND b.cnp IS NOT NULL"
        + " ORDER BY b.id LIMIT 1", Tuple.tuple());
    CSVRecord line = rows.stream().filter(r -> r.get(2).equals(b.getString("cnp"))).findFirst().orElseThrow();
    assertEquals(b.getString("last_name"), line.get(0));
    assertEquals(b.getString("first_name"), line.get(1));
    assertEquals(b.getLocalDate("birth_date").format(DateTimeFormatter.ofPattern("dd.MM.yyyy")), line.get(3));
    assertEquals(b.getString("sex").equals("F") ? "Feminin" : "Masculin", line.get(4));
    assertEquals(b.getString("name"), line.get(5));
    assertEquals(b.getBoolean("sms_consent") ? "Da" : "Nu", line.get(12));
    assertTrue(List.of("Persoană cu dizabilități", "Copil", "Familie vulnerabilă", "Vârstnic").contains(line.get(10)), line.get(10));

    // the same table as XLSX (Accept header), read back with POI
    var x = fx.call(HttpMethod.GET, "/api/exports/beneficiaries", BC, null, null);
    assertEquals("text/csv; charset=utf-8", x.getHeader("Content-Type"), "CSV when neither format nor Accept asks");
    List<List<String>> sheet = xlsx(fx.get("/api/exports/beneficiaries?format=xlsx", BC));
    assertEquals(rows.size(), sheet.size());
    assertEquals(rows.get(0).toList(), sheet.get(0));
    List<String> same = sheet.stream().filter(r -> r.size() > 2 && r.get(2).equals(b.getString("cnp"))).findFirst().orElseThrow();
    assertEquals(line.get(0), same.get(0));
    assertEquals(line.get(3), same.get(3));

    // Vrancea sees Vrancea only, and cannot ask for Bacău; the administrator sees both
    List<CSVRecord> vn = csv(fx.get("/api/exports/beneficiaries", VN));
    assertTrue(vn.size() > 1 && vn.stream().skip(1).allMatch(r -> r.get(7).equals("VN")));
    assertEquals(403, fx.get("/api/exports/beneficiaries?county=BC", VN).statusCode());
    assertEquals(bc, csv(fx.get("/api/exports/beneficiaries?county=BC", ADMIN)).size() - 1);
    assertEquals(count("SELECT count(*) FROM beneficiaries"), csv(fx.get("/api/exports/beneficiaries", ADMIN)).size() - 1);
    // roles that keep no county records, and bad parameters
    assertEquals(403, fx.get("/api/exports/beneficiaries", "supervizor@caravana.demo").statusCode());
    assertEquals(403, fx.get("/api/exports/beneficiaries", "medic@caravana.demo").statusCode());
    assertEquals(403, fx.get("/api/exports/beneficiaries", "coordonator.centru@caravana.demo").statusCode());
    assertEquals(401, fx.get("/api/exports/beneficiaries", null).statusCode());
    assertEquals(400, fx.get("/api/exports/beneficiaries?format=pdf", BC).statusCode());
    assertEquals(400, fx.get("/api/exports/beneficiaries?county=bc%20", ADMIN).statusCode());

    Row audit = fx.one("SELECT action, filters FROM audit_log WHERE path = '/api/exports/beneficiaries' AND account_email = $1"
        + " AND filters LIKE '%format=xlsx%' ORDER BY id DESC LIMIT 1", Tuple.of(BC));
    assertEquals("export", audit.getString("action"));
    assertTrue(audit.getString("filters").contains("rows=" + bc), audit.getString("filters"));
  }

  @Test
  @DisplayName("care plans: service, sessions, duration, mode and dates as the import reads them, the caller's county only")
  void carePlans() throws Exception {
    List<CSVRecord> rows = csv(fx.get("/api/exports/care-plans", BC));
    assertEquals(List.of("CNP", "Nume", "Prenume", "Județ", "Serviciu", "Ședințe pe săptămână", "O dată la (săptămâni)",
        "Durată (minute)", "Mod", "Centru", "De la", "Până la", "Zile/ore preferate"), rows.get(0).toList());
    assertEquals(count("SELECT count(*) FROM care_plans cp JOIN beneficiaries b ON b.id = cp.beneficiary_id"
        + " JOIN localities l ON l.siruta = b.locality_siruta WHERE l.county = 'BC'"), rows.size() - 1);
    assertTrue(rows.stream().skip(1).allMatch(r -> r.get(3).equals("BC")));
    assertTrue(rows.stream().skip(1).allMatch(r -> r.get(10).matches("[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}")));
    assertTrue(rows.stream().skip(1).allMatch(r -> List.of("La centru", "La caravană", "La distanță").contains(r.get(8))));
    List<List<String>> sheet = xlsx(fx.get("/api/exports/care-plans?format=xlsx", BC));
    assertEquals(rows.size(), sheet.size());
    assertEquals(rows.get(1).get(4), sheet.get(1).get(4));
    assertEquals(rows.get(1).get(5), sheet.get(1).get(5));
  }

  @Test
  @DisplayName("the published week: its appointments in Bucharest time with place and professional; no plan published is 404")
  void publishedWeek() throws Exception {
    List<CSVRecord> rows = csv(fx.get("/api/exports/week?county=BC&week=" + WEEK, BC));
    assertEquals("Data", rows.get(0).get(0));
    assertEquals(5, rows.size(), "header and four appointments (one cancelled, shown as such)");
    assertEquals("03.03.2031", rows.get(1).get(0));
    assertEquals("Luni", rows.get(1).get(1));
    assertEquals("09:00", rows.get(1).get(2));
    assertEquals("09:30", rows.get(1).get(3));
    assertEquals("Logopedie", rows.get(1).get(4));
    assertEquals(1, rows.stream().filter(r -> r.get(6).equals("Anulată")).count());
    List<List<String>> sheet = xlsx(fx.get("/api/exports/week?county=BC&week=" + WEEK + "&format=xlsx", ADMIN));
    assertEquals(5, sheet.size());
    assertEquals("09:00", sheet.get(1).get(2));

    assertEquals(403, fx.get("/api/exports/week?county=BC&week=" + WEEK, VN).statusCode());
    assertEquals(404, fx.get("/api/exports/week?county=VN&week=" + WEEK, VN).statusCode());
    assertEquals(400, fx.get("/api/exports/week?week=" + WEEK, BC).statusCode());
    for (String bad : List.of("2031-10", "2031-W1", java.net.URLEncoder.encode("２０３１-W10", StandardCharsets.UTF_8),
        "2031-W100", "%2B2031-W10")) {
      assertEquals(400, fx.get("/api/exports/week?county=BC&week=" + bad, BC).statusCode(), bad);
    }
  }
}
