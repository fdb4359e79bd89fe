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
import java.util.List;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.access.FamilyLinks;
import ro.caravana.scheduler.access.Role;
import ro.caravana.scheduler.support.TestSystem;

@DisplayName("Consultations: the API over remote appointments, and attendance from presence events")
class ConsultationApiTest {

  private static final ZoneId ZONE = ZoneId.of("Europe/Bucharest");
  private static Vertx vertx;
  private static SchedulerApp app;
  private static WebClient client;
  /** Calls as an administrator: access rules are tested in the access package. */
  private static String token;
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
    token = TestSystem.adminToken(app);
    fixtures = ConsultationFixtures.create(app.pool());
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static HttpResponse<Buffer> http(String uri) throws Exception {
    return get(client.get(app.port(), "127.0.0.1", uri).putHeader("Authorization", "Bearer " + token).send());
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

  /** A signed-in account of the given role, linked to a staff member (null: none), in Bacău. */
  private static String tokenOf(Role role, Long staff) throws Exception {
    var account = get(app.access().createAccount(role.wire() + "." + UUID.randomUUID() + "@caravana.test", "Test",
        role, List.of("BC"), null, staff, UUID.randomUUID().toString()));
    return app.access().tokens().issue(account);
  }

  private static long clinician(String role) throws Exception {
    return get(app.pool().preparedQuery("INSERT INTO staff (code, first_name, last_name, role, county) "
        + "VALUES ($1, 'Test', 'Clinician', $2, 'BC') RETURNING id")
        .execute(Tuple.of("T-" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000), role)))
        .iterator().next().getLong(0);
  }

  private static HttpResponse<Buffer> http(String uri, String bearer) throws Exception {
    var request = client.get(app.port(), "127.0.0.1", uri);
    if (bearer != null) request.putHeader("Authorization", "Bearer " + bearer);
    return get(request.send());
  }

  private static long audited(String action, UUID beneficiary) throws Exception {
    return get(app.pool().preparedQuery("SELECT count(*) FROM audit_log WHERE action = $1 AND beneficiary_id = $2")
        .execute(Tuple.of(action, beneficiary))).iterator().next().getLong(0);
  }

  @Test
  @DisplayName("join answers the doctor's ticket to the appointment's clinician; bad role, unknown provider and closed consultations are refused")
  void join() throws Exception {
    String doctor = tokenOf(Role.DOCTOR, fixtures.doctorId);
    UUID id = fixtures.appointment("remote", soon(), 20, "booked");
    long before = audited("join-doctor", fixtures.beneficiaryId);
    JsonObject ticket = http("/api/consultations/" + id + "/join?as=doctor&provider=builtin", doctor).bodyAsJsonObject();
    assertEquals("builtin", ticket.getString("provider"));
    assertEquals("Ioana Mureșan", ticket.getString("name"));
    assertEquals("staff:" + fixtures.doctorId, ticket.getString("participantId"));
    assertNotNull(ticket.getString("start"));
    assertNotNull(ticket.getString("url"));
    assertEquals(before + 1, audited("join-doctor", fixtures.beneficiaryId), "every ticket issued is audited");

    HttpResponse<Buffer> noRole = http("/api/consultations/" + id + "/join", doctor);
    assertEquals(400, noRole.statusCode());
    assertEquals("application/problem+json", noRole.getHeader("Content-Type"));
    assertEquals(400, http("/api/consultations/" + id + "/join?as=nurse", doctor).statusCode());
    assertEquals(400, http("/api/consultations/" + id + "/join?as=doctor&provider=zoom", doctor).statusCode());
    UUID cancelled = fixtures.appointment("remote", soon(), 20, "cancelled");
    assertEquals(409, http("/api/consultations/" + cancelled + "/join?as=doctor", doctor).statusCode());
    UUID past = fixtures.appointment("remote", OffsetDateTime.now(ZONE).minusHours(3), 20, "booked");
    assertEquals(409, http("/api/consultations/" + past + "/join?as=doctor", doctor).statusCode());
  }

  @Test
  @DisplayName("cancelling the appointment revokes the call: the signalling is told the consultation is no longer joinable "
      + "(tickets issued before stop opening sockets) and the join endpoint refuses new tickets")
  void cancellingRevokesTickets() throws Exception {
    String doctor = tokenOf(Role.DOCTOR, fixtures.doctorId);
    UUID id = fixtures.appointment("remote", soon(), 20, "booked");
    assertEquals(200, http("/api/consultations/" + id + "/join?as=doctor&provider=builtin", doctor).statusCode());
    assertEquals(true, joinable(id.toString()), "booked: joinable");

    var cancel = get(client.patch(app.port(), "127.0.0.1", "/api/appointments/" + id).putHeader("Authorization", "Bearer " + token)
        .sendJsonObject(new JsonObject().put("status", "cancelled")));
    assertEquals(200, cancel.statusCode(), cancel.bodyAsString());

    assertEquals(false, joinable(id.toString()), "cancelled: the signalling refuses the tickets issued before");
    assertEquals(409, http("/api/consultations/" + id + "/join?as=doctor&provider=builtin", doctor).statusCode());
    // what the signalling may ask about: only real remote appointments, named canonically
    assertEquals(false, joinable(UUID.randomUUID().toString()));
    assertEquals(false, joinable(fixtures.appointment("caravan", soon(), 20, "booked").toString()));
    assertEquals(false, joinable("\uff13" + UUID.randomUUID().toString().substring(1)));
    assertEquals(false, joinable(id.toString().toUpperCase() + " "));
  }

  private static Boolean joinable(String id) throws Exception {
    return get(vertx.eventBus().<Boolean>request(ConsultationRoutes.JOINABLE_ADDRESS, id)).body();
  }

  @Test
  @DisplayName("call roles are bound to people: coordinators, admins and other clinicians get no ticket; the clinician not the family's; "
      + "a designated substitute and helper do; the family through their link")
  void ticketsBoundToPeople() throws Exception {
    UUID id = fixtures.appointment("remote", soon(), 20, "booked");
    String doctor = tokenOf(Role.DOCTOR, fixtures.doctorId);
    long otherDoctorStaff = clinician("doctor");
    long nurseStaff = clinician("nurse");
    String otherDoctor = tokenOf(Role.DOCTOR, otherDoctorStaff);
    String nurse = tokenOf(Role.NURSE, nurseStaff);
    for (Role role : new Role[] {Role.COUNTY_COORDINATOR, Role.SUPERVISOR, Role.ADMIN}) {
      String t = tokenOf(role, null);
      for (String as : new String[] {"doctor", "family"}) {
        assertEquals(403, http("/api/consultations/" + id + "/join?as=" + as, t).statusCode(), role + " as " + as);
      }
    }
    // the clinician of the appointment cannot be the family too (presence would mark it fulfilled)
    assertEquals(403, http("/api/consultations/" + id + "/join?as=family", doctor).statusCode());
    // another clinician does not even see it
    assertEquals(404, http("/api/consultations/" + id + "/join?as=doctor", otherDoctor).statusCode());
    assertEquals(404, http("/api/consultations/" + id + "/join?as=family", nurse).statusCode());

    // an administrator designates a substitute and a helper, each with a reason
    String admin = token;
    var bad = get(client.post(app.port(), "127.0.0.1", "/api/consultations/" + id + "/participants")
        .putHeader("Authorization", "Bearer " + admin)
        .sendJsonObject(new JsonObject().put("staffId", otherDoctorStaff).put("kind", "substitute")));
    assertEquals(400, bad.statusCode(), bad.bodyAsString());
    for (var d : new Object[][] {{otherDoctorStaff, "substitute"}, {nurseStaff, "helper"}}) {
      var r = get(client.post(app.port(), "127.0.0.1", "/api/consultations/" + id + "/participants")
          .putHeader("Authorization", "Bearer " + admin)
          .sendJsonObject(new JsonObject().put("staffId", d[0]).put("kind", d[1]).put("reason", "Dr. Mureșan is on leave")));
      assertEquals(201, r.statusCode(), r.bodyAsString());
    }
    var coordinatorDesignates = get(client.post(app.port(), "127.0.0.1", "/api/consultations/" + id + "/participants")
        .putHeader("Authorization", "Bearer " + tokenOf(Role.COUNTY_COORDINATOR, null))
        .sendJsonObject(new JsonObject().put("staffId", nurseStaff).put("kind", "substitute").put("reason", "no reason")));
    assertEquals(403, coordinatorDesignates.statusCode());
    assertEquals(200, http("/api/consultations/" + id + "/join?as=doctor", otherDoctor).statusCode());
    assertEquals(403, http("/api/consultations/" + id + "/join?as=family", otherDoctor).statusCode());
    assertEquals(200, http("/api/consultations/" + id + "/join?as=family", nurse).statusCode());
    assertEquals(403, http("/api/consultations/" + id + "/join?as=doctor", nurse).statusCode());

    // the family, through their link: no account
    long familyTickets = audited("join-family", fixtures.beneficiaryId);
    String link = get(app.access().familyLinks().issue(id));
    var family = http("/api/family/" + link + "/join", null);
    assertEquals(200, family.statusCode(), family.bodyAsString());
    assertEquals("family", family.bodyAsJsonObject().getString("as"));
    assertEquals("beneficiary:" + fixtures.beneficiaryId, family.bodyAsJsonObject().getString("participantId"));
    assertEquals(familyTickets + 1, audited("join-family", fixtures.beneficiaryId));
    String altered = link.substring(0, link.length() - 1) + (link.endsWith("A") ? "B" : "A");
    assertEquals(404, http("/api/family/" + altered + "/join", null).statusCode());
    get(FamilyLinks.revokeAll(app.pool(), id));
    assertEquals(404, http("/api/family/" + link + "/join", null).statusCode());
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
