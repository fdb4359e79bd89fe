package ro.caravana.scheduler.platform.outbox;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/** Writes events into the outbox table; call it with the connection of the transaction that makes the change. */
public final class Outbox {

  private static final String INSERT =
      "INSERT INTO outbox (topic, event_key, event_type, event_version, payload) VALUES ($1, $2, $3, $4, $5) "
          + "RETURNING event_id";

  private Outbox() {}

  public static Future<UUID> append(SqlClient tx, OutboxEvent e) {
    return tx.preparedQuery(INSERT)
        .execute(Tuple.of(e.topic(), e.key(), e.type(), e.version(), e.payload()))
        .map(rows -> rows.iterator().next().getUUID(0));
  }

  public static Future<Void> appendAll(SqlClient tx, List<OutboxEvent> events) {
    if (events.isEmpty()) return Future.succeededFuture();
    List<Tuple> batch = events.stream()
        .map(e -> Tuple.of(e.topic(), e.key(), e.type(), e.version(), e.payload()))
        .toList();
    return tx.preparedQuery(INSERT).executeBatch(batch).mapEmpty();
  }
}
