package ro.caravana.portal.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ro.caravana.portal.field.Browser.SCREENSHOTS;
import static ro.caravana.portal.field.Browser.text;
import static ro.caravana.portal.field.Browser.waitFor;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import ro.caravana.portal.server.PortalRoutes;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.attendance.FieldFixtures;
import ro.caravana.scheduler.notice.NoticeRepository;
import ro.caravana.scheduler.support.TestSystem;
import ro.caravana.signalling.browser.Chromium;

@DisplayName("The clinician's day and the family's page in a real browser (headless Chromium, 390 px)")
class FieldPagesBrowserTest {

  private static Vertx vertx;
  private static SchedulerApp app;
  private static WebClient client;
  private static Chromium chromium;
  private static FieldFixtures f;
  private static String admin;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    Path[] binaries = Chromium.require();
    vertx = Vertx.vertx();
    app = FieldFixtures.get(TestSystem.startApp(vertx, false, TestSystem.config(Map.of()), PortalRoutes::mount), 240);
    client = WebClient.create(vertx);
    f = FieldFixtures.create(app, LocalDate.now(FieldFixtures.ZONE), 3);
    admin = TestSystem.adminToken(app);
    base = "http://127.0.0.1:" + app.port();
    chromium = Chromium.start(binaries[0], binaries[1]);
  }

  @AfterAll
  static void stop() throws Exception {
    if (chromium != null) chromium.close();
    if (vertx != null) FieldFixtures.get(vertx.close());
  }

  private static JsonObject api(String path) throws Exception {
    var r = client.get(app.port(), "127.0.0.1", path).bearerTokenAuthentication(admin).send()
        .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  @Test
  @Timeout(120)
  @DisplayName("the doctor opens /ziua-mea, writes a note and marks the first appointment present; the record says so")
  void clinicianMarks() throws Exception {
    Chromium.Page page = chromium.open();
    page.viewport(390, 844, true);
    Browser.signIn(page, base, f.doctorEmail, FieldFixtures.PASSWORD, "/ziua-mea");
    String before = text(page);
    assertTrue(before.contains("Ziua mea"), before);
    assertTrue(before.contains("09:00"), before);
    assertTrue(before.contains("Consultație medicală"), "services in words: " + before);
    assertFalse(before.contains("medical_consultation"), before);
    page.screenshot(SCREENSHOTS.resolve("ziua-mea-390.png"));

    UUID first = f.appointments.get(0);
    page.click("#a-" + first + " summary");
    page.script("document.getElementById('note-" + first + "').value = 'Tensiune 130/80; revine peste o lună.';");
    page.click("#a-" + first + " button[value=present]");
    waitFor(() -> text(page).contains("Prezența a fost înregistrată."), "the page confirms the mark");
    JsonObject a = api("/api/appointments/" + first);
    assertEquals("fulfilled", a.getString("status"));
    assertEquals(1L, a.getLong("attendanceMarks"));
    JsonObject mark = api("/api/appointments/" + first + "/attendance").getJsonArray("items").getJsonObject(0);
    assertEquals(f.doctorEmail, mark.getString("recordedBy"));
    assertEquals("Tensiune 130/80; revine peste o lună.", mark.getString("note"));
    assertTrue(text(page).contains("Prezent"), text(page));
    page.screenshot(SCREENSHOTS.resolve("ziua-mea-marcat-390.png"));

    // the same form sent again (a double tap, the back button) is applied once
    page.script("history.back();");
    waitFor(() -> String.valueOf(page.eval("return location.pathname")).equals("/ziua-mea"), "back on the day");
    page.viewport(1280, 900, false);
    page.screenshot(SCREENSHOTS.resolve("ziua-mea-1280.png"));
    assertEquals(List.of(), page.consoleErrors().stream().filter(e -> !Browser.isSignInFavicon(e)).toList());
    page.quit();
  }

  @Test
  @Timeout(120)
  @DisplayName("the family opens the SMS link: the appointment in Romanian, Confirm confirms it, Cancel cancels it")
  void familyConfirmsAndCancels() throws Exception {
    LocalDate tomorrow = LocalDate.now(FieldFixtures.ZONE).plusDays(1);
    UUID appointment = UUID.randomUUID();
    OffsetDateTime start = tomorrow.atTime(LocalTime.of(10, 0)).atZone(FieldFixtures.ZONE).toOffsetDateTime();
    FieldFixtures.get(app.pool().preparedQuery("INSERT INTO appointments (id, beneficiary_id, service, modality, starts_at, "
        + "ends_at, staff_id, caravan_id, stop_siruta, status) SELECT $1, beneficiary_id, 'medical_consultation', 'caravan', "
        + "$2, $3, staff_id, caravan_id, stop_siruta, 'booked' FROM appointments WHERE id = $4")
        .execute(Tuple.of(appointment, start, start.plusMinutes(20), f.appointments.get(5))));
    String code = FieldFixtures.get(app.pool().withTransaction(tx ->
        NoticeRepository.linkToken(tx, app.access().familyLinks(), appointment)));

    Chromium.Page page = chromium.open();
    page.viewport(390, 844, true);
    page.go(base + "/l/" + code);
    assertEquals("text/html", page.script("return document.contentType"));
    String day = DateTimeFormatter.ofPattern("EEEE, d MMMM", Locale.forLanguageTag("ro-RO")).format(tomorrow);
    String shown = text(page);
    assertTrue(shown.contains(day), "the Romanian date '" + day + "': " + shown);
    assertTrue(shown.contains("10:00") && shown.contains("Consultație medicală") && shown.contains("Caravana medicală"), shown);
    assertFalse(shown.contains("Popa"), "no last name on the family page: " + shown);
    Number weight = (Number) page.script("return performance.getEntriesByType('navigation').concat("
        + "performance.getEntriesByType('resource')).reduce((n, e) => n + (e.encodedBodySize || 0), 0)");
    assertTrue(weight.longValue() < 100_000, "page weight " + weight);
    assertTrue(weight.longValue() > 1_000, "the weight was measured: " + weight);
    page.screenshot(SCREENSHOTS.resolve("familie-390.png"));

    page.click("#confirm");
    waitFor(() -> text(page).contains("Am înregistrat confirmarea"), "the page says the confirmation was recorded");
    JsonObject confirmed = api("/api/appointments/" + appointment);
    assertEquals("booked", confirmed.getString("status"));
    assertTrue(confirmed.getBoolean("confirmed"), confirmed.encode());
    page.screenshot(SCREENSHOTS.resolve("familie-confirmat-390.png"));

    page.click("#cancel");
    waitFor(() -> text(page).contains("Programarea a fost anulată"), "the page says the appointment was cancelled");
    assertEquals("cancelled", api("/api/appointments/" + appointment).getString("status"));
    // the link of a cancelled appointment keeps saying so, and offers nothing more to do
    page.go(base + "/l/" + code);
    String after = text(page);
    assertTrue(after.contains("Programarea este anulată") || after.contains("Linkul nu mai este valabil"), after);
    assertEquals(Boolean.FALSE, page.script("return !!document.getElementById('confirm')"));

    page.go(base + "/l/AAAAAAAAAA");
    assertTrue(text(page).contains("Linkul nu mai este valabil"), text(page));
    page.click("a[lang=en]");
    waitFor(() -> text(page).contains("This link no longer works"), "the English page");
    assertEquals(List.of(), page.consoleErrors().stream().filter(e -> !e.contains("404")).toList());
    page.quit();
  }
}
