package ro.caravana.scheduler.geo;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.common.Blocking;

/** Loads the real communes, towns and villages into an empty database, in one transaction. */
public final class LocalityImport {

  private static final Logger LOG = LoggerFactory.getLogger(LocalityImport.class);

  static final String COUNT = "SELECT count(*) FROM localities";
  static final String INSERT_UNIT = """
      INSERT INTO administrative_units (siruta, name, county, type, lat, lon, seat_siruta)
      VALUES ($1, $2, $3, $4, $5, $6, $7)""";
  static final String INSERT_LOCALITY = """
      INSERT INTO localities (siruta, name, county, type, lat, lon, population, parent_siruta)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""";

  private LocalityImport() {}

  /** Imports the files when the localities table is empty; answers the number of localities present. */
  public static Future<Long> importIfEmpty(Pool pool) {
    return pool.query(COUNT).execute()
        .map(rows -> rows.iterator().next().getLong(0))
        .compose(count -> count > 0 ? Future.succeededFuture(count) : load(pool));
  }

  private record Files(List<AdministrativeUnitRow> units, List<LocalityRow> localities) {}

  private static Future<Long> load(Pool pool) {
    long started = System.nanoTime();
    return Blocking.run(() -> new Files(LocalityFiles.units(), LocalityFiles.localities()))
        .compose(files -> {
          List<Tuple> unitRows = files.units().stream().map(u -> Tuple.of(u.siruta(), u.name(), u.county(), u.type(),
              u.lat(), u.lon(), u.seatSiruta())).toList();
          List<Tuple> localityRows = files.localities().stream().map(l -> Tuple.from(new Object[] {l.siruta(),
              l.name(), l.county(), l.type(), l.lat(), l.lon(), l.population(), l.parentSiruta()})).toList();
          // the seat foreign key is deferred, so units and localities load in one transaction in any order
          return pool.withTransaction(tx -> tx.preparedQuery(INSERT_UNIT).executeBatch(unitRows)
              .compose(r -> tx.preparedQuery(INSERT_LOCALITY).executeBatch(localityRows))
              .map(r -> (long) localityRows.size()));
        })
        .onSuccess(n -> LOG.info("imported {} localities in {} ms", n, (System.nanoTime() - started) / 1_000_000));
  }
}
