package ro.caravana.portal.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import ro.caravana.portal.cli.CliNumbers;

/**
 * {@code caravana bench-load --base http://127.0.0.1:8080 --email E --password P [--scenarios week,beneficiaries,
 * appointments,attendance,family,fhir,fhir-patient,register,sse] [--rates 25,50,100,200] [--seconds 20] [--county BC]
 * [--connections 64] [--mix week:3,family:10 --report-seconds 60] [--acked-file F]}:
 * an open-loop load generator in its own process. Each scenario is offered at each fixed rate (requests are due
 * at fixed intervals whatever the answers do, and latency counts from when a request was due, so a slow server
 * is not hidden by a slow client). One JSON line per scenario and rate on stdout: throughput, p50, p99, p99.9,
 * max, errors (409 refusals of a write counted apart) and the load average; the knee is the first rate whose p99
 * passes 500 ms. {@code --mix} offers several scenarios at once at their own rates (the soak) with a line per
 * scenario every {@code --report-seconds}. Every line counts the answers by status (and 503s with Retry-After);
 * {@code --acked-file} appends each acknowledged write's id, to be looked up in the database afterwards.
 */
public final class LoadCommand {

  private static final ZoneId ZONE = ZoneId.of("Europe/Bucharest");
  private static final long KNEE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private final Vertx vertx;
  private final HttpClient http;
  private final URI base;
  private final String county;
  private String token;
  private final Random random = new Random(20261201);
  private final List<String> beneficiaryIds = new ArrayList<>();
  private final List<String> appointmentIds = new ArrayList<>();
  private final List<String> familyTokens = new ArrayList<>();
  private final AtomicInteger attendanceCursor = new AtomicInteger();
  private final AtomicInteger registered = new AtomicInteger();
  /** With --acked-file: every acknowledged (201) write, scenario and id, one a line, to check against the database. */
  private PrintStream acknowledged;

  private LoadCommand(URI base, String county, int connections) {
    this.vertx = Vertx.vertx();
    this.base = base;
    this.county = county;
    this.http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(base.getHost()).setDefaultPort(base.getPort())
        .setIdleTimeout(120), new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
  }

  /** One request of a scenario: method, path and body. */
  record Call(HttpMethod method, String uri, JsonObject body) {}

  /** The scenarios offered at a fixed rate ({@code sse} is the other kind: concurrent streams). */
  static final Set<String> RATED = Set.of("week", "beneficiaries", "appointments", "attendance", "family", "fhir",
      "fhir-patient", "register");

  public static int run(String[] args) throws Exception {
    String baseUrl = "http://127.0.0.1:8080";
    String email = null;
    String password = null;
    String county = "BC";
    String scenarios = "week,beneficiaries,appointments,attendance,family,sse";
    String rates = "25,50,100,200";
    int seconds = 20;
    int connections = 64;
    int streams = 100;
    String mix = null;
    int reportSeconds = 60;
    String ackedFile = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      try {
        switch (args[i]) {
          case "--base" -> baseUrl = args[i + 1];
          case "--email" -> email = args[i + 1];
          case "--password" -> password = args[i + 1];
          case "--county" -> county = args[i + 1];
          case "--scenarios" -> scenarios = args[i + 1];
          case "--rates" -> rates = args[i + 1];
          case "--seconds" -> seconds = CliNumbers.positive("--seconds", args[i + 1]);
          case "--connections" -> connections = CliNumbers.positive("--connections", args[i + 1]);
          case "--streams" -> streams = CliNumbers.positive("--streams", args[i + 1]);
          case "--mix" -> mix = args[i + 1];
          case "--acked-file" -> ackedFile = args[i + 1];
          case "--report-seconds" -> reportSeconds = CliNumbers.positive("--report-seconds", args[i + 1]);
          default -> {
            System.err.println("unknown option " + args[i]);
            return 2;
          }
        }
      } catch (IllegalArgumentException e) {
        System.err.println(e.getMessage());
        return 2;
      }
    }
    if (email == null || password == null) {
      System.err.println("--email and --password are required (an account that sees the county)");
      return 2;
    }
    List<Integer> rateList;
    Map<String, Integer> mixRates;
    try { // every number and name checked before anything is sent
      rateList = rates(rates);
      mixRates = mix == null ? null : mix(mix);
      for (String scenario : scenarios.split(",", -1)) {
        if (!scenario.equals("sse") && !RATED.contains(scenario)) {
          throw new IllegalArgumentException("--scenarios: unknown " + scenario);
        }
      }
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    PrintStream stdout = System.out;
    System.setOut(System.err);
    LoadCommand load = new LoadCommand(URI.create(baseUrl), county, connections);
    if (ackedFile != null) {
      load.acknowledged = new PrintStream(new FileOutputStream(ackedFile, true), false, StandardCharsets.UTF_8);
    }
    try {
      load.prepare(email, password);
      if (mixRates != null) {
        load.mix(mixRates, seconds, reportSeconds, stdout);
        return 0;
      }
      for (String scenario : scenarios.split(",")) {
        if (scenario.equals("sse")) {
          stdout.println(load.sse(streams, seconds).encode());
          continue;
        }
        for (int rate : rateList) {
          JsonObject result = load.offer(scenario, rate, seconds);
          stdout.println(result.encode());
          stdout.flush();
          if (result.getBoolean("pastKnee")) break; // higher rates only queue further
        }
      }
    } finally {
      if (load.acknowledged != null) load.acknowledged.close();
      load.vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    return 0;
  }

  private JsonObject call(Call c) throws Exception {
    RequestOptions o = new RequestOptions().setMethod(c.method()).setURI(c.uri()).putHeader("Accept", "application/json");
    if (token != null) o.putHeader("Authorization", "Bearer " + token);
    if (c.body() != null) o.putHeader("Content-Type", "application/json");
    Buffer b = http.request(o).compose(r -> c.body() == null ? r.send() : r.send(c.body().toBuffer()))
        .compose(r -> r.body().map(body -> {
          if (r.statusCode() >= 300) throw new IllegalStateException(c.uri() + " -> " + r.statusCode() + " " + body);
          return body;
        })).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    return b.length() == 0 ? new JsonObject() : b.toJsonObject();
  }

  /** Signs in and collects ids the scenarios name: beneficiaries, booked appointments, family links. */
  private void prepare(String email, String password) throws Exception {
    token = call(new Call(HttpMethod.POST, "/api/auth/login", new JsonObject().put("email", email).put("password", password)))
        .getString("token");
    JsonArray b = call(new Call(HttpMethod.GET, "/api/beneficiaries?county=" + county + "&limit=2000", null)).getJsonArray("items");
    for (int i = 0; i < b.size(); i++) beneficiaryIds.add(b.getJsonObject(i).getString("id"));
    JsonArray a = call(new Call(HttpMethod.GET, "/api/appointments?county=" + county + "&status=booked&limit=2000", null))
        .getJsonArray("items");
    for (int i = 0; i < a.size(); i++) appointmentIds.add(a.getJsonObject(i).getString("id"));
    for (int i = 0; i < Math.min(50, appointmentIds.size()); i++) {
      familyTokens.add(call(new Call(HttpMethod.POST, "/api/appointments/" + appointmentIds.get(i) + "/family-links", null))
          .getString("token"));
    }
    System.err.printf("load: %d beneficiaries, %d booked appointments, %d family links in %s%n", beneficiaryIds.size(),
        appointmentIds.size(), familyTokens.size(), county);
  }

  private Supplier<Call> scenario(String name) {
    // the writes and the family links need booked appointments (a soak can use them all up): a clear refusal
    if (name.equals("attendance") && appointmentIds.isEmpty() || name.equals("family") && familyTokens.isEmpty()) {
      throw new IllegalStateException(name + ": no booked appointment in " + county + " to mark or to link");
    }
    if (name.equals("fhir-patient") && beneficiaryIds.isEmpty()) {
      throw new IllegalStateException(name + ": no beneficiary in " + county);
    }
    LocalDate monday = LocalDate.now(ZONE).with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
    String[] names = {"ion", "mar", "ana", "pop", "ele", "geo", "cri", "ale", "and", "dan"};
    return switch (name) {
      case "week" -> () -> {
        LocalDate w = monday.plusWeeks(random.nextInt(3));
        return new Call(HttpMethod.GET, "/api/appointments?county=" + county + "&from=" + w + "&to=" + w.plusDays(6) + "&limit=500", null);
      };
      case "beneficiaries" -> () -> new Call(HttpMethod.GET, "/api/beneficiaries?county=" + county + "&q="
          + names[random.nextInt(names.length)] + "&limit=50", null);
      case "appointments" -> () -> new Call(HttpMethod.GET, "/api/appointments?county=" + county + "&status=booked&limit=50&offset="
          + random.nextInt(Math.max(1, appointmentIds.size())), null);
      case "attendance" -> () -> {
        // marks the booked appointments in turn: arrived on the first round, fulfilled on the second, then arrived again
        int n = attendanceCursor.getAndIncrement();
        String id = appointmentIds.get(n % appointmentIds.size());
        String status = (n / appointmentIds.size()) % 2 == 0 ? "arrived" : "fulfilled";
        return new Call(HttpMethod.POST, "/api/appointments/" + id + "/attendance",
            new JsonObject().put("status", status).put("recordedBy", "load").put("minutes", 30));
      };
      case "register" -> () -> {
        // a new beneficiary each time (the writes the database restart run checks against the table afterwards)
        int n = registered.getAndIncrement();
        StringBuilder letters = new StringBuilder();
        for (int v = n; letters.length() == 0 || v > 0; v /= 26) letters.append((char) ('a' + v % 26));
        return new Call(HttpMethod.POST, "/api/beneficiaries", new JsonObject().put("firstName", "Ioana")
            .put("lastName", "Sarcina" + letters).put("birthDate", "2015-03-0" + (1 + n % 9)).put("sex", "F")
            .put("localitySiruta", 21132).put("category", "disability"));
      };
      case "family" -> () -> new Call(HttpMethod.GET, "/api/family/" + familyTokens.get(random.nextInt(familyTokens.size())), null);
      case "fhir" -> () -> {
        // FHIR Appointment search of a week, one page of 50 (the way an outside system pages through a county's week)
        LocalDate w = monday.plusWeeks(random.nextInt(3));
        return new Call(HttpMethod.GET, "/fhir/r4/Appointment?date=ge" + w + "&date=le" + w.plusDays(6) + "&_count=50&_offset="
            + 50 * random.nextInt(Math.max(1, appointmentIds.size() / 150)), null);
      };
      case "fhir-patient" -> () -> new Call(HttpMethod.GET, "/fhir/r4/Appointment?patient=Patient/"
          + beneficiaryIds.get(random.nextInt(beneficiaryIds.size())) + "&_count=50", null);
      default -> throw new IllegalArgumentException("unknown scenario " + name);
    };
  }

  /** Offers the scenario at a fixed rate for the given time; latency from each request's due time. */
  private JsonObject offer(String name, int rate, int seconds) throws Exception {
    return offer(name, rate, seconds, 0, null);
  }

  /**
   * Offers the scenario at a fixed rate for the given time; latency from each request's due time. With
   * {@code reportSeconds > 0} a line for each interval (its answers, errors and latency) goes to {@code out}
   * while the run goes on, so a long run's errors are counted even if it is stopped.
   */
  private JsonObject offer(String name, int rate, int seconds, int reportSeconds, PrintStream out) throws Exception {
    Supplier<Call> next = scenario(name);
    Histogram latency = new Histogram(TimeUnit.MINUTES.toNanos(2), 3);
    Histogram interval = new Histogram(TimeUnit.MINUTES.toNanos(2), 3);
    AtomicLong errors = new AtomicLong();
    AtomicLong ok = new AtomicLong();
    AtomicLong conflicts = new AtomicLong();
    AtomicLong intervalErrors = new AtomicLong();
    AtomicLong retryAfter = new AtomicLong();
    Map<String, AtomicLong> statuses = new ConcurrentSkipListMap<>();
    List<String> samples = new ArrayList<>();
    int total = rate * seconds;
    CountDownLatch done = new CountDownLatch(total);
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
    long every = 1_000_000_000L / rate;
    long nextReport = start + TimeUnit.SECONDS.toNanos(reportSeconds);
    for (int i = 0; i < total; i++) {
      long due = start + i * every;
      long wait = due - System.nanoTime();
      if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
      if (reportSeconds > 0 && due >= nextReport) {
        Histogram h;
        synchronized (latency) {
          h = interval.copy();
          interval.reset();
        }
        out.println(new JsonObject().put("scenario", name).put("offeredPerSecond", rate)
            .put("atSecond", Math.round((due - start) / 1e9)).put("answered", h.getTotalCount())
            .put("errors", intervalErrors.getAndSet(0)).put("p50Ms", ms(h.getValueAtPercentile(50)))
            .put("p99Ms", ms(h.getValueAtPercentile(99))).put("maxMs", ms(h.getMaxValue())).put("loadAverage", loadAverage())
            .encode());
        out.flush();
        nextReport += TimeUnit.SECONDS.toNanos(reportSeconds);
      }
      Call c = next.get();
      RequestOptions o = new RequestOptions().setMethod(c.method()).setURI(c.uri()).putHeader("Authorization", "Bearer " + token)
          .putHeader("Accept", c.uri().startsWith("/fhir/") ? "application/fhir+json" : "application/json")
          // a request the client's own pool never hands a connection fails (TimeoutException) instead of waiting forever
          .setConnectTimeout(TimeUnit.SECONDS.toMillis(60))
          // and one the server never answers fails too, named, within the minute the run waits at its end
          .setIdleTimeout(TimeUnit.SECONDS.toMillis(45));
      if (c.body() != null) o.putHeader("Content-Type", "application/json");
      http.request(o).compose(r -> c.body() == null ? r.send() : r.send(c.body().toBuffer()))
          .compose(r -> r.body().map(b -> {
            statuses.computeIfAbsent(String.valueOf(r.statusCode()), k -> new AtomicLong()).incrementAndGet();
            if (r.statusCode() == 503 && r.getHeader("Retry-After") != null) retryAfter.incrementAndGet();
            if (r.statusCode() >= 400 && r.statusCode() != 409) throw new IllegalStateException(r.statusCode() + " " + b);
            if (r.statusCode() == 201 && acknowledged != null) acknowledged.println(name + "\t" + b.toJsonObject().getValue("id"));
            return r.statusCode();
          }))
          .onComplete(ar -> {
            synchronized (latency) {
              long nanos = Math.min(System.nanoTime() - due, latency.getHighestTrackableValue());
              latency.recordValue(nanos);
              interval.recordValue(nanos);
            }
            if (ar.failed() && !(ar.cause() instanceof IllegalStateException)) {
              statuses.computeIfAbsent(ar.cause().getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
            }
            if (ar.succeeded()) {
              ok.incrementAndGet();
              if (ar.result() == 409) conflicts.incrementAndGet(); // a refused write (already marked): answered, not stored
            } else {
              errors.incrementAndGet();
              intervalErrors.incrementAndGet();
              synchronized (samples) {
                String message = c.method() + " " + c.uri().replaceAll("(/api/family/)[^/?]+", "$1...") + ": "
                    + ar.cause().getClass().getSimpleName() + " " + ar.cause().getMessage();
                if (samples.size() < 3) samples.add(message.substring(0, Math.min(200, message.length())));
              }
            }
            done.countDown();
          });
    }
    boolean finished = done.await(60, TimeUnit.SECONDS); // a minute after the last request was due
    if (reportSeconds > 0) { // the last, partial interval
      Histogram h;
      synchronized (latency) {
        h = interval.copy();
        interval.reset();
      }
      out.println(new JsonObject().put("scenario", name).put("offeredPerSecond", rate).put("atSecond", seconds)
          .put("answered", h.getTotalCount()).put("errors", intervalErrors.getAndSet(0))
          .put("p50Ms", ms(h.getValueAtPercentile(50))).put("p99Ms", ms(h.getValueAtPercentile(99)))
          .put("maxMs", ms(h.getMaxValue())).put("loadAverage", loadAverage()).encode());
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long unanswered = finished ? 0 : done.getCount(); // no answer a minute after the run: counted as errors
    long p99;
    JsonObject result;
    synchronized (latency) {
      p99 = latency.getValueAtPercentile(99);
      result = new JsonObject().put("scenario", name).put("offeredPerSecond", rate).put("seconds", seconds)
          .put("requests", total).put("ok", ok.get()).put("conflicts409", conflicts.get())
          .put("errors", errors.get() + unanswered).put("unanswered", unanswered)
          .put("throughputPerSecond", Math.round(ok.get() / elapsed * 10) / 10.0)
          .put("p50Ms", ms(latency.getValueAtPercentile(50))).put("p99Ms", ms(p99))
          .put("p999Ms", ms(latency.getValueAtPercentile(99.9))).put("maxMs", ms(latency.getMaxValue()));
    }
    JsonObject answers = new JsonObject();
    statuses.forEach((k, v) -> answers.put(k, v.get()));
    if (acknowledged != null) acknowledged.flush();
    return result.put("pastKnee", p99 > KNEE_NANOS).put("answers", answers).put("503WithRetryAfter", retryAfter.get())
        .put("loadAverage", loadAverage()).put("errorSamples", new JsonArray(samples));
  }

  /** {@code --rates 5,10,20}: each an ASCII whole number above zero. */
  static List<Integer> rates(String spec) {
    List<Integer> list = new ArrayList<>();
    for (String rate : spec.split(",", -1)) list.add(CliNumbers.positive("--rates", rate));
    return list;
  }

  /** {@code --mix week:6,family:12}: known rated scenarios, each once, each at an ASCII whole rate above zero. */
  static Map<String, Integer> mix(String spec) {
    Map<String, Integer> mix = new LinkedHashMap<>();
    for (String part : spec.split(",", -1)) {
      int colon = part.indexOf(':');
      if (colon < 1) throw new IllegalArgumentException("--mix takes scenario:rate,... (" + part + ")");
      String name = part.substring(0, colon);
      if (!RATED.contains(name)) throw new IllegalArgumentException("--mix: unknown scenario " + name);
      if (mix.put(name, CliNumbers.positive("--mix " + name, part.substring(colon + 1))) != null) {
        throw new IllegalArgumentException("--mix: " + name + " twice");
      }
    }
    return mix;
  }

  /**
   * Several scenarios at once, each at its own fixed rate for the given time, with a line per scenario every
   * {@code reportSeconds}; the soak. Each scenario's summary line is printed when it ends.
   */
  private List<JsonObject> mix(Map<String, Integer> rates, int seconds, int reportSeconds, PrintStream out)
      throws Exception {
    List<Thread> threads = new ArrayList<>();
    List<JsonObject> results = Collections.synchronizedList(new ArrayList<>());
    rates.forEach((name, rate) -> {
      Thread t = new Thread(() -> {
        JsonObject result;
        try {
          result = offer(name, rate, seconds, reportSeconds, out).put("summary", true);
        } catch (Exception e) {
          result = new JsonObject().put("scenario", name).put("failed", String.valueOf(e));
        }
        out.println(result.encode()); // as soon as this scenario ends: a stop later cannot lose it
        out.flush();
        results.add(result);
      }, "load-" + name);
      threads.add(t);
      t.start();
    });
    for (Thread t : threads) t.join();
    return results;
  }

  /** The machine's one-minute load average (the cores are shared: every figure carries it). */
  private static double loadAverage() {
    try {
      return Double.parseDouble(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (Exception e) {
      return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
  }

  /**
   * {@code streams} Server-Sent Events progress streams of one plan at once, while the plan solves: how
   * many streams got a first event, the time to it, and the events received.
   */
  private JsonObject sse(int streams, int seconds) throws Exception {
    LocalDate day = LocalDate.now(ZONE).plusWeeks(6);
    String week = String.format("%d-W%02d", day.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR),
        day.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    String plan = call(new Call(HttpMethod.POST, "/api/plans", new JsonObject().put("county", county).put("week", week)
        .put("kinds", new JsonArray().add("routes").add("timetable")).put("secondsLimit", seconds))).getString("id");
    HttpClient streamsClient = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(base.getHost())
        .setDefaultPort(base.getPort()).setIdleTimeout(seconds + 60), new PoolOptions().setHttp1MaxSize(streams + 4));
    Histogram first = new Histogram(TimeUnit.MINUTES.toNanos(5), 3);
    AtomicInteger opened = new AtomicInteger();
    AtomicInteger gotEvent = new AtomicInteger();
    AtomicLong events = new AtomicLong();
    AtomicInteger failed = new AtomicInteger();
    CountDownLatch ended = new CountDownLatch(streams);
    long start = System.nanoTime();
    for (int i = 0; i < streams; i++) {
      boolean[] seen = {false};
      streamsClient.request(new RequestOptions().setMethod(HttpMethod.GET).setURI("/api/plans/" + plan + "/progress")
              .putHeader("Authorization", "Bearer " + token).putHeader("Accept", "text/event-stream"))
          .compose(r -> r.send()).onSuccess(resp -> {
            if (resp.statusCode() != 200) {
              failed.incrementAndGet();
              ended.countDown();
              return;
            }
            opened.incrementAndGet();
            resp.handler(chunk -> {
              long n = chunk.toString().split("\n\n", -1).length - 1;
              events.addAndGet(n);
              if (!seen[0] && n > 0) {
                seen[0] = true;
                gotEvent.incrementAndGet();
                synchronized (first) {
                  first.recordValue(System.nanoTime() - start);
                }
              }
            });
            resp.endHandler(v -> ended.countDown());
            resp.exceptionHandler(e -> ended.countDown());
          }).onFailure(e -> {
            failed.incrementAndGet();
            ended.countDown();
          });
    }
    ended.await(seconds + 120, TimeUnit.SECONDS);
    return new JsonObject().put("scenario", "sse").put("streams", streams).put("opened", opened.get())
        .put("failed", failed.get()).put("withEvents", gotEvent.get()).put("events", events.get())
        .put("firstEventP50Ms", ms(first.getValueAtPercentile(50))).put("firstEventP99Ms", ms(first.getValueAtPercentile(99)))
        .put("solveSeconds", seconds).put("loadAverage", loadAverage());
  }

  private static double ms(long nanos) {
    return Math.round(nanos / 10_000.0) / 100.0;
  }
}
