package ro.caravana.scheduler.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.platform.outbox.Topics;
import ro.caravana.scheduler.support.TestSystem;

/** Blocking calls to the plans API of a test app, and what the planning tests read back from Kafka. */
final class PlanApi {

  static final ZoneId ZONE = ZoneId.of("Europe/Bucharest");

  private final Vertx vertx;
  private final WebClient client;
  private final int port;
  /** The tests call as an administrator: access rules are tested in the access package. */
  private final String authorization;

  PlanApi(Vertx vertx, SchedulerApp app) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx);
    this.port = app.port();
    this.authorization = "Bearer " + TestSystem.adminToken(app);
  }

  /** Starts a test app that answers HTTP only: plan requests from Kafka belong to PlanRequestConsumerTest. */
  static SchedulerApp startApp(Vertx vertx) throws Exception {
    return TestSystem.startApp(vertx, true, TestSystem.config(Map.of("planning.consume-requests", "false")), (r, c) -> { })
        .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  /** What the county's families were told about the week starting {@code monday}, by appointment id. */
  Map<String, Told> told(String county, LocalDate monday) {
    Map<String, Told> out = new java.util.HashMap<>();
    appointments(county, monday, monday.plusDays(6), null).forEach(a -> out.put(a.getString("id"), Told.of(a)));
    return out;
  }

  /** The ISO week ({@code 2026-W50}) that contains the day {@code days} from today. */
  static String weekAhead(int days) {
    LocalDate d = LocalDate.now(ZONE).plusDays(days);
    return String.format("%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  HttpResponse<Buffer> get(String path) {
    return await(client.get(port, "127.0.0.1", path).putHeader("Authorization", authorization).send());
  }

  HttpResponse<Buffer> post(String path, JsonObject body) {
    return await(client.request(HttpMethod.POST, port, "127.0.0.1", path).putHeader("Authorization", authorization)
        .sendJsonObject(body));
  }

  HttpResponse<Buffer> patch(String path, JsonObject body) {
    return await(client.request(HttpMethod.PATCH, port, "127.0.0.1", path).putHeader("Authorization", authorization)
        .sendJsonObject(body));
  }

  HttpResponse<Buffer> postEmpty(String path) {
    return await(client.request(HttpMethod.POST, port, "127.0.0.1", path).putHeader("Authorization", authorization)
        .send());
  }

  HttpResponse<Buffer> postRaw(String path, String body) {
    return await(client.request(HttpMethod.POST, port, "127.0.0.1", path).putHeader("Authorization", authorization)
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)));
  }

  /** Starts a plan and returns its id; asserts the 202 and its Location. */
  UUID start(String county, String week, int seconds) {
    HttpResponse<Buffer> r = post("/api/plans", new JsonObject().put("county", county).put("week", week)
        .put("kinds", new JsonArray().add("routes").add("timetable")).put("secondsLimit", seconds));
    assertEquals(202, r.statusCode(), r.bodyAsString());
    UUID id = UUID.fromString(r.bodyAsJsonObject().getString("id"));
    assertEquals("/api/plans/" + id, r.getHeader("Location"));
    return id;
  }

  JsonObject plan(UUID id) {
    HttpResponse<Buffer> r = get("/api/plans/" + id);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  /** Polls the plan until it leaves queued/solving; fails after {@code seconds}. */
  JsonObject awaitFinished(UUID id, int seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      JsonObject plan = plan(id);
      if (!Set.of("queued", "solving").contains(plan.getString("status"))) return plan;
      sleep(300);
    }
    return fail("plan " + id + " still running after " + seconds + " s: " + plan(id).encode());
  }

  /** Every item of a plan (placed or not). */
  List<JsonObject> items(UUID id) {
    List<JsonObject> out = new ArrayList<>();
    for (int offset = 0; ; offset += 500) {
      HttpResponse<Buffer> r = get("/api/plans/" + id + "/items?limit=500&offset=" + offset);
      assertEquals(200, r.statusCode(), r.bodyAsString());
      JsonArray page = r.bodyAsJsonObject().getJsonArray("items");
      page.forEach(o -> out.add((JsonObject) o));
      if (page.size() < 500) return out;
    }
  }

  /** Every appointment of a county between two days (both included), optionally of one status. */
  List<JsonObject> appointments(String county, LocalDate from, LocalDate to, String status) {
    List<JsonObject> out = new ArrayList<>();
    String filter = "/api/appointments?county=" + county + "&from=" + from + "&to=" + to
        + (status == null ? "" : "&status=" + status);
    for (int offset = 0; ; offset += 500) {
      HttpResponse<Buffer> r = get(filter + "&limit=500&offset=" + offset);
      assertEquals(200, r.statusCode(), r.bodyAsString());
      JsonArray page = r.bodyAsJsonObject().getJsonArray("items");
      page.forEach(o -> out.add((JsonObject) o));
      if (page.size() < 500) return out;
    }
  }

  /**
   * Reads the progress stream of a plan to its end with the plain Vert.x HTTP client, so the test sees
   * exactly what a browser's EventSource sees.
   */
  String readProgress(UUID id, int seconds) {
    HttpClient http = vertx.createHttpClient();
    try {
      Promise<String> text = Promise.promise();
      http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
              .setURI("/api/plans/" + id + "/progress"))
          .compose(req -> req.putHeader("Accept", "text/event-stream").putHeader("Authorization", authorization).send())
          .onSuccess((HttpClientResponse response) -> {
            Buffer all = Buffer.buffer();
            if (response.statusCode() != 200 || !response.getHeader("Content-Type").startsWith("text/event-stream")) {
              text.tryFail("progress answered " + response.statusCode() + " " + response.getHeader("Content-Type"));
            }
            response.handler(all::appendBuffer);
            response.endHandler(v -> text.tryComplete(all.toString()));
            response.exceptionHandler(text::tryFail);
          })
          .onFailure(text::tryFail);
      return await(text.future(), seconds);
    } finally {
      http.close();
    }
  }

  /** Asserts a problem+json answer with this status naming this field, with a reason in both languages. */
  static JsonObject assertProblem(HttpResponse<Buffer> r, int status, String field) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    assertTrue(r.getHeader("Content-Type").startsWith("application/problem+json"), r.getHeader("Content-Type"));
    JsonObject body = r.bodyAsJsonObject();
    assertEquals(status, body.getInteger("status"), r.bodyAsString());
    assertEquals(field, body.getString("field"), r.bodyAsString());
    JsonObject reason = body.getJsonObject("reason");
    assertTrue(!reason.getString("ro").isBlank() && !reason.getString("en").isBlank(), r.bodyAsString());
    return body;
  }

  /**
   * The appointment events on {@code caravana.appointments} whose payload names this plan, read from the
   * beginning by a consumer of its own; waits until {@code expected} have arrived (or a few seconds more
   * when fewer arrive, so a test can see that no more come).
   */
  static List<JsonObject> appointmentEvents(String bootstrap, UUID planId, int expected, int seconds) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    List<JsonObject> out = new ArrayList<>();
    Predicate<JsonObject> ours = e -> planId.toString().equals(e.getJsonObject("payload").getString("planId"));
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.APPOINTMENTS, Duration.ofSeconds(10)).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      Long settle = null;
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          JsonObject event = new JsonObject(record.value());
          if (ours.test(event)) {
            assertEquals(event.getJsonObject("payload").getString("beneficiaryId"), record.key(),
                "appointment events are keyed by beneficiary");
            out.add(event);
          }
        }
        if (out.size() >= expected) {
          // keep reading briefly: more than expected would be a failure the caller should see
          if (settle == null) settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
          if (System.nanoTime() > settle) break;
        }
      }
    }
    return out;
  }

  static Map<String, Long> countByType(List<JsonObject> events) {
    Map<String, Long> out = new java.util.TreeMap<>();
    events.forEach(e -> out.merge(e.getString("type"), 1L, Long::sum));
    return out;
  }

  static <T> T await(Future<T> future) {
    return await(future, 30);
  }

  static <T> T await(Future<T> future, int seconds) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
