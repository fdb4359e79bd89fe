package ro.caravana.portal.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import ro.caravana.portal.server.PortalRoutes;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.support.TestSystem;
import ro.caravana.signalling.browser.Chromium;

/**
 * The coordinator's pages in headless Chromium on the demo data, walked as a county coordinator: sign in, plan a
 * week, read the calendar and the map, read what families will be told, publish, fix a record's invalid fields, open
 * a report and export it. Every page: no code identifiers or raw scores in its text, Romanian with diacritics, no
 * console error, no serious or critical accessibility violation (axe-core), screenshots at 1280 and 390 px in
 * {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Coordinator pages in a real browser")
class CoordinatorPagesBrowserTest {

  /** What must never be read on a coordinator's page. */
  static final List<String> CODES = List.of("medical_consultation", "kinetotherapy", "speech_therapy", "parental_education",
      "county_coordinator", "hard/", "medium/", "soft");
  static final Path SHOTS = Path.of("target", "screenshots");

  private static Vertx vertx;
  private static SchedulerApp app;
  private static Chromium chromium;
  private static Chromium.Page page;
  private static String base;
  private static String axe;
  private static String planUrl;

  @BeforeAll
  static void start() throws Exception {
    Path[] binaries = Chromium.require();
    vertx = Vertx.vertx();
    app = TestSystem.startApp(vertx, true, TestSystem.config(Map.of()), PortalRoutes::mount)
        .toCompletionStage().toCompletableFuture().get(180, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + app.port();
    axe = PageCheck.axe();
    chromium = Chromium.start(binaries[0], binaries[1]);
    page = chromium.open(1280, 900);
  }

  @AfterAll
  static void stop() throws Exception {
    if (chromium != null) chromium.close();
    if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  @Order(1)
  @Timeout(120)
  @DisplayName("sign in through the form, then the home page: per county in words, services by name")
  void signInAndHome() throws Exception {
    page.go(base + "/");
    waitFor(() -> "/intrare".equals(page.eval("return location.pathname")), "the sign-in page");
    check("intrare");
    page.type("#email", "coordonator.bc@caravana.demo");
    page.type("#password", "demo");
    page.click("form.stack button[type=submit]");
    waitFor(() -> "/".equals(page.eval("return location.pathname")) && text().contains("Bacău"), "the home page");
    String home = check("acasa");
    assertTrue(home.contains("Săptămâna viitoare"), home);
  }

  @Test
  @Order(2)
  @Timeout(240)
  @DisplayName("plan a week: progress, then the calendar, a map marker per stop, reasons in words, what families will be told")
  void planAWeek() throws Exception {
    page.go(base + "/planificare");
    check("planificare");
    page.type("#f-secondsLimit", "6");
    page.click("form.stack button[type=submit]");
    waitFor(() -> String.valueOf(page.eval("return location.pathname")).startsWith("/planificare/"), "the plan page");
    planUrl = String.valueOf(page.eval("return location.href")).replaceAll("[?#].*$", "");
    waitFor(() -> Boolean.TRUE.equals(page.eval("return !!document.getElementById('calendar-h') && !document.getElementById('progress')"))
        && text().contains("Ce vor afla familiile"), "the solved plan (the page reloads when solving ends)");
    String text = check("plan");
    assertTrue(text.contains("Calendarul săptămânii") && text.contains("Kinetoterapie"), text);
    assertTrue(((Number) page.eval("return document.querySelectorAll('#calendar .cal-entry').length")).intValue() > 0,
        "the calendar shows appointments");
    String planId = planUrl.substring(planUrl.lastIndexOf('/') + 1);
    JsonArray stops = new JsonObject(String.valueOf(page.evalAsync(
        "const done = arguments[arguments.length - 1]; fetch('/api/plans/" + planId + "/stops').then(r => r.text()).then(done);")))
        .getJsonArray("items");
    assertTrue(stops.size() > 0, "the demo week has caravan stops");
    assertEquals(stops.size(), ((Number) page.eval("return document.querySelectorAll('#route-map svg .stop-marker').length")).intValue(),
        "one marker per stop of the week");
    assertTrue(text.contains("SMS"), "the SMS count is shown");
    // another view of the calendar: a staff member's week
    page.eval("const s = document.getElementById('vedere'); const o = [...s.options].find(o => o.value.startsWith('staff-'));"
        + " s.value = o.value; s.form.submit(); return 1;");
    waitFor(() -> String.valueOf(page.eval("return location.search")).contains("vedere=staff-"), "a staff member's calendar");
    check("plan-specialist");
  }

  @Test
  @Order(3)
  @Timeout(240)
  @DisplayName("move a session by hand: the planner's feedback in words as soon as the hour changes, the move kept, then re-solve around it")
  void moveASession() throws Exception {
    page.go(planUrl);
    String href = String.valueOf(page.eval("const a = document.querySelector('#calendar a.cal-move'); return a ? a.href : ''"));
    assertTrue(href.contains("/mutare?sesiune="), "the calendar links each session to its move page");
    page.go(href);
    waitFor(() -> text().contains("Unde o mutați"), "the move page");
    check("plan-mutare");
    page.eval("const h = document.getElementById('m-ora'); h.value = h.value === '10:00' ? '11:00' : '10:00';"
        + " h.dispatchEvent(new Event('change')); return 1;");
    waitFor(() -> Boolean.TRUE.equals(page.eval("return !!document.querySelector('#move-feedback .verdict')")),
        "the move's feedback, without a click");
    String feedback = String.valueOf(page.eval("return document.getElementById('move-feedback').innerText"));
    assertTrue(feedback.startsWith("Mutarea"), feedback);
    assertFalse(feedback.matches("(?s).*[0-9](hard|medium|soft).*"), feedback);
    check("plan-mutare-verificata");
    page.click("button[value=muta]");
    waitFor(() -> text().contains("Ședința a fost mutată și fixată"), "the moved message");
    String moved = check("plan-mutare-salvata");
    assertTrue(moved.contains("Fixată"), moved);
    // the calendar marks the pinned session; re-solve around the edit: a new plan of the timetable, which the next
    // step publishes
    page.go(planUrl);
    waitFor(() -> text().contains("Calendarul săptămânii"), "the plan page");
    assertTrue(((Number) page.eval("return [...document.querySelectorAll('#calendar .cal-entry .tag')]"
        + ".filter(t => t.textContent.includes('Fixată')).length")).intValue() >= 1, "the moved session is marked pinned");
    page.click("form[action$='/reoptimizare'] button[type=submit]");
    waitFor(() -> !String.valueOf(page.eval("return location.href")).startsWith(planUrl), "the re-solved plan");
    planUrl = String.valueOf(page.eval("return location.href")).replaceAll("[?#].*$", "");
    waitFor(() -> Boolean.TRUE.equals(page.eval("return !!document.getElementById('calendar-h') && !document.getElementById('progress')"))
        && text().contains("Ce vor afla familiile"), "the re-solved plan, solved");
    assertTrue(((Number) page.eval("return document.querySelectorAll('#route-map svg .stop-marker').length")).intValue() > 0,
        "the re-solve keeps the caravan stops");
    check("plan-reoptimizat");
  }

  @Test
  @Order(4)
  @Timeout(120)
  @DisplayName("publish: the page says the families are told, and the plan reads as published")
  void publish() throws Exception {
    page.go(planUrl);
    waitFor(() -> text().contains("Publică planul"), "the publish button");
    page.click("form.publish button[type=submit]");
    waitFor(() -> text().contains("Planul a fost publicat"), "the publish message");
    String text = check("plan-publicat");
    assertTrue(text.contains("Publicat"), text);
  }

  @Test
  @Order(5)
  @Timeout(120)
  @DisplayName("records: search, open one, submit two invalid fields and see both errors next to their inputs, then fix them")
  void recordWithErrors() throws Exception {
    page.go(base + "/beneficiari?q=a");
    waitFor(() -> text().contains("beneficiari găsiți"), "the search results");
    check("beneficiari");
    page.click("table tbody a");
    waitFor(() -> String.valueOf(page.eval("return location.pathname")).matches("/beneficiari/[0-9a-f-]{36}"), "a record");
    check("beneficiar");
    String cnp = String.valueOf(page.eval("return document.getElementById('f-cnp').value"));
    page.type("#f-cnp", "1234");
    page.type("#f-phone", "0744 12");
    page.click("#edit-h + form button[type=submit]");
    waitFor(() -> Boolean.TRUE.equals(page.eval("return !!document.getElementById('error-summary')")), "the error summary");
    String text = check("beneficiar-erori");
    assertTrue(Boolean.TRUE.equals(page.eval("return !!document.getElementById('e-cnp') && !!document.getElementById('e-phone')")),
        "both errors next to their fields: " + text);
    assertEquals("1234", page.eval("return document.getElementById('f-cnp').value"), "what was typed is kept");
    page.type("#f-cnp", cnp);
    page.type("#f-phone", "0744 123 456");
    page.click("#edit-h + form button[type=submit]");
    waitFor(() -> text().contains("Datele au fost salvate"), "the saved message");
    // the SMS thread and the consent history are on the record; a care plan is changed from it, errors by field
    assertTrue(Boolean.TRUE.equals(page.eval("return !!document.getElementById('sms') && !!document.getElementById('consimtamant')")),
        "the SMS thread and the consent history");
    if (Boolean.TRUE.equals(page.eval("return !!document.querySelector('#planuri a[href*=\"plan=\"]')"))) {
      page.go(String.valueOf(page.eval("return document.querySelector('#planuri a[href*=\"plan=\"]').href")));
      waitFor(() -> text().contains("Modificați planul"), "the care plan in the form");
      page.type("#p-minutes", "multe");
      page.click("#newplan-h + form button[type=submit]");
      waitFor(() -> text().contains("Verificați câmpurile"), "the care plan's error");
      String planErrors = check("beneficiar-plan-erori");
      assertFalse(planErrors.contains("„minutes”"), "the field is named by its label: " + planErrors);
      page.type("#p-minutes", "50");
      page.click("#newplan-h + form button[type=submit]");
      waitFor(() -> text().contains("Planul de îngrijire a fost modificat"), "the changed care plan");
      check("beneficiar-plan-modificat");
    }
  }

  @Test
  @Order(6)
  @Timeout(120)
  @DisplayName("reports: charts by week and month, caravan coverage by locality, Romanian words, CSV and XLSX exports answer")
  void reports() throws Exception {
    page.go(base + "/rapoarte");
    waitFor(() -> text().contains("Pe servicii"), "the report");
    String text = check("rapoarte");
    assertTrue(text.contains("Kinetoterapie"), text);
    assertTrue(((Number) page.eval("return document.querySelectorAll('svg.report-chart').length")).intValue() >= 1);
    String csv = String.valueOf(page.evalAsync("const done = arguments[arguments.length - 1];"
        + " fetch(document.querySelector('a[href*=\"export.csv\"]').href).then(r => r.text()).then(done);"));
    assertTrue(csv.contains("Planificate"), csv);
    Number xlsx = (Number) page.evalAsync("const done = arguments[arguments.length - 1];"
        + " fetch(document.querySelector('a[href*=\"export.xlsx\"]').href).then(r => r.arrayBuffer()).then(b => done(b.byteLength));");
    assertTrue(xlsx.intValue() > 500);
    // month by month, and the caravan coverage: days since each locality's last visit, gaps first, exported
    assertTrue(text.contains("Lună de lună") && text.contains("Acoperirea cu caravana") && text.contains("Zile de atunci"), text);
    assertTrue(((Number) page.eval("return document.querySelectorAll('#coverage tbody tr').length")).intValue() > 0,
        "the coverage table has localities");
    String coverage = String.valueOf(page.evalAsync("const done = arguments[arguments.length - 1];"
        + " fetch(document.querySelector('a[href*=\"acoperire.csv\"]').href).then(r => r.text()).then(done);"));
    assertTrue(coverage.contains("Ultima vizită") && coverage.contains("Lipsă de acoperire"), coverage);
  }

  @Test
  @Order(7)
  @Timeout(120)
  @DisplayName("organisation: centres, staff and caravans listed; a new staff member with four invalid fields shows all four, then is saved")
  void organisation() throws Exception {
    page.go(base + "/organizare");
    waitFor(() -> text().contains("Centre comunitare") && text().contains("Caravane medicale"), "the organisation page");
    String text = check("organizare");
    assertTrue(text.contains("Kinetoterapie"), text);
    page.go(base + "/organizare/personal-nou");
    waitFor(() -> text().contains("Specialist nou"), "the staff form");
    check("organizare-personal-nou");
    page.type("#f-code", "x");
    page.type("#f-phone", "12");
    page.click("form.card button[type=submit]");
    waitFor(() -> Boolean.TRUE.equals(page.eval("return !!document.getElementById('error-summary')")), "the error summary");
    String errors = check("organizare-erori");
    assertTrue(Boolean.TRUE.equals(page.eval("return ['code', 'firstName', 'lastName', 'role', 'phone']"
        + ".every(f => !!document.getElementById('e-' + f))")), "every invalid field next to its input: " + errors);
    assertEquals("12", page.eval("return document.getElementById('f-phone').value"), "what was typed is kept");
    assertFalse(errors.contains("firstName") || errors.contains("„role”"), "fields named by their labels: " + errors);
    page.type("#f-code", "PS-BC-901");
    page.type("#f-firstName", "Ioana");
    page.type("#f-lastName", "Încercare");
    page.type("#f-phone", "0744 123 456");
    page.eval("document.getElementById('f-role').value = 'kinetotherapist';"
        + " document.querySelector('input[name=skills][value=kinetotherapy]').checked = true;"
        + " const c = document.getElementById('f-centreId'); c.value = c.options[1].value; return 1;");
    page.click("form.card button[type=submit]");
    waitFor(() -> text().contains("Datele au fost salvate") && text().contains("Ioana Încercare"), "the saved staff member");
  }

  @Test
  @Order(8)
  @Timeout(120)
  @DisplayName("spreadsheet import: a dry run of a file with a wrong CNP reports it by row and column, nothing written")
  void importDryRun() throws Exception {
    page.go(base + "/import");
    waitFor(() -> text().contains("Import dintr-un tabel"), "the import page");
    check("import");
    page.eval("const csv = 'Nume;Prenume;CNP;Data nasterii;Sex;Localitate;Judet;Categorie;Acord SMS\\n'"
        + " + 'Popa;Ana;1234567890123;02.03.2015;F;Asău;BC;copil;Nu\\n';"
        + " const dt = new DataTransfer(); dt.items.add(new File([csv], 'beneficiari.csv', {type: 'text/csv'}));"
        + " document.getElementById('f-fisier').files = dt.files; return 1;");
    page.click("form.card button[type=submit]");
    waitFor(() -> Boolean.TRUE.equals(page.eval("return !!document.getElementById('import-report')")), "the import report");
    String text = check("import-raport");
    assertTrue(text.contains("nu s-a scris nimic") && text.contains("CNP"), text);
  }

  @Test
  @Order(9)
  @Timeout(120)
  @DisplayName("the English switch is remembered across pages")
  void english() throws Exception {
    page.go(base + "/planificare?lang=en");
    waitFor(() -> text().contains("Recent plans"), "the English planning page");
    page.go(base + "/");
    waitFor(() -> text().contains("Next week"), "the English home page");
    check("home-en");
    page.go(base + "/?lang=ro");
  }

  @Test
  @Order(10)
  @Timeout(120)
  @DisplayName("an administrator's record page: GDPR export, and erasure only after the confirmation is ticked")
  void gdprForAdministrators() throws Exception {
    page.go(base + "/?lang=ro");
    page.click("form[action='/api/auth/logout'] button");
    waitFor(() -> String.valueOf(page.eval("return location.pathname")).equals("/intrare"), "signed out");
    page.type("#email", "admin@caravana.demo");
    page.type("#password", "demo");
    page.click("form.stack button[type=submit]");
    waitFor(() -> "/".equals(page.eval("return location.pathname")), "the administrator's home page");
    page.go(base + "/beneficiari?q=a");
    waitFor(() -> text().contains("beneficiari găsiți"), "the search results");
    page.click("table tbody a");
    waitFor(() -> Boolean.TRUE.equals(page.eval("return !!document.getElementById('gdpr')")), "the GDPR section");
    String export = String.valueOf(page.evalAsync("const done = arguments[arguments.length - 1];"
        + " fetch(document.querySelector('#gdpr a[download]').href).then(r => r.text()).then(done);"));
    assertTrue(export.contains("consentHistory") && export.contains("carePlans"), export);
    page.click("#gdpr button[type=submit]");
    waitFor(() -> Boolean.TRUE.equals(page.eval("return !!document.getElementById('e-confirm')")), "the confirmation's error");
    check("beneficiar-gdpr");
    page.eval("document.getElementById('f-confirm').checked = true; return 1;");
    page.click("#gdpr button[type=submit]");
    waitFor(() -> text().contains("au fost șterse"), "the erased record");
  }

  /** The page's visible text, checked in words, accessibility and console, with screenshots at both widths. */
  private static String check(String name) throws Exception {
    return PageCheck.check(page, axe, name);
  }

  private static String text() {
    return PageCheck.text(page);
  }

  private static void waitFor(java.util.function.Supplier<Boolean> condition, String what) throws InterruptedException {
    Chromium.waitFor(condition, what, Duration.ofSeconds(90));
  }
}
