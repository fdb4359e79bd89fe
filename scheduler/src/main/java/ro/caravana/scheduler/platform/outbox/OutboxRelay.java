package ro.caravana.scheduler.platform.outbox;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.platform.kafka.KafkaClients;

/**
 * Publishes unsent outbox rows to Kafka in id order and marks them sent. Rows are locked
 * with {@code FOR UPDATE SKIP LOCKED}, so several relays can run against one database. If
 * Kafka is down the transaction rolls back and the rows are tried again at the next tick:
 * nothing is lost. A crash between publishing and marking may publish a row twice; every
 * record carries its event id so consumers drop the repeat.
 */
public final class OutboxRelay extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
  private static final String SELECT_UNSENT =
      "SELECT id, event_id, topic, event_key, event_type, event_version, payload, created_at FROM outbox "
          + "WHERE sent_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED";
  private static final String MARK_SENT = "UPDATE outbox SET sent_at = now() WHERE id = ANY($1)";

  private final Pool pool;
  private final Map<String, String> producerConfig;
  private final long pollMillis;
  private final int batch;
  private final AtomicLong published = new AtomicLong();
  private KafkaProducer<String, String> producer;
  private long timer;
  private boolean busy;

  public OutboxRelay(Pool pool, String bootstrap, long pollMillis, int batch) {
    this.pool = pool;
    this.pollMillis = pollMillis;
    this.batch = batch;
    this.producerConfig = KafkaClients.producer(bootstrap);
  }

  @Override
  public Future<?> start() {
    producer = KafkaProducer.create(vertx, producerConfig);
    timer = vertx.setPeriodic(pollMillis, id -> tick());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return producer.close();
  }

  /** Events published since start (for metrics). */
  public long published() {
    return published.get();
  }

  private void tick() {
    if (busy) return;
    busy = true;
    drain().onComplete(ar -> {
      busy = false;
      if (ar.failed()) {
        LOG.warn("outbox relay: will retry: {}", ar.cause().toString());
      } else if (ar.result() == batch) {
        vertx.runOnContext(v -> tick()); // more waiting: do not wait for the next tick
      }
    });
  }

  /** Publishes one batch; answers how many rows it sent. */
  Future<Integer> drain() {
    return pool.withTransaction(conn -> conn.preparedQuery(SELECT_UNSENT).execute(Tuple.of(batch))
        .compose(rows -> {
          if (rows.size() == 0) return Future.succeededFuture(0);
          List<Future<?>> sends = new ArrayList<>(rows.size());
          List<Long> ids = new ArrayList<>(rows.size());
          for (Row row : rows) {
            ids.add(row.getLong("id"));
            sends.add(producer.send(record(row)));
          }
          return Future.all(sends)
              .compose(v -> conn.preparedQuery(MARK_SENT).execute(Tuple.of(ids.toArray(new Long[0]))))
              .map(v -> {
                published.addAndGet(ids.size());
                return ids.size();
              });
        }));
  }

  private static KafkaProducerRecord<String, String> record(Row row) {
    String eventId = row.getUUID("event_id").toString();
    EventEnvelope envelope = new EventEnvelope(row.getUUID("event_id"), row.getString("event_type"),
        row.getInteger("event_version"), row.getString("event_key"), row.getOffsetDateTime("created_at").toInstant(),
        row.getJsonObject("payload"));
    return KafkaProducerRecord.create(row.getString("topic"), row.getString("event_key"), envelope.encode())
        .addHeader("event-id", eventId)
        .addHeader("event-type", row.getString("event_type"));
  }
}
