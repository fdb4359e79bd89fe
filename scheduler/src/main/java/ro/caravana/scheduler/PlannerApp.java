package ro.caravana.scheduler;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.platform.config.AppConfig;
import ro.caravana.scheduler.platform.db.DatabaseSettings;
import ro.caravana.scheduler.platform.db.Migrations;
import ro.caravana.scheduler.planning.Planning;

/**
 * A planner-only instance: it takes plan requests from the {@code caravana.plan-requests} topic in the
 * consumer group {@code planning.requests.group}, solves them on {@code planning.workers} threads and keeps
 * its jobs' lease; no HTTP, no notices, no outbox relay. Started beside one or more full instances, it
 * adds solving capacity: Kafka spreads the counties' partitions over every member of the group.
 */
public final class PlannerApp {

  private static final Logger LOG = LoggerFactory.getLogger(PlannerApp.class);

  private final Pool pool;
  private final Planning planning;

  private PlannerApp(Pool pool, Planning planning) {
    this.pool = pool;
    this.planning = planning;
  }

  public static Future<PlannerApp> start(Vertx vertx, AppConfig config, DatabaseSettings db, String kafkaBootstrap) {
    if (!config.bool("planning.consume-requests")) {
      return Future.failedFuture(new IllegalStateException(
          "a planner instance takes plan requests: planning.consume-requests must be true"));
    }
    return vertx.executeBlocking(() -> Migrations.run(db.jdbcUrl(), db.user(), db.password()), false)
        .compose(migrations -> {
          LOG.info("database migrations applied: {}", migrations);
          Pool pool = db.pool(vertx, DatabaseSettings.Limits.from(config));
          Planning planning = Planning.create(vertx, config, pool);
          return SchedulerApp.ensureTopics(vertx, kafkaBootstrap)
              .compose(v -> planning.start(kafkaBootstrap))
              .map(v -> new PlannerApp(pool, planning));
        });
  }

  public Planning planning() {
    return planning;
  }

  /** Closes the database pool; a job still solving is then marked failed by another instance once its lease ends. */
  public Future<Void> close() {
    return pool.close();
  }
}
