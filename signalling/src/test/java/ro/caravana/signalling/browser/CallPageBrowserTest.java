package ro.caravana.signalling.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import ro.caravana.signalling.ConsultationSlot;
import ro.caravana.signalling.JoinTickets.Provider;
import ro.caravana.signalling.Participant;
import ro.caravana.signalling.Participant.Role;
import ro.caravana.signalling.Signalling;
import ro.caravana.signalling.SignallingConfig;
import ro.caravana.signalling.TestConfigs;

@DisplayName("A consultation in two real browsers (headless Chromium) on the built-in signalling")
class CallPageBrowserTest {

  private static Vertx vertx;
  private static HttpServer server;
  private static Signalling signalling;
  private static Chromium chromium;
  private static final LinkedBlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();

  @BeforeAll
  static void start() throws Exception {
    Path[] binaries = Chromium.require();
    vertx = Vertx.vertx();
    SignallingConfig config = TestConfigs.with(Map.of(
        "telemedicine.attendance-minutes", "0.05", // 3 s together = attended
        "telemedicine.candidate-filter", "loopback",
        "telemedicine.stun-urls", ""));
    Router router = Router.router(vertx);
    // no scheduler here: every ticket's consultation is joinable
    signalling = Signalling.mount(router, vertx, config, events::add, id -> io.vertx.core.Future.succeededFuture(true));
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    chromium = Chromium.start(binaries[0], binaries[1]);
  }

  @AfterAll
  static void stop() throws Exception {
    if (chromium != null) chromium.close();
    if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @Timeout(120)
  @DisplayName("the family waits, the doctor admits, both connect over loopback and decode video, attendance is reported")
  void consultation() throws Exception {
    String id = "7d0c5b7e-1f2a-4c11-9b55-4b7f0a0c0001";
    Instant now = Instant.now();
    ConsultationSlot slot = new ConsultationSlot(id, now.minusSeconds(60), now.plusSeconds(1800));
    String base = "http://127.0.0.1:" + server.actualPort();
    String familyUrl = base + signalling.tickets()
        .join(slot, new Participant("beneficiary:1", "Elena Răducanu", Role.FAMILY), Provider.BUILTIN).getString("url");
    String doctorUrl = base + signalling.tickets()
        .join(slot, new Participant("staff:3", "Dr. Ștefan Dumitrescu", Role.DOCTOR), Provider.BUILTIN).getString("url");

    Chromium.Page family = chromium.open();
    Chromium.Page doctor = chromium.open();
    family.viewport(390, 844, true);
    family.go(familyUrl);
    waitFor(() -> "waiting".equals(family.eval("return window.caravana.status")), "the family is in the waiting room");
    assertTrue(((String) family.script("return document.body.innerText")).contains("Sala de așteptare"));
    family.screenshot(SCREENSHOTS.resolve("consultatie-sala-de-asteptare-390.png"));

    doctor.go(doctorUrl);
    waitFor(() -> Boolean.TRUE.equals(doctor.eval("return !!document.querySelector('#lobby-list .admit')")),
        "the doctor sees who waits");
    assertTrue(((String) doctor.script("return document.getElementById('lobby-list').innerText")).contains("Elena Răducanu"));
    doctor.click("#lobby-list .admit");

    waitFor(() -> "connected".equals(doctor.eval("return window.caravana.connectionState")), "the doctor's peer connection connects");
    waitFor(() -> "connected".equals(family.eval("return window.caravana.connectionState")), "the family's peer connection connects");
    String frames = "const done = arguments[arguments.length - 1]; window.caravana.inboundFramesDecoded().then(done, () => done(-1));";
    waitFor(() -> ((Number) doctor.evalAsync(frames)).longValue() > 0, "the doctor decodes the family's video");
    waitFor(() -> ((Number) family.evalAsync(frames)).longValue() > 0, "the family decodes the doctor's video");
    family.screenshot(SCREENSHOTS.resolve("consultatie-in-apel-390.png"));
    // The signalling relays only loopback candidates; ICE may still pair one with a peer-reflexive
    // candidate on another local address of this host, so one end of the selected pair is loopback
    // and the packets never leave the machine (they travel on the lo device).
    String pair = "const done = arguments[arguments.length - 1];"
        + "window.caravana.pc.getStats().then(s => { let out = null; s.forEach(r => {"
        + " if (r.type === 'candidate-pair' && r.state === 'succeeded' && r.nominated) {"
        + "  const l = s.get(r.localCandidateId), m = s.get(r.remoteCandidateId);"
        + "  out = [l && (l.address || l.ip), m && (m.address || m.ip)]; } }); done(out); });";
    for (Chromium.Page side : new Chromium.Page[] {doctor, family}) {
      Object ends = side.evalAsync(pair);
      assertTrue(ends instanceof JsonArray a && a.stream().anyMatch(x -> "127.0.0.1".equals(x) || "::1".equals(x)),
          "a loopback end in the selected pair: " + ends);
    }

    JsonObject reached = event("attendance.reached", id);
    assertTrue(reached.getLong("togetherSeconds") >= 3, reached.encode());

    doctor.click("#end");
    waitFor(() -> "ended".equals(family.eval("return window.caravana.status")), "the family sees the end");
    JsonObject ended = event("consultation.ended", id);
    assertTrue(ended.getBoolean("familyJoined"));
  }



  @Test
  @Timeout(60)
  @DisplayName("a link opened two hours early says when the call opens, tries no connection, and shows no lost-connection or expired text")
  void tooEarly() throws Exception {
    String id = "7d0c5b7e-1f2a-4c11-9b55-4b7f0a0c0002";
    Instant start = Instant.now().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    ConsultationSlot slot = new ConsultationSlot(id, start, start.plus(Duration.ofMinutes(30)));
    String url = "http://127.0.0.1:" + server.actualPort() + signalling.tickets()
        .join(slot, new Participant("beneficiary:2", "Ana Lungu", Role.FAMILY), Provider.BUILTIN).getString("url");
    java.time.format.DateTimeFormatter hm = java.time.format.DateTimeFormatter.ofPattern("HH:mm")
        .withZone(java.time.ZoneId.of("Europe/Bucharest"));
    Chromium.Page page = chromium.open();
    page.viewport(390, 844, true);
    page.go(url);
    waitFor(() -> "too-early".equals(page.eval("return window.caravana.status")), "the page says it is too early");
    Thread.sleep(3000); // long enough for a refused connection to have shown "reconnecting" before
    String text = (String) page.script("return document.body.innerText");
    assertTrue(text.contains("la ora " + hm.format(start.minus(Duration.ofMinutes(10)))), text);
    assertTrue(text.contains(hm.format(start)), text);
    for (String wrong : new String[] {"pierdut", "expirat", "lost", "expired", "nu este valid"}) {
      assertTrue(!text.toLowerCase(java.util.Locale.ROOT).contains(wrong), "shows '" + wrong + "': " + text);
    }
    assertTrue(Boolean.TRUE.equals(page.script("return window.caravana.ws === null")), "no connection was tried");
    assertEquals(0, signalling.endpoint().sockets());
    page.screenshot(SCREENSHOTS.resolve("consultatie-prea-devreme-390.png"));
    page.click("#lang");
    String english = (String) page.script("return document.getElementById('status').innerText");
    assertTrue(english.contains("opens 10 minutes before"), english);
    page.click("#test");
    waitFor(() -> !((String) page.eval("return document.getElementById('test-result').innerText")).isEmpty(),
        "the camera test answers");
    assertEquals(java.util.List.of(), page.consoleErrors());
    page.quit();
  }

  @Test
  @Timeout(60)
  @DisplayName("a link opened after its window says the consultation has ended")
  void over() throws Exception {
    String id = "7d0c5b7e-1f2a-4c11-9b55-4b7f0a0c0003";
    Instant start = Instant.now().minus(Duration.ofHours(3));
    ConsultationSlot slot = new ConsultationSlot(id, start, start.plus(Duration.ofMinutes(30)));
    String url = "http://127.0.0.1:" + server.actualPort() + signalling.tickets()
        .join(slot, new Participant("beneficiary:3", "Ion Lungu", Role.FAMILY), Provider.BUILTIN).getString("url");
    Chromium.Page page = chromium.open();
    page.go(url);
    waitFor(() -> "over".equals(page.eval("return window.caravana.status")), "the page says the consultation ended");
    assertTrue(((String) page.script("return document.body.innerText")).contains("Consultația s-a încheiat"));
    page.quit();
  }

  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private static void waitFor(Supplier<Boolean> condition, String what) throws InterruptedException {
    Chromium.waitFor(condition, what, Duration.ofSeconds(30));
  }

  private static JsonObject event(String type, String consultationId) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      JsonObject e = events.poll(100, TimeUnit.MILLISECONDS);
      if (e != null && type.equals(e.getString("type")) && consultationId.equals(e.getString("consultationId"))) return e;
    }
    throw new AssertionError("no " + type + " event");
  }
}
