package ro.caravana.portal.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ro.caravana.portal.field.Browser.SCREENSHOTS;
import static ro.caravana.portal.field.Browser.text;
import static ro.caravana.portal.field.Browser.waitFor;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
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
import ro.caravana.scheduler.platform.config.AppConfig;
import ro.caravana.scheduler.platform.db.DatabaseSettings;
import ro.caravana.scheduler.support.TestSystem;
import ro.caravana.signalling.browser.Chromium;

/**
 * The caravan crew's page with no connection: load online, lose the network (the browser is offline and the
 * server is down), mark ten, reload the page offline, mark two more, come back, and stop the server in the
 * middle of the sync. Exactly twelve marks reach the record, none twice. The server keeps its port and its
 * database across restarts, as a real one would.
 */
@DisplayName("/teren offline round trip in headless Chromium: twelve marks made offline, each recorded exactly once")
class TerenOfflineBrowserTest {

  private static DatabaseSettings db;
  private static AppConfig config;
  private static Vertx vertx;
  private static SchedulerApp app;
  private static Chromium chromium;
  private static FieldFixtures f;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    Path[] binaries = Chromium.require();
    db = TestSystem.freshDatabaseSettings();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // an ephemeral port, kept across the restarts below
    }
    config = TestSystem.config(Map.of("http.port", Integer.toString(port)));
    startServer();
    f = FieldFixtures.create(app, LocalDate.now(FieldFixtures.ZONE), 6);
    base = "http://127.0.0.1:" + port;
    chromium = Chromium.start(binaries[0], binaries[1]);
  }

  private static void startServer() throws Exception {
    vertx = Vertx.vertx();
    app = FieldFixtures.get(SchedulerApp.start(vertx, config, db, TestSystem.kafkaBootstrap(), false, PortalRoutes::mount), 240);
  }

  private static void stopServer() throws Exception {
    Vertx v = vertx;
    vertx = null;
    FieldFixtures.get(v.close());
  }

  @AfterAll
  static void stop() throws Exception {
    if (chromium != null) chromium.close();
    if (vertx != null) stopServer();
  }

  /** Marks of the day's appointments on record: count, distinct keys, and per appointment. */
  private static Map<UUID, Integer> marksOnRecord() throws Exception {
    Map<UUID, Integer> out = new HashMap<>();
    for (Row r : FieldFixtures.get(app.pool().preparedQuery("SELECT appointment_id, count(*) FROM attendance_marks "
        + "WHERE appointment_id = ANY($1) GROUP BY appointment_id").execute(Tuple.of(f.appointments.toArray(UUID[]::new))))) {
      out.put(r.getUUID(0), r.getLong(1).intValue());
    }
    return out;
  }

  private static int total() throws Exception {
    return marksOnRecord().values().stream().mapToInt(Integer::intValue).sum();
  }

  private static void tap(Chromium.Page page, int i, String kind) throws Exception {
    page.click("li.appointment[data-id='" + f.appointments.get(i) + "'] button[data-mark=" + kind + "]");
  }

  private static int waiting(Chromium.Page page) {
    return Integer.parseInt(String.valueOf(page.eval("return document.getElementById('teren-sync').dataset.waiting || '-1'")));
  }

  private static String kind(int i) {
    return i % 5 == 3 ? "absent" : i % 5 == 4 ? "excused" : "present";
  }

  @Test
  @Timeout(300)
  @DisplayName("load online, go offline, mark ten, reload offline, mark two more, come back, restart the server mid-sync")
  void offlineRoundTrip() throws Exception {
    Chromium.Page page = chromium.open();
    page.viewport(390, 844, true);
    Browser.signIn(page, base, f.nurseEmail, FieldFixtures.PASSWORD, "/teren");
    waitFor(() -> Boolean.TRUE.equals(page.eval("return !!(window.teren && window.teren.ready)")), "the page is ready");
    assertEquals(Boolean.TRUE, page.script("return window.teren.kept"), "the service worker kept the day's page");
    assertTrue(text(page).contains("Teren"), text(page));
    page.screenshot(SCREENSHOTS.resolve("teren-online-390.png"));

    // no network: the browser is offline and the server is down
    page.offline(true);
    stopServer();
    for (int i = 0; i < 10; i++) tap(page, i, kind(i));
    waitFor(() -> waiting(page) == 10, "ten marks wait on the phone");
    assertTrue(text(page).contains("10 marcări așteaptă conexiunea"), text(page));

    page.script("location.reload()");
    waitFor(() -> Boolean.TRUE.equals(page.eval("return !!(window.teren && window.teren.ready)")), "the page reloads offline");
    waitFor(() -> waiting(page) == 10, "the ten marks survived the reload");
    tap(page, 10, kind(10));
    tap(page, 11, kind(11));
    waitFor(() -> waiting(page) == 12, "twelve marks wait");
    String offline = text(page);
    assertTrue(offline.contains("așteaptă conexiunea"), offline);
    page.screenshot(SCREENSHOTS.resolve("teren-offline-390.png"));

    // back online; the server goes down again as soon as the first marks arrive, then comes back
    startServer();
    page.offline(false);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    int atStop = total();
    while (atStop == 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
      atStop = total();
    }
    stopServer();
    System.out.println("teren offline test: server stopped with " + atStop + " of 12 marks on record");
    assertTrue(atStop > 0, "the sync started");
    Thread.sleep(1500);
    startServer();
    waitFor(() -> waiting(page) == 0, "every mark was sent");

    Map<UUID, Integer> marks = marksOnRecord();
    assertEquals(12, marks.size(), marks.toString());
    assertTrue(marks.values().stream().allMatch(n -> n == 1), "none twice: " + marks);
    long keys = FieldFixtures.get(app.pool().preparedQuery("SELECT count(DISTINCT idempotency_key) FROM attendance_marks "
        + "WHERE appointment_id = ANY($1)").execute(Tuple.of(f.appointments.toArray(UUID[]::new)))).iterator().next().getLong(0);
    assertEquals(12, keys);
    WebClient client = WebClient.create(vertx);
    String token = f.nurseToken(app);
    for (int i = 0; i < 12; i++) {
      JsonObject a = client.get(app.port(), "127.0.0.1", "/api/appointments/" + f.appointments.get(i))
          .bearerTokenAuthentication(token).send().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS)
          .bodyAsJsonObject();
      String expected = switch (kind(i)) {
        case "absent" -> "noshow";
        case "excused" -> "cancelled";
        default -> "fulfilled";
      };
      assertEquals(expected, a.getString("status"), "appointment " + i);
      assertEquals(1L, a.getLong("attendanceMarks"));
    }
    String after = text(page);
    assertTrue(after.contains("Toate marcările au fost trimise"), after);
    page.screenshot(SCREENSHOTS.resolve("teren-sincronizat-390.png"));
    // what the deliberate outages leave in the console (refused and cut connections, and the 503 of the request
    // whose database connection closed under it as the server stopped) is expected; nothing else is (a 500 is not)
    assertEquals(List.of(), page.consoleErrors().stream()
        .filter(e -> !e.contains("ERR_INTERNET_DISCONNECTED") && !e.contains("ERR_CONNECTION_REFUSED")
            && !e.contains("Failed to fetch") && !e.contains("ERR_CONNECTION_RESET") && !e.contains("ERR_EMPTY_RESPONSE")
            && !(e.contains("/api/field/marks") && e.contains("status of 503")) && !Browser.isSignInFavicon(e))
        .toList());
    page.quit();
  }
}
