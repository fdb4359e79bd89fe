package ro.caravana.scheduler.road;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches road times from the road router named in configuration (an OSRM {@code /table} or a
 * GraphHopper {@code /matrix} endpoint) for a county's depots and caravan stops, and caches them in
 * {@code travel_matrix} as source {@code router}. Done on demand and in the background: solvers only
 * ever read the cache, so they never wait on the network; an imported (CSV) entry is never replaced.
 */
public final class RoadRouter {

  private static final Logger LOG = LoggerFactory.getLogger(RoadRouter.class);
  /** A table request asks for at most this many places (OSRM's default max-table-size is 100). */
  static final int MAX_PLACES = 100;
  private static final String PLACES = """
      SELECT siruta, lat, lon FROM localities WHERE siruta IN (
        SELECT depot_siruta FROM caravans WHERE county = $1
        UNION SELECT b.locality_siruta FROM care_plans p JOIN beneficiaries b ON b.id = p.beneficiary_id
          JOIN localities l ON l.siruta = b.locality_siruta WHERE l.county = $1 AND p.modality = 'caravan')
      ORDER BY siruta""";
  private static final String UPSERT = """
      INSERT INTO travel_matrix (from_siruta, to_siruta, seconds, metres, source) VALUES ($1, $2, $3, $4, 'router')
      ON CONFLICT (from_siruta, to_siruta) DO UPDATE SET seconds = EXCLUDED.seconds, metres = EXCLUDED.metres,
        updated_at = now() WHERE travel_matrix.source = 'router'""";

  public enum Kind { NONE, OSRM, GRAPHHOPPER }

  private final Pool pool;
  private final WebClient client;
  private final Kind kind;
  private final String url;

  public RoadRouter(Vertx vertx, Pool pool, String kind, String url, int timeoutMs) {
    this.pool = pool;
    this.kind = kind == null || kind.isBlank() ? Kind.NONE : Kind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
    this.url = url == null ? "" : url.trim().replaceAll("/+$", "");
    if (this.kind != Kind.NONE && this.url.isEmpty()) {
      throw new IllegalStateException("road.router.url is required when road.router.kind is " + kind);
    }
    this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(timeoutMs).setIdleTimeout(timeoutMs)
        .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS));
  }

  public boolean configured() {
    return kind != Kind.NONE;
  }

  /** The places a refresh of {@code county} asks about (how many pairs), before the fetch runs in the background. */
  public Future<Integer> refresh(String county) {
    return pool.preparedQuery(PLACES).execute(Tuple.of(county)).map(rows -> {
      List<double[]> points = new ArrayList<>();
      List<Integer> sirutas = new ArrayList<>();
      rows.forEach(r -> {
        sirutas.add(r.getInteger("siruta"));
        points.add(new double[] {r.getDouble("lon"), r.getDouble("lat")});
      });
      if (sirutas.size() > 1) {
        fetchAndStore(sirutas, points).onComplete(ar -> {
          if (ar.succeeded()) LOG.info("road router: {} pairs cached for {}", ar.result(), county);
          else LOG.warn("road router: refresh of {} failed: {}", county, ar.cause().toString());
        });
      }
      return sirutas.size() * (sirutas.size() - 1);
    });
  }

  private Future<Integer> fetchAndStore(List<Integer> sirutas, List<double[]> points) {
    if (sirutas.size() > MAX_PLACES) {
      return Future.failedFuture(new IllegalStateException(sirutas.size() + " places, more than one table request ("
          + MAX_PLACES + ")"));
    }
    Future<JsonObject> answer = kind == Kind.OSRM ? osrm(points) : graphhopper(points);
    return answer.compose(json -> {
      JsonArray seconds = json.getJsonArray(kind == Kind.OSRM ? "durations" : "times");
      JsonArray metres = json.getJsonArray("distances");
      if (seconds == null || metres == null || seconds.size() != sirutas.size()) {
        return Future.failedFuture(new IllegalStateException("road router answer without durations and distances"));
      }
      List<Tuple> batch = new ArrayList<>();
      for (int i = 0; i < sirutas.size(); i++) {
        for (int j = 0; j < sirutas.size(); j++) {
          if (i == j) continue;
          Number s = (Number) seconds.getJsonArray(i).getValue(j);
          Number m = (Number) metres.getJsonArray(i).getValue(j);
          if (s == null || m == null) continue; // no road between them
          batch.add(Tuple.of(sirutas.get(i), sirutas.get(j), (int) Math.round(s.doubleValue()),
              (int) Math.round(m.doubleValue())));
        }
      }
      return batch.isEmpty() ? Future.succeededFuture(0)
          : pool.withTransaction(tx -> tx.preparedQuery(UPSERT).executeBatch(batch)).map(batch.size());
    });
  }

  /** OSRM: {@code GET /table/v1/driving/lon,lat;...?annotations=duration,distance}. */
  private Future<JsonObject> osrm(List<double[]> points) {
    String coordinates = points.stream().map(p -> String.format(Locale.ROOT, "%.6f,%.6f", p[0], p[1]))
        .collect(Collectors.joining(";"));
    return client.getAbs(url + "/table/v1/driving/" + coordinates + "?annotations=duration,distance").send()
        .map(r -> {
          if (r.statusCode() != 200) throw new IllegalStateException("road router answered " + r.statusCode());
          JsonObject json = r.bodyAsJsonObject();
          if (!"Ok".equals(json.getString("code"))) throw new IllegalStateException("road router: " + json.getString("code"));
          return json;
        });
  }

  /** GraphHopper: {@code POST /matrix} with points as [lon, lat] and times and distances asked for. */
  private Future<JsonObject> graphhopper(List<double[]> points) {
    JsonArray pts = new JsonArray();
    points.forEach(p -> pts.add(new JsonArray().add(p[0]).add(p[1])));
    JsonObject body = new JsonObject().put("points", pts).put("profile", "car")
        .put("out_arrays", new JsonArray().add("times").add("distances"));
    return client.postAbs(url + "/matrix").sendJsonObject(body).map(r -> {
      if (r.statusCode() != 200) throw new IllegalStateException("road router answered " + r.statusCode());
      return r.bodyAsJsonObject();
    });
  }

  /** For the JSON answer of a refresh. */
  public String kindCode() {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
