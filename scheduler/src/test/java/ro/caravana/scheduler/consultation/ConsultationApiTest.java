package ro.caravana.scheduler.consultation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ro.caravana.scheduler.consultation.ConsultationFixtures.get;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.support.TestSystem;

@DisplayName("Consultations: the API over remote appointments, and attendance from presence events")
class ConsultationApiTest {

  private static final ZoneId ZONE = ZoneId.of("Europe/Bucharest");
  private static Vertx vertx;
  private static SchedulerApp app;
  private static WebClient client;
  private static ConsultationFixtures fixtures;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    // stands in for the signalling's join service
    vertx.eventBus().<JsonObject>consumer(JoinIssuer.ADDRESS, m -> {
      if ("zoom".equals(m.body().getString("provider"))) {
        m.fail(400, "unknown provider");
        return;
      }
      m.reply(new JsonObject().put("provider", m.body().getString("provider", "builtin"))
          .put("url", "/consultatie/" + m.body().getString("consultationId")).put("jwt", "x.y.z")
          .put("as", m.body().getString("as")).put("name", m.body().getJsonObject("participant").getString("name"))
          .put("participantId", m.body().getJsonObject("participant").getString("id")));
    });
    app = get(TestSystem.startApp(vertx, false));
    client = WebClient.create(vertx);
    fixtures = ConsultationFixtures.create(app.pool());
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static HttpResponse<Buffer> http(String uri) throws Exception {
    return get(client.get(app.port(), "127.0.0.1", uri).send());
  }

  private static OffsetDateTime soon() {
    return OffsetDateTime.now(ZONE).truncatedTo(ChronoUnit.MINUTES).plusMinutes(5);
  }

  @Test
  @DisplayName("remote appointments are listed as consultations with ISO-8601 start and end with offset")
  void listAndGet() throws Exception {
    UUID remote = fixtures.appointment("remote", soon(), 30, "booked");
    fixtures.appointment("caravan", soon(), 30, "booked");
    HttpResponse<Buffer> r = http("/api/consultations?limit=500");
    assertEquals(200, r.statusCode());
    JsonObject page = r.bodyAsJsonObject();
    JsonArray items = page.getJsonArray("items");
    assertTrue(page.getLong("total") >= 1);
    assertTrue(items.stream().map(o -> (JsonObject) o).noneMatch(o -> o.getString("id") == null));
    JsonObject mine = items.stream().map(o -> (JsonObject) o).filter(o -> o.getString("id").equals(remote.toString()))
        .findFirst().orElseThrow();
    assertEquals(items.size(), items.stream().map(o -> (JsonObject) o).filter(o -> o.getString("status") != null).count());
    assertTrue(mine.getString("start").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d"), mine.getString("start"));
    assertEquals(OffsetDateTime.parse(mine.getString("start")).plusMinutes(30), OffsetDateTime.parse(mine.getString("end")));
    assertEquals("scheduled", mine.getString("status"));
    assertEquals("Elena Țurcanu", mine.getJsonObject("beneficiary").getString("name"));
    assertEquals("Ioana Mureșan", mine.getJsonObject("doctor").getString("name"));

    assertEquals(1, http("/api/consultations?limit=1").bodyAsJsonObject().getJsonArray("items").size());
    JsonObject one = http("/api/consultations/" + remote).bodyAsJsonObject();
    assertEquals(remote.toString(), one.getString("id"));
    assertEquals(404, http("/api/consultations/" + UUID.randomUUID()).statusCode());
    assertEquals(400, http("/api/consultations/not-a-uuid").statusCode());
    assertEquals(400, http("/api/consultations?limit=0").statusCode());
  }

  @Test
  @DisplayName("join answers the ticket for doctor or family; bad role, unknown provider and closed consultations are refused")
  void join() throws Exception {
    UUID id = fixtures.appointment("remote", soon(), 20, "booked");
    JsonObject doctor = http("/api/consultations/" + id + "/join?as=doctor&provider=builtin").bodyAsJsonObject();
    assertEquals("builtin", doctor.getString("provider"));
    assertEquals("Ioana Mureșan", doctor.getString("name"));
    assertEquals("staff:" + fixtures.doctorId, doctor.getString("participantId"));
    assertNotNull(doctor.getString("start"));
    assertNotNull(doctor.getString("url"));
    assertEquals("Elena Țurcanu", http("/api/consultations/" + id + "/join?as=family").bodyAsJsonObject().getString("name"));

    HttpResponse<Buffer> noRole = http("/api/consultations/" + id + "/join");
    assertEquals(400, noRole.statusCode());
    assertEquals("application/problem+json", noRole.getHeader("Content-Type"));
    assertEquals(400, http("/api/consultations/" + id + "/join?as=nurse").statusCode());
    assertEquals(400, http("/api/consultations/" + id + "/join?as=family&provider=zoom").statusCode());
    UUID cancelled = fixtures.appointment("remote", soon(), 20, "cancelled");
    assertEquals(409, http("/api/consultations/" + cancelled + "/join?as=family").statusCode());
    UUID past = fixtures.appointment("remote", OffsetDateTime.now(ZONE).minusHours(3), 20, "booked");
    assertEquals(409, http("/api/consultations/" + past + "/join?as=family").statusCode());
  }

  @Test
  @DisplayName("presence events move the consultation on; together long enough fulfils the appointment once, with minutes and outbox events")
  void attendanceFromPresence() throws Exception {
    UUID id = fixtures.appointment("remote", OffsetDateTime.now(ZONE).minusMinutes(5), 30, "booked");
    publish(event("participant.joined", id).put("role", "family"));
    await(() -> "waiting".equals(status(id)), "waiting");
    publish(event("participant.joined", id).put("role", "doctor"));
    publish(event("consultation.started", id));
    await(() -> "in-progress".equals(status(id)), "in progress");

    JsonObject reached = event("attendance.reached", id).put("togetherSeconds", 725);
    publish(reached);
    publish(reached.copy()); // the same event again: applied once
    await(() -> "fulfilled".equals(appointmentStatus(id)), "fulfilled");
    publish(event("consultation.ended", id).put("togetherSeconds", 1500).put("familyJoined", true));
    await(() -> "completed".equals(status(id)), "completed");

    Row mark = get(app.pool().preparedQuery("SELECT count(*) AS n, max(minutes) AS minutes, max(status) AS status "
        + "FROM attendance_marks WHERE appointment_id = $1").execute(Tuple.of(id))).iterator().next();
    assertEquals(1, mark.getLong("n"));
    assertEquals("fulfilled", mark.getString("status"));
    assertEquals(25, mark.getInteger("minutes"), "the final duration replaces the one at the threshold");
    long outbox = get(app.pool().preparedQuery("SELECT count(*) FROM outbox WHERE payload->>'appointmentId' = $1 "
        + "AND event_type IN ('appointment.fulfilled', 'attendance.recorded')").execute(Tuple.of(id.toString())))
        .iterator().next().getLong(0);
    assertEquals(2, outbox);
    JsonObject json = http("/api/consultations/" + id).bodyAsJsonObject();
    assertEquals("completed", json.getString("status"));
    assertEquals("fulfilled", json.getString("appointmentStatus"));
    assertEquals(1500, json.getInteger("togetherSeconds"));
  }

  @Test
  @DisplayName("a family that never joined is a no-show after slot end plus grace; one that joined is not")
  void noShow() throws Exception {
    UUID absent = fixtures.appointment("remote", OffsetDateTime.now(ZONE).minusHours(2), 30, "booked");
    UUID came = fixtures.appointment("remote", OffsetDateTime.now(ZONE).minusHours(2), 30, "booked");
    UUID recent = fixtures.appointment("remote", OffsetDateTime.now(ZONE).minusMinutes(35), 30, "booked");
    publish(event("participant.joined", came).put("role", "family"));
    await(() -> "waiting".equals(status(came)), "the family joined");
    AttendanceFromPresence sweep = new AttendanceFromPresence(app.pool(), Duration.ofMinutes(15), Duration.ofMinutes(1));
    assertTrue(get(sweep.sweepOnce()) >= 1);
    assertEquals("noshow", appointmentStatus(absent));
    assertEquals("no-show", status(absent));
    assertEquals("booked", appointmentStatus(came));
    assertEquals("booked", appointmentStatus(recent), "still inside the grace period");
    long marks = get(app.pool().preparedQuery("SELECT count(*) FROM attendance_marks WHERE appointment_id = $1 AND status = 'noshow'")
        .execute(Tuple.of(absent))).iterator().next().getLong(0);
    assertEquals(1, marks);
    assertEquals(0, get(sweep.sweepOnce()) - 0, "a second sweep finds nothing new");
  }

  private static JsonObject event(String type, UUID id) {
    return new JsonObject().put("eventId", UUID.randomUUID().toString()).put("type", type)
        .put("consultationId", id.toString()).put("at", OffsetDateTime.now().toString());
  }

  private static void publish(JsonObject e) {
    vertx.eventBus().publish(AttendanceFromPresence.ADDRESS, e);
  }

  private static String status(UUID id) {
    try {
      return http("/api/consultations/" + id).bodyAsJsonObject().getString("status");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String appointmentStatus(UUID id) {
    try {
      return get(app.pool().preparedQuery("SELECT status FROM appointments WHERE id = $1").execute(Tuple.of(id)))
          .iterator().next().getString(0);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (condition.get()) return;
      Thread.sleep(50);
    }
    throw new AssertionError("timed out waiting for " + what);
  }
}
