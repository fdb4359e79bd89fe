package ro.caravana.scheduler.platform.kafka;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer that polls one topic in batches, hands each batch to its handler and commits after the handler's
 * database work; a failed batch rewinds to the last committed offsets and is read again a second later.
 */
public final class BatchConsumer {

  private static final Logger LOG = LoggerFactory.getLogger(BatchConsumer.class);

  private final Vertx vertx;
  private final Map<String, String> config;
  private final Set<String> topics;
  private final String name;
  private final Function<KafkaConsumerRecords<String, String>, Future<Void>> handler;
  private KafkaConsumer<String, String> consumer;
  private volatile boolean running;
  private Promise<Void> stopped;

  public BatchConsumer(Vertx vertx, Map<String, String> config, String topic, String name,
      Function<KafkaConsumerRecords<String, String>, Future<Void>> handler) {
    this(vertx, config, Set.of(topic), name, handler);
  }

  /** One consumer (one group member) for several topics. */
  public BatchConsumer(Vertx vertx, Map<String, String> config, Set<String> topics, String name,
      Function<KafkaConsumerRecords<String, String>, Future<Void>> handler) {
    this.vertx = vertx;
    this.config = config;
    this.topics = Set.copyOf(topics);
    this.name = name;
    this.handler = handler;
  }

  public Future<?> start() {
    consumer = KafkaConsumer.create(vertx, config);
    consumer.exceptionHandler(e -> LOG.warn("{} consumer: {}", name, e.toString()));
    running = true;
    stopped = Promise.promise();
    return consumer.subscribe(topics).onSuccess(v -> loop());
  }

  public Future<?> stop() {
    running = false;
    return stopped.future().timeout(5, TimeUnit.SECONDS).transform(v -> consumer.close());
  }

  private void loop() {
    if (!running) {
      stopped.tryComplete();
      return;
    }
    consumer.poll(Duration.ofMillis(200))
        .compose(records -> records.isEmpty() ? Future.succeededFuture()
            : handler.apply(records).compose(v -> consumer.commit()))
        .onComplete(ar -> {
          if (ar.failed()) {
            LOG.warn("{}: batch not stored, will read it again: {}", name, ar.cause().toString());
            // rewind to the last committed offsets so the failed batch is read again
            consumer.assignment()
                .compose(parts -> Future.all(parts.stream().map(p -> consumer.committed(p)
                    .compose(meta -> meta == null ? consumer.seekToBeginning(p) : consumer.seek(p, meta.getOffset())))
                    .toList()))
                .onComplete(x -> vertx.setTimer(1000, t -> loop()));
          } else {
            vertx.runOnContext(v -> loop());
          }
        });
  }
}
