package ro.caravana.scheduler.planning;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.platform.kafka.BatchConsumer;
import ro.caravana.scheduler.platform.kafka.KafkaClients;
import ro.caravana.scheduler.platform.outbox.EventEnvelope;
import ro.caravana.scheduler.platform.outbox.EventType;
import ro.caravana.scheduler.platform.outbox.Topics;

/**
 * A plan is made from what the county's records said when it started; this consumer (group {@code plan-inputs}
 * on {@code caravana.careplans}, {@code caravana.beneficiaries} and {@code caravana.organisation}) records every
 * later change by county, so a solved or published plan can say how many changes it has not seen
 * ({@code inputsChanged} in {@code GET /api/plans/{id}}): a coordinator then knows the plan is stale and may
 * re-plan. An event without a county (an erasure) takes the county of the beneficiary it names, if still known.
 */
public final class PlanInputChanges extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(PlanInputChanges.class);
  static final Set<String> TOPICS = Set.of(Topics.CARE_PLANS, Topics.BENEFICIARIES, Topics.ORGANISATION);

  private static final String INSERT = """
      INSERT INTO plan_input_changes (event_id, county, type, subject_id, occurred_at)
      SELECT $1, c.county, $3, $4, $5
        FROM (SELECT coalesce($2::text, (SELECT l.county FROM beneficiaries b
                JOIN localities l ON l.siruta = b.locality_siruta WHERE b.id::text = $4::text)) AS county) c
       WHERE c.county IS NOT NULL
      ON CONFLICT (event_id) DO NOTHING""";
  private static final String CHANGED = """
      SELECT type, count(*) AS n FROM plan_input_changes WHERE county = $1 AND occurred_at >= $2 GROUP BY type""";

  private final Pool pool;
  private final Map<String, String> consumerConfig;
  private BatchConsumer reader;

  public PlanInputChanges(Pool pool, String bootstrap, String group) {
    this.pool = pool;
    this.consumerConfig = KafkaClients.quickConsumer(bootstrap, group, 500);
  }

  @Override
  public Future<?> start() {
    reader = new BatchConsumer(vertx, consumerConfig, TOPICS, "plan inputs", this::handle);
    return reader.start();
  }

  @Override
  public Future<?> stop() {
    return reader.stop();
  }

  private Future<Void> handle(KafkaConsumerRecords<String, String> records) {
    List<Tuple> rows = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      EventEnvelope.decode(records.recordAt(i).value()).ifPresent(e -> e.known().ifPresent(type -> {
        Tuple row = row(type, e);
        if (row != null) rows.add(row);
      }));
    }
    if (rows.isEmpty()) return Future.succeededFuture();
    // a change whose county cannot be found (a beneficiary no longer known here) is left out
    return pool.preparedQuery(INSERT).executeBatch(rows).onSuccess(r -> LOG.debug("plan inputs: {} changes", rows.size()))
        .mapEmpty();
  }

  /** The row an event of these topics becomes; null for a type another topic carries. */
  static Tuple row(EventType type, EventEnvelope e) {
    if (!TOPICS.contains(type.topic())) return null;
    JsonObject p = e.payload();
    Object subject = p.getValue("id") != null ? p.getValue("id") : p.getValue("beneficiaryId");
    Object county = p.getValue("county");
    return Tuple.of(e.eventId(), county instanceof String c ? c : null, type.wire(),
        subject == null ? null : String.valueOf(subject), e.occurredAt().atOffset(ZoneOffset.UTC));
  }

  /** The changes of a county's inputs since {@code since}, by type, and their total. */
  public static Future<JsonObject> since(Pool pool, String county, java.time.OffsetDateTime since) {
    return pool.preparedQuery(CHANGED).execute(Tuple.of(county, since)).map(rs -> {
      Map<String, Long> byType = new TreeMap<>();
      rs.forEach(r -> byType.put(r.getString("type"), r.getLong("n")));
      return new JsonObject().put("since", PlanRepository.iso(since))
          .put("count", byType.values().stream().mapToLong(Long::longValue).sum())
          .put("types", new JsonObject(new java.util.LinkedHashMap<>(byType)));
    });
  }
}
