package ro.caravana.scheduler.attendance;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/**
 * Demo mode only: the first Bacău community nurse (the demo account {@code asistent@caravana.demo}) also
 * rides with the first Bacău caravan, so the caravan crew's page has a day to show once a week is published.
 */
public final class FieldDemo {

  private static final String CREW = """
      UPDATE staff SET caravan_id = (SELECT id FROM caravans WHERE county = 'BC' ORDER BY id LIMIT 1)
       WHERE id = (SELECT id FROM staff WHERE county = 'BC' AND role = 'nurse' ORDER BY id LIMIT 1)
         AND caravan_id IS NULL""";

  private FieldDemo() {}

  public static Future<Void> prepare(Pool pool) {
    return pool.query(CREW).execute().mapEmpty();
  }
}
