package ro.caravana.scheduler.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.support.TestSystem;

/**
 * Many re-plans of one solved plan asked for at once, while the plan, its items and the county's
 * appointments are read: every request gets an answer within a bound (the client gives up after
 * {@link #ANSWER_WITHIN_SECONDS}), none is a 5xx, exactly one re-plan per round is accepted and the
 * others are told that one is running (409), and every accepted re-plan ends solved.
 */
@DisplayName("Concurrent re-plans of one plan while it is read: every request answered, no 5xx")
class ConcurrentReplanTest {

  private static final String COUNTY = "BC";
  private static final int SECONDS = 3;
  private static final int REPLANS_AT_ONCE = 16;
  private static final int ROUNDS = 3;
  private static final int READERS = 12;
  private static final int ANSWER_WITHIN_SECONDS = 20;

  private static Vertx vertx;
  private static SchedulerApp app;
  private static PlanApi api;
  private static HttpClient http;
  private static String authorization;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    app = PlanApi.startApp(vertx);
    api = new PlanApi(vertx, app);
    authorization = "Bearer " + TestSystem.adminToken(app);
    http = vertx.createHttpClient(new HttpClientOptions().setMaxInitialLineLength(16384),
        new PoolOptions().setHttp1MaxSize(REPLANS_AT_ONCE + READERS));
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  record Answer(String what, int status, String body, long millis) {}

  @Test
  @DisplayName("16 re-plans of the same plan at once, 3 rounds, with 12 readers going on: all answered, no 5xx, one accepted per round")
  void concurrentReplans() {
    String week = PlanApi.weekAhead(28);
    LocalDate monday = PlanRequest.monday(week);
    UUID base = api.start(COUNTY, week, SECONDS);
    assertEquals("solved", api.awaitFinished(base, SECONDS + 90).getString("status"));
    long staffId = api.items(base).stream().filter(i -> i.getLong("staffId") != null).findFirst().orElseThrow()
        .getLong("staffId");

    ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    List<String> reads = List.of("/api/plans/" + base, "/api/plans/" + base + "/items?limit=200",
        "/api/plans?county=" + COUNTY, "/api/appointments?county=" + COUNTY + "&from=" + monday + "&to=" + monday.plusDays(6),
        "/api/plans/" + base + "/stops");
    List<UUID> accepted = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      JsonObject disruption = new JsonObject().put("type", "staff_absent").put("staffId", staffId)
          .put("dates", new JsonArray().add(monday.plusDays(round).toString()));
      // readers keep going for the whole round; the re-plans start together
      AtomicBoolean stop = new AtomicBoolean();
      List<Future<Void>> readers = new ArrayList<>();
      for (int r = 0; r < READERS; r++) readers.add(readLoop(reads, r, stop, answers));
      List<Future<Answer>> replans = new ArrayList<>();
      for (int i = 0; i < REPLANS_AT_ONCE; i++) {
        replans.add(send(HttpMethod.POST, "/api/plans/" + base + "/disruptions", disruption.encode(), "re-plan"));
      }
      List<Answer> answered = replans.stream().map(f -> await(f, ANSWER_WITHIN_SECONDS + 5)).toList();
      answers.addAll(answered);
      List<Answer> ok = answered.stream().filter(a -> a.status() == 202).toList();
      assertEquals(1, ok.size(), "one re-plan accepted per round: " + summary(answered));
      assertTrue(answered.stream().allMatch(a -> a.status() == 202 || a.status() == 409), summary(answered));
      UUID replan = UUID.fromString(new JsonObject(ok.get(0).body()).getString("id"));
      accepted.add(replan);
      // keep reading while the re-plan solves
      JsonObject finished = api.awaitFinished(replan, SECONDS + 90);
      stop.set(true);
      readers.forEach(f -> await(f, ANSWER_WITHIN_SECONDS + 5));
      assertEquals("solved", finished.getString("status"), finished.encode());
      assertEquals(base.toString(), finished.getString("basePlanId"));
    }
    Map<String, Map<Integer, Integer>> byKind = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    for (Answer a : answers) {
      byKind.computeIfAbsent(a.what(), k -> new TreeMap<>()).merge(a.status(), 1, Integer::sum);
      if (a.status() < 0 || a.status() >= 500) failures.add(a.what() + " -> " + a.status() + " after " + a.millis() + " ms: " + a.body());
    }
    System.out.println("concurrent re-plans: " + byKind + ", accepted " + accepted);
    assertTrue(failures.isEmpty(), failures.size() + " requests unanswered or 5xx:\n"
        + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
    assertTrue(byKind.getOrDefault("read", Map.of()).getOrDefault(200, 0) >= ROUNDS * READERS, byKind.toString());
    assertEquals(Set.of(200), byKind.get("read").keySet(), byKind.toString());
  }

  /** One reader: the reads in turn until told to stop, each answer recorded. */
  private static Future<Void> readLoop(List<String> reads, int offset, AtomicBoolean stop, ConcurrentLinkedQueue<Answer> answers) {
    return next(reads, offset, stop, answers);
  }

  private static Future<Void> next(List<String> reads, int i, AtomicBoolean stop, ConcurrentLinkedQueue<Answer> answers) {
    if (stop.get()) return Future.succeededFuture();
    return send(HttpMethod.GET, reads.get(i % reads.size()), null, "read")
        .compose(a -> {
          answers.add(a);
          return a.status() < 0 ? Future.succeededFuture() : next(reads, i + 1, stop, answers);
        });
  }

  private static Future<Answer> send(HttpMethod method, String uri, String body, String what) {
    long t0 = System.nanoTime();
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(app.port()).setURI(uri)
        .putHeader("Authorization", authorization).setIdleTimeout(TimeUnit.SECONDS.toMillis(ANSWER_WITHIN_SECONDS));
    if (body != null) options.putHeader("Content-Type", "application/json");
    return http.request(options)
        .compose(req -> body == null ? req.send() : req.send(body))
        .compose(resp -> resp.body().map(b -> new Answer(what, resp.statusCode(), clip(b.toString()), millis(t0))))
        .recover(e -> Future.succeededFuture(new Answer(what, -1, e.toString(), millis(t0))));
  }

  private static long millis(long t0) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
  }

  private static String clip(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }

  private static String summary(List<Answer> answers) {
    return answers.stream().map(a -> a.status() + (a.status() == 202 || a.status() == 409 ? "" : " " + a.body())).toList().toString();
  }

  private static <T> T await(Future<T> f, int seconds) {
    return PlanApi.await(f, seconds);
  }
}
