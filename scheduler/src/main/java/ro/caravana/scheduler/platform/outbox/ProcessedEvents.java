package ro.caravana.scheduler.platform.outbox;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * Idempotent consumption: a consumer records each event id it applies in the same transaction as
 * the effect. A redelivered event finds its id taken and is skipped.
 */
public final class ProcessedEvents {

  private static final String MARK =
      "INSERT INTO processed_events (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING";

  private ProcessedEvents() {}

  /** True the first time this consumer sees the event, false for a repeat. */
  public static Future<Boolean> firstTime(SqlClient tx, String consumer, UUID eventId) {
    return tx.preparedQuery(MARK).execute(Tuple.of(consumer, eventId)).map(r -> r.rowCount() == 1);
  }
}
