package ro.caravana.scheduler.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.support.TestSystem;

/**
 * One demo-mode app (demo accounts and scenario) shared by the interop test classes of a test JVM, with a
 * published-looking week of appointments: {@link #VN_WEEK} Vrancea appointments and {@link #BC_WEEK} Bacău
 * ones (held by the demo doctor), in the week starting {@link #monday()}. Tests that change appointments
 * use their own, outside that week.
 */
final class InteropFixture {

  static final ZoneId ZONE = ZoneId.of("Europe/Bucharest");
  static final int VN_WEEK = 63;
  static final int BC_WEEK = 24;

  final Vertx vertx = Vertx.vertx();
  final SchedulerApp app;
  final WebClient client;
  private final Map<String, String> tokens = new java.util.HashMap<>();

  /** A week of appointments for one county: different beneficiaries, the county's first staff member and centre. */
  private static final String WEEK = """
      INSERT INTO appointments (id, beneficiary_id, service, modality, starts_at, ends_at, staff_id, centre_id, status)
      SELECT gen_random_uuid(), p.id, 'kinetotherapy', 'centre',
        $1::timestamptz + ((p.n - 1) % 5) * interval '1 day' + ((p.n - 1) / 5 % 8) * interval '1 hour',
        $1::timestamptz + ((p.n - 1) % 5) * interval '1 day' + ((p.n - 1) / 5 % 8) * interval '1 hour' + interval '45 minutes',
        $4::bigint, (SELECT c.id FROM community_centres c JOIN localities l ON l.siruta = c.locality_siruta
                     WHERE l.county = $2 ORDER BY c.id LIMIT 1), 'booked'
      FROM (SELECT b.id, row_number() OVER (ORDER BY b.id) AS n FROM beneficiaries b
            JOIN localities l ON l.siruta = b.locality_siruta WHERE l.county = $2 ORDER BY b.id LIMIT $3) p""";
  private static final String FIRST_STAFF = "SELECT id FROM staff WHERE county = $1 AND role = $2 ORDER BY id LIMIT 1";

  private static InteropFixture shared;

  static synchronized InteropFixture get() {
    if (shared == null) {
      shared = new InteropFixture();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> shared.vertx.close()));
    }
    return shared;
  }

  private InteropFixture() {
    var config = TestSystem.config(Map.of(
        "ratelimit.login-per-minute", "100000", "ratelimit.login-burst", "100000",
        "ratelimit.public-per-minute", "100000", "ratelimit.public-burst", "100000",
        // this app lives until the JVM ends: it must not join the planners' consumer group of the shared broker
        "planning.consume-requests", "false"));
    app = await(TestSystem.startApp(vertx, true, config, (router, ctx) -> { }));
    client = WebClient.create(vertx);
    OffsetDateTime start = monday().atTime(9, 0).atZone(ZONE).toOffsetDateTime();
    long vnStaff = one(FIRST_STAFF, Tuple.of("VN", "kinetotherapist")).getLong(0);
    long bcDoctor = one(FIRST_STAFF, Tuple.of("BC", "doctor")).getLong(0);
    await(app.pool().preparedQuery(WEEK).execute(Tuple.of(start, "VN", VN_WEEK, vnStaff)));
    await(app.pool().preparedQuery(WEEK).execute(Tuple.of(start, "BC", BC_WEEK, bcDoctor)));
  }

  /** The Monday of the week after next, in Bucharest. */
  static LocalDate monday() {
    return LocalDate.now(ZONE).plusWeeks(2).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  String token(String email) {
    return tokens.computeIfAbsent(email, e -> {
      var r = await(client.post(app.port(), "127.0.0.1", "/api/auth/login")
          .sendJsonObject(new JsonObject().put("email", e).put("password", "demo")));
      assertEquals(200, r.statusCode(), r.bodyAsString());
      return r.bodyAsJsonObject().getString("token");
    });
  }

  HttpResponse<Buffer> get(String path, String email) {
    return call(HttpMethod.GET, path, email, null, null);
  }

  HttpResponse<Buffer> call(HttpMethod method, String path, String email, String contentType, String body) {
    HttpRequest<Buffer> request = client.request(method, app.port(), "127.0.0.1", path);
    if (email != null) request.putHeader("Authorization", "Bearer " + token(email));
    if (contentType != null) request.putHeader("Content-Type", contentType);
    return await(body == null ? request.send() : request.sendBuffer(Buffer.buffer(body)));
  }

  Row one(String sql, Tuple args) {
    var rows = await(app.pool().preparedQuery(sql).execute(args));
    return rows.size() == 0 ? null : rows.iterator().next();
  }

  List<Row> all(String sql, Tuple args) {
    List<Row> out = new ArrayList<>();
    await(app.pool().preparedQuery(sql).execute(args)).forEach(out::add);
    return out;
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(180, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
