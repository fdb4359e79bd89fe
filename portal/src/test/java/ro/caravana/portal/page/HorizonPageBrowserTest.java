package ro.caravana.portal.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
 * The caravan horizon page in headless Chromium on the demo data, as Vrancea's county coordinator: the link in the
 * navigation, a form with two mistakes shows both at once in Romanian and keeps what was typed, then a 13-week horizon
 * is started, followed and read; what the page shows per locality (visit dates, caravans, counts) and in total is
 * checked against {@code GET /api/horizons/{id}}. Screenshots at 1280 and 390 px in {@code target/screenshots/}.
 * Under {@code CI=true} a missing Chromium fails the class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("The caravan horizon page in a real browser")
class HorizonPageBrowserTest {

  private static final Locale RO = Locale.forLanguageTag("ro-RO");
  private static Vertx vertx;
  private static SchedulerApp app;
  private static Chromium chromium;
  private static Chromium.Page page;
  private static String base;
  private static String axe;
  private static String horizonUrl;

  @BeforeAll
  static void start() throws Exception {
    Path[] binaries = Chromium.require();
    vertx = Vertx.vertx();
    app = TestSystem.startApp(vertx, true, TestSystem.config(Map.of("planning.consume-requests", "false")), PortalRoutes::mount)
        .toCompletionStage().toCompletableFuture().get(180, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + app.port();
    axe = PageCheck.axe();
    chromium = Chromium.start(binaries[0], binaries[1]);
    page = chromium.open(1280, 900);
  }

  @AfterAll
  static void stop() throws Exception {
    if (chromium != null) chromium.close();
    if (app != null) app.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  @Order(1)
  @Timeout(120)
  @DisplayName("the coordinator finds the page in the navigation; two mistakes in the form are both shown next to their fields, in Romanian")
  void formShowsEveryMistake() throws Exception {
    signIn("coordonator.vn@caravana.demo");
    page.click("nav a[href='/orizonturi']");
    waitFor(() -> text().contains("Planificați un orizont"), "the horizon page");
    assertEquals("page", page.eval("return document.querySelector(\"nav a[href='/orizonturi']\").getAttribute('aria-current')"));
    String empty = check("orizonturi");
    assertTrue(empty.contains("Încă nu există orizonturi"), empty);
    page.type("#f-weeks", "20");
    page.type("#f-seconds", "zece");
    page.click("form.stack button[type=submit]");
    waitFor(() -> Boolean.TRUE.equals(page.eval("return !!document.getElementById('error-summary')")), "the error summary");
    String errors = check("orizonturi-erori");
    assertTrue(Boolean.TRUE.equals(page.eval("return !!document.getElementById('e-weeks') && !!document.getElementById('e-seconds')")),
        "both mistakes next to their fields: " + errors);
    assertEquals(2, ((Number) page.eval("return document.querySelectorAll('#error-summary li').length")).intValue(), errors);
    assertTrue(errors.contains("între 4 și 13") && errors.contains("secunde"), errors);
    assertEquals("20", page.eval("return document.getElementById('f-weeks').value"), "what was typed is kept");
    assertEquals("zece", page.eval("return document.getElementById('f-seconds').value"), "what was typed is kept");
    // hostile forms of every field, posted as a script would: each refused next to its field, nothing asked
    Map<String, List<String>> hostile = Map.of(
        "county", List.of("BC", "vn", "V N", "%56%4E", "IS"),
        "fromWeek", List.of("2026-W99", "２０２６-W51", "2020-W01", "2026-W5", "+2026-W51"),
        "weeks", List.of("١٣", "+13", "-13", "13.0", "1e1", "%31%33", "3", "14", ""),
        "seconds", List.of("٣٠", "+30", "30.5", "0", "601", "thirty"));
    for (var field : hostile.entrySet()) {
      for (String value : field.getValue()) {
        String answer = String.valueOf(page.evalAsync("const done = arguments[arguments.length - 1];"
            + " const [k, v] = " + new JsonArray().add(field.getKey()).add(value).encode() + ";"
            + " const f = new URLSearchParams(new FormData(document.querySelector('form.stack')));"
            + " f.set('weeks', '13'); f.set('seconds', '5'); f.set(k, v);"
            + " fetch('/orizonturi', {method: 'POST', body: f}).then(r => r.text().then(t => done(r.status + ' '"
            + " + (t.includes('id=\"e-' + k + '\"') ? 'flagged' : 'not flagged'))));"));
        // the form page comes back as 400 with the error next to the field; the API is not asked
        assertEquals("400 flagged", answer, field.getKey() + "=" + value);
      }
    }
    // each refused form logged its 400 in the console: the refusals asked for, and nothing else
    assertEquals(List.of(), page.consoleErrors().stream()
        .filter(e -> !e.contains("/orizonturi - Failed to load resource: the server responded with a status of 400")).toList());
    assertEquals(0L, ((Number) app.pool().query("SELECT count(*) FROM horizons").execute().toCompletionStage()
        .toCompletableFuture().get(10, TimeUnit.SECONDS).iterator().next().getLong(0)).longValue(), "nothing was asked of the planner");
  }

  @Test
  @Order(2)
  @Timeout(240)
  @DisplayName("a 13-week horizon is started, followed, then read: per locality its visit dates, caravans and people as the API says; totals and road times in words")
  void startFollowAndRead() throws Exception {
    page.type("#f-weeks", "13");
    page.type("#f-seconds", "10");
    page.click("form.stack button[type=submit]");
    waitFor(() -> String.valueOf(page.eval("return location.pathname")).matches("/orizonturi/[0-9a-f-]{36}"), "the horizon page");
    horizonUrl = String.valueOf(page.eval("return location.href")).replaceAll("[?#].*$", "");
    if (Boolean.TRUE.equals(page.eval("return !!document.getElementById('progress')"))) {
      String progress = check("orizont-calcul");
      assertTrue(progress.contains("Se calculează") || progress.contains("În așteptare"), progress);
    }
    waitFor(() -> Boolean.TRUE.equals(page.eval("return !!document.getElementById('horizon-localities')")),
        "the solved horizon (the page reloads when planning ends)");
    String text = check("orizont");
    String id = horizonUrl.substring(horizonUrl.lastIndexOf('/') + 1);
    JsonObject h = new JsonObject(fetch("/api/horizons/" + id));
    assertEquals("solved", h.getString("status"));
    assertFalse(text.contains(h.getString("score")), "the solver score is not shown");
    assertFalse(text.matches("(?s).*-?[0-9]+(hard|medium|soft).*"), "no raw score");
    Map<Long, String> caravans = new HashMap<>();
    new JsonObject(fetch("/api/caravans?county=VN&limit=200")).getJsonArray("items")
        .forEach(o -> caravans.put(((JsonObject) o).getLong("id"), ((JsonObject) o).getString("name")));

    // one row per locality (or group of a large locality), each with its visits, dates and caravans as the API says
    JsonArray localities = h.getJsonArray("localities");
    assertTrue(localities.size() >= 10, "the demo county has caravan work: " + localities.size());
    JsonArray rows = new JsonArray(String.valueOf(page.eval("return JSON.stringify([...document.querySelectorAll("
        + "'#horizon-localities tbody tr')].map(r => ({name: r.querySelector('.loc-name').textContent, text: r.innerText,"
        + " visits: r.querySelectorAll('.visits li').length})))")));
    assertEquals(localities.size(), rows.size(), "one row per locality of the horizon");
    DateTimeFormatter roDate = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy", RO);
    int overMax = 0;
    for (Object o : localities) {
      JsonObject l = (JsonObject) o;
      JsonObject row = rows.stream().map(r -> (JsonObject) r).filter(r -> r.getString("name").startsWith(l.getString("name"))
          && (l.getInteger("parts") == 1 || r.getString("name").contains("grupul " + l.getInteger("part") + " din")))
          .findFirst().orElseThrow(() -> new AssertionError("no row for " + l.getString("name")));
      JsonArray visits = l.getJsonArray("visits");
      assertEquals(visits.size(), row.getInteger("visits"), l.encode());
      for (Object v : visits) {
        JsonObject visit = (JsonObject) v;
        String date = LocalDate.parse(visit.getString("date")).format(roDate);
        assertTrue(row.getString("text").contains(date), date + " in " + row.getString("text"));
        assertTrue(row.getString("text").contains(caravans.get(visit.getLong("caravanId"))), row.getString("text"));
      }
      assertTrue(row.getString("text").contains("În total " + l.getInteger("people") + "; acoperite: "
          + l.getInteger("peopleCovered") + "; neacoperite: " + (l.getInteger("people") - l.getInteger("peopleCovered"))),
          row.getString("text"));
      assertTrue(row.getString("text").contains("o dată la " + days(l.getInteger("everyDays"))), row.getString("text"));
      for (Object g : l.getJsonArray("gaps")) if ((Integer) g > l.getInteger("maxGapDays")) overMax++;
      Integer wait = l.getInteger("daysFromLastVisitToFirst");
      if (wait != null && wait > l.getInteger("maxGapDays")) overMax++;
      if (l.getInteger("daysSinceLastVisit") == null) {
        assertTrue(row.getString("text").contains("nicio vizită publicată"), row.getString("text"));
      } else {
        assertTrue(row.getString("text").contains("acum " + days(l.getInteger("daysSinceLastVisit"))), row.getString("text"));
      }
    }
    String table = String.valueOf(page.eval("return document.getElementById('horizon-localities').innerText"));
    assertEquals(overMax, table.split("— peste maximul admis", -1).length - 1, "each gap over the maximum is flagged");
    if (overMax > 0) assertTrue(table.contains("Problemă"), "a gap over the maximum makes its locality a problem");

    // the totals and where the road times came from
    JsonObject s = h.getJsonObject("summary");
    String figures = String.valueOf(page.eval("return document.getElementById('horizon-figures').innerText"));
    assertTrue(figures.contains(s.getInteger("caravanDays") + "\nzile de caravană folosite (din " + s.getInteger("caravanDaysAvailable")),
        figures);
    assertTrue(figures.contains(s.getInteger("peopleUncovered") + "\npersoane neacoperite"), figures);
    assertTrue(figures.contains(s.getInteger("visitsPlanned") + "\nvizite planificate (din " + s.getInteger("visits")), figures);
    String roads = String.valueOf(page.eval("return document.getElementById('road-sources').innerText"));
    JsonObject legs = s.getJsonObject("legs");
    assertTrue(roads.startsWith("Timpii de drum:"), roads);
    if (legs.getInteger("estimate", 0) > 0) {
      assertTrue(roads.contains("linie dreaptă (fără date de drum), drumuri: " + legs.getInteger("estimate")), roads);
    }
    assertFalse(roads.contains("estimate") || roads.contains("csv"), "no source codes: " + roads);
  }

  @Test
  @Order(3)
  @Timeout(120)
  @DisplayName("the county's horizons are listed; the page reads in English; hostile ids and another county's horizon get the not-found page")
  void listEnglishAndHostileIds() throws Exception {
    page.go(base + "/orizonturi");
    waitFor(() -> text().contains("Orizonturile județului"), "the list");
    String list = check("orizonturi-lista");
    assertTrue(list.contains("Gata") && list.contains("Vrancea"), list);
    assertEquals(1, ((Number) page.eval("return document.querySelectorAll('#horizon-list tbody tr').length")).intValue());
    page.go(horizonUrl + "?lang=en");
    waitFor(() -> text().contains("By locality"), "the English page");
    String en = check("orizont-en");
    assertTrue(en.contains("Road times:") && en.contains("Next visits and caravan"), en);
    page.go(base + "/orizonturi?lang=ro");
    String id = horizonUrl.substring(horizonUrl.lastIndexOf('/') + 1);
    for (String hostile : List.of("%31", "-1", "1.5", "١٢٣", "+" + id, id + "0", id.toUpperCase(Locale.ROOT).replace('-', '_'),
        "abc", "%2B" + id)) {
      String status = String.valueOf(page.evalAsync("const done = arguments[arguments.length - 1];"
          + " fetch('/orizonturi/" + hostile + "').then(r => done(String(r.status)));"));
      assertEquals("404", status, hostile);
    }
    // Bacău's coordinator cannot read Vrancea's horizon
    page.click("form[action='/api/auth/logout'] button");
    waitFor(() -> "/intrare".equals(page.eval("return location.pathname")), "signed out");
    signIn("coordonator.bc@caravana.demo");
    page.go(horizonUrl);
    waitFor(() -> text().contains("nu există") || text().contains("Nu am găsit"), "the not-found page");
    assertEquals("404", String.valueOf(page.evalAsync("const done = arguments[arguments.length - 1];"
        + " fetch(location.href).then(r => done(String(r.status)));")));
    page.go(base + "/orizonturi");
    waitFor(() -> text().contains("Orizonturile județului"), "Bacău's list");
    assertTrue(text().contains("Încă nu există orizonturi"), "Vrancea's horizon is not in Bacău's list");
  }

  private static void signIn(String email) throws Exception {
    page.go(base + "/intrare");
    waitFor(() -> Boolean.TRUE.equals(page.eval("return !!document.getElementById('email')")), "the sign-in form");
    page.type("#email", email);
    page.type("#password", "demo");
    page.click("form.stack button[type=submit]");
    waitFor(() -> "/".equals(page.eval("return location.pathname")), "the home page");
  }

  private static String fetch(String path) {
    return String.valueOf(page.evalAsync("const done = arguments[arguments.length - 1];"
        + " fetch('" + path + "').then(r => r.text()).then(done);"));
  }

  /** Romanian days as people write them: "14 zile", "28 de zile". */
  private static String days(int n) {
    if (n == 1) return "1 zi";
    return n >= 20 && (n % 100 == 0 || n % 100 >= 20) ? n + " de zile" : n + " zile";
  }

  /** The page's visible text, checked in words, accessibility and console, with screenshots at both widths. */
  private static String check(String name) throws Exception {
    return PageCheck.check(page, axe, name);
  }

  private static String text() {
    return PageCheck.text(page);
  }

  private static void waitFor(java.util.function.Supplier<Boolean> condition, String what) throws InterruptedException {
    Chromium.waitFor(condition, what, Duration.ofSeconds(120));
  }
}
