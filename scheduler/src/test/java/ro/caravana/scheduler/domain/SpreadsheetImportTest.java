package ro.caravana.scheduler.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ro.caravana.scheduler.domain.ApiClient.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.beneficiary.Cnp;
import ro.caravana.scheduler.support.TestSystem;

@DisplayName("Spreadsheet import of beneficiaries and care plans")
class SpreadsheetImportTest {

  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  private static Vertx vertx;
  private static SchedulerApp app;
  private static WebClient client;
  private static String token;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    app = await(TestSystem.startApp(vertx, false));
    client = WebClient.create(vertx);
    token = TestSystem.adminToken(app);
  }

  @AfterAll
  static void stop() {
    await(vertx.close());
  }

  static HttpResponse<Buffer> upload(String path, byte[] body, String type) {
    return await(client.post(app.port(), "127.0.0.1", path).putHeader("Authorization", "Bearer " + token)
        .putHeader("Content-Type", type).sendBuffer(Buffer.buffer(body)));
  }

  static long count(String table) {
    return await(app.pool().query("SELECT count(*) FROM " + table).execute()).iterator().next().getLong(0);
  }

  static String cnp(LocalDate birth, char sex, int serial) {
    return Cnp.of(birth, sex, 4, serial);
  }

  /** Row number -> fields named by the report. */
  static Map<Integer, List<String>> byRow(JsonArray errors) {
    Map<Integer, List<String>> out = new HashMap<>();
    for (int i = 0; i < errors.size(); i++) {
      JsonObject e = errors.getJsonObject(i);
      assertTrue(!e.getJsonObject("reason").getString("ro").isBlank() && !e.getJsonObject("reason").getString("en").isBlank());
      out.computeIfAbsent(e.getInteger("row"), k -> new java.util.ArrayList<>()).add(e.getString("field"));
    }
    return out;
  }

  @Test
  @DisplayName("a Windows-1250 semicolon CSV with Romanian headers in any order: the dry run names exactly the bad CNP, "
      + "the unknown and the ambiguous locality, the duplicate and the landline with SMS consent, and writes nothing; "
      + "its commit is 422 and writes nothing")
  void dryRunReportsEveryProblem() {
    String good = cnp(LocalDate.of(2015, 3, 2), 'F', 101);
    String bad = good.substring(0, 12) + ((good.charAt(12) - '0' + 1) % 10);
    String csv = String.join("\r\n",
        "JUDET;nume;Prenume;Data nasterii;CNP;Localitate;Comuna/UAT;Telefon;Acord SMS;Categorie;Sex",
        "BC;Popescu;Ana;02.03.2015;" + good + ";Asău;Asău;0722 123 456;Da;Copil cu dizabilități;F",        // 2 ok
        "BC;Ionescu;Mihai;2.3.2015;" + bad + ";Asău;Asău;;Nu;dizabilitate;M",                              // 3 bad CNP
        "BC;Georgescu;Ion;15/06/1950;;Atlantida;;;Nu;vârstnic;M",                                          // 4 unknown locality
        "BC;Popescu;Ana;02.03.2015;" + good + ";Asău;Asău;;Nu;copil;F",                                    // 5 duplicate of 2
        "BC;Dima;Elena;01.01.1980;;Asău;Asău;0234 123 456;Da;familie vulnerabilă;F",                       // 6 landline + SMS
        ";Stan;Maria;01.01.1990;;Onești;;;Nu;familie vulnerabilă;F");                                      // 7 ambiguous (BC, IS)
    byte[] body = csv.getBytes(Charset.forName("windows-1250"));
    var r = upload("/api/imports/beneficiaries?dryRun=true", body, "text/csv");
    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonObject report = r.bodyAsJsonObject();
    assertEquals(6, report.getInteger("rows"));
    assertEquals(1, report.getInteger("valid"));
    Map<Integer, List<String>> rows = byRow(report.getJsonArray("errors"));
    assertEquals(Map.of(3, List.of("cnp"), 4, List.of("locality"), 5, List.of("cnp"), 6, List.of("phone"),
        7, List.of("locality")), rows, report.encodePrettily());
    JsonObject first = report.getJsonArray("errors").getJsonObject(0);
    assertEquals(bad, first.getString("value"));
    assertEquals("CNP", first.getString("column"));
    assertEquals(0, count("beneficiaries"));

    var commit = upload("/api/imports/beneficiaries", body, "text/csv");
    assertEquals(422, commit.statusCode(), commit.bodyAsString());
    assertTrue(commit.getHeader("Content-Type").startsWith("application/problem+json"));
    assertEquals(5, commit.bodyAsJsonObject().getJsonArray("errors").size());
    assertEquals(0, count("beneficiaries"));
    assertEquals(0L, await(app.pool().query("SELECT count(*) FROM outbox WHERE event_type = 'beneficiary.created'").execute())
        .iterator().next().getLong(0));
  }

  @Test
  @DisplayName("a clean UTF-8 comma CSV is written whole (201); the same file again adds nothing; care plans follow "
      + "by CNP, likewise once")
  void commitIsIdempotent() {
    String a = cnp(LocalDate.of(2012, 5, 20), 'M', 201);
    String b = cnp(LocalDate.of(1948, 11, 3), 'F', 202);
    String csv = "\uFEFFNume,Prenume,CNP,Sex,Localitate,Județ,Telefon,Categorie,Reprezentant legal,Acord SMS,Acord prelucrare date\n"
        + "Munteanu,Andrei," + a + ",M,21132,BC,+40 745 000 111,copil,Munteanu Ioana,Da,Da\n"
        + "\"Vasile, zisă Lina\",Elena," + b + ",Feminin,Asău,Bacău,,vârstnic,,Nu,Da\n"
        + "Radu,Ion,,M,Asau,BC,,dizabilitate,,NU,da\n";
    String fixed = csv.replace("Radu,Ion,,M", "Radu,Ion,,M").replace(",Asau,BC,,dizabilitate", ",Asau,BC,,dizabilitate");
    // the third row has no CNP and no birth date: not clean yet
    var dry = upload("/api/imports/beneficiaries?dryRun=true", fixed.getBytes(StandardCharsets.UTF_8), "text/csv; charset=utf-8");
    assertEquals(Map.of(4, List.of("birthDate")), byRow(dry.bodyAsJsonObject().getJsonArray("errors")));
    String clean = fixed.replace("Nume,Prenume,CNP,Sex", "Nume,Prenume,CNP,Sex,Data nașterii").replace("," + a + ",M,", "," + a + ",M,,")
        .replace("," + b + ",Feminin,", "," + b + ",Feminin,,").replace("Radu,Ion,,M,", "Radu,Ion,,M,1.2.1975,");
    byte[] body = clean.getBytes(StandardCharsets.UTF_8);
    var first = upload("/api/imports/beneficiaries", body, "text/csv");
    assertEquals(201, first.statusCode(), first.bodyAsString());
    assertEquals(3, first.bodyAsJsonObject().getInteger("created"));
    assertEquals(3, count("beneficiaries"));
    var again = upload("/api/imports/beneficiaries", body, "text/csv");
    assertEquals(201, again.statusCode(), again.bodyAsString());
    assertEquals(0, again.bodyAsJsonObject().getInteger("created"));
    assertEquals(3, again.bodyAsJsonObject().getInteger("existing"));
    assertEquals(3, count("beneficiaries"));
    var person = await(app.pool().query("SELECT last_name, phone, sms_consent, guardian_name, locality_siruta FROM beneficiaries "
        + "WHERE cnp = '" + a + "'").execute()).iterator().next();
    assertEquals("+40745000111", person.getString("phone"));
    assertTrue(person.getBoolean("sms_consent"));
    assertEquals(21132, person.getInteger("locality_siruta"));
    String events = await(app.pool().query("SELECT string_agg(payload::text, ' ') FROM outbox WHERE event_type = 'beneficiary.created'")
        .execute()).iterator().next().getString(0);
    assertTrue(!events.contains(a) && !events.contains("Munteanu"), "events carry ids and facts only: " + events);

    String plans = "CNP;Serviciu;Ședințe pe săptămână;Durată;Mod;De la;Până la;Zile/ore preferate\n"
        + a + ";Kinetoterapie;2;45 min;la distanță;01.09.2026;30.06.2027;Luni, Miercuri 15:00-17:00\n"
        + b + ";consultație medicală;1;30;caravană;01.09.2026;;\n";
    byte[] planBody = plans.getBytes(StandardCharsets.UTF_8);
    var planDry = upload("/api/imports/care-plans?dryRun=true", planBody, "text/csv");
    assertEquals(200, planDry.statusCode(), planDry.bodyAsString());
    assertEquals(2, planDry.bodyAsJsonObject().getInteger("valid"), planDry.bodyAsString());
    var planCommit = upload("/api/imports/care-plans", planBody, "text/csv");
    assertEquals(201, planCommit.statusCode(), planCommit.bodyAsString());
    assertEquals(2, planCommit.bodyAsJsonObject().getInteger("created"));
    assertEquals(0, upload("/api/imports/care-plans", planBody, "text/csv").bodyAsJsonObject().getInteger("created"));
    var plan = await(app.pool().query("SELECT preferred_days, preferred_from::text, minutes, modality FROM care_plans WHERE service = 'kinetotherapy'")
        .execute()).iterator().next();
    assertEquals(List.of("MONDAY", "WEDNESDAY"), List.of(plan.getArrayOfStrings("preferred_days")));
    assertEquals("15:00:00", plan.getString("preferred_from"));
    assertEquals("remote", plan.getString("modality"));

    String badPlans = "CNP;Serviciu;Ședințe pe săptămână;Durată;Mod;De la\n"
        + "1234567890123;Kinetoterapie;2;45;centru;01.09.2026\n"
        + a + ";Dans;20;2;pe lună;31.02.2026\n";
    var badDry = upload("/api/imports/care-plans?dryRun=true", badPlans.getBytes(StandardCharsets.UTF_8), "text/csv");
    Map<Integer, List<String>> rows = byRow(badDry.bodyAsJsonObject().getJsonArray("errors"));
    assertTrue(rows.get(2).contains("cnp"), rows.toString());
    assertEquals(List.of("service", "sessionsPerWeek", "minutes", "modality", "validFrom"), rows.get(3), rows.toString());
  }

  @Test
  @DisplayName("an XLSX with date cells and numbers typed as numbers is read like the CSV")
  void xlsx() throws Exception {
    String c = cnp(LocalDate.of(2010, 7, 9), 'F', 301);
    byte[] body;
    try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XSSFSheet sheet = book.createSheet("Beneficiari");
      CellStyle date = book.createCellStyle();
      date.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("dd.mm.yyyy"));
      String[] headers = {"Prenume", "NUME", "Data nașterii", "CNP", "Sex", "Localitate", "Comuna/UAT", "Județ", "Telefon",
          "Categorie", "Acord SMS"};
      Row h = sheet.createRow(0);
      for (int i = 0; i < headers.length; i++) h.createCell(i).setCellValue(headers[i]);
      Row r = sheet.createRow(1);
      r.createCell(0).setCellValue("Ioana");
      r.createCell(1).setCellValue("Căpraru");
      r.createCell(2).setCellValue(LocalDate.of(2010, 7, 9));
      r.getCell(2).setCellStyle(date);
      r.createCell(3).setCellValue(Double.parseDouble(c));
      r.createCell(4).setCellValue("F");
      r.createCell(5).setCellValue("Asău");
      r.createCell(6).setCellValue("Asău");
      r.createCell(7).setCellValue("BC");
      r.createCell(8).setCellValue(744555666d);
      r.createCell(9).setCellValue("copil");
      r.createCell(10).setCellValue(true);
      book.write(out);
      body = out.toByteArray();
    }
    var dry = upload("/api/imports/beneficiaries?dryRun=true", body, XLSX);
    assertEquals(200, dry.statusCode(), dry.bodyAsString());
    assertEquals(1, dry.bodyAsJsonObject().getInteger("valid"), dry.bodyAsString());
    var commit = upload("/api/imports/beneficiaries", body, XLSX);
    assertEquals(201, commit.statusCode(), commit.bodyAsString());
    var row = await(app.pool().query("SELECT birth_date::text, phone FROM beneficiaries WHERE cnp = '" + c + "'").execute())
        .iterator().next();
    assertEquals("2010-07-09", row.getString("birth_date"));
    assertEquals("+40744555666", row.getString("phone"));
  }

  @Test
  @DisplayName("an empty body, a file without the required columns and an unsupported type are refused without a 500")
  void badFiles() {
    assertEquals(400, upload("/api/imports/beneficiaries?dryRun=true", new byte[0], "text/csv").statusCode());
    var missing = upload("/api/imports/beneficiaries?dryRun=true", "Nume,Prenume\nA,B\n".getBytes(StandardCharsets.UTF_8), "text/csv");
    assertEquals(422, missing.statusCode(), missing.bodyAsString());
    assertEquals(415, upload("/api/imports/beneficiaries", "{}".getBytes(StandardCharsets.UTF_8), "application/json").statusCode());
    assertEquals(422, upload("/api/imports/beneficiaries?dryRun=true", new byte[] {'P', 'K', 3, 4, 0, 0}, XLSX).statusCode());
    assertEquals(400, upload("/api/imports/beneficiaries?dryRun=maybe", "Nume\n".getBytes(StandardCharsets.UTF_8), "text/csv").statusCode());
  }
}
