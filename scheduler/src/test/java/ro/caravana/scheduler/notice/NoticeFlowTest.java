package ro.caravana.scheduler.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ro.caravana.scheduler.notice.NoticeFixtures.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.notice.smpp.LocalSmscServer;
import ro.caravana.scheduler.platform.outbox.Topics;
import ro.caravana.scheduler.notice.gateway.InboundSms;
import ro.caravana.scheduler.support.TestSystem;

@DisplayName("SMS notices from appointment events to the phone and back")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NoticeFlowTest {

  private static final ZoneId ZONE = ZoneId.of("Europe/Bucharest");
  private static Vertx vertx;
  private static SchedulerApp app;
  private static Pool pool;
  private static NoticeFixtures fixtures;
  private static LocalSmscServer smsc;
  private static WebClient http;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    app = await(TestSystem.startApp(vertx, false, TestSystem.config(Map.of(
        "sms.enabled", "true",
        "sms.gateway", "local",
        "sms.quiet-hours", "none",
        "sms.sender.poll-ms", "50",
        "sms.local.receipt-delay-ms", "20",
        "sms.reminder.enabled", "false",
        "sms.notifier.group", "notifier-flow-" + System.nanoTime())), (router, ctx) -> { }));
    pool = app.pool();
    fixtures = new NoticeFixtures(pool).prepare();
    smsc = app.notices().localSmsc().orElseThrow();
    http = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) await(app.close());
    vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static Instant inDays(int days, int hour, int minute) {
    return LocalDateTime.now(ZONE).plusDays(days).withHour(hour).withMinute(minute).truncatedTo(ChronoUnit.MINUTES)
        .atZone(ZONE).toInstant();
  }

  @Test
  @DisplayName("a booking becomes one Romanian GSM-7 SMS that reaches the SMSC and is delivered; the API shows it")
  void bookedToDelivered() throws Exception {
    String phone = NoticeFixtures.newPhone();
    UUID ana = fixtures.beneficiary("Ana", phone, true, "ro");
    UUID appointment = fixtures.bookAtCentre(ana, inDays(3, 10, 30));
    JsonObject notice = waitFor(() -> noticeOf(appointment, "delivered"), "delivered notice");
    assertEquals("GSM-7", notice.getString("encoding"));
    assertEquals(1, notice.getInteger("segments"));
    assertEquals(6, notice.getInteger("cost"));
    assertTrue(notice.getString("body").startsWith("Ana: kinetoterapie "), notice.getString("body"));
    assertTrue(notice.getString("body").contains("ora 10:30, Str. Scolii nr. 5, Onesti. DA=confirm, NU=anulez"));
    assertEquals(1, smsc.accepted().stream().filter(s -> s.destination().equals(phone.substring(1))).count());
    assertEquals(notice.getString("body"), smsc.accepted().stream()
        .filter(s -> s.destination().equals(phone.substring(1))).findFirst().orElseThrow().text());

    JsonObject page = get("/api/notifications?limit=2000");
    assertTrue(page.getLong("total") >= 1);
    JsonObject listed = page.getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(n -> n.getString("appointmentId").equals(appointment.toString())).findFirst().orElseThrow();
    for (String field : new String[] {"id", "phone", "body", "encoding", "segments", "cost", "status", "attempts",
        "createdAt", "sentAt", "deliveredAt"}) {
      assertNotNull(listed.getValue(field), field);
    }
    assertEquals(listed, get("/api/notifications/" + listed.getLong("id")));
    assertEquals(404, http.get(app.port(), "127.0.0.1", "/api/notifications/999999999").putHeader("Authorization", admin()).send()
        .toCompletionStage().toCompletableFuture().get().statusCode());
    assertEquals(400, http.get(app.port(), "127.0.0.1", "/api/notifications/abc").putHeader("Authorization", admin()).send()
        .toCompletionStage().toCompletableFuture().get().statusCode());
  }

  @Test
  @DisplayName("the same event delivered twice by Kafka sends one SMS")
  void sameEventTwice() throws Exception {
    String phone = NoticeFixtures.newPhone();
    UUID ion = fixtures.beneficiary("Ion", phone, true, "ro");
    UUID appointment = UUID.randomUUID();
    Instant start = inDays(4, 9, 0);
    await(pool.preparedQuery("INSERT INTO appointments (id, beneficiary_id, service, modality, starts_at, ends_at, "
        + "stop_siruta) VALUES ($1, $2, 'medical_consultation', 'caravan', $3, $4, $5)")
        .execute(Tuple.of(appointment, ion, start.atOffset(java.time.ZoneOffset.UTC),
            start.plusSeconds(1800).atOffset(java.time.ZoneOffset.UTC), NoticeFixtures.VIZANTEA_MANASTIREASCA)));
    String envelope = new JsonObject().put("eventId", UUID.randomUUID().toString()).put("type", "appointment.booked")
        .put("key", ion.toString()).put("occurredAt", Instant.now().toString())
        .put("payload", new JsonObject().put("appointmentId", appointment.toString())
            .put("beneficiaryId", ion.toString())).encode();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        "bootstrap.servers", TestSystem.kafkaBootstrap(),
        "key.serializer", StringSerializer.class.getName(),
        "value.serializer", StringSerializer.class.getName()))) {
      producer.send(new ProducerRecord<>(Topics.APPOINTMENTS, ion.toString(), envelope)).get();
      producer.send(new ProducerRecord<>(Topics.APPOINTMENTS, ion.toString(), envelope)).get();
    }
    JsonObject notice = waitFor(() -> noticeOf(appointment, "delivered"), "delivered notice");
    assertTrue(notice.getString("body").contains("caravana, Vizantea Manastireasca"), notice.getString("body"));
    Thread.sleep(1500); // a second SMS, if any, would be out by now
    assertEquals(1L, count("SELECT count(*) FROM notices WHERE appointment_id = $1", appointment));
    assertEquals(1, smsc.accepted().stream().filter(s -> s.destination().equals(phone.substring(1))).count());
  }

  @Test
  @DisplayName("without SMS consent the notice is recorded as suppressed and nothing is sent")
  void noConsent() throws Exception {
    String phone = NoticeFixtures.newPhone();
    UUID b = fixtures.beneficiary("Maria", phone, false, "ro");
    UUID appointment = fixtures.bookAtCentre(b, inDays(3, 11, 0));
    JsonObject notice = waitFor(() -> noticeOf(appointment, "suppressed"), "suppressed notice");
    assertEquals("no_consent", notice.getString("reason"));
    assertEquals(0, smsc.accepted().stream().filter(s -> s.destination().equals(phone.substring(1))).count());
  }

  @Test
  @DisplayName("a change tells the old and the new time; English when the family prefers it")
  void changeInEnglish() throws Exception {
    String phone = NoticeFixtures.newPhone();
    UUID b = fixtures.beneficiary("George", phone, true, "en");
    Instant first = inDays(5, 10, 30);
    Instant second = inDays(6, 12, 0);
    UUID appointment = fixtures.bookAtCentre(b, first);
    waitFor(() -> noticeOf(appointment, "delivered"), "first notice");
    fixtures.move(appointment, b, first, second);
    JsonObject change = waitFor(() -> {
      JsonObject n = noticeOf(appointment, "delivered", "changed");
      return n;
    }, "change notice");
    String body = change.getString("body");
    assertTrue(body.startsWith("George: physiotherapy moved from "), body);
    assertTrue(body.contains(", 10:30 to "), body);
    assertTrue(body.contains(", 12:00, Str. Scolii nr. 5, Onesti. NO=cancel"), body);
  }

  @Test
  @DisplayName("DA confirms, NU cancels and tells the planner, STOP opts out, anything else waits for a coordinator")
  void replies() throws Exception {
    String yesPhone = NoticeFixtures.newPhone();
    UUID yes = fixtures.beneficiary("Elena", yesPhone, true, "ro");
    UUID yesAppointment = fixtures.bookAtCentre(yes, inDays(3, 9, 0));
    String noPhone = NoticeFixtures.newPhone();
    UUID no = fixtures.beneficiary("Vasile", noPhone, true, "ro");
    UUID noAppointment = fixtures.bookCaravan(no, inDays(3, 13, 0));
    waitFor(() -> noticeOf(yesAppointment, "delivered"), "notice to Elena");
    waitFor(() -> noticeOf(noAppointment, "delivered"), "notice to Vasile");

    smsc.injectInbound(yesPhone, "Caravana", " Da!");
    smsc.injectInbound(noPhone, "Caravana", "nu.");
    waitFor(() -> count("SELECT count(*) FROM appointment_confirmations WHERE appointment_id = $1", yesAppointment) == 1
        ? new JsonObject() : null, "confirmation");
    assertEquals("booked", status(yesAppointment));
    waitFor(() -> "cancelled".equals(status(noAppointment)) ? new JsonObject() : null, "cancellation");
    assertEquals(1L, count("SELECT count(*) FROM outbox WHERE topic = 'caravana.appointments' "
        + "AND event_type = 'appointment.cancelled' AND payload->>'appointmentId' = $1::text", noAppointment));
    assertEquals(1L, count("SELECT count(*) FROM outbox WHERE topic = 'caravana.plans' "
        + "AND event_type = 'slot.freed' AND payload->>'appointmentId' = $1::text", noAppointment));
    assertEquals(1L, count("SELECT count(*) FROM appointment_status_changes WHERE appointment_id = $1 "
        + "AND to_status = 'cancelled' AND actor_kind = 'sms_reply' AND reason_class = 'family_declined'", noAppointment));
    // the family is told the cancellation went through
    JsonObject cancelled = waitFor(() -> noticeOf(noAppointment, "delivered", "cancelled"), "cancellation notice");
    assertTrue(cancelled.getString("body").startsWith("Am anulat, cum ati cerut: Vasile, consultatie medicala "),
        cancelled.getString("body"));
    assertEquals(1L, count("SELECT count(*) FROM notices WHERE appointment_id = $1 AND kind = 'cancelled'", noAppointment));
    // Elena's DA is answered too
    JsonObject thanks = waitFor(() -> noticeOf(yesAppointment, "delivered", "reply"), "answer to DA");
    assertTrue(thanks.getString("body").startsWith("Multumim! Elena, kinetoterapie "), thanks.getString("body"));

    smsc.injectInbound(yesPhone, "Caravana", "Stop");
    waitFor(() -> count("SELECT count(*) FROM sms_opt_outs WHERE phone = $1::text", yesPhone) == 1
        ? new JsonObject() : null, "opt-out");
    UUID later = fixtures.bookAtCentre(yes, inDays(8, 9, 0));
    JsonObject suppressed = waitFor(() -> noticeOf(later, "suppressed"), "suppressed after STOP");
    assertEquals("opted_out", suppressed.getString("reason"));

    smsc.injectInbound(noPhone, "Caravana", "Putem veni joi dupa ora 12?");
    JsonObject other = waitFor(() -> {
      JsonArray items = get("/api/sms/replies?intent=other").getJsonArray("items");
      return items.stream().map(JsonObject.class::cast).filter(r -> r.getString("phone").equals(noPhone))
          .findFirst().orElse(null);
    }, "reply for a coordinator");
    assertEquals("for_coordinator", other.getString("outcome"));
    assertEquals("Putem veni joi dupa ora 12?", other.getString("body"));
  }

  @Test
  @DisplayName("the coordinator's queue shows each phone with an answer to read as a thread: its messages in order, with their appointment")
  void coordinatorQueueByPhone() throws Exception {
    String phone = NoticeFixtures.newPhone();
    UUID olga = fixtures.beneficiary("Olga", phone, true, "ro");
    UUID appointment = fixtures.bookAtCentre(olga, inDays(4, 11, 0));
    String calmPhone = NoticeFixtures.newPhone();
    UUID petru = fixtures.beneficiary("Petru", calmPhone, true, "ro");
    UUID calm = fixtures.bookAtCentre(petru, inDays(4, 12, 0));
    JsonObject booked = waitFor(() -> noticeOf(appointment, "delivered"), "Olga's booked notice");
    waitFor(() -> noticeOf(calm, "delivered"), "Petru's booked notice");

    var replies = app.notices().replies();
    await(replies.handle(new InboundSms(phone, "Caravana", "Putem veni joi dupa ora 12?")));
    await(replies.handle(new InboundSms(phone, "Caravana", "Sau vineri dimineata")));
    await(replies.handle(new InboundSms(calmPhone, "Caravana", "Da, vin")));

    JsonObject page = get("/api/sms/threads?county=VN&limit=500");
    JsonObject thread = page.getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(t -> t.getString("phone").equals(phone)).findFirst().orElseThrow(() -> new AssertionError(page.encode()));
    assertTrue(page.getJsonArray("items").stream().map(JsonObject.class::cast)
        .noneMatch(t -> t.getString("phone").equals(calmPhone)), "a DA needs nobody: " + page.encode());
    assertEquals(2L, thread.getLong("waiting"));
    var messages = thread.getJsonArray("messages").stream().map(JsonObject.class::cast).toList();
    assertEquals(java.util.List.of("out", "in", "in"), messages.stream().map(m -> m.getString("direction")).toList(),
        thread.encode());
    assertEquals(booked.getLong("id"), messages.get(0).getLong("id"));
    assertEquals("booked", messages.get(0).getString("kind"));
    assertEquals(booked.getString("body"), messages.get(0).getString("body"));
    assertEquals("Putem veni joi dupa ora 12?", messages.get(1).getString("body"));
    assertEquals("Sau vineri dimineata", messages.get(2).getString("body"));
    assertEquals("other", messages.get(2).getString("intent"));
    assertEquals("for_coordinator", messages.get(2).getString("outcome"));
    assertEquals(booked.getLong("id"), messages.get(1).getLong("answersNoticeId"));
    for (JsonObject m : messages) {
      assertEquals(new JsonArray().add(appointment.toString()), m.getJsonArray("appointmentIds"), m.encode());
    }
    assertTrue(java.time.Instant.parse(messages.get(0).getString("at"))
        .compareTo(java.time.Instant.parse(messages.get(1).getString("at"))) <= 0);
    JsonObject about = thread.getJsonArray("appointments").getJsonObject(0);
    assertEquals(1, thread.getJsonArray("appointments").size());
    assertEquals(appointment.toString(), about.getString("id"));
    assertEquals(olga.toString(), about.getString("beneficiaryId"));
    assertEquals("booked", about.getString("status"));
    assertEquals("kinetotherapy", about.getString("service"));
    // another county's queue does not show it; a county that is not a code is refused
    assertTrue(get("/api/sms/threads?county=BC&limit=500").getJsonArray("items").stream().map(JsonObject.class::cast)
        .noneMatch(t -> t.getString("phone").equals(phone)));
    for (String bad : new String[] {"%EF%BC%B6%EF%BC%AE", "V1", "VNN", "-1"}) {
      var r = await(http.get(app.port(), "127.0.0.1", "/api/sms/threads?county=" + bad)
          .putHeader("Authorization", admin()).send());
      assertEquals(400, r.statusCode(), bad + ": " + r.bodyAsString());
    }
  }

  @Test
  @DisplayName("reminders go out the day before, once per appointment and start time")
  void reminders() throws Exception {
    String phone = NoticeFixtures.newPhone();
    UUID b = fixtures.beneficiary("Ioana", phone, true, "ro");
    // the job runs "at 11:00" on a day whose 11:00 is already past, so its notices are due now
    java.time.LocalDate day = LocalDateTime.now(ZONE).getHour() >= 11 ? java.time.LocalDate.now(ZONE)
        : java.time.LocalDate.now(ZONE).minusDays(1);
    Instant elevenToday = day.atTime(11, 0).atZone(ZONE).toInstant();
    Instant tomorrow = day.plusDays(1).atTime(15, 0).atZone(ZONE).toInstant();
    UUID appointment = UUID.randomUUID();
    await(pool.preparedQuery("INSERT INTO appointments (id, beneficiary_id, service, modality, starts_at, ends_at) "
        + "VALUES ($1, $2, 'telemedicine', 'remote', $3, $4)").execute(Tuple.of(appointment, b,
        tomorrow.atOffset(java.time.ZoneOffset.UTC), tomorrow.plusSeconds(1800).atOffset(java.time.ZoneOffset.UTC))));
    NoticeSettings settings = app.notices().settings();
    ReminderJob job = new ReminderJob(pool, settings, app.notices().composer(), Clock.fixed(elevenToday, ZONE));
    int first = await(job.runOnce());
    assertTrue(first >= 1);
    assertEquals(0, await(job.runOnce()), "idempotent: a second run adds nothing");
    JsonObject reminder = waitFor(() -> noticeOf(appointment, "delivered", "reminder"), "reminder delivered");
    assertTrue(reminder.getString("body").startsWith("Maine, "), reminder.getString("body"));
    assertTrue(reminder.getString("body").contains("consultatie video pentru Ioana, video: https://caravana.ro/l/"),
        reminder.getString("body"));
    Instant eightToday = day.atTime(8, 0).atZone(ZONE).toInstant();
    assertEquals(0, await(new ReminderJob(pool, settings, app.notices().composer(), Clock.fixed(eightToday, ZONE)).runOnce()),
        "not before the reminder hour");
  }

  @Test
  @DisplayName("one phone gets at most its hourly share; the rest wait instead of blocking the queue")
  void perPhoneLimit() throws Exception {
    String phone = NoticeFixtures.newPhone();
    await(pool.preparedQuery("INSERT INTO notices (dedupe_key, kind, phone, body, encoding, segments, cost_bani, status) "
        + "SELECT 'limit:' || $1 || ':' || i, 'booked', $1, 'Mesaj ' || i, 'GSM-7', 1, 6, 'queued' "
        + "FROM generate_series(1, 6) i").execute(Tuple.of(phone)));
    waitFor(() -> count("SELECT count(*) FROM notices WHERE phone = $1 AND status = 'delivered'", phone) == 4
        ? new JsonObject() : null, "four delivered");
    Thread.sleep(500);
    assertEquals(4L, count("SELECT count(*) FROM notices WHERE phone = $1 AND sent_at IS NOT NULL", phone));
    assertEquals(2L, count("SELECT count(*) FROM notices WHERE phone = $1 AND status = 'queued' "
        + "AND reason = 'phone_rate_limit' AND not_before > now() + interval '9 minutes'", phone));
  }

  @Test
  @DisplayName("with the SMPP gateway the HTTP provider's webhooks do not exist: an inbound NU is 404 and changes nothing")
  void noWebhooksWithSmpp() throws Exception {
    String phone = NoticeFixtures.newPhone();
    UUID b = fixtures.beneficiary("Radu", phone, true, "ro");
    UUID appointment = fixtures.bookAtCentre(b, inDays(4, 16, 0));
    waitFor(() -> noticeOf(appointment, "delivered"), "notice to Radu");
    var inbound = await(http.post(app.port(), "127.0.0.1", "/api/sms/inbound")
        .sendJsonObject(new JsonObject().put("from", phone).put("to", "Caravana").put("text", "nu")));
    assertEquals(404, inbound.statusCode(), inbound.bodyAsString());
    var status = await(http.post(app.port(), "127.0.0.1", "/api/sms/status")
        .sendJsonObject(new JsonObject().put("messageId", "provider-42").put("status", "failed").put("error", "absent")));
    assertEquals(404, status.statusCode());
    assertEquals(0L, count("SELECT count(*) FROM sms_replies WHERE phone = $1", phone));
    assertEquals(0L, count("SELECT count(*) FROM sms_receipts WHERE message_id = $1", "provider-42"));
    assertEquals(1L, count("SELECT count(*) FROM appointments WHERE id = $1 AND status = 'booked'", appointment));
  }

  @Test
  @DisplayName("the link in a remote consultation's SMS opens that appointment, and only it, through a signed family link")
  void shortLinkOpensTheFamilyView() throws Exception {
    String phone = NoticeFixtures.newPhone();
    UUID b = fixtures.beneficiary("Dana", phone, true, "ro");
    Instant firstStart = inDays(5, 10, 0);
    UUID first = fixtures.book(b, firstStart, "telemedicine", "remote");
    UUID second = fixtures.book(b, inDays(6, 10, 0), "telemedicine", "remote");
    JsonObject n1 = waitFor(() -> noticeOf(first, "delivered"), "notice of the first appointment");
    JsonObject n2 = waitFor(() -> noticeOf(second, "delivered"), "notice of the second appointment");
    assertEquals(1, n1.getInteger("segments"), n1.getString("body"));
    assertEquals("GSM-7", n1.getString("encoding"));
    String code1 = linkCode(n1.getString("body"));
    String code2 = linkCode(n2.getString("body"));
    assertTrue(!code1.equals(code2));

    JsonObject view1 = openLink(code1, 200);
    assertEquals(first.toString(), view1.getString("appointmentId"));
    // the first name only (as in the message), nothing else of the record
    assertEquals("Dana", view1.getString("firstName"));
    assertTrue(!view1.encode().contains("Popescu") && !view1.encode().contains(phone) && !view1.encode().contains(b.toString()),
        view1.encode());
    assertEquals(second.toString(), openLink(code2, 200).getString("appointmentId"));
    assertEquals(404, await(http.get(app.port(), "127.0.0.1", "/l/Zz9Zz9Zz9Z").followRedirects(false).send()).statusCode());
    assertEquals(404, await(http.get(app.port(), "127.0.0.1", "/l/..%2Fapi").followRedirects(false).send()).statusCode());

    // the short code is only as good as the family link behind it
    String familyPath = await(http.get(app.port(), "127.0.0.1", "/l/" + code1).putHeader("Accept", "application/json")
        .followRedirects(false).send()).getHeader("Location");
    await(ro.caravana.scheduler.access.FamilyLinks.revokeAll(pool, first));
    assertEquals(404, await(http.get(app.port(), "127.0.0.1", "/l/" + code1).followRedirects(false).send()).statusCode());
    assertEquals(404, await(http.get(app.port(), "127.0.0.1", familyPath).send()).statusCode());
    assertEquals(second.toString(), openLink(code2, 200).getString("appointmentId"), "the other appointment's link still works");

    // a later message about the same appointment carries the same code, backed by a new family link
    Instant moved = firstStart.plus(1, ChronoUnit.DAYS);
    fixtures.move(first, b, firstStart, moved);
    JsonObject changed = waitFor(() -> noticeOf(first, "delivered", "changed"), "change notice");
    assertEquals(code1, linkCode(changed.getString("body")));
    JsonObject again = openLink(code1, 200);
    assertEquals(first.toString(), again.getString("appointmentId"));
    assertEquals(moved, java.time.OffsetDateTime.parse(again.getString("startsAt")).toInstant());
  }

  /** The 10-character code of the message's link. */
  private static String linkCode(String body) {
    var m = java.util.regex.Pattern.compile("https://caravana\\.ro/l/([A-Za-z0-9]{10})\\b").matcher(body);
    assertTrue(m.find(), body);
    return m.group(1);
  }

  @Test
  @DisplayName("one publish tells a phone about three sessions in one digest; NU 2 cancels the second, NU asks first")
  void digestAndItsAnswers() throws Exception {
    String phone = NoticeFixtures.newPhone();
    UUID ana = fixtures.beneficiary("Ana", phone, true, "ro");
    UUID plan = UUID.randomUUID();
    UUID third = fixtures.bookInPlan(ana, inDays(5, 10, 30), plan);
    UUID first = fixtures.bookInPlan(ana, inDays(3, 10, 30), plan);
    UUID second = fixtures.bookInPlan(ana, inDays(4, 10, 30), plan);
    JsonObject digest = waitFor(() -> {
      var rows = await(pool.preparedQuery("SELECT id FROM notices WHERE phone = $1 AND kind = 'digest' "
          + "AND status = 'delivered'").execute(Tuple.of(phone)));
      return rows.size() == 0 ? null : await(app.notices().notices().get(rows.iterator().next().getLong(0))).orElse(null);
    }, "digest delivered");
    String body = digest.getString("body");
    assertTrue(body.startsWith("Ana: 1) kinetoterapie, "), body);
    assertTrue(body.contains("2) ") && body.contains("3) ") && body.endsWith("DA=confirm, NU 2=anulez nr.2"), body);
    assertEquals(1L, count("SELECT count(*) FROM notices WHERE phone = $1::text", phone), "one SMS for the publish");
    assertEquals(1, smsc.accepted().stream().filter(s -> s.destination().equals(phone.substring(1))).count());
    // the filter finds the digest by any appointment it lists, in date order
    JsonObject bySecond = get("/api/notifications?appointmentId=" + second);
    assertEquals(1L, bySecond.getLong("total"));
    assertEquals("digest", bySecond.getJsonArray("items").getJsonObject(0).getString("kind"));
    assertEquals(0L, get("/api/notifications?appointmentId=" + second + "&kind=cancelled").getLong("total"));
    assertEquals(second, await(pool.preparedQuery("SELECT i.appointment_id FROM notice_items i JOIN notices n "
        + "ON n.id = i.notice_id WHERE n.phone = $1 AND i.position = 2").execute(Tuple.of(phone))).iterator().next()
        .getUUID(0));

    smsc.injectInbound(phone, "Caravana", "NU 2");
    waitFor(() -> "cancelled".equals(status(second)) ? new JsonObject() : null, "second cancelled");
    JsonObject told = waitFor(() -> noticeOf(second, "delivered", "cancelled"), "answer to NU 2");
    assertTrue(told.getString("body").startsWith("Am anulat, cum ati cerut: Ana, kinetoterapie "), told.getString("body"));
    assertEquals("booked", status(first));
    assertEquals("booked", status(third));

    // a plain NU to the list asks before cancelling everything; DA to the question cancels what is left
    Thread.sleep(50);
    UUID plan2 = UUID.randomUUID();
    UUID a = fixtures.bookInPlan(ana, inDays(10, 9, 0), plan2);
    UUID b = fixtures.bookInPlan(ana, inDays(11, 9, 0), plan2);
    waitFor(() -> count("SELECT count(*) FROM notices WHERE phone = $1::text AND kind = 'digest' "
        + "AND status = 'delivered'", phone) == 2 ? new JsonObject() : null, "second digest");
    smsc.injectInbound(phone, "Caravana", "Nu pot");
    waitFor(() -> count("SELECT count(*) FROM notices WHERE phone = $1::text AND kind = 'question' "
        + "AND status = 'delivered'", phone) == 1 ? new JsonObject() : null, "question");
    assertEquals("booked", status(a));
    smsc.injectInbound(phone, "Caravana", "Da");
    waitFor(() -> "cancelled".equals(status(a)) && "cancelled".equals(status(b)) ? new JsonObject() : null,
        "both cancelled after DA to the question");
    assertEquals("booked", status(first));
  }

  @Test
  @DisplayName("a coordinator's cancellation of an announced appointment gives one 'cancelled' notice with the reason")
  void coordinatorCancels() throws Exception {
    String phone = NoticeFixtures.newPhone();
    UUID maria = fixtures.beneficiary("Maria", phone, true, "ro");
    UUID appointment = fixtures.bookAtCentre(maria, inDays(6, 11, 0));
    waitFor(() -> noticeOf(appointment, "delivered"), "booked notice");
    var patched = await(http.patch(app.port(), "127.0.0.1", "/api/appointments/" + appointment)
        .putHeader("Authorization", admin())
        .sendJsonObject(new JsonObject().put("status", "cancelled").put("reasonClass", "caravan_broken")));
    assertEquals(200, patched.statusCode(), patched.bodyAsString());
    JsonObject page = waitFor(() -> {
      JsonObject p = get("/api/notifications?appointmentId=" + appointment + "&kind=cancelled&status=delivered");
      return p.getLong("total") > 0 ? p : null;
    }, "cancellation notice");
    assertEquals(1L, page.getLong("total"));
    String body = page.getJsonArray("items").getJsonObject(0).getString("body");
    assertTrue(body.contains("s-a anulat (caravana s-a defectat)"), body);
    Thread.sleep(1000);
    assertEquals(1L, count("SELECT count(*) FROM notices WHERE appointment_id = $1 AND kind = 'cancelled'", appointment));
  }

  @Test
  @DisplayName("a freed slot is offered to the families who fit it; two answer DA at once: exactly one gets it")
  void freedSlotRace() throws Exception {
    String ionPhone = NoticeFixtures.newPhone();
    UUID ion = fixtures.beneficiary("Ion", ionPhone, true, "ro");
    Instant start = inDays(4, 15, 0);
    UUID freed = fixtures.bookAtCentre(ion, start);
    String danaPhone = NoticeFixtures.newPhone();
    UUID dana = fixtures.beneficiary("Dana", danaPhone, true, "ro");
    fixtures.carePlanAtCentre(dana);
    String elisaPhone = NoticeFixtures.newPhone();
    UUID elisa = fixtures.beneficiary("Elisa", elisaPhone, true, "ro");
    fixtures.carePlanAtCentre(elisa);
    waitFor(() -> noticeOf(freed, "delivered"), "Ion's booked notice");

    smsc.injectInbound(ionPhone, "Caravana", "Nu pot");
    waitFor(() -> count("SELECT count(*) FROM notices WHERE kind = 'offer' AND status = 'delivered' "
        + "AND appointment_id = $1", freed) == 2 ? new JsonObject() : null, "two offers delivered");
    JsonObject offer = get("/api/notifications?appointmentId=" + freed + "&kind=offer").getJsonArray("items")
        .getJsonObject(0);
    assertTrue(offer.getString("body").startsWith("Un loc s-a eliberat: "), offer.getString("body"));
    assertTrue(!offer.getString("body").contains("Ion"), "no other family's name: " + offer.getString("body"));

    var replies = app.notices().replies();
    await(Future.all(replies.handle(new InboundSms(danaPhone, "Caravana", "DA")),
        replies.handle(new InboundSms(elisaPhone, "Caravana", "Da, il vreau"))));
    assertEquals(1L, count("SELECT count(*) FROM slot_offers WHERE freed_appointment_id = $1 AND status = 'taken'", freed));
    assertEquals(1L, count("SELECT count(*) FROM slot_offers WHERE freed_appointment_id = $1 AND status = 'lost'", freed));
    assertEquals(1L, count("SELECT count(*) FROM appointments a JOIN appointments f ON f.id = $1 "
        + "WHERE a.id <> f.id AND a.starts_at = f.starts_at AND a.status = 'booked' AND a.beneficiary_id <> f.beneficiary_id",
        freed));
    UUID winner = await(pool.preparedQuery("SELECT beneficiary_id FROM slot_offers WHERE freed_appointment_id = $1 "
        + "AND status = 'taken'").execute(Tuple.of(freed))).iterator().next().getUUID(0);
    String winnerPhone = winner.equals(dana) ? danaPhone : elisaPhone;
    String loserPhone = winner.equals(dana) ? elisaPhone : danaPhone;
    JsonObject won = waitFor(() -> lastTo(winnerPhone, "delivered"), "answer to the winner");
    assertTrue(won.getString("body").startsWith("Locul este al dvs.: "), won.getString("body"));
    JsonObject lost = waitFor(() -> lastTo(loserPhone, "delivered"), "answer to the other");
    assertTrue(lost.getString("body").startsWith("Ne pare rau, locul oferit"), lost.getString("body"));
    assertEquals(1L, count("SELECT count(*) FROM appointment_status_changes c JOIN appointments a ON a.id = c.appointment_id "
        + "WHERE a.beneficiary_id = $1 AND c.actor_kind = 'sms_reply' AND c.reason_class = 'slot_offer_taken'", winner));
  }

  @Test
  @DisplayName("a freed slot is offered only to families whose preferred days and hours cover it (none stated: any)")
  void freedSlotHonoursPreferredTimes() throws Exception {
    String ionPhone = NoticeFixtures.newPhone();
    UUID ion = fixtures.beneficiary("Ion", ionPhone, true, "ro");
    Instant start = inDays(5, 15, 0); // 15:00-16:00
    java.time.DayOfWeek day = start.atZone(ZONE).getDayOfWeek();
    UUID freed = fixtures.book(ion, start, "speech_therapy", "centre");
    java.time.LocalTime afternoon = java.time.LocalTime.of(14, 0);
    java.time.LocalTime evening = java.time.LocalTime.of(18, 0);
    UUID fits = fixtures.beneficiary("Ilie", NoticeFixtures.newPhone(), true, "ro");
    fixtures.carePlanAtCentre(fits, "speech_therapy", java.util.List.of(day, day.plus(2)), afternoon, evening);
    UUID anyTime = fixtures.beneficiary("Mihai", NoticeFixtures.newPhone(), true, "ro");
    fixtures.carePlanAtCentre(anyTime, "speech_therapy", java.util.List.of(), null, null);
    UUID otherDays = fixtures.beneficiary("Jana", NoticeFixtures.newPhone(), true, "ro");
    fixtures.carePlanAtCentre(otherDays, "speech_therapy", java.util.List.of(day.plus(1), day.plus(3)), null, null);
    UUID mornings = fixtures.beneficiary("Lucia", NoticeFixtures.newPhone(), true, "ro");
    fixtures.carePlanAtCentre(mornings, "speech_therapy", java.util.List.of(), java.time.LocalTime.of(8, 0),
        java.time.LocalTime.of(12, 0));
    UUID endsTooLate = fixtures.beneficiary("Nelu", NoticeFixtures.newPhone(), true, "ro");
    fixtures.carePlanAtCentre(endsTooLate, "speech_therapy", java.util.List.of(day), afternoon,
        java.time.LocalTime.of(15, 30));
    waitFor(() -> noticeOf(freed, "delivered"), "Ion's booked notice");

    smsc.injectInbound(ionPhone, "Caravana", "Nu pot veni");
    waitFor(() -> count("SELECT count(*) FROM notices WHERE kind = 'offer' AND appointment_id = $1", freed) >= 2
        ? new JsonObject() : null, "offers written");
    Thread.sleep(500);
    var offered = await(pool.preparedQuery("SELECT beneficiary_id FROM slot_offers WHERE freed_appointment_id = $1")
        .execute(Tuple.of(freed)));
    java.util.Set<UUID> people = new java.util.HashSet<>();
    offered.forEach(r -> people.add(r.getUUID(0)));
    assertEquals(java.util.Set.of(fits, anyTime), people);
  }

  @Test
  @DisplayName("a no-show gets one follow-up SMS; families with two no-shows in a row are listed for coordinators")
  void noShows() throws Exception {
    String phone = NoticeFixtures.newPhone();
    UUID radu = fixtures.beneficiary("Radu", phone, true, "ro");
    UUID appointment = fixtures.bookAtCentre(radu, inDays(2, 9, 0));
    waitFor(() -> noticeOf(appointment, "delivered"), "booked notice");
    var marked = await(http.patch(app.port(), "127.0.0.1", "/api/appointments/" + appointment)
        .putHeader("Authorization", admin()).sendJsonObject(new JsonObject().put("status", "noshow")));
    assertEquals(200, marked.statusCode(), marked.bodyAsString());
    JsonObject followUp = waitFor(() -> noticeOf(appointment, "delivered", "noshow"), "no-show follow-up");
    assertTrue(followUp.getString("body").startsWith("Radu: nu v-am vazut la kinetoterapie "), followUp.getString("body"));

    UUID twice = fixtures.beneficiary("Sorin", NoticeFixtures.newPhone(), true, "ro");
    UUID once = fixtures.beneficiary("Toma", NoticeFixtures.newPhone(), true, "ro");
    pastAppointment(twice, 20, "fulfilled");
    pastAppointment(twice, 10, "noshow");
    pastAppointment(twice, 3, "noshow");
    pastAppointment(once, 10, "noshow");
    pastAppointment(once, 3, "fulfilled");
    JsonObject listed = get("/api/appointments/no-shows/repeated?county=VN");
    var ids = listed.getJsonArray("items").stream().map(JsonObject.class::cast)
        .map(i -> i.getString("beneficiaryId")).toList();
    assertTrue(ids.contains(twice.toString()), listed.encode());
    assertTrue(!ids.contains(once.toString()), listed.encode());
    assertEquals(0L, get("/api/appointments/no-shows/repeated?county=BC").getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(i -> i.getString("beneficiaryId").equals(twice.toString())).count());
  }

  private static void pastAppointment(UUID beneficiary, int daysAgo, String status) throws Exception {
    Instant start = Instant.now().minus(java.time.Duration.ofDays(daysAgo));
    await(pool.preparedQuery("INSERT INTO appointments (id, beneficiary_id, service, modality, starts_at, ends_at, "
        + "status) VALUES ($1, $2, 'kinetotherapy', 'remote', $3, $4, $5)").execute(Tuple.of(UUID.randomUUID(),
            beneficiary, start.atOffset(java.time.ZoneOffset.UTC), start.plusSeconds(1800).atOffset(java.time.ZoneOffset.UTC),
            status)));
  }

  private static JsonObject lastTo(String phone, String status) throws Exception {
    var rows = await(pool.preparedQuery("SELECT id FROM notices WHERE phone = $1 AND status = $2 AND kind = 'reply' "
        + "ORDER BY id DESC LIMIT 1").execute(Tuple.of(phone, status)));
    if (rows.size() == 0) return null;
    return await(app.notices().notices().get(rows.iterator().next().getLong(0))).orElse(null);
  }

  /** Opens a short link as an API client: a redirect to /api/family/{token}, then that JSON (browsers get the page). */
  private static JsonObject openLink(String code, int status) throws Exception {
    var redirect = await(http.get(app.port(), "127.0.0.1", "/l/" + code).putHeader("Accept", "application/json")
        .followRedirects(false).send());
    assertEquals(302, redirect.statusCode(), redirect.bodyAsString());
    String location = redirect.getHeader("Location");
    assertTrue(location.matches("/api/family/[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{22}"), location);
    var view = await(http.get(app.port(), "127.0.0.1", location).send());
    assertEquals(status, view.statusCode(), view.bodyAsString());
    return view.bodyAsJsonObject();
  }

  private static JsonObject noticeOf(UUID appointment, String status) throws Exception {
    return noticeOf(appointment, status, null);
  }

  private static JsonObject noticeOf(UUID appointment, String status, String kind) throws Exception {
    var rows = await(pool.preparedQuery("SELECT id FROM notices WHERE appointment_id = $1 AND status = $2 "
        + "AND ($3::text IS NULL OR kind = $3) ORDER BY id DESC LIMIT 1").execute(Tuple.of(appointment, status, kind)));
    if (rows.size() == 0) return null;
    return await(app.notices().notices().get(rows.iterator().next().getLong(0))).orElse(null);
  }

  private static String status(UUID appointment) throws Exception {
    Row r = await(pool.preparedQuery("SELECT status FROM appointments WHERE id = $1").execute(Tuple.of(appointment)))
        .iterator().next();
    return r.getString(0);
  }

  private static long count(String sql, Object arg) throws Exception {
    Object value = arg instanceof UUID u ? (sql.contains("::text") ? u.toString() : u) : arg;
    return await(pool.preparedQuery(sql).execute(Tuple.of(value))).iterator().next().getLong(0);
  }

  /** The API is called as an administrator: access rules are tested in the access package. */
  private static String admin() {
    return "Bearer " + TestSystem.adminToken(app);
  }

  private static JsonObject get(String path) throws Exception {
    var response = await(http.get(app.port(), "127.0.0.1", path).putHeader("Authorization", admin()).send());
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  interface Probe {
    JsonObject get() throws Exception;
  }

  private static JsonObject waitFor(Probe probe, String what) throws Exception {
    long deadline = System.currentTimeMillis() + 90_000; // generous: the machine the suite runs on may be busy
    while (System.currentTimeMillis() < deadline) {
      JsonObject found = probe.get();
      if (found != null) return found;
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting for " + what);
  }

}
