package ro.caravana.scheduler.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ro.caravana.scheduler.notice.NoticeFixtures.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.beneficiary.Cnp;
import ro.caravana.scheduler.platform.outbox.Topics;
import ro.caravana.scheduler.support.TestSystem;

/**
 * GDPR erasure with SMS on: a beneficiary created through the API (CNP, phone, guardian), told about an
 * appointment by SMS, who answered and was marked present with a note, is exported, then erased; after
 * that no table and no Kafka topic holds their CNP, phone, names or the texts, and the notices API shows
 * no phone or text for them.
 */
@DisplayName("Erasure with SMS on: every table and topic")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ErasureWithSmsTest {

  private static Vertx vertx;
  private static SchedulerApp app;
  private static NoticeFixtures fixtures;
  private static WebClient http;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    app = await(TestSystem.startApp(vertx, false, TestSystem.config(Map.of(
        "sms.enabled", "true", "sms.gateway", "local", "sms.quiet-hours", "none", "sms.sender.poll-ms", "50",
        "sms.local.receipt-delay-ms", "20", "sms.reminder.enabled", "false",
        "sms.notifier.group", "notifier-erasure-" + System.nanoTime())), (router, ctx) -> { }));
    fixtures = new NoticeFixtures(app.pool()).prepare();
    http = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) await(app.close());
    vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static String admin() {
    return "Bearer " + TestSystem.adminToken(app);
  }

  private static JsonObject call(String method, String path, JsonObject body, int expected) throws Exception {
    var request = http.request(io.vertx.core.http.HttpMethod.valueOf(method), app.port(), "127.0.0.1", path)
        .putHeader("Authorization", admin());
    var response = await(body == null ? request.send() : request.sendJsonObject(body));
    assertEquals(expected, response.statusCode(), path + ": " + response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static List<Row> sql(String query, Object... args) throws Exception {
    List<Row> out = new ArrayList<>();
    await(app.pool().preparedQuery(query).execute(Tuple.from(args))).forEach(out::add);
    return out;
  }

  private static long count(String query, Object... args) throws Exception {
    return sql(query, args).get(0).getLong(0);
  }

  private static void waitFor(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
    long deadline = System.currentTimeMillis() + 40_000;
    while (!condition.call()) {
      if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out waiting for " + what);
      Thread.sleep(100);
    }
  }

  /** A letters-only surname no other test uses, so finding it anywhere means it leaked. */
  private static String uniqueSurname() {
    StringBuilder sb = new StringBuilder("Zăvoi");
    ThreadLocalRandom r = ThreadLocalRandom.current();
    for (int i = 0; i < 8; i++) sb.append((char) ('a' + r.nextInt(26)));
    return sb.toString();
  }

  @Test
  @DisplayName("export holds the SMS records; after erasure no table, outbox row or Kafka message holds the CNP, phone, names or texts")
  void erasureReachesEverything() throws Exception {
    String surname = uniqueSurname();
    String guardian = "Gheorghița " + surname;
    String phone = NoticeFixtures.newPhone();
    String digits = "615040104" + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
    String cnp = digits + Cnp.controlDigit(digits);
    JsonObject created = call("POST", "/api/beneficiaries", new JsonObject().put("firstName", "Ilinca").put("lastName", surname)
        .put("cnp", cnp).put("localitySiruta", NoticeFixtures.VIZANTEA_MANASTIREASCA).put("category", "child")
        .put("guardianName", guardian).put("phone", phone).put("smsConsent", true).put("smsConsentDate", "2026-01-10")
        .put("dataConsent", true).put("dataConsentDate", "2026-01-10"), 201);
    UUID id = UUID.fromString(created.getString("id"));

    // an SMS about an appointment, delivered, answered DA; a remote appointment made through the API; a note
    UUID appointment = fixtures.bookAtCentre(id, Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS));
    waitFor("the notice delivered", () -> count("SELECT count(*) FROM notices WHERE appointment_id = $1 AND status = 'delivered'",
        appointment) == 1);
    app.notices().localSmsc().orElseThrow().injectInbound(phone, "Caravana", "DA, multumim " + surname);
    waitFor("the reply recorded", () -> count("SELECT count(*) FROM sms_replies WHERE phone = $1", phone) == 1);
    String start = java.time.OffsetDateTime.now(java.time.ZoneId.of("Europe/Bucharest")).plusDays(4)
        .truncatedTo(ChronoUnit.HOURS).toString();
    JsonObject remote = call("POST", "/api/appointments", new JsonObject().put("beneficiaryId", id.toString())
        .put("service", "counselling").put("modality", "remote").put("startsAt", start)
        .put("endsAt", java.time.OffsetDateTime.parse(start).plusMinutes(30).toString()), 201);
    await(app.pool().preparedQuery("INSERT INTO attendance_marks (appointment_id, status, minutes, recorded_by, note) "
        + "VALUES ($1, 'arrived', 0, 'test', $2)").execute(Tuple.of(appointment, "a venit cu " + guardian)));
    await(app.pool().preparedQuery("INSERT INTO consultations (appointment_id, state) VALUES ($1, 'scheduled')")
        .execute(Tuple.of(UUID.fromString(remote.getString("id")))));

    // the notices API filters by beneficiary, and shows phone and text before erasure
    JsonArray before = call("GET", "/api/notifications?beneficiaryId=" + id, null, 200).getJsonArray("items");
    assertTrue(before.size() >= 1, before.encode());
    assertEquals(phone, before.getJsonObject(0).getString("phone"));
    JsonArray repliesBefore = call("GET", "/api/sms/replies?beneficiaryId=" + id, null, 200).getJsonArray("items");
    assertEquals(1, repliesBefore.size(), repliesBefore.encode());
    assertEquals(0, call("GET", "/api/notifications?beneficiaryId=" + UUID.randomUUID(), null, 200).getLong("total"));

    // export (art. 15/20) carries the SMS records, consultations and attendance
    JsonObject export = call("GET", "/api/beneficiaries/" + id + "/export", null, 200);
    assertEquals(phone, export.getJsonArray("notices").getJsonObject(0).getString("phone"));
    assertTrue(export.getJsonArray("smsReplies").getJsonObject(0).getString("body").contains(surname));
    assertEquals(1, export.getJsonArray("consultations").size());
    assertEquals(1, export.getJsonArray("attendance").size());

    call("POST", "/api/beneficiaries/" + id + "/erase", new JsonObject(), 200);

    // the API: no phone, no text
    for (Object o : call("GET", "/api/notifications?beneficiaryId=" + id, null, 200).getJsonArray("items")) {
      JsonObject n = (JsonObject) o;
      assertNull(n.getString("phone"), n.encode());
      assertEquals("", n.getString("body", ""), n.encode());
    }
    for (Object o : call("GET", "/api/sms/replies?beneficiaryId=" + id, null, 200).getJsonArray("items")) {
      JsonObject r = (JsonObject) o;
      assertEquals("", r.getString("phone"), r.encode());
      assertEquals("", r.getString("body"), r.encode());
    }
    // every table: nothing that names or reaches the person
    String[] secrets = {cnp, phone, surname};
    for (String secret : secrets) {
      for (String table : new String[] {"beneficiaries", "notices", "sms_replies", "appointment_links", "attendance_marks",
          "family_links", "consultations", "appointments", "care_plans", "outbox", "audit_log", "erasures"}) {
        assertEquals(0, count("SELECT count(*) FROM " + table + " t WHERE strpos(to_jsonb(t)::text, $1) > 0", secret),
            table + " still holds " + secret);
      }
    }
    assertEquals(0, count("SELECT count(*) FROM appointment_links WHERE appointment_id = $1", appointment));
    assertEquals(0, count("SELECT count(*) FROM attendance_marks WHERE appointment_id = $1 AND note IS NOT NULL", appointment));

    // every topic: the relay has published everything up to the erasure; no message holds the secrets
    waitFor("the outbox relayed", () -> count("SELECT count(*) FROM outbox WHERE sent_at IS NULL") == 0);
    assertTrue(count("SELECT count(*) FROM outbox WHERE event_key = $1 OR payload->>'beneficiaryId' = $1 OR payload->>'id' = $1",
        id.toString()) >= 3, "the beneficiary's events were written");
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestSystem.kafkaBootstrap());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "erasure-check-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    int mentions = 0;
    int seen = 0;
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(Topics.ALL);
      long quietSince = System.currentTimeMillis();
      long deadline = System.currentTimeMillis() + 60_000;
      while (System.currentTimeMillis() - quietSince < 3_000 && System.currentTimeMillis() < deadline) {
        var records = consumer.poll(Duration.ofMillis(500));
        if (!records.isEmpty()) quietSince = System.currentTimeMillis();
        for (ConsumerRecord<String, String> record : records) {
          seen++;
          String text = record.key() + " " + record.value();
          if (text.contains(id.toString())) mentions++;
          for (String secret : secrets) assertFalse(text.contains(secret), record.topic() + " holds " + secret + ": " + text);
        }
      }
    }
    assertTrue(mentions >= 3, mentions + " of " + seen + " messages about the beneficiary");
  }
}
