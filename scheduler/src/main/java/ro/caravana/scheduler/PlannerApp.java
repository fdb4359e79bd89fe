package ro.caravana.scheduler;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.platform.config.AppConfig;
import ro.caravana.scheduler.platform.db.DatabaseSettings;
import ro.caravana.scheduler.platform.db.Migrations;
import ro.caravana.scheduler.platform.http.HttpVerticle;
import ro.caravana.scheduler.platform.kafka.KafkaClients;
import ro.caravana.scheduler.platform.ops.Metrics;
import ro.caravana.scheduler.platform.ops.OpsRoutes;
import ro.caravana.scheduler.planning.Planning;

/**
 * A planner-only instance: it takes plan requests from the {@code caravana.plan-requests} topic in the
 * consumer group {@code planning.requests.group}, solves them on {@code planning.workers} threads and keeps
 * its jobs' lease; no pages or API, no notices, no outbox relay. Started beside one or more full instances,
 * it adds solving capacity: Kafka spreads the counties' partitions over every member of the group. With
 * {@code planner.http.port} at 0 or more it answers {@code /health} and {@code /metrics} there, as
 * {@code serve} does, for the county's monitoring.
 */
public final class PlannerApp {

  private static final Logger LOG = LoggerFactory.getLogger(PlannerApp.class);

  private final Pool pool;
  private final Planning planning;
  private final KafkaAdminClient admin;
  private final int port;

  private PlannerApp(Pool pool, Planning planning, KafkaAdminClient admin, int port) {
    this.pool = pool;
    this.planning = planning;
    this.admin = admin;
    this.port = port;
  }

  public static Future<PlannerApp> start(Vertx vertx, AppConfig config, DatabaseSettings db, String kafkaBootstrap) {
    if (!config.bool("planning.consume-requests")) {
      return Future.failedFuture(new IllegalStateException(
          "a planner instance takes plan requests: planning.consume-requests must be true"));
    }
    int port = config.integer("planner.http.port");
    return vertx.executeBlocking(() -> Migrations.run(db.jdbcUrl(), db.user(), db.password()), false)
        // built on a worker, as in SchedulerApp: loading the solver's classes would block an event loop
        .compose(migrations -> vertx.executeBlocking(() -> {
          LOG.info("database migrations applied: {}", migrations);
          Pool pool = db.pool(vertx, DatabaseSettings.Limits.from(config));
          return new PlannerApp(pool, Planning.create(vertx, config, pool),
              port < 0 ? null : KafkaAdminClient.create(vertx, KafkaClients.admin(kafkaBootstrap)), -1);
        }, false))
        .compose(app -> SchedulerApp.ensureTopics(vertx, kafkaBootstrap)
            .compose(v -> app.planning.start(kafkaBootstrap))
            .compose(v -> app.admin == null ? Future.succeededFuture(app) : app.serveOps(vertx, config, port)));
  }

  /** {@code /health} (PostgreSQL and Kafka answer) and {@code /metrics} on their own port. */
  private Future<PlannerApp> serveOps(Vertx vertx, AppConfig config, int wanted) {
    Router router = Router.router(vertx);
    new OpsRoutes(pool, admin, new Metrics()).mount(router);
    HttpVerticle http = new HttpVerticle(router, config.string("http.host"), wanted);
    return vertx.deployVerticle(http).map(id -> {
      LOG.info("planner health and metrics on port {}", http.actualPort());
      return new PlannerApp(pool, planning, admin, http.actualPort());
    });
  }

  /** The port of {@code /health} and {@code /metrics}, or -1 when {@code planner.http.port} is negative. */
  public int port() {
    return port;
  }

  public Planning planning() {
    return planning;
  }

  /** Closes the database pool; a job still solving is then marked failed by another instance once its lease ends. */
  public Future<Void> close() {
    return (admin == null ? Future.<Void>succeededFuture() : admin.close()).eventually(pool::close);
  }
}
