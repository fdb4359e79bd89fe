package ro.caravana.scheduler;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import ro.caravana.scheduler.demo.DemoLoader;
import ro.caravana.scheduler.geo.LocalityImport;

/** Reference data at first start, and the demo scenario in demo mode. */
public final class DomainData {

  private DomainData() {}

  /** Imports the real localities into an empty database and, in demo mode, loads the demo scenario once. */
  public static Future<Void> prepare(Pool pool, boolean demo, long seed) {
    return LocalityImport.importIfEmpty(pool)
        .compose(n -> demo ? DemoLoader.loadOnce(pool, seed).mapEmpty() : Future.<Void>succeededFuture());
  }
}
