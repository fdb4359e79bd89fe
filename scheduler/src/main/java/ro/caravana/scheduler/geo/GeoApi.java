package ro.caravana.scheduler.geo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Set;
import ro.caravana.scheduler.common.Params;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.http.Requests;
import ro.caravana.scheduler.platform.http.Responses;

/** Counties and localities (read-only reference data). */
public final class GeoApi {

  static final Set<String> TYPES = Set.of("commune_seat_village", "village", "municipality_seat_locality",
      "municipality_component", "village_of_municipality", "town_seat_locality", "town_component", "village_of_town");

  static final String COUNTIES = """
      SELECT c.code, c.name, count(l.siruta) AS localities
      FROM counties c LEFT JOIN localities l ON l.county = c.code
      GROUP BY c.code, c.name ORDER BY c.name""";

  /** Name search ignores case and Romanian diacritics ("focsani" finds Focșani). */
  private static final String LOCALITY_FILTER = "\n" + """
      WHERE ($1::text IS NULL OR l.county = $1)
        AND ($2::text IS NULL OR l.type = $2)
        AND ($3::text IS NULL OR translate(lower(l.name), 'ăâîșşțţ', 'aaisstt')
                                 LIKE '%' || translate(lower($3), 'ăâîșşțţ', 'aaisstt') || '%')""";
  static final String LOCALITIES = """
      SELECT l.siruta, l.name, l.county, l.type, l.lat, l.lon, l.population, l.parent_siruta, u.name AS parent_name
      FROM localities l JOIN administrative_units u ON u.siruta = l.parent_siruta
      """ + LOCALITY_FILTER + " ORDER BY l.county, l.name, l.siruta LIMIT $4 OFFSET $5";
  static final String COUNT_LOCALITIES = "SELECT count(*) FROM localities l " + LOCALITY_FILTER;
  static final String LOCALITY = """
      SELECT l.siruta, l.name, l.county, l.type, l.lat, l.lon, l.population, l.parent_siruta, u.name AS parent_name
      FROM localities l JOIN administrative_units u ON u.siruta = l.parent_siruta WHERE l.siruta = $1""";

  private final Pool pool;
  private final ServedCounties served;

  private GeoApi(Pool pool, ServedCounties served) {
    this.pool = pool;
    this.served = served;
  }

  public static void mount(Router router, Pool pool, ServedCounties served) {
    GeoApi api = new GeoApi(pool, served);
    router.get("/api/counties").handler(api::counties);
    router.get("/api/localities").handler(api::localities);
    router.get("/api/localities/:siruta").handler(api::locality);
  }

  private void counties(RoutingContext ctx) {
    pool.query(COUNTIES).execute()
        .onSuccess(rows -> {
          JsonArray items = new JsonArray();
          for (Row r : rows) {
            items.add(new JsonObject().put("code", r.getString("code")).put("name", r.getString("name"))
                .put("localities", r.getLong("localities")).put("served", served.serves(r.getString("code"))));
          }
          Responses.page(ctx, items, items.size());
        })
        .onFailure(ctx::fail);
  }

  private void localities(RoutingContext ctx) {
    String county = Params.county(ctx);
    String type = Params.choice(ctx, "type", TYPES);
    String q = Requests.query(ctx, "q");
    int limit = Requests.limit(ctx);
    int offset = Requests.offset(ctx);
    Future<JsonArray> items = pool.preparedQuery(LOCALITIES).execute(Tuple.of(county, type, q, limit, offset))
        .map(rows -> {
          JsonArray out = new JsonArray();
          for (Row r : rows) out.add(json(r));
          return out;
        });
    Future<Long> total = pool.preparedQuery(COUNT_LOCALITIES).execute(Tuple.of(county, type, q))
        .map(rows -> rows.iterator().next().getLong(0));
    Future.all(items, total)
        .onSuccess(v -> Responses.page(ctx, items.result(), total.result()))
        .onFailure(ctx::fail);
  }

  private void locality(RoutingContext ctx) {
    long siruta = Params.pathLong(ctx, "siruta");
    pool.preparedQuery(LOCALITY).execute(Tuple.of((int) Math.min(siruta, Integer.MAX_VALUE)))
        .onSuccess(rows -> {
          if (rows.size() == 0) {
            ctx.fail(ApiError.notFound("siruta", "Nu există o localitate cu acest cod SIRUTA.",
                "No locality with this SIRUTA code."));
          } else {
            Responses.json(ctx, 200, json(rows.iterator().next()));
          }
        })
        .onFailure(ctx::fail);
  }

  static JsonObject json(Row r) {
    return new JsonObject()
        .put("siruta", r.getInteger("siruta"))
        .put("name", r.getString("name"))
        .put("county", r.getString("county"))
        .put("type", r.getString("type"))
        .put("lat", r.getDouble("lat"))
        .put("lon", r.getDouble("lon"))
        .put("population", r.getInteger("population"))
        .put("parentSiruta", r.getInteger("parent_siruta"))
        .put("parentName", r.getString("parent_name"));
  }
}
