package ro.caravana.scheduler.planning;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.platform.config.AppConfig;

/** The planning context assembled from configuration: service, routes, and the plan-request consumer. */
public final class Planning {

  private static final Logger LOG = LoggerFactory.getLogger(Planning.class);

  private final Vertx vertx;
  private final AppConfig config;
  private final PlanningService service;
  private final PlanRoutes routes;

  private Planning(Vertx vertx, AppConfig config, PlanningService service, PlanRoutes routes) {
    this.vertx = vertx;
    this.config = config;
    this.service = service;
    this.routes = routes;
  }

  public static Planning create(Vertx vertx, AppConfig config, Pool pool) {
    PlanRepository plans = new PlanRepository(pool);
    ProblemLoader loader = new ProblemLoader(pool, plans, ZoneId.of(config.string("zone")));
    PlanningService service = new PlanningService(vertx, plans, loader, new CountyWeekPlanner(),
        config.integer("planning.workers"));
    return new Planning(vertx, config, service, new PlanRoutes(vertx, service, new Publisher(pool, plans),
        new PlanEdits(service, loader)));
  }

  /**
   * Marks failed the jobs whose planner is gone (silent past planning.lease-seconds), keeps this
   * instance's own jobs alive with a heartbeat (a third of the lease) and repeats the sweep on the
   * same beat, then listens for plan requests on Kafka and, every planning.claim-ms, takes over a request
   * another instance has queued but not started while this one has a thread free.
   */
  public Future<Void> start(String kafkaBootstrap) {
    long lease = config.longValue("planning.lease-seconds");
    vertx.setPeriodic(Math.max(1000, lease * 1000 / 3), t -> service.plans().heartbeat()
        .compose(v -> service.plans().recoverAbandoned(lease))
        .onSuccess(n -> {
          if (n > 0) LOG.warn("{} plan job(s) lost their planner instance and are marked failed", n);
        })
        .onFailure(e -> LOG.warn("plan lease: {}", e.toString())));
    return service.plans().recoverAbandoned(lease).compose(n -> {
      if (n > 0) LOG.warn("{} plan job(s) were interrupted by a restart and are marked failed", n);
      return vertx.deployVerticle(new PlanInputChanges(service.plans().pool(), kafkaBootstrap,
          config.string("planning.inputs.group"))).mapEmpty();
    }).compose(v -> {
      if (!config.bool("planning.consume-requests")) return Future.succeededFuture();
      // an instance with a free thread takes over requests queued behind another instance's busy threads
      vertx.setPeriodic(Math.max(100, config.longValue("planning.claim-ms")), t -> service.claimIfIdle()
          .onFailure(e -> LOG.warn("plan claim: {}", e.toString())));
      return vertx.deployVerticle(new PlanRequestConsumer(service, kafkaBootstrap,
          config.string("planning.requests.group"))).mapEmpty();
    });
  }

  public PlanRoutes routes() {
    return routes;
  }

  public PlanningService service() {
    return service;
  }
}
