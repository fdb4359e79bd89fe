package ro.caravana.scheduler.platform.ops;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code /health}: 200 only when PostgreSQL and Kafka both answer; {@code /metrics}: Prometheus text. */
public final class OpsRoutes {

  private static final String PENDING = "SELECT count(*) FROM outbox WHERE sent_at IS NULL";

  private final Pool pool;
  private final KafkaAdminClient kafka;
  private final Metrics metrics;

  public OpsRoutes(Pool pool, KafkaAdminClient kafka, Metrics metrics) {
    this.pool = pool;
    this.kafka = kafka;
    this.metrics = metrics;
  }

  public void mount(Router router) {
    router.get("/health").handler(this::health);
    router.get("/metrics").handler(this::metrics);
  }

  private void health(RoutingContext ctx) {
    Future<Boolean> db = pool.query("SELECT 1").execute().map(r -> true).timeout(3, TimeUnit.SECONDS)
        .otherwise(false);
    Future<Boolean> broker = kafka.describeCluster().map(c -> !c.getNodes().isEmpty()).timeout(3, TimeUnit.SECONDS)
        .otherwise(false);
    Future.join(db, broker).onComplete(ar -> {
      boolean up = db.result() && broker.result();
      ctx.response()
          .setStatusCode(up ? 200 : 503)
          .putHeader("Content-Type", "application/json")
          .putHeader("Cache-Control", "no-store")
          .end(new JsonObject()
              .put("status", up ? "UP" : "DOWN")
              .put("database", db.result() ? "UP" : "DOWN")
              .put("kafka", broker.result() ? "UP" : "DOWN")
              .encode());
    });
  }

  private void metrics(RoutingContext ctx) {
    pool.query(PENDING).execute()
        .map(rows -> rows.iterator().next().getLong(0))
        .otherwise(-1L)
        .onComplete(ar -> ctx.response()
            .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
            .end(metrics.render(Map.of("caravana_outbox_pending", ar.result()))));
  }
}
