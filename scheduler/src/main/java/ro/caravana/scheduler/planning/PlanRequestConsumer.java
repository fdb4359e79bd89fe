package ro.caravana.scheduler.planning;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.kafka.KafkaClients;
import ro.caravana.scheduler.platform.outbox.Topics;

/**
 * Takes plan requests from a Kafka topic keyed by county. Instances in one consumer group share the
 * topic's partitions, so the counties of the country spread over scheduler instances. A request is
 * accepted once (its id is unique in the plans table); offsets are committed after the plan row exists.
 * Record value: {@code {"requestId", "county", "week", "kinds", "secondsLimit"}}.
 */
public final class PlanRequestConsumer extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(PlanRequestConsumer.class);

  private final PlanningService service;
  private final String bootstrap;
  private final String group;
  private KafkaConsumer<String, String> consumer;

  /** {@code group}: the consumer group shared by every planner instance (setting planning.requests.group). */
  public PlanRequestConsumer(PlanningService service, String bootstrap, String group) {
    this.service = service;
    this.bootstrap = bootstrap;
    this.group = group;
  }

  @Override
  public Future<?> start() {
    consumer = KafkaConsumer.create(vertx, KafkaClients.consumer(bootstrap, group, 20));
    consumer.handler(record -> {
      consumer.pause();
      accept(record)
          .compose(v -> consumer.commit())
          .onComplete(ar -> {
            if (ar.failed()) LOG.warn("plan request at offset {}: {}", record.offset(), ar.cause().toString());
            consumer.resume();
          });
    });
    return consumer.subscribe(Topics.PLAN_REQUESTS);
  }

  @Override
  public Future<?> stop() {
    return consumer.close();
  }

  private Future<Void> accept(KafkaConsumerRecord<String, String> record) {
    JsonObject body;
    UUID requestId;
    PlanRequest request;
    try {
      body = new JsonObject(record.value());
      requestId = UUID.fromString(body.getString("requestId"));
      request = PlanRequest.from(body);
    } catch (RuntimeException e) {
      LOG.warn("dropping a malformed plan request at offset {}: {}", record.offset(), e.getMessage());
      return Future.succeededFuture();
    }
    return service.submit(request, null, null, "kafka:" + record.topic(), requestId)
        .<Void>mapEmpty()
        .recover(e -> e instanceof PlanRepository.DuplicateRequest || e instanceof ApiError
            ? Future.succeededFuture() // seen before, or refused for a reason the plan list shows
            : Future.failedFuture(e));
  }
}
