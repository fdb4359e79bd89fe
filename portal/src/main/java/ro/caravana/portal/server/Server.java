package ro.caravana.portal.server;

import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.portal.telemedicine.TelemedicineRoutes;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.platform.Infrastructure;
import ro.caravana.scheduler.platform.config.AppConfig;

/** Starts the whole system and keeps it running until the process is told to stop. */
public final class Server {

  private static final Logger LOG = LoggerFactory.getLogger(Server.class);

  private Server() {}

  public static int run(boolean demo) throws Exception {
    long t0 = System.nanoTime();
    AppConfig config = AppConfig.load(System.getenv());
    if (demo) config = TelemedicineRoutes.withDemoDefaults(config);
    if (!demo && (config.optional("db.url").isEmpty() || config.optional("kafka.bootstrap").isEmpty())) {
      System.err.println("serve needs an external PostgreSQL and Kafka: set CARAVANA_DB_URL, CARAVANA_DB_USER, "
          + "CARAVANA_DB_PASSWORD and CARAVANA_KAFKA_BOOTSTRAP (or use 'caravana demo').");
      return 2;
    }
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
    SchedulerApp app;
    try {
      app = SchedulerApp.start(vertx, config, infrastructure.database(), infrastructure.kafkaBootstrap(), demo,
              PortalRoutes::mount)
          .toCompletionStage().toCompletableFuture().get();
    } catch (Exception e) {
      LOG.error("start failed", e);
      System.exit(1);
      return 1;
    }
    LOG.info("Caravana {} ready on http://localhost:{} in {} ms", demo ? "demo" : "server", app.port(),
        (System.nanoTime() - t0) / 1_000_000);
    stopped.await();
    return 0;
  }
}
