package ro.caravana.portal.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.portal.telemedicine.TelemedicineRoutes;
import ro.caravana.scheduler.PlannerApp;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.platform.Infrastructure;
import ro.caravana.scheduler.platform.config.AppConfig;

/** Starts the whole system (or a planner-only instance) and keeps it running until the process is told to stop. */
public final class Server {

  private static final Logger LOG = LoggerFactory.getLogger(Server.class);

  private Server() {}

  public static int run(boolean demo) throws Exception {
    long t0 = System.nanoTime();
    AppConfig config = AppConfig.load(System.getenv());
    if (demo) config = TelemedicineRoutes.withDemoDefaults(config);
    if (!demo && !external(config, "serve")) return 2;
    if (!demo && config.optional("auth.jwt-secret").map(String::length).orElse(0) < 32) {
      System.err.println("serve needs a signing key for tokens and family links: set CARAVANA_AUTH_JWT_SECRET to at "
          + "least 32 random characters, the same on every instance (for example: openssl rand -base64 48).");
      return 2;
    }
    AppConfig settings = config;
    return runUntilStopped(config, (vertx, infrastructure) -> SchedulerApp.start(vertx, settings, infrastructure.database(),
        infrastructure.kafkaBootstrap(), demo, PortalRoutes::mount)
        .map(app -> "Caravana " + (demo ? "demo" : "server") + " ready on http://localhost:" + app.port() + " in "
            + (System.nanoTime() - t0) / 1_000_000 + " ms"));
  }

  /**
   * A planner-only instance (caravana planner): plan requests from Kafka, solved and stored in PostgreSQL, no HTTP.
   * Needs the external PostgreSQL and Kafka of the installation, as serve does.
   */
  public static int runPlanner() throws Exception {
    long t0 = System.nanoTime();
    AppConfig config = AppConfig.load(System.getenv());
    if (!external(config, "planner")) return 2;
    return runUntilStopped(config, (vertx, infrastructure) -> PlannerApp.start(vertx, config, infrastructure.database(),
        infrastructure.kafkaBootstrap())
        .map(app -> "Caravana planner ready (group " + config.string("planning.requests.group") + ", "
            + config.integer("planning.workers") + " solver thread(s), pid " + ProcessHandle.current().pid() + ") in "
            + (System.nanoTime() - t0) / 1_000_000 + " ms"));
  }

  private static boolean external(AppConfig config, String command) {
    if (config.optional("db.url").isPresent() && config.optional("kafka.bootstrap").isPresent()) return true;
    System.err.println(command + " needs an external PostgreSQL and Kafka: set CARAVANA_DB_URL, CARAVANA_DB_USER, "
        + "CARAVANA_DB_PASSWORD and CARAVANA_KAFKA_BOOTSTRAP (or use 'caravana demo').");
    return false;
  }

  private interface Starter {
    Future<String> start(Vertx vertx, Infrastructure infrastructure);
  }

  private static int runUntilStopped(AppConfig config, Starter starter) throws Exception {
    Infrastructure infrastructure = Infrastructure.fromConfig(config);
    Vertx vertx = Vertx.vertx();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping");
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("Vert.x did not stop cleanly: {}", e.toString());
      }
      infrastructure.close();
      stopped.countDown();
    }, "caravana-shutdown"));
    String ready;
    try {
      ready = starter.start(vertx, infrastructure).toCompletionStage().toCompletableFuture().get();
    } catch (Exception e) {
      LOG.error("start failed", e);
      System.exit(1);
      return 1;
    }
    LOG.info(ready);
    stopped.await();
    return 0;
  }
}
