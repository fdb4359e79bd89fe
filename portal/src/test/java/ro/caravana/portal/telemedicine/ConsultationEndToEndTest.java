package ro.caravana.portal.telemedicine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import ro.caravana.portal.server.PortalRoutes;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.access.Role;
import ro.caravana.scheduler.consultation.ConsultationFixtures;
import ro.caravana.scheduler.support.TestSystem;
import ro.caravana.signalling.browser.Chromium;

@DisplayName("A remote appointment from the API to two browsers and back to the record as fulfilled")
class ConsultationEndToEndTest {

  private static Vertx vertx;
  private static SchedulerApp app;
  private static WebClient client;
  private static Chromium chromium;
  private static String token;

  @BeforeAll
  static void start() throws Exception {
    Path[] binaries = Chromium.require();
    vertx = Vertx.vertx();
    app = TestSystem.startApp(vertx, false, TestSystem.config(Map.of(
            "telemedicine.attendance-minutes", "0.05", // 3 s together = attended
            "telemedicine.candidate-filter", "loopback",
            "telemedicine.stun-urls", "")), PortalRoutes::mount)
        .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    client = WebClient.create(vertx);
    token = TestSystem.adminToken(app);
    chromium = Chromium.start(binaries[0], binaries[1]);
  }

  @AfterAll
  static void stop() throws Exception {
    if (chromium != null) chromium.close();
    if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static JsonObject api(String uri) throws Exception {
    return call(uri, token);
  }

  private static JsonObject call(String uri, String bearer) throws Exception {
    var request = client.get(app.port(), "127.0.0.1", uri);
    if (bearer != null) request.bearerTokenAuthentication(bearer);
    var r = request.send().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  @Test
  @Timeout(180)
  @DisplayName("join tickets from the API open the call page; the doctor admits; video flows both ways; the appointment reads fulfilled")
  void consultation() throws Exception {
    ConsultationFixtures fixtures = ConsultationFixtures.create(app.pool());
    UUID id = fixtures.appointment("remote", OffsetDateTime.now(ZoneId.of("Europe/Bucharest")).minusMinutes(1), 30, "booked");
    // tickets are bound to people: the family through their link, the doctor as the appointment's clinician
    String link = app.access().familyLinks().issue(id).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    JsonObject familyTicket = call("/api/family/" + link + "/join?provider=builtin", null);
    var account = app.access().createAccount("medic." + id + "@caravana.test", "Ioana Mureșan", Role.DOCTOR, List.of("BC"),
        null, fixtures.doctorId, UUID.randomUUID().toString()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    JsonObject doctorTicket = call("/api/consultations/" + id + "/join?as=doctor", app.access().tokens().issue(account));
    assertEquals("builtin", doctorTicket.getString("provider"), "without Jitsi the built-in signalling is the default");
    assertTrue(doctorTicket.getJsonArray("iceServers").isEmpty());
    String base = "http://127.0.0.1:" + app.port();

    Chromium.Page family = chromium.open();
    Chromium.Page doctor = chromium.open();
    family.go(base + familyTicket.getString("url"));
    waitFor(() -> "waiting".equals(family.eval("return window.caravana.status")), "the family waits");
    waitFor(() -> "waiting".equals(api0("/api/consultations/" + id).getString("status")), "the API shows the family waiting");

    doctor.go(base + doctorTicket.getString("url"));
    waitFor(() -> Boolean.TRUE.equals(doctor.eval("return !!document.querySelector('#lobby-list .admit')")), "the doctor sees who waits");
    assertTrue(((String) doctor.script("return document.getElementById('lobby-list').innerText")).contains("Elena Țurcanu"));
    doctor.click("#lobby-list .admit");

    String frames = "const done = arguments[arguments.length - 1]; window.caravana.inboundFramesDecoded().then(done, () => done(-1));";
    waitFor(() -> "connected".equals(doctor.eval("return window.caravana.connectionState")), "the doctor connects");
    waitFor(() -> "connected".equals(family.eval("return window.caravana.connectionState")), "the family connects");
    waitFor(() -> ((Number) doctor.evalAsync(frames)).longValue() > 0, "the doctor decodes video");
    waitFor(() -> ((Number) family.evalAsync(frames)).longValue() > 0, "the family decodes video");

    waitFor(() -> "fulfilled".equals(api0("/api/consultations/" + id).getString("appointmentStatus")),
        "the appointment is fulfilled after the (shortened) attendance time");
    doctor.click("#end");
    waitFor(() -> "completed".equals(api0("/api/consultations/" + id).getString("status")), "the consultation is completed");
    JsonObject done = api("/api/consultations/" + id);
    assertTrue(done.getInteger("togetherSeconds") >= 3, done.encode());
  }

  private static JsonObject api0(String uri) {
    try {
      return api(uri);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }



  private static void waitFor(Supplier<Boolean> condition, String what) throws InterruptedException {
    Chromium.waitFor(condition, what, Duration.ofSeconds(40));
  }
}
