package ro.caravana.scheduler.report;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ro.caravana.scheduler.platform.kafka.BatchConsumer;
import ro.caravana.scheduler.platform.kafka.KafkaClients;
import ro.caravana.scheduler.platform.outbox.EventEnvelope;
import ro.caravana.scheduler.platform.outbox.EventType;
import ro.caravana.scheduler.platform.outbox.Topics;

/**
 * The report projection of attendance: reads {@code attendance.recorded} (group {@code report-attendance} on
 * {@code caravana.attendance}) and keeps the latest mark of each appointment by county, service and day
 * ({@code report_attendance_marks}; an older or repeated event changes nothing). {@link #daily} reads it back as
 * marks and the minutes they recorded per county, day and service, without touching the appointments table: the
 * shape a reporting instance fed only by the topic would have.
 */
public final class AttendanceProjection extends VerticleBase {

  static final Set<String> STATUSES = Set.of("arrived", "fulfilled", "noshow");

  private static final String UPSERT = """
      INSERT INTO report_attendance_marks (appointment_id, county, service, day, status, minutes, recorded_at, event_id)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      ON CONFLICT (appointment_id) DO UPDATE SET county = EXCLUDED.county, service = EXCLUDED.service,
             day = EXCLUDED.day, status = EXCLUDED.status, minutes = EXCLUDED.minutes,
             recorded_at = EXCLUDED.recorded_at, event_id = EXCLUDED.event_id
       WHERE report_attendance_marks.recorded_at <= EXCLUDED.recorded_at""";
  private static final String DAILY = """
      SELECT county, day, service, count(*) FILTER (WHERE status = 'arrived') AS arrived,
             count(*) FILTER (WHERE status = 'fulfilled') AS fulfilled,
             count(*) FILTER (WHERE status = 'noshow') AS noshow,
             coalesce(sum(minutes) FILTER (WHERE status = 'fulfilled'), 0) AS minutes
        FROM report_attendance_marks
       WHERE day BETWEEN $1 AND $2 AND ($3::text IS NULL OR county = $3) AND ($4::text IS NULL OR service = $4)
         AND ($5::text[] IS NULL OR county = ANY($5))
       GROUP BY county, day, service ORDER BY day, county, service""";

  private final Pool pool;
  private final ZoneId zone;
  private final Map<String, String> consumerConfig;
  private BatchConsumer reader;

  public AttendanceProjection(Pool pool, String bootstrap, String group, ZoneId zone) {
    this.pool = pool;
    this.zone = zone;
    this.consumerConfig = KafkaClients.quickConsumer(bootstrap, group, 500);
  }

  @Override
  public Future<?> start() {
    reader = new BatchConsumer(vertx, consumerConfig, Topics.ATTENDANCE, "attendance report", this::handle);
    return reader.start();
  }

  @Override
  public Future<?> stop() {
    return reader.stop();
  }

  private Future<Void> handle(KafkaConsumerRecords<String, String> records) {
    List<Tuple> rows = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      EventEnvelope.decode(records.recordAt(i).value())
          .filter(e -> e.known().filter(t -> t == EventType.ATTENDANCE_RECORDED).isPresent())
          .map(this::row).ifPresent(rows::add);
    }
    if (rows.isEmpty()) return Future.succeededFuture();
    return pool.withTransaction(tx -> tx.preparedQuery(UPSERT).executeBatch(rows)).mapEmpty();
  }

  /** The projection row of one mark; null (skipped) when it lacks what the report needs. */
  private Tuple row(EventEnvelope e) {
    JsonObject p = e.payload();
    String county = p.getValue("county") instanceof String c ? c : null;
    String service = p.getValue("service") instanceof String s ? s : null;
    String status = p.getValue("status") instanceof String s ? s : null;
    java.util.UUID appointment = ro.caravana.scheduler.common.Ids.uuidOrNull(
        p.getValue("appointmentId") instanceof String s ? s : null);
    if (county == null || service == null || appointment == null || !STATUSES.contains(status)) return null;
    Integer minutes = p.getValue("minutes") instanceof Number n ? n.intValue() : null;
    return Tuple.of(appointment, county, service, e.occurredAt().atZone(zone).toLocalDate(), status, minutes,
        e.occurredAt().atOffset(ZoneOffset.UTC), e.eventId());
  }

  /** Marks per county, day and service in [from, to]; {@code scope}: the caller's counties, null for all. */
  public static Future<JsonObject> daily(Pool pool, LocalDate from, LocalDate to, String county, String service,
      String[] scope) {
    Tuple args = Tuple.tuple().addLocalDate(from).addLocalDate(to).addString(county).addString(service)
        .addArrayOfString(scope);
    return pool.preparedQuery(DAILY).execute(args).map(rs -> {
      JsonArray items = new JsonArray();
      for (Row r : rs) {
        items.add(new JsonObject().put("county", r.getString("county")).put("day", r.getLocalDate("day").toString())
            .put("service", r.getString("service")).put("arrived", r.getLong("arrived"))
            .put("fulfilled", r.getLong("fulfilled")).put("noShow", r.getLong("noshow"))
            .put("minutesRecorded", r.getLong("minutes")));
      }
      return new JsonObject().put("from", from.toString()).put("to", to.toString()).put("county", county)
          .put("service", service).put("items", items).put("total", items.size());
    });
  }

  /** For supervisors: a count between 1 and 4 reads {@code "<5"} and its minutes are withheld. */
  static JsonObject suppressSmallCounts(JsonObject report) {
    for (Object o : report.getJsonArray("items")) {
      JsonObject item = (JsonObject) o;
      boolean small = false;
      for (String key : List.of("arrived", "fulfilled", "noShow")) {
        long n = item.getLong(key);
        if (n > 0 && n < 5) {
          item.put(key, "<5");
          small = true;
        }
      }
      if (small) item.put("minutesRecorded", null);
    }
    return report.put("smallCountsSuppressed", true);
  }
}
