package ro.caravana.scheduler;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/** Reference data at first start, and the demo scenario in demo mode. */
public final class DomainData {

  private DomainData() {}

  public static Future<Void> prepare(Pool pool, boolean demo, long seed) {
    return Future.succeededFuture();
  }
}
