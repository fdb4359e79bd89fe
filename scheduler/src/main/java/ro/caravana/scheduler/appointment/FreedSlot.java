package ro.caravana.scheduler.appointment;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import ro.caravana.scheduler.platform.outbox.EventEnvelope;
import ro.caravana.scheduler.platform.outbox.EventType;
import ro.caravana.scheduler.platform.outbox.OutboxEvent;

/**
 * {@code slot.freed} (version 1) on {@code caravana.plans}, keyed by county: a booked appointment that had not
 * started was cancelled by its family or a coordinator, so its time, staff and place may go to someone else.
 */
public record FreedSlot(UUID appointmentId, String county, String service, String modality, Instant startsAt,
    Instant endsAt, Long staffId, Long centreId, Long roomId, Long caravanId, Integer stopSiruta, String cause) {

  static FreedSlot of(AppointmentEvent e) {
    return new FreedSlot(e.appointmentId(), e.county(), e.service(), e.modality(), e.startsAt(), e.endsAt(), e.staffId(),
        e.centreId(), e.roomId(), e.caravanId(), e.stopSiruta(), e.reason());
  }

  public OutboxEvent toOutbox() {
    return OutboxEvent.of(EventType.SLOT_FREED, county == null ? "" : county, new JsonObject()
        .put("appointmentId", appointmentId.toString())
        .put("county", county)
        .put("service", service)
        .put("modality", modality)
        .put("startsAt", startsAt.toString())
        .put("endsAt", endsAt.toString())
        .put("staffId", staffId)
        .put("centreId", centreId)
        .put("roomId", roomId)
        .put("caravanId", caravanId)
        .put("stopSiruta", stopSiruta)
        .put("cause", cause));
  }

  public static Optional<FreedSlot> from(EventEnvelope envelope) {
    return envelope.known().filter(t -> t == EventType.SLOT_FREED).map(t -> {
      JsonObject p = envelope.payload();
      return new FreedSlot(UUID.fromString(p.getString("appointmentId")), p.getString("county"), p.getString("service"),
          p.getString("modality"), Instant.parse(p.getString("startsAt")), Instant.parse(p.getString("endsAt")),
          p.getLong("staffId"), p.getLong("centreId"), p.getLong("roomId"), p.getLong("caravanId"),
          p.getInteger("stopSiruta"), p.getString("cause"));
    });
  }
}
