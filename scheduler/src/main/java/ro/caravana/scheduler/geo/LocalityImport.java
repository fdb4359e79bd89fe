package ro.caravana.scheduler.geo;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.common.Blocking;

/**
 * Loads every commune, town and village of Romania (SIRUTA) at the first start, in one transaction.
 * Each table is one INSERT over {@code unnest} of column arrays: one round trip for 13,755 rows instead of
 * one per row. A database that holds only part of the file (an installation from before all of Romania was
 * shipped) gets the missing rows; rows already there are left as they are.
 */
public final class LocalityImport {

  private static final Logger LOG = LoggerFactory.getLogger(LocalityImport.class);

  static final String COUNT = "SELECT count(*) FROM localities";
  static final String INSERT_UNITS = """
      INSERT INTO administrative_units (siruta, name, county, type, lat, lon, seat_siruta)
      SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::int[])
      ON CONFLICT (siruta) DO NOTHING""";
  static final String INSERT_LOCALITIES = """
      INSERT INTO localities (siruta, name, county, type, lat, lon, population, parent_siruta)
      SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::int[],
        $8::int[])
      ON CONFLICT (siruta) DO NOTHING""";

  private LocalityImport() {}

  /** Imports what is missing; answers the number of localities present afterwards. */
  public static Future<Long> importIfEmpty(Pool pool) {
    return count(pool).compose(present -> Blocking.run(() -> new Files(LocalityFiles.romaniaUnits(),
            LocalityFiles.romaniaLocalities()))
        .compose(files -> present >= files.localities().size() ? Future.succeededFuture(present)
            : load(pool, files).compose(v -> count(pool))));
  }

  private static Future<Long> count(Pool pool) {
    return pool.query(COUNT).execute().map(rows -> rows.iterator().next().getLong(0));
  }

  record Files(List<AdministrativeUnitRow> units, List<LocalityRow> localities) {}

  private static Future<Void> load(Pool pool, Files files) {
    long started = System.nanoTime();
    List<AdministrativeUnitRow> u = files.units();
    List<LocalityRow> l = files.localities();
    Tuple units = Tuple.of(
        u.stream().map(AdministrativeUnitRow::siruta).toArray(Integer[]::new),
        u.stream().map(AdministrativeUnitRow::name).toArray(String[]::new),
        u.stream().map(AdministrativeUnitRow::county).toArray(String[]::new),
        u.stream().map(AdministrativeUnitRow::type).toArray(String[]::new),
        u.stream().map(AdministrativeUnitRow::lat).toArray(Double[]::new),
        u.stream().map(AdministrativeUnitRow::lon).toArray(Double[]::new),
        u.stream().map(AdministrativeUnitRow::seatSiruta).toArray(Integer[]::new));
    Tuple localities = Tuple.tuple(List.of(
        l.stream().map(LocalityRow::siruta).toArray(Integer[]::new),
        l.stream().map(LocalityRow::name).toArray(String[]::new),
        l.stream().map(LocalityRow::county).toArray(String[]::new),
        l.stream().map(LocalityRow::type).toArray(String[]::new),
        l.stream().map(LocalityRow::lat).toArray(Double[]::new),
        l.stream().map(LocalityRow::lon).toArray(Double[]::new),
        l.stream().map(LocalityRow::population).toArray(Integer[]::new),
        l.stream().map(LocalityRow::parentSiruta).toArray(Integer[]::new)));
    // the seat foreign key is deferred, so units and localities load in one transaction in any order
    return pool.withTransaction(tx -> tx.preparedQuery(INSERT_UNITS).execute(units)
            .compose(r -> tx.preparedQuery(INSERT_LOCALITIES).execute(localities)))
        .<Void>mapEmpty()
        .onSuccess(v -> LOG.info("imported {} localities of {} units in {} ms", l.size(), u.size(),
            (System.nanoTime() - started) / 1_000_000));
  }
}
