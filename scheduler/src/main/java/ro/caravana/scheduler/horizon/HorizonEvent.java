package ro.caravana.scheduler.horizon;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import ro.caravana.scheduler.platform.outbox.EventEnvelope;
import ro.caravana.scheduler.platform.outbox.EventType;
import ro.caravana.scheduler.platform.outbox.OutboxEvent;

/**
 * {@code horizon.requested}, {@code horizon.solved}, {@code horizon.failed} (version 1) on {@code caravana.horizons},
 * keyed by county: a county's caravan horizon changed state. Ids and facts only: who asked stays in the database.
 * The counts are null except on {@code horizon.solved}; {@code cause} is set on {@code horizon.failed} only.
 */
public record HorizonEvent(EventType type, UUID horizonId, String county, String fromWeek, int weeks, LocalDate firstDay,
    LocalDate lastDay, String status, Integer caravanDays, Integer visits, Integer visitsPlanned, Integer localities,
    Integer peopleUncovered, Integer gapsOverMaximum, String cause) {

  /** Why a horizon failed: it could not be planned as asked, the solve broke, or a restart stopped it. */
  public static final String CAUSE_UNPLANNABLE = "unplannable";
  public static final String CAUSE_ERROR = "error";
  public static final String CAUSE_RESTART = "restart";

  /** The event of a state change, from the horizon's row (id, county, from_week, weeks, first_day, last_day). */
  static HorizonEvent of(EventType type, Row r, JsonObject summary, Integer localities, String cause) {
    String status = switch (type) {
      case HORIZON_REQUESTED -> "queued";
      case HORIZON_SOLVED -> "solved";
      default -> "failed";
    };
    return new HorizonEvent(type, r.getUUID("id"), r.getString("county"), r.getString("from_week"), r.getInteger("weeks"),
        r.getLocalDate("first_day"), r.getLocalDate("last_day"), status,
        summary == null ? null : summary.getInteger("caravanDays"), summary == null ? null : summary.getInteger("visits"),
        summary == null ? null : summary.getInteger("visitsPlanned"), localities,
        summary == null ? null : summary.getInteger("peopleUncovered"),
        summary == null ? null : summary.getInteger("gapsOverMaximum"), cause);
  }

  public OutboxEvent toOutbox() {
    return OutboxEvent.of(type, county, new JsonObject()
        .put("horizonId", horizonId.toString())
        .put("county", county)
        .put("fromWeek", fromWeek)
        .put("weeks", weeks)
        .put("firstDay", firstDay.toString())
        .put("lastDay", lastDay.toString())
        .put("status", status)
        .put("caravanDays", caravanDays)
        .put("visits", visits)
        .put("visitsPlanned", visitsPlanned)
        .put("localities", localities)
        .put("peopleUncovered", peopleUncovered)
        .put("gapsOverMaximum", gapsOverMaximum)
        .put("cause", cause));
  }

  public static Optional<HorizonEvent> from(EventEnvelope envelope) {
    return envelope.known().filter(t -> t.topic().equals(ro.caravana.scheduler.platform.outbox.Topics.HORIZONS)).map(t -> {
      JsonObject p = envelope.payload();
      return new HorizonEvent(t, UUID.fromString(p.getString("horizonId")), p.getString("county"), p.getString("fromWeek"),
          p.getInteger("weeks"), LocalDate.parse(p.getString("firstDay")), LocalDate.parse(p.getString("lastDay")),
          p.getString("status"), p.getInteger("caravanDays"), p.getInteger("visits"), p.getInteger("visitsPlanned"),
          p.getInteger("localities"), p.getInteger("peopleUncovered"), p.getInteger("gapsOverMaximum"), p.getString("cause"));
    });
  }
}
