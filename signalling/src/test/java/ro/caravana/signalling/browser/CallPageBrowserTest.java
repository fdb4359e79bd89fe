package ro.caravana.signalling.browser;

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
    signalling = Signalling.mount(router, vertx, config, events::add);
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
    family.go(familyUrl);
    waitFor(() -> "waiting".equals(family.eval("return window.caravana.status")), "the family is in the waiting room");
    assertTrue(((String) family.script("return document.body.innerText")).contains("Sala de așteptare"));

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
