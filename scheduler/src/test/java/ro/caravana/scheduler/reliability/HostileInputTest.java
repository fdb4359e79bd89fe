package ro.caravana.scheduler.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ro.caravana.scheduler.reliability.DatabaseFingerprint.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.reliability.HostileRequests.Fixtures;
import ro.caravana.scheduler.reliability.HostileRequests.Request;
import ro.caravana.scheduler.reliability.OpenApiOperations.Operation;
import ro.caravana.scheduler.support.TestSystem;

/**
 * Hostile input across the whole API, driven by the served {@code /api/openapi.yaml}: every
 * operation and every parameter, at least 20,000 requests against one started system. No answer
 * may be a 5xx or carry a stack trace, and a request that was refused must leave the database as it
 * was (row counts and checksums of every table; the audit log is left out, since recording who
 * tried what is its purpose).
 */
@DisplayName("Hostile input across the whole API (generated from openapi.yaml)")
class HostileInputTest {

  static final int AT_LEAST = 20_000;
  private static final int IN_FLIGHT = 12;
  /** Refused requests checked one by one when their group cannot be checked as a whole. */
  private static final int ONE_BY_ONE = 40;
  /** Requests bigger than the server's limits may be cut off by it before the answer. */
  private static final int BODY_LIMIT = 1_048_576;
  private static final Pattern STACK_TRACE = Pattern.compile(
      "(\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\([\\w$]*\\.java:\\d+\\))|(\\b(java|javax|io\\.vertx|io\\.netty|org\\.postgresql|ro\\.caravana)\\.[\\w.$]*(Exception|Error)\\b)"
      + "|(\\bCaused by:)|(\\bat ro\\.caravana\\.)");

  private static Vertx vertx;
  private static SchedulerApp app;
  private static HttpClient http;
  private static List<Operation> operations;
  private static HostileRequests generator;

  record Result(Request request, int status, String contentType, String body, String error) {
    boolean accepted() {
      return status >= 200 && status < 400;
    }
  }

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    app = await(TestSystem.startApp(vertx, false));
    http = vertx.createHttpClient(new HttpClientOptions().setIdleTimeout(60).setMaxInitialLineLength(16384),
        new PoolOptions().setHttp1MaxSize(IN_FLIGHT));
    String token = TestSystem.adminToken(app);
    long centre = await(app.pool().query("""
        INSERT INTO community_centres (code, name, locality_siruta, address)
        VALUES ('CC-BC-77', 'Centrul comunitar Asău', 21132, 'Str. Principală nr. 1, Asău') RETURNING id""")
        .execute()).iterator().next().getLong(0);
    long room = await(app.pool().preparedQuery(
        "INSERT INTO rooms (centre_id, name, equipment) VALUES ($1, 'Sala 1', '{kinetotherapy}') RETURNING id")
        .execute(Tuple.of(centre))).iterator().next().getLong(0);
    String beneficiary = post(token, "/api/beneficiaries", new JsonObject().put("firstName", "Matei").put("lastName", "Cojocaru")
        .put("birthDate", "2016-09-01").put("sex", "M").put("localitySiruta", 21132).put("category", "disability")
        .put("centreId", centre)).getString("id");
    String carePlan = post(token, "/api/beneficiaries/" + beneficiary + "/care-plans", new JsonObject()
        .put("service", "kinetotherapy").put("sessionsPerWeek", 2).put("minutes", 45).put("modality", "centre")
        .put("centreId", centre).put("validFrom", "2026-11-02").put("validTo", "2027-06-30")).getString("id");
    String appointment = post(token, "/api/appointments", new JsonObject().put("beneficiaryId", beneficiary)
        .put("carePlanId", carePlan).put("centreId", centre).put("roomId", room)
        .put("startsAt", "2026-12-07T14:00:00+02:00").put("endsAt", "2026-12-07T14:45:00+02:00")).getString("id");
    Map<String, String> uuids = new TreeMap<>(Map.of("beneficiary", beneficiary, "careplan", carePlan,
        "appointment", appointment, "household", "6f1c2b1e-0000-4000-8000-000000000000"));
    Map<String, Long> numbers = new TreeMap<>(Map.of("siruta", 21132L, "centre", centre, "room", room));
    generator = new HostileRequests(new Fixtures(token, uuids, numbers));
    String yaml = openApi();
    operations = new ArrayList<>(OpenApiOperations.read(yaml));
    // reads first, then writes; deletions and erasure last so the fixtures serve every other operation
    operations.sort(Comparator.comparingInt(HostileInputTest::order));
  }

  /**
   * The served description. One CI run saw this first request on a fresh connection go unanswered
   * for 60 s while the same server had just answered three; each try is bounded and the answer is
   * the same document, so a stalled connection is retried on a new one rather than failing the class.
   */
  private static String openApi() {
    AssertionError last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        return await(http.request(new RequestOptions().setMethod(HttpMethod.GET).setPort(app.port()).setHost("127.0.0.1")
            .setURI("/api/openapi.yaml").setIdleTimeout(15_000))
            .compose(r -> r.send()).compose(r -> r.body())).toString();
      } catch (AssertionError e) {
        last = e;
      }
    }
    throw last;
  }

  private static int order(Operation op) {
    if (op.method().equals("GET")) return 0;
    if (op.method().equals("DELETE") || op.path().contains("erase") || op.path().contains("logout")) return 2;
    return 1;
  }

  private static JsonObject post(String token, String path, JsonObject body) {
    var r = await(http.request(new RequestOptions().setMethod(HttpMethod.POST).setPort(app.port()).setHost("127.0.0.1")
        .setURI(path).putHeader("Authorization", "Bearer " + token).putHeader("Content-Type", "application/json"))
        .compose(req -> req.send(body.toBuffer()).compose(resp -> resp.body().map(b -> Map.entry(resp.statusCode(), b)))));
    assertEquals(201, r.getKey(), r.getValue().toString());
    return r.getValue().toJsonObject();
  }

  @AfterAll
  static void stop() {
    if (app != null) await(app.close()); // the notices module and its SMSC stop with it
    if (vertx != null) await(vertx.close());
  }

  @Test
  @DisplayName("20,000+ hostile requests over every documented operation: no 5xx, no stack trace, refused requests change nothing")
  void hostileInput() {
    Map<Operation, List<Request>> plan = new java.util.LinkedHashMap<>();
    int total = 0;
    for (Operation op : operations) {
      List<Request> requests = generator.forOperation(op);
      plan.put(op, requests);
      total += requests.size();
    }
    // top up with seeded random mixes (several fields wrong at once), spread over the operations
    int perOperation = Math.max(5, (AT_LEAST + 500 - total) / operations.size() + 1);
    for (Operation op : operations) plan.get(op).addAll(generator.random(op, perOperation));

    // the audit log and the failed sign-in counts exist to record refused requests: left out of the comparison
    DatabaseFingerprint db = new DatabaseFingerprint(app.pool(), Set.of("audit_log", "login_failures"),
        "SELECT count(*) FROM plans WHERE status IN ('queued', 'solving')");
    assertTrue(db.tables().contains("beneficiaries") && db.tables().contains("outbox"), db.tables().toString());
    Map<String, String> baseline = db.settled();
    List<String> failures = new ArrayList<>();
    Map<String, Map<Integer, Integer>> statuses = new TreeMap<>();
    int sent = 0;
    int verifiedRefusals = 0;
    int acceptedWrites = 0;
    long started = System.nanoTime();
    for (var entry : plan.entrySet()) {
      Operation op = entry.getKey();
      List<Result> results = send(entry.getValue());
      sent += results.size();
      for (Result r : results) {
        statuses.computeIfAbsent(op.label(), k -> new TreeMap<>()).merge(r.status(), 1, Integer::sum);
        check(r, failures);
      }
      List<Result> writes = results.stream().filter(r -> r.request().mutating() && r.accepted()).toList();
      acceptedWrites += writes.size();
      List<Result> refused = results.stream().filter(r -> !r.accepted()).toList();
      if (writes.isEmpty()) {
        List<String> changed = DatabaseFingerprint.changed(baseline, db.take());
        if (!changed.isEmpty()) failures.add(op.label() + ": refused or read-only requests changed " + changed);
        verifiedRefusals += refused.size();
        continue;
      }
      // some writes were accepted: send the refused ones again on their own and compare around them
      baseline = db.settled();
      List<Result> again = send(refused.stream().map(Result::request).toList());
      if (again.stream().noneMatch(r -> r.request().mutating() && r.accepted())) {
        List<String> changed = DatabaseFingerprint.changed(baseline, db.take());
        if (!changed.isEmpty()) failures.add(op.label() + ": refused requests changed " + changed);
        verifiedRefusals += refused.size();
      } else {
        // some refusals depend on state (a 409 while a plan of that week was running): now accepted, so the
        // group cannot be checked as a whole; check a bounded number of its refusals one by one instead
        int checkedAlone = 0;
        for (Result r : again) {
          if (r.accepted()) continue;
          if (checkedAlone++ == ONE_BY_ONE) break;
          Map<String, String> before = db.settled();
          Result one = send(List.of(r.request())).get(0);
          List<String> changed = DatabaseFingerprint.changed(before, db.take());
          if (!one.accepted() && !changed.isEmpty()) failures.add(label(r) + " refused but changed " + changed);
          if (!one.accepted()) verifiedRefusals++;
        }
      }
      baseline = db.settled();
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    StringBuilder report = new StringBuilder("hostile input: " + sent + " requests over " + operations.size()
        + " operations in " + seconds + " s; refused and checked against the database: " + verifiedRefusals
        + "; accepted writes: " + acceptedWrites + "\n");
    statuses.forEach((op, s) -> report.append("  ").append(op).append(' ').append(s).append('\n'));
    System.out.println(report);
    assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures.subList(0, Math.min(60, failures.size()))));
    assertTrue(sent >= AT_LEAST, "only " + sent + " requests");
    assertTrue(verifiedRefusals >= sent / 2, report.toString());
  }

  private static void check(Result r, List<String> failures) {
    if (r.error() != null) {
      if (!oversize(r.request())) failures.add(label(r) + " -> no answer: " + r.error());
      return;
    }
    if (r.request().variant().startsWith(HostileRequests.DISGUISED) && r.status() < 400) {
      failures.add(label(r) + " -> " + r.status() + ": a disguised id found the record");
    }
    if (r.status() >= 500) failures.add(label(r) + " -> " + r.status() + " " + clip(r.body()));
    if (r.body() != null && STACK_TRACE.matcher(r.body()).find()) failures.add(label(r) + " -> stack trace in body: " + clip(r.body()));
    boolean api = r.request().uri().startsWith("/api/") && !r.request().uri().startsWith("/api/openapi");
    if (api && r.status() >= 400 && r.status() != 414 && r.status() != 431
        && (r.contentType() == null || !r.contentType().startsWith("application/problem+json"))) {
      failures.add(label(r) + " -> " + r.status() + " without problem+json: " + r.contentType() + " " + clip(r.body()));
    }
  }

  private static boolean oversize(Request r) {
    return (r.body() != null && r.body().length() > BODY_LIMIT) || r.uri().length() > 4096
        || r.headers().values().stream().anyMatch(v -> v.length() > 4096);
  }

  private static String label(Result r) {
    return r.request().operation() + " [" + r.request().variant() + "] " + clip(r.request().uri());
  }

  private static String clip(String s) {
    if (s == null) return "";
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }

  /** Sends the requests, at most IN_FLIGHT at once, and answers the results in order. */
  private static List<Result> send(List<Request> requests) {
    Result[] out = new Result[requests.size()];
    Semaphore window = new Semaphore(IN_FLIGHT);
    CountDownLatch done = new CountDownLatch(requests.size());
    ConcurrentLinkedQueue<Throwable> broken = new ConcurrentLinkedQueue<>();
    for (int i = 0; i < requests.size(); i++) {
      int index = i;
      Request r = requests.get(i);
      window.acquireUninterruptibly();
      one(r).onComplete(ar -> {
        if (ar.succeeded()) out[index] = ar.result();
        else broken.add(ar.cause());
        window.release();
        done.countDown();
      });
    }
    try {
      assertTrue(done.await(10, TimeUnit.MINUTES), "requests did not finish");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    assertTrue(broken.isEmpty(), broken.toString());
    return List.of(out);
  }

  private static Future<Result> one(Request r) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(r.method())).setHost("127.0.0.1")
        .setPort(app.port()).setURI(r.uri()).setIdleTimeout(30_000);
    r.headers().forEach(options::putHeader);
    return http.request(options)
        .compose(req -> (r.body() == null ? req.send() : req.send(r.body()))
            .compose(resp -> resp.body().map(b -> new Result(r, resp.statusCode(), resp.getHeader("Content-Type"),
                b.toString(), null))))
        .recover(e -> Future.succeededFuture(new Result(r, -1, null, null, e.toString())));
  }
}
