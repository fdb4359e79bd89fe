package ro.caravana.scheduler.report;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/**
 * Sessions planned against sessions delivered, attendance and no-show rates, and how many localities
 * were reached, aggregated by locality, county or for the whole country. Aggregates only: no names.
 */
public final class AttendanceReport {

  public enum Level { LOCALITY, COUNTY, NATIONAL }

  private static final String MEASURES = "count(*) FILTER (WHERE a.status <> 'cancelled') AS planned, "
      + "count(*) FILTER (WHERE a.status = 'fulfilled') AS fulfilled, "
      + "count(*) FILTER (WHERE a.status = 'noshow') AS noshow, "
      + "count(*) FILTER (WHERE a.status = 'cancelled') AS cancelled, "
      + "count(DISTINCT a.beneficiary_id) AS beneficiaries, "
      + "count(DISTINCT l.siruta) FILTER (WHERE a.status = 'fulfilled') AS localities_reached, "
      + "coalesce(sum(extract(epoch FROM a.ends_at - a.starts_at) / 60) FILTER (WHERE a.status = 'fulfilled'), 0)::bigint "
      + "AS minutes_delivered";
  private static final String FROM = " FROM appointments a JOIN beneficiaries b ON b.id = a.beneficiary_id "
      + "JOIN localities l ON l.siruta = b.locality_siruta "
      + "WHERE a.starts_at >= $1 AND a.starts_at < $2 AND ($3::text IS NULL OR l.county = $3) "
      + "AND ($4::text IS NULL OR a.service = $4) AND ($5::text[] IS NULL OR l.county = ANY($5))";
  private static final Map<Level, String> QUERIES = Map.of(
      Level.LOCALITY, "SELECT l.county, l.siruta, l.name, " + MEASURES + FROM
          + " GROUP BY l.county, l.siruta, l.name ORDER BY l.county, l.name",
      Level.COUNTY, "SELECT l.county, " + MEASURES + FROM + " GROUP BY l.county ORDER BY l.county",
      Level.NATIONAL, "SELECT " + MEASURES + FROM);
  /** Localities where someone is in care: the denominator of coverage. */
  private static final String LOCALITIES_IN_CARE = "SELECT l.county, count(DISTINCT l.siruta) AS n FROM beneficiaries b "
      + "JOIN localities l ON l.siruta = b.locality_siruta WHERE ($1::text IS NULL OR l.county = $1) "
      + "AND ($2::text[] IS NULL OR l.county = ANY($2)) GROUP BY l.county";

  private final Pool pool;
  private final ZoneId zone;

  public AttendanceReport(Pool pool, ZoneId zone) {
    this.pool = pool;
    this.zone = zone;
  }

  /** {@code scope}: the counties the caller may see, null for all. */
  public Future<JsonObject> run(Level level, LocalDate from, LocalDate to, String county, String service, String[] scope) {
    Tuple args = Tuple.tuple().addOffsetDateTime(from.atStartOfDay(zone).toOffsetDateTime())
        .addOffsetDateTime(to.plusDays(1).atStartOfDay(zone).toOffsetDateTime())
        .addString(county).addString(service).addArrayOfString(scope);
    Future<JsonArray> rows = pool.preparedQuery(QUERIES.get(level)).execute(args).map(rs -> {
      JsonArray out = new JsonArray();
      rs.forEach(r -> out.add(row(level, r)));
      return out;
    });
    Future<Map<String, Long>> inCare = pool.preparedQuery(LOCALITIES_IN_CARE).execute(Tuple.tuple().addString(county).addArrayOfString(scope)).map(rs -> {
      Map<String, Long> m = new java.util.TreeMap<>();
      rs.forEach(r -> m.put(r.getString("county"), r.getLong("n")));
      return m;
    });
    return Future.all(rows, inCare).map(v -> {
      JsonArray items = rows.result();
      if (level != Level.LOCALITY) {
        for (Object o : items) {
          JsonObject item = (JsonObject) o;
          long denominator = level == Level.COUNTY ? inCare.result().getOrDefault(item.getString("county"), 0L)
              : inCare.result().values().stream().mapToLong(Long::longValue).sum();
          item.put("localitiesInCare", denominator)
              .put("coverage", denominator == 0 ? null : ratio(item.getLong("localitiesReached"), denominator));
        }
      }
      return new JsonObject().put("level", level.name().toLowerCase()).put("from", from.toString())
          .put("to", to.toString()).put("county", county).put("service", service).put("items", items)
          .put("total", items.size());
    });
  }

  private static JsonObject row(Level level, Row r) {
    long fulfilled = r.getLong("fulfilled");
    long noshow = r.getLong("noshow");
    JsonObject j = new JsonObject();
    if (level != Level.NATIONAL) j.put("county", r.getString("county"));
    if (level == Level.LOCALITY) j.put("siruta", r.getInteger("siruta")).put("name", r.getString("name"));
    return j.put("planned", r.getLong("planned"))
        .put("fulfilled", fulfilled)
        .put("noShow", noshow)
        .put("cancelled", r.getLong("cancelled"))
        .put("beneficiaries", r.getLong("beneficiaries"))
        .put("localitiesReached", r.getLong("localities_reached"))
        .put("minutesDelivered", r.getLong("minutes_delivered"))
        .put("attendanceRate", fulfilled + noshow == 0 ? null : ratio(fulfilled, fulfilled + noshow))
        .put("noShowRate", fulfilled + noshow == 0 ? null : ratio(noshow, fulfilled + noshow));
  }

  /** Counts of people and sessions in a locality report: shown as {@code "<5"} when between 1 and 4. */
  static final java.util.List<String> COUNTS = java.util.List.of("planned", "fulfilled", "noShow", "cancelled", "beneficiaries");

  /**
   * Small-count suppression for supervisors' locality reports: a count between 1 and 4 could point at a
   * person in a small village, so it reads {@code "<5"}, and the rates computed from it are withheld.
   */
  public static JsonObject suppressSmallCounts(JsonObject report) {
    for (Object o : report.getJsonArray("items")) {
      JsonObject item = (JsonObject) o;
      boolean small = false;
      for (String key : COUNTS) {
        Long n = item.getLong(key);
        if (n != null && n > 0 && n < 5) {
          item.put(key, "<5");
          small = true;
        }
      }
      if (small) item.put("attendanceRate", null).put("noShowRate", null).put("minutesDelivered", null);
    }
    return report.put("smallCountsSuppressed", true);
  }

  /** A share with three decimals, for JSON. */
  private static double ratio(long part, long whole) {
    return Math.round(1000.0 * part / whole) / 1000.0;
  }
}
