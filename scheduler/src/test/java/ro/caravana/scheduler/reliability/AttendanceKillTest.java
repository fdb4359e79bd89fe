package ro.caravana.scheduler.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ro.caravana.scheduler.reliability.DatabaseFingerprint.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import ro.caravana.scheduler.access.Access;
import ro.caravana.scheduler.platform.db.DatabaseSettings;
import ro.caravana.scheduler.support.TestSystem;

/**
 * {@code kill -9} of the server while a client sends attendance marks from its offline queue: every
 * mark the client saw acknowledged is on record after the restart, and replaying the queue (every
 * mark not acknowledged, as the client must) records none twice.
 */
@DisplayName("kill -9 of the server during attendance marking")
class AttendanceKillTest {

  private static final int MARKS = 400;
  private static final int IN_FLIGHT = 6;
  private static Vertx vertx;
  private static DatabaseSettings db;
  private static Pool pool;
  private static HttpClient http;
  private static ServerProcess.Handle server;
  private static List<String> appointments;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    db = TestSystem.freshDatabaseSettings();
    server = ServerProcess.start(db.jdbcUrl(), TestSystem.kafkaBootstrap(), Map.of(), Files.createTempFile("attendance-server-", ".log"));
    pool = db.pool(vertx);
    http = vertx.createHttpClient();
    long centre = await(pool.query("INSERT INTO community_centres (code, name, locality_siruta, address) "
        + "VALUES ('CC-BC-99', 'Centrul comunitar Asău', 21132, 'Str. Principală nr. 1') RETURNING id").execute())
        .iterator().next().getLong(0);
    await(pool.query("INSERT INTO beneficiaries (id, first_name, last_name, birth_date, sex, locality_siruta, category) "
        + "SELECT gen_random_uuid(), 'Ana', 'Kill' || i, DATE '2015-04-01', 'F', 21132, 'child' FROM generate_series(1, " + MARKS + ") i")
        .execute());
    // booked appointments earlier today, so attendance may be recorded for each
    await(pool.query("INSERT INTO appointments (id, beneficiary_id, service, modality, starts_at, ends_at, centre_id, status) "
        + "SELECT gen_random_uuid(), id, 'kinetotherapy', 'centre', date_trunc('day', now()) + interval '1 minute', "
        + "date_trunc('day', now()) + interval '46 minutes', " + centre + ", 'booked' FROM beneficiaries").execute());
    appointments = await(pool.query("SELECT id::text FROM appointments ORDER BY id").execute()).stream().map(r -> r.getString(0)).toList();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) server.kill();
    if (vertx != null) await(vertx.close());
  }

  /** A token of an administrator made in the shared database (the server checks it with the shared test key). */
  private static String token() {
    return TestSystem.adminToken(await(Access.prepare(vertx, pool, TestSystem.config(Map.of()), false)));
  }

  private static Future<Integer> mark(int port, String token, String appointment) {
    JsonObject body = new JsonObject().put("status", "arrived").put("recordedBy", "asistent BC").put("minutes", 30);
    return http.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
            .setURI("/api/appointments/" + appointment + "/attendance").putHeader("Authorization", "Bearer " + token)
            .putHeader("Content-Type", "application/json").setIdleTimeout(20_000))
        .compose(req -> req.send(body.toBuffer()).compose(resp -> resp.body().map(b -> resp.statusCode())));
  }

  @Test
  @Timeout(value = 600, unit = TimeUnit.SECONDS)
  @DisplayName("every acknowledged mark is on record after the restart, and replaying the queue records none twice")
  void killDuringMarking() throws Exception {
    String token = token();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(appointments);
    AtomicInteger inFlight = new AtomicInteger();
    int port = server.port();
    // the client works through its queue until the server dies under it
    while (acknowledged.size() < MARKS / 3) {
      String a = queue.poll();
      if (a == null) break;
      while (inFlight.get() >= IN_FLIGHT) Thread.sleep(1);
      inFlight.incrementAndGet();
      mark(port, token, a).onComplete(ar -> {
        if (ar.succeeded() && ar.result() == 201) acknowledged.add(a);
        inFlight.decrementAndGet();
      });
    }
    server.kill(); // kill -9 with marks in flight
    int seenAcknowledged = acknowledged.size();
    Thread.sleep(500);

    server = ServerProcess.start(db.jdbcUrl(), TestSystem.kafkaBootstrap(), Map.of(), Files.createTempFile("attendance-server-", ".log"));
    Map<String, Long> marks = marksPerAppointment();
    List<String> lost = acknowledged.stream().filter(a -> !marks.containsKey(a)).toList();
    assertEquals(List.of(), lost, "acknowledged marks missing after the restart");
    assertTrue(marks.values().stream().allMatch(n -> n == 1), "no appointment marked twice before the replay");

    // replay: everything not acknowledged is sent again (a mark the server committed but never answered is refused as a repeat)
    List<String> replay = new ArrayList<>();
    for (String a : appointments) if (!acknowledged.contains(a)) replay.add(a);
    Map<Integer, AtomicInteger> replayed = new ConcurrentHashMap<>();
    for (String a : replay) {
      int status = await(mark(server.port(), token, a));
      replayed.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
      assertTrue(status == 201 || status == 409, "replay of " + a + " answered " + status);
    }
    Map<String, Long> after = marksPerAppointment();
    System.out.printf("attendance kill -9: %d acknowledged before the kill, %d committed by then, replay answers %s%n",
        seenAcknowledged, marks.size(), replayed);
    assertEquals(appointments.size(), after.size(), "every appointment marked once the queue is replayed");
    assertTrue(after.values().stream().allMatch(n -> n == 1), "none marked twice");
    long arrived = await(pool.query("SELECT count(*) FROM appointments WHERE status = 'arrived'").execute()).iterator().next().getLong(0);
    assertEquals(appointments.size(), arrived, "each appointment took the mark's status");
  }

  private static Map<String, Long> marksPerAppointment() {
    Map<String, Long> out = new ConcurrentHashMap<>();
    for (Row r : await(pool.query("SELECT appointment_id::text, count(*) FROM attendance_marks GROUP BY 1").execute())) {
      out.put(r.getString(0), r.getLong(1));
    }
    return out;
  }
}
