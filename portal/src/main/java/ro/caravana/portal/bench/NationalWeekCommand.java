package ro.caravana.portal.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import ro.caravana.portal.cli.CliNumbers;
import ro.caravana.scheduler.demo.DemoLoader;
import ro.caravana.scheduler.demo.NationalGenerator;
import ro.caravana.scheduler.geo.LocalityImport;
import ro.caravana.scheduler.planning.PlanRequest;
import ro.caravana.scheduler.platform.Infrastructure;
import ro.caravana.scheduler.platform.config.AppConfig;
import ro.caravana.scheduler.platform.db.DatabaseSettings;
import ro.caravana.scheduler.platform.db.Migrations;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.outbox.Topics;

/**
 * {@code caravana bench-national [--instances 1,2,4] [--seconds 10] [--beneficiaries 25000] [--seed S] [--week 2026-W52]
 * [--partitions 12] [--workers 1] [--heap 512m] [--timeout-minutes 20] [--logs DIR]}: a national week. Loads the national
 * scenario (42 county units, {@link NationalGenerator}) into the configured PostgreSQL once, then for each instance
 * count starts that many {@code caravana planner} processes in one consumer group, sends one plan request per county
 * for the same week to {@code caravana.plan-requests} (each twice, as a redelivery would), and waits until every
 * county-week is finished. Measured: wall time, each process's CPU time and peak RSS, the load average; checked in
 * the database: every county-week planned exactly once and solved, nothing left queued or solving, every request
 * consumed. One JSON object per run on stdout, a table on stderr. With no database or broker configured, embedded
 * ones are started.
 */
public final class NationalWeekCommand {

  private static final ZoneId ZONE = ZoneId.of("Europe/Bucharest");
  private static final String PLANS = "SELECT county, status, owner, request_id, created_at, started_at, finished_at, counts, score "
      + "FROM plans WHERE request_id = ANY($1)";
  private static final String PLANS_OF_WEEK = "SELECT county, count(*) AS n, count(*) FILTER (WHERE status IN ('queued', 'solving')) "
      + "AS active FROM plans WHERE week = $1 AND created_at >= $2 GROUP BY county";
  private static final String PEOPLE_PER_COUNTY = "SELECT l.county, count(*) AS n FROM beneficiaries b "
      + "JOIN localities l ON l.siruta = b.locality_siruta GROUP BY l.county ORDER BY l.county";

  private final Options options;
  private final DatabaseSettings db;
  private final String bootstrap;
  private final Pool pool;
  private final Admin admin;
  private final String group;

  private NationalWeekCommand(Options options, AppConfig config, DatabaseSettings db, String bootstrap, Pool pool) {
    this.options = options;
    this.db = db;
    this.bootstrap = bootstrap;
    this.pool = pool;
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    this.group = config.string("planning.requests.group");
  }

  /** Command-line options. */
  record Options(List<Integer> instances, int seconds, int beneficiaries, long seed, String week, int partitions,
      int workers, String heap, int timeoutMinutes, Path logs) {

    static Options parse(String[] args) throws IOException {
      List<Integer> instances = List.of(1, 2, 4);
      int seconds = 10;
      int beneficiaries = NationalGenerator.BENEFICIARIES;
      long seed = 20261202;
      LocalDate ahead = LocalDate.now(ZONE).plusWeeks(3);
      String week = String.format("%d-W%02d", ahead.get(IsoFields.WEEK_BASED_YEAR), ahead.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      int partitions = 12;
      int workers = 1;
      String heap = "512m";
      int timeout = 20;
      Path logs = null;
      for (int i = 0; i < args.length; i += 2) {
        if (i + 1 >= args.length) throw new IllegalArgumentException(args[i] + " needs a value");
        String v = args[i + 1];
        switch (args[i]) {
          case "--instances" -> {
            List<Integer> list = new ArrayList<>();
            for (String n : v.split(",", -1)) list.add(CliNumbers.positive("--instances", n.strip()));
            instances = List.copyOf(list);
          }
          case "--seconds" -> seconds = CliNumbers.positive("--seconds", v);
          case "--beneficiaries" -> beneficiaries = CliNumbers.positive("--beneficiaries", v);
          case "--seed" -> seed = CliNumbers.positive("--seed", v);
          case "--week" -> {
            try {
              PlanRequest.monday(v);
            } catch (ApiError e) {
              throw new IllegalArgumentException("--week: " + e.reasonEn());
            }
            week = v;
          }
          case "--partitions" -> partitions = CliNumbers.positive("--partitions", v);
          case "--workers" -> workers = CliNumbers.positive("--workers", v);
          case "--heap" -> {
            if (!v.matches("[1-9][0-9]{0,5}[mg]")) throw new IllegalArgumentException("--heap takes a size like 512m or 1g");
            heap = v;
          }
          case "--timeout-minutes" -> timeout = CliNumbers.positive("--timeout-minutes", v);
          case "--logs" -> logs = Path.of(v);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (seconds > PlanRequest.MAX_SECONDS) throw new IllegalArgumentException("--seconds is at most " + PlanRequest.MAX_SECONDS);
      if (logs == null) logs = Files.createTempDirectory("caravana-national-");
      Files.createDirectories(logs);
      return new Options(instances, seconds, beneficiaries, seed, week, partitions, workers, heap, timeout, logs);
    }
  }

  public static int run(String[] args) throws Exception {
    PrintStream stdout = System.out;
    System.setOut(System.err);
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench-national: " + e.getMessage());
      return 2;
    }
    AppConfig config = AppConfig.load(System.getenv());
    try (Infrastructure infrastructure = Infrastructure.fromConfig(config)) {
      Vertx vertx = Vertx.vertx();
      try {
        DatabaseSettings db = infrastructure.database();
        Migrations.run(db.jdbcUrl(), db.user(), db.password());
        Pool pool = db.pool(vertx);
        NationalWeekCommand bench = new NationalWeekCommand(options, config, db, infrastructure.kafkaBootstrap(), pool);
        try {
          return bench.runAll(stdout);
        } finally {
          bench.admin.close();
          await(pool.close());
        }
      } finally {
        await(vertx.close());
      }
    }
  }

  private int runAll(PrintStream stdout) throws Exception {
    long t0 = System.nanoTime();
    await(LocalityImport.importIfEmpty(pool));
    boolean loaded = await(DemoLoader.loadNationalOnce(pool, options.seed(), options.beneficiaries()));
    Map<String, Integer> people = new TreeMap<>();
    for (Row r : await(pool.query(PEOPLE_PER_COUNTY).execute())) people.put(r.getString("county"), r.getInteger("n"));
    if (people.size() != 42) {
      System.err.println("bench-national: the database holds beneficiaries in " + people.size() + " counties, not 42; "
          + "use an empty database (the national scenario is loaded only where no scenario is)");
      return 1;
    }
    System.err.printf("national scenario %s: %d beneficiaries in %d county units (%.1f s); week %s, %d s per plan, logs in %s%n",
        loaded ? "loaded" : "already there", people.values().stream().mapToInt(Integer::intValue).sum(), people.size(),
        (System.nanoTime() - t0) / 1e9, options.week(), options.seconds(), options.logs());
    ensurePartitions();
    List<JsonObject> runs = new ArrayList<>();
    boolean allGood = true;
    for (int n : options.instances()) {
      JsonObject run = runWith(n, new ArrayList<>(people.keySet()));
      if (!runs.isEmpty()) run.put("speedUp", runs.get(0).getDouble("wallSeconds") / run.getDouble("wallSeconds"));
      runs.add(run);
      stdout.println(run.encode());
      stdout.flush();
      allGood &= run.getBoolean("exactlyOnce");
      table(runs);
    }
    return allGood ? 0 : 1;
  }

  /** One run: n planner processes, 42 county-weeks. */
  private JsonObject runWith(int n, List<String> counties) throws Exception {
    OffsetDateTime since = await(pool.query("SELECT now()").execute()).iterator().next().getOffsetDateTime(0);
    List<Process> planners = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) planners.add(startPlanner(n, i));
      awaitGroup(n, planners);
      Map<Long, Duration> cpuBefore = new HashMap<>();
      for (Process p : planners) cpuBefore.put(p.pid(), cpu(p));
      List<double[]> load = new ArrayList<>();
      load.add(loadAverage());
      Map<String, UUID> requests = new LinkedHashMap<>();
      for (String c : counties) requests.put(c, UUID.randomUUID());
      long start = System.nanoTime();
      send(requests);
      List<Row> finished = awaitFinished(requests, load);
      double wall = (System.nanoTime() - start) / 1e9;
      load.add(loadAverage());
      JsonArray processes = new JsonArray();
      double cpuTotal = 0;
      Map<Long, Integer> index = new HashMap<>();
      for (int i = 0; i < planners.size(); i++) {
        Process p = planners.get(i);
        index.put(p.pid(), i);
        double cpu = (cpu(p).minus(cpuBefore.get(p.pid()))).toMillis() / 1000.0;
        cpuTotal += cpu;
        processes.add(new JsonObject().put("pid", p.pid()).put("cpuSeconds", cpu)
            .put("cpuSecondsWithStart", cpu(p).toMillis() / 1000.0).put("peakRssMiB", peakRssMiB(p)));
      }
      awaitConsumed();
      JsonObject check = check(requests, finished, since);
      // county-weeks per process, from the plans' holders
      int[] perProcess = new int[n];
      double solveSeconds = 0;
      long assigned = 0;
      long appointments = 0;
      for (Row r : finished) {
        var pid = ro.caravana.scheduler.planning.PlanRepository.ownerPid(r.getString("owner"));
        Integer i = pid.isPresent() ? index.get(pid.getAsLong()) : null;
        if (i != null) perProcess[i]++;
        solveSeconds += Duration.between(r.getOffsetDateTime("started_at"), r.getOffsetDateTime("finished_at")).toMillis() / 1000.0;
        JsonObject counts = r.getJsonObject("counts");
        if (counts != null) {
          assigned += counts.getLong("assigned", 0L);
          appointments += counts.getLong("appointments", 0L);
        }
      }
      for (int i = 0; i < n; i++) processes.getJsonObject(i).put("countyWeeks", perProcess[i]);
      double loadMin = load.stream().mapToDouble(a -> a[0]).min().orElse(0);
      double loadMax = load.stream().mapToDouble(a -> a[0]).max().orElse(0);
      double loadMean = load.stream().mapToDouble(a -> a[0]).average().orElse(0);
      return new JsonObject().put("instances", n).put("workersPerInstance", options.workers())
          .put("countyWeeks", counties.size()).put("week", options.week()).put("secondsLimit", options.seconds())
          .put("wallSeconds", wall).put("wallSecondsPerCountyWeek", wall / counties.size())
          .put("cpuSeconds", cpuTotal).put("cpuSecondsPerCountyWeek", cpuTotal / counties.size())
          .put("meanSolveSeconds", solveSeconds / finished.size())
          .put("appointments", appointments).put("assigned", assigned)
          .put("loadAverage1m", new JsonObject().put("min", loadMin).put("mean", loadMean).put("max", loadMax))
          .put("processes", processes).mergeIn(check);
    } finally {
      for (Process p : planners) p.destroy(); // SIGTERM: each leaves the group cleanly
      for (Process p : planners) {
        if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private Process startPlanner(int n, int i) throws IOException {
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + options.heap(),
        "-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"), "ro.caravana.portal.Main", "planner");
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.put(AppConfig.envName("db.url"), db.jdbcUrl());
    env.put(AppConfig.envName("db.user"), db.user());
    env.put(AppConfig.envName("db.password"), db.password());
    env.put(AppConfig.envName("kafka.bootstrap"), bootstrap);
    env.put(AppConfig.envName("planning.workers"), Integer.toString(options.workers()));
    env.put(AppConfig.envName("planning.consume-requests"), "true");
    Path log = options.logs().resolve("planner-" + n + "-" + (i + 1) + ".log");
    return pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Waits until the consumer group is stable with these n processes, each holding partitions. */
  private void awaitGroup(int n, List<Process> planners) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (System.nanoTime() < deadline) {
      for (Process p : planners) {
        if (!p.isAlive()) throw new IllegalStateException("a planner process ended at start; see " + options.logs());
      }
      ConsumerGroupDescription g = admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group);
      if (g.state() == ConsumerGroupState.STABLE && g.members().size() == n
          && g.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty())) {
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the consumer group " + group + " did not settle with " + n + " members");
  }

  /** Every request twice, keyed by county (the second copy stands for a redelivery). */
  private void send(Map<String, UUID> requests) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      for (int copy = 0; copy < 2; copy++) {
        for (var e : requests.entrySet()) {
          JsonObject body = new JsonObject().put("requestId", e.getValue().toString()).put("county", e.getKey())
              .put("week", options.week()).put("kinds", new JsonArray().add("routes").add("timetable"))
              .put("secondsLimit", options.seconds());
          producer.send(new ProducerRecord<>(Topics.PLAN_REQUESTS, e.getKey(), body.encode()));
        }
      }
      producer.flush();
    }
  }

  private List<Row> awaitFinished(Map<String, UUID> requests, List<double[]> load) throws Exception {
    UUID[] ids = requests.values().toArray(UUID[]::new);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(options.timeoutMinutes());
    long lastLoad = System.nanoTime();
    while (true) {
      List<Row> rows = new ArrayList<>();
      await(pool.preparedQuery(PLANS).execute(Tuple.of(ids))).forEach(rows::add);
      boolean done = rows.size() == ids.length
          && rows.stream().noneMatch(r -> r.getString("status").equals("queued") || r.getString("status").equals("solving"));
      if (done) return rows;
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not finished after " + options.timeoutMinutes() + " minutes: " + rows.size()
            + " of " + ids.length + " plans exist");
      }
      if (System.nanoTime() - lastLoad > TimeUnit.SECONDS.toNanos(10)) {
        load.add(loadAverage());
        lastLoad = System.nanoTime();
      }
      Thread.sleep(250);
    }
  }

  /** Waits until the group has committed every request on the topic (the repeats included). */
  private void awaitConsumed() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int i = 0; i < partitions(); i++) latest.put(new TopicPartition(Topics.PLAN_REQUESTS, i), OffsetSpec.latest());
      var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
      boolean all = ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
          || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue().offset()));
      if (all) return;
      Thread.sleep(500);
    }
    throw new IllegalStateException("the plan requests were not all consumed within a minute of the last plan");
  }

  /** Exactly once, from the database: one plan per county-week since the run began, each solved, none active. */
  private JsonObject check(Map<String, UUID> requests, List<Row> finished, OffsetDateTime since) throws Exception {
    List<String> problems = new ArrayList<>();
    Map<String, Long> perCounty = new HashMap<>();
    for (Row r : await(pool.preparedQuery(PLANS_OF_WEEK).execute(Tuple.of(options.week(), since)))) {
      perCounty.put(r.getString("county"), r.getLong("n"));
      if (r.getLong("active") > 0) problems.add(r.getString("county") + " still queued or solving");
    }
    for (String county : requests.keySet()) {
      long plans = perCounty.getOrDefault(county, 0L);
      if (plans != 1) problems.add(county + ": " + plans + " plans");
    }
    perCounty.keySet().stream().filter(c -> !requests.containsKey(c)).forEach(c -> problems.add(c + ": planned but not requested"));
    long solved = finished.stream().filter(r -> r.getString("status").equals("solved")).count();
    if (solved != requests.size()) problems.add((requests.size() - solved) + " plans not solved");
    return new JsonObject().put("plansSolved", solved).put("plansForWeek", perCounty.values().stream().mapToLong(Long::longValue).sum())
        .put("exactlyOnce", problems.isEmpty()).put("problems", new JsonArray(problems));
  }

  private void ensurePartitions() throws Exception {
    var names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
    if (!names.contains(Topics.PLAN_REQUESTS)) {
      admin.createTopics(List.of(new NewTopic(Topics.PLAN_REQUESTS, options.partitions(), (short) 1))).all().get(10, TimeUnit.SECONDS);
    } else if (partitions() < options.partitions()) {
      admin.createPartitions(Map.of(Topics.PLAN_REQUESTS, NewPartitions.increaseTo(options.partitions()))).all().get(10, TimeUnit.SECONDS);
    }
  }

  private int partitions() throws Exception {
    return admin.describeTopics(List.of(Topics.PLAN_REQUESTS)).allTopicNames().get(10, TimeUnit.SECONDS)
        .get(Topics.PLAN_REQUESTS).partitions().size();
  }

  /** CPU time of a process (all its threads, user and system), as the kernel counts it. */
  private static Duration cpu(Process p) {
    return p.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /** The process's peak resident set (VmHWM), MiB. */
  private static double peakRssMiB(Process p) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
        if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux, or the process is gone
    }
    return -1;
  }

  private static double[] loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return new double[] {Double.parseDouble(parts[0])};
    } catch (IOException | RuntimeException e) {
      return new double[] {-1};
    }
  }

  private static void table(List<JsonObject> runs) {
    System.err.println("| instances | wall s | speed-up | CPU s (all planners) | CPU s / county-week | wall s / county-week "
        + "| county-weeks per process | peak RSS MiB per process | load avg (1 min) min-max | exactly once |");
    System.err.println("|---:|---:|---:|---:|---:|---:|---|---|---|---|");
    for (JsonObject r : runs) {
      List<String> per = new ArrayList<>();
      List<String> rss = new ArrayList<>();
      r.getJsonArray("processes").forEach(o -> {
        JsonObject p = (JsonObject) o;
        per.add(p.getInteger("countyWeeks") + "");
        rss.add(String.format("%.0f", p.getDouble("peakRssMiB")));
      });
      JsonObject load = r.getJsonObject("loadAverage1m");
      System.err.printf("| %d | %.0f | %.2f | %.0f | %.1f | %.1f | %s | %s | %.1f-%.1f | %s |%n", r.getInteger("instances"),
          r.getDouble("wallSeconds"), r.getDouble("speedUp", 1.0), r.getDouble("cpuSeconds"),
          r.getDouble("cpuSecondsPerCountyWeek"), r.getDouble("wallSecondsPerCountyWeek"), String.join("/", per),
          String.join("/", rss), load.getDouble("min"), load.getDouble("max"), r.getBoolean("exactlyOnce") ? "yes" : "NO "
              + r.getJsonArray("problems").encode());
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
  }
}
