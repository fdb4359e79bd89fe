package ro.caravana.scheduler.road;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import ro.caravana.optimizer.geo.RoadMatrix;
import ro.caravana.scheduler.access.Scope;
import ro.caravana.scheduler.platform.http.ApiError;

/** Road entries, road rules and visit frequencies in PostgreSQL. */
public final class RoadRepository {

  private static final String UPSERT_ENTRY = """
      INSERT INTO travel_matrix (from_siruta, to_siruta, seconds, metres, source) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (from_siruta, to_siruta) DO UPDATE SET seconds = EXCLUDED.seconds, metres = EXCLUDED.metres,
        source = EXCLUDED.source, updated_at = now()
      WHERE travel_matrix.source = 'router' OR EXCLUDED.source = 'csv'""";
  private static final String LOCALITY_COUNTIES = "SELECT siruta, county FROM localities WHERE siruta = ANY($1)";
  private static final String ENTRIES = "SELECT from_siruta, to_siruta, seconds, metres, source FROM travel_matrix "
      + "WHERE from_siruta = ANY($1) AND to_siruta = ANY($1)";
  private static final String LIST_ENTRIES = """
      SELECT m.from_siruta, m.to_siruta, m.seconds, m.metres, m.source, count(*) OVER () AS total
      FROM travel_matrix m JOIN localities l ON l.siruta = m.from_siruta
      WHERE ($1::text IS NULL OR l.county = $1)""" + Scope.countyFilter("l.county", 2)
      + " ORDER BY m.from_siruta, m.to_siruta LIMIT $3 OFFSET $4";
  private static final String RULES = "SELECT id, siruta, from_date, to_date, kind, factor_percent, note FROM road_rules "
      + "WHERE siruta = ANY($1) AND to_date >= $2 AND from_date <= $3 ORDER BY id";
  private static final String LIST_RULES = """
      SELECT r.id, r.siruta, r.from_date, r.to_date, r.kind, r.factor_percent, r.note, l.name, count(*) OVER () AS total
      FROM road_rules r JOIN localities l ON l.siruta = r.siruta
      WHERE ($1::text IS NULL OR l.county = $1)""" + Scope.countyFilter("l.county", 2)
      + " ORDER BY r.from_date, r.id LIMIT $3 OFFSET $4";
  private static final String INSERT_RULE = "INSERT INTO road_rules (siruta, from_date, to_date, kind, factor_percent, note) "
      + "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
  private static final String LOCALITY_EXISTS = "SELECT 1 FROM localities WHERE siruta = $1";
  private static final String UPSERT_FREQUENCY = """
      INSERT INTO locality_visit_frequency (siruta, every_days, max_gap_days) VALUES ($1, $2, $3)
      ON CONFLICT (siruta) DO UPDATE SET every_days = EXCLUDED.every_days, max_gap_days = EXCLUDED.max_gap_days,
        updated_at = now()""";
  private static final String FREQUENCIES = "SELECT siruta, every_days, max_gap_days FROM locality_visit_frequency "
      + "WHERE siruta = ANY($1)";

  private final Pool pool;

  public RoadRepository(Pool pool) {
    this.pool = pool;
  }

  /** A visit frequency set for a locality: every {@code everyDays}, never more than {@code maxGapDays} apart. */
  public record Frequency(int everyDays, int maxGapDays) {}

  /**
   * Stores imported entries in one transaction (all or nothing). Every locality must exist (422) and lie in
   * one of {@code counties} (403; null = every county). An imported entry replaces any entry for its pair.
   */
  public Future<Integer> importEntries(List<RoadNetwork.Entry> entries, String[] counties) {
    Set<Integer> sirutas = new LinkedHashSet<>();
    entries.forEach(e -> {
      sirutas.add(e.fromSiruta());
      sirutas.add(e.toSiruta());
    });
    return pool.withTransaction(tx -> tx.preparedQuery(LOCALITY_COUNTIES).execute(Tuple.of(sirutas.toArray(new Integer[0])))
        .compose(rows -> {
          Map<Integer, String> county = new HashMap<>();
          rows.forEach(r -> county.put(r.getInteger("siruta"), r.getString("county")));
          for (RoadNetwork.Entry e : entries) {
            for (int s : new int[] {e.fromSiruta(), e.toSiruta()}) {
              String field = s == e.fromSiruta() ? "fromSiruta" : "toSiruta";
              if (!county.containsKey(s)) {
                throw ApiError.unprocessable(field, "Nu există o localitate cu codul SIRUTA " + s + ".",
                    "No locality with SIRUTA code " + s + ".");
              }
              if (counties != null && !List.of(counties).contains(county.get(s))) {
                throw ApiError.forbidden("Localitatea " + s + " nu este într-un județ al contului.",
                    "Locality " + s + " is not in one of the account's counties.");
              }
            }
          }
          List<Tuple> batch = new ArrayList<>();
          entries.forEach(e -> batch.add(Tuple.of(e.fromSiruta(), e.toSiruta(), (int) e.seconds(), (int) e.metres(),
              e.source().code())));
          return tx.preparedQuery(UPSERT_ENTRY).executeBatch(batch).map(entries.size());
        }));
  }

  public Future<JsonObject> listEntries(String county, String[] scope, int limit, int offset) {
    return pool.preparedQuery(LIST_ENTRIES).execute(Tuple.of(county, scope, limit, offset)).map(rows -> {
      JsonArray items = new JsonArray();
      long total = 0;
      for (Row r : rows) {
        total = r.getLong("total");
        items.add(new JsonObject().put("fromSiruta", r.getInteger("from_siruta")).put("toSiruta", r.getInteger("to_siruta"))
            .put("minutes", BigDecimal.valueOf(r.getInteger("seconds")).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP))
            .put("km", BigDecimal.valueOf(r.getInteger("metres")).divide(BigDecimal.valueOf(1000), 3, RoundingMode.HALF_UP))
            .put("source", r.getString("source")));
      }
      return new JsonObject().put("items", items).put("total", total);
    });
  }

  public Future<Long> insertRule(int siruta, LocalDate from, LocalDate to, RoadRule.Kind kind, int percent, String note) {
    return pool.preparedQuery(LOCALITY_EXISTS).execute(Tuple.of(siruta)).compose(found -> {
      if (found.size() == 0) {
        throw ApiError.unprocessable("siruta", "Nu există o localitate cu acest cod SIRUTA.", "No locality with this SIRUTA code.");
      }
      return pool.preparedQuery(INSERT_RULE).execute(Tuple.of(siruta, from, to, kind.name().toLowerCase(Locale.ROOT),
          percent, note)).map(rows -> rows.iterator().next().getLong("id"));
    });
  }

  public Future<JsonObject> listRules(String county, String[] scope, int limit, int offset) {
    return pool.preparedQuery(LIST_RULES).execute(Tuple.of(county, scope, limit, offset)).map(rows -> {
      JsonArray items = new JsonArray();
      long total = 0;
      for (Row r : rows) {
        total = r.getLong("total");
        items.add(ruleJson(rule(r)).put("name", r.getString("name")));
      }
      return new JsonObject().put("items", items).put("total", total);
    });
  }

  public static JsonObject ruleJson(RoadRule r) {
    return new JsonObject().put("id", r.id()).put("siruta", r.siruta()).put("from", r.from().toString())
        .put("to", r.to().toString()).put("kind", r.kind().name().toLowerCase(Locale.ROOT))
        .put("factor", BigDecimal.valueOf(r.factorPercent()).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP))
        .put("note", r.note());
  }

  public Future<Void> setFrequency(int siruta, Frequency f) {
    return pool.preparedQuery(LOCALITY_EXISTS).execute(Tuple.of(siruta)).compose(found -> {
      if (found.size() == 0) {
        throw ApiError.notFound("siruta", "Nu există o localitate cu acest cod SIRUTA.", "No locality with this SIRUTA code.");
      }
      return pool.preparedQuery(UPSERT_FREQUENCY).execute(Tuple.of(siruta, f.everyDays(), f.maxGapDays())).mapEmpty();
    });
  }

  public Future<Map<Integer, Frequency>> frequencies(Collection<Integer> sirutas) {
    return pool.preparedQuery(FREQUENCIES).execute(Tuple.of(sirutas.toArray(new Integer[0]))).map(rows -> {
      Map<Integer, Frequency> out = new HashMap<>();
      rows.forEach(r -> out.put(r.getInteger("siruta"), new Frequency(r.getInteger("every_days"), r.getInteger("max_gap_days"))));
      return out;
    });
  }

  /** Everything known about the roads between {@code sirutas} from {@code from} to {@code to}: read before solving. */
  public Future<RoadNetwork> network(Collection<Integer> sirutas, LocalDate from, LocalDate to) {
    Integer[] ids = sirutas.toArray(new Integer[0]);
    Future<Map<Long, RoadNetwork.Entry>> entries = pool.preparedQuery(ENTRIES).execute(Tuple.of(ids)).map(rows -> {
      Map<Long, RoadNetwork.Entry> out = new HashMap<>();
      rows.forEach(r -> out.put(RoadNetwork.key(r.getInteger("from_siruta"), r.getInteger("to_siruta")),
          new RoadNetwork.Entry(r.getInteger("from_siruta"), r.getInteger("to_siruta"), r.getInteger("seconds"),
              r.getInteger("metres"), RoadMatrix.Source.valueOf(r.getString("source").toUpperCase(Locale.ROOT)))));
      return out;
    });
    Future<List<RoadRule>> rules = pool.preparedQuery(RULES).execute(Tuple.of(ids, from, to)).map(rows -> {
      List<RoadRule> out = new ArrayList<>();
      rows.forEach(r -> out.add(rule(r)));
      return out;
    });
    return Future.all(entries, rules).map(v -> new RoadNetwork(entries.result(), rules.result()));
  }

  private static RoadRule rule(Row r) {
    return new RoadRule(r.getLong("id"), r.getInteger("siruta"), r.getLocalDate("from_date"), r.getLocalDate("to_date"),
        RoadRule.Kind.valueOf(r.getString("kind").toUpperCase(Locale.ROOT)), r.getInteger("factor_percent"),
        r.getString("note"));
  }
}
