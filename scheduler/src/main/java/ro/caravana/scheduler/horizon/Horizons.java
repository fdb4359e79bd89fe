package ro.caravana.scheduler.horizon;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.platform.config.AppConfig;
import ro.caravana.scheduler.road.RoadRepository;
import ro.caravana.scheduler.road.RoadRouter;
import ro.caravana.scheduler.road.RoadRoutes;

/** The horizon and road-time contexts assembled from configuration: services and routes. */
public final class Horizons {

  private static final Logger LOG = LoggerFactory.getLogger(Horizons.class);

  private final HorizonService service;
  private final RoadRoutes roadRoutes;

  private Horizons(HorizonService service, RoadRoutes roadRoutes) {
    this.service = service;
    this.roadRoutes = roadRoutes;
  }

  public static Horizons create(io.vertx.core.Vertx vertx, AppConfig config, Pool pool) {
    RoadRepository roads = new RoadRepository(pool);
    RoadRouter router = new RoadRouter(vertx, pool, config.string("road.router.kind"), config.string("road.router.url"),
        config.integer("road.router.timeout-ms"));
    HorizonService service = new HorizonService(new HorizonRepository(pool),
        new HorizonLoader(pool, roads, ZoneId.of(config.string("zone"))), config.integer("horizon.workers"));
    return new Horizons(service, new RoadRoutes(roads, router));
  }

  /** Marks horizon jobs a previous process left unfinished as failed. */
  public Future<Void> start() {
    return service.horizons().recoverAfterRestart().map(n -> {
      if (n > 0) LOG.warn("{} horizon job(s) were interrupted by a restart and are marked failed", n);
      return null;
    });
  }

  public void mount(io.vertx.ext.web.Router router) {
    new HorizonRoutes(service).mount(router);
    roadRoutes.mount(router);
  }
}
