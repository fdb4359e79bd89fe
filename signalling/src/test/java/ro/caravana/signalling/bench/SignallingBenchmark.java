package ro.caravana.signalling.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import ro.caravana.signalling.ConsultationSlot;
import ro.caravana.signalling.Participant;
import ro.caravana.signalling.Participant.Role;
import ro.caravana.signalling.rtc.CallTokens;

/**
 * Many consultations at once on loopback: N rooms, 2N WebSocket clients. Each room's doctor and
 * family trade R candidate messages each way, a random 0..2G ms apart, and the relay latency of each
 * message is measured (client clock, same JVM). The same exchange runs first against a naive relay
 * (the baseline), then against the real endpoint; both in one server JVM whose heap and CPU are
 * measured. Bounded: every room stops after R round trips.
 *
 * <pre>mvn -B -o -pl signalling -Pbench test-compile exec:java -Dbench.args="--rooms 1000 --rounds 20 --gap-ms 100"</pre>
 */
public final class SignallingBenchmark {

  private static final String SECRET = "benchmark-secret-benchmark-secret-0123456";
  private static final String CANDIDATE = "candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host";

  private final Vertx vertx = Vertx.vertx();
  private final WebSocketClient ws = vertx.createWebSocketClient(new WebSocketClientOptions()
      .setMaxConnections(100_000).setConnectTimeout(30_000));
  private final WebClient http = WebClient.create(vertx);
  private final int port;
  private final int rooms;
  private final int rounds;
  private final int gapMs;

  private SignallingBenchmark(int port, int rooms, int rounds, int gapMs) {
    this.port = port;
    this.rooms = rooms;
    this.rounds = rounds;
    this.gapMs = gapMs;
  }

  public static void main(String[] args) throws Exception {
    int rooms = intArg(args, "--rooms", 1000);
    int rounds = intArg(args, "--rounds", 20);
    int gap = intArg(args, "--gap-ms", 100);
    Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", classpath(), BenchServer.class.getName(), SECRET)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("PORT ")) {
        // server log lines
      }
      if (line == null) throw new IllegalStateException("benchmark server did not start");
      int port = Integer.parseInt(line.substring(5).trim());
      SignallingBenchmark bench = new SignallingBenchmark(port, rooms, rounds, gap);
      try {
        System.out.printf("rooms=%d clients=%d rounds=%d gap=0..%d ms, cores=%d, java %s, load average at start: %s%n",
            rooms, 2 * rooms, rounds, 2 * gap, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
            loadAverage());
        // warm-up: both paths through the JIT before anything is measured
        bench.run("warm-up naive", bench::naiveRoom, "wn-", Math.min(rooms, 200), 5);
        bench.run("warm-up signalling", bench::signallingRoom, "ws-", Math.min(rooms, 200), 5);
        Result naive = bench.run("naive relay (baseline)", bench::naiveRoom, "n-", rooms, rounds);
        Result real = bench.run("Caravana signalling", bench::signallingRoom, "s-", rooms, rounds);
        System.out.println();
        System.out.println("| relay | rooms | clients | messages | connect+admit s | exchange s | msg/s | p50 ms | p99 ms | max ms | heap/room KiB | server CPU % |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        System.out.println(naive.row(rooms));
        System.out.println(real.row(rooms));
      } finally {
        bench.vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      }
    } finally {
      server.getOutputStream().close();
      server.destroy();
      server.waitFor(10, TimeUnit.SECONDS);
    }
    System.exit(0);
  }

  record Result(String name, int sockets, long messages, double setupSeconds, double exchangeSeconds,
      double p50, double p99, double max, long heapPerRoom, double cpuPercent) {
    String row(int rooms) {
      return String.format("| %s | %d | %d | %d | %.2f | %.2f | %.0f | %.2f | %.2f | %.2f | %.1f | %.0f |", name, rooms, sockets,
          messages, setupSeconds, exchangeSeconds, messages / exchangeSeconds, p50, p99, max, heapPerRoom / 1024.0, cpuPercent);
    }
  }

  /** One room: two open sockets, ready to exchange. */
  record Pair(WebSocket doctor, WebSocket family) {}

  private Result run(String name, Function<String, Future<Pair>> openRoom, String prefix, int rooms, int rounds)
      throws Exception {
    JsonObject before = stats();
    long t0 = System.nanoTime();
    List<Pair> pairs = new ArrayList<>();
    for (int from = 0; from < rooms; from += 100) { // connect in batches: a burst of 2,000 handshakes overflows backlogs
      List<Future<Pair>> batch = new ArrayList<>();
      for (int i = from; i < Math.min(rooms, from + 100); i++) batch.add(openRoom.apply(prefix + i));
      Future.all(batch).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
      batch.forEach(f -> pairs.add(f.result()));
    }
    double setup = (System.nanoTime() - t0) / 1e9;
    JsonObject open = stats();
    long[] latencies = new long[rooms * rounds * 2];
    int[] next = {0};
    long cpu0 = cpu();
    long t1 = System.nanoTime();
    List<Future<Void>> exchanges = new ArrayList<>();
    for (Pair p : pairs) exchanges.add(exchange(p, latencies, next, rounds));
    Future.all(exchanges).toCompletionStage().toCompletableFuture().get(300, TimeUnit.SECONDS);
    double exchange = (System.nanoTime() - t1) / 1e9;
    long cpu1 = cpu();
    for (Pair p : pairs) {
      p.doctor.close();
      p.family.close();
    }
    long[] sorted = Arrays.copyOf(latencies, next[0]);
    Arrays.sort(sorted);
    long heapPerRoom = (open.getLong("heapUsed") - before.getLong("heapUsed")) / rooms;
    Thread.sleep(1000);
    System.out.printf("%s: %d sockets open, server heap %d -> %d MiB%n", name,
        Math.max(open.getLong("sockets"), open.getLong("naiveSockets")), before.getLong("heapUsed") >> 20, open.getLong("heapUsed") >> 20);
    return new Result(name, 2 * rooms, sorted.length, setup, exchange, pct(sorted, 0.50), pct(sorted, 0.99),
        sorted[sorted.length - 1] / 1e6, heapPerRoom, 100.0 * (cpu1 - cpu0) / ((exchange) * 1e9));
  }

  private Future<Void> exchange(Pair p, long[] latencies, int[] next, int rounds) {
    Promise<Void> done = Promise.promise();
    int[] round = {0};
    p.family.textMessageHandler(t -> {
      JsonObject m = new JsonObject(t);
      if (!"candidate".equals(m.getString("type"))) return;
      record(latencies, next, System.nanoTime() - m.getLong("sentAt"));
      p.family.writeTextMessage(candidate(m.getInteger("seq")));
    });
    p.doctor.textMessageHandler(t -> {
      JsonObject m = new JsonObject(t);
      if (!"candidate".equals(m.getString("type"))) return;
      record(latencies, next, System.nanoTime() - m.getLong("sentAt"));
      if (++round[0] >= rounds) {
        done.complete();
      } else {
        vertx.setTimer(1 + ThreadLocalRandom.current().nextInt(2 * gapMs + 1), id -> p.doctor.writeTextMessage(candidate(round[0])));
      }
    });
    vertx.setTimer(1 + ThreadLocalRandom.current().nextInt(2 * gapMs + 1), id -> p.doctor.writeTextMessage(candidate(0)));
    return done.future();
  }

  private static String candidate(int seq) {
    return new JsonObject().put("type", "candidate")
        .put("candidate", new JsonObject().put("candidate", CANDIDATE).put("sdpMid", "0").put("sdpMLineIndex", 0))
        .put("seq", seq).put("sentAt", System.nanoTime()).encode();
  }

  private static synchronized void record(long[] latencies, int[] next, long nanos) {
    if (next[0] < latencies.length) latencies[next[0]++] = nanos;
  }

  private Future<Pair> naiveRoom(String id) {
    Promise<Void> doctorStarted = Promise.promise();
    Promise<Void> familyStarted = Promise.promise();
    return connect("/naive/" + id, familyStarted, "start").compose(family ->
        connect("/naive/" + id, doctorStarted, "start").compose(doctor ->
            Future.all(doctorStarted.future(), familyStarted.future()).map(v -> new Pair(doctor, family))));
  }

  private Future<Pair> signallingRoom(String id) {
    Instant now = Instant.now();
    ConsultationSlot slot = new ConsultationSlot(id, now.minusSeconds(60), now.plusSeconds(3600));
    CallTokens tokens = new CallTokens(SECRET.getBytes(StandardCharsets.UTF_8));
    String familyToken = tokens.issue(slot, new Participant("beneficiary:" + id, "Familia " + id, Role.FAMILY));
    String doctorToken = tokens.issue(slot, new Participant("staff:" + id, "Dr. " + id, Role.DOCTOR));
    Promise<Void> waiting = Promise.promise();
    Promise<Void> familyStarted = Promise.promise();
    Promise<Void> doctorStarted = Promise.promise();
    return connect("/ws/consultations/" + id + "?token=" + familyToken, waiting, "waiting", familyStarted, "start")
        .compose(family -> waiting.future().compose(v ->
            connect("/ws/consultations/" + id + "?token=" + doctorToken, doctorStarted, "start")
                .compose(doctor -> {
                  doctor.writeTextMessage("{\"type\":\"admit\"}");
                  return Future.all(doctorStarted.future(), familyStarted.future()).map(x -> new Pair(doctor, family));
                })));
  }

  /** Opens a socket; each promise completes when a message of the type that follows it arrives. */
  private Future<WebSocket> connect(String uri, Object... waitFor) {
    return ws.connect(port, "127.0.0.1", uri).map(socket -> {
      socket.textMessageHandler(t -> {
        String type = new JsonObject(t).getString("type");
        for (int i = 0; i < waitFor.length; i += 2) {
          if (waitFor[i + 1].equals(type)) ((Promise<?>) waitFor[i]).tryComplete();
        }
      });
      return socket;
    });
  }

  private JsonObject stats() throws Exception {
    return http.get(port, "127.0.0.1", "/bench/stats").send().toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS).bodyAsJsonObject();
  }

  private long cpu() throws Exception {
    return http.get(port, "127.0.0.1", "/bench/cpu").send().toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS).bodyAsJsonObject().getLong("cpuNanos");
  }

  /** Under exec:java the classes come from a class loader, not from java.class.path. */
  private static String classpath() {
    if (Thread.currentThread().getContextClassLoader() instanceof java.net.URLClassLoader loader) {
      StringBuilder cp = new StringBuilder();
      for (java.net.URL url : loader.getURLs()) {
        if (cp.length() > 0) cp.append(java.io.File.pathSeparator);
        try {
          cp.append(Path.of(url.toURI()));
        } catch (java.net.URISyntaxException e) {
          throw new IllegalStateException(e);
        }
      }
      if (cp.length() > 0) return cp.toString();
    }
    return System.getProperty("java.class.path");
  }

  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static double pct(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))] / 1e6;
  }

  private static int intArg(String[] args, String name, int fallback) {
    for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(name)) return Integer.parseInt(args[i + 1]);
    return fallback;
  }
}
