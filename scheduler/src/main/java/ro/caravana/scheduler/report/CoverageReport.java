package ro.caravana.scheduler.report;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * Caravan coverage of a county on a day: for every locality where beneficiaries live or the caravan has stopped,
 * the last day the caravan was there (an appointment at the stop that happened: arrived, fulfilled or a no-show),
 * the next booked day, the days since the last visit, and whether that is a gap: never visited, or longer ago than
 * the locality's maximum gap ({@code locality_visit_frequency}) or the configured default.
 */
public final class CoverageReport {

  private static final String SQL = """
      WITH people AS (
        SELECT b.locality_siruta AS siruta, count(*) AS n FROM beneficiaries b
        JOIN localities l ON l.siruta = b.locality_siruta WHERE l.county = $1 GROUP BY 1),
      visits AS (
        SELECT a.stop_siruta AS siruta,
          max((a.starts_at AT TIME ZONE $2)::date) FILTER (WHERE a.status IN ('arrived', 'fulfilled', 'noshow')
            AND (a.starts_at AT TIME ZONE $2)::date <= $3) AS last_visit,
          min((a.starts_at AT TIME ZONE $2)::date) FILTER (WHERE a.status IN ('booked', 'proposed')
            AND (a.starts_at AT TIME ZONE $2)::date >= $3) AS next_visit
        FROM appointments a JOIN localities l ON l.siruta = a.stop_siruta
        WHERE a.modality = 'caravan' AND l.county = $1 GROUP BY 1)
      SELECT l.siruta, l.name, coalesce(p.n, 0) AS beneficiaries, v.last_visit, v.next_visit, f.max_gap_days
      FROM localities l LEFT JOIN people p ON p.siruta = l.siruta LEFT JOIN visits v ON v.siruta = l.siruta
      LEFT JOIN locality_visit_frequency f ON f.siruta = l.siruta
      WHERE l.county = $1 AND (p.n IS NOT NULL OR v.siruta IS NOT NULL)
      ORDER BY l.name, l.siruta""";

  private final Pool pool;
  private final ZoneId zone;
  private final int defaultMaxGapDays;

  public CoverageReport(Pool pool, ZoneId zone, int defaultMaxGapDays) {
    this.pool = pool;
    this.zone = zone;
    this.defaultMaxGapDays = defaultMaxGapDays;
  }

  public Future<JsonObject> run(String county, LocalDate on) {
    return pool.preparedQuery(SQL).execute(Tuple.of(county, zone.getId(), on)).map(rows -> {
      JsonArray items = new JsonArray();
      int gaps = 0;
      for (Row r : rows) {
        LocalDate last = r.getLocalDate("last_visit");
        LocalDate next = r.getLocalDate("next_visit");
        Integer maxGap = r.getInteger("max_gap_days");
        int limit = maxGap == null ? defaultMaxGapDays : maxGap;
        Long days = last == null ? null : ChronoUnit.DAYS.between(last, on);
        boolean gap = days == null || days > limit;
        if (gap) gaps++;
        items.add(new JsonObject().put("siruta", r.getInteger("siruta")).put("name", r.getString("name"))
            .put("beneficiaries", r.getLong("beneficiaries"))
            .put("lastVisit", last == null ? null : last.toString()).put("nextVisit", next == null ? null : next.toString())
            .put("daysSince", days).put("maxGapDays", limit).put("gap", gap));
      }
      return new JsonObject().put("county", county).put("on", on.toString()).put("defaultMaxGapDays", defaultMaxGapDays)
          .put("localities", items.size()).put("gaps", gaps).put("items", items);
    });
  }

  /** Supervisors read counts of people under five as {@code <5}. */
  public static JsonObject suppressSmallCounts(JsonObject report) {
    for (Object o : report.getJsonArray("items")) {
      JsonObject item = (JsonObject) o;
      Long n = item.getLong("beneficiaries");
      if (n != null && n > 0 && n < 5) item.put("beneficiaries", "<5");
    }
    return report.put("smallCountsSuppressed", true);
  }
}
