package ro.caravana.scheduler.appointment;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import ro.caravana.scheduler.platform.outbox.EventEnvelope;
import ro.caravana.scheduler.platform.outbox.EventType;
import ro.caravana.scheduler.platform.outbox.OutboxEvent;

/**
 * The record of every {@code caravana.appointments} event (version 1), keyed by beneficiary: ids and
 * facts only, never a name, a phone or a CNP. {@code previous*} are set on {@code appointment.changed};
 * {@code previousStatus} on status changes; {@code actor} and {@code reason} say who and why.
 */
public record AppointmentEvent(EventType type, UUID appointmentId, UUID beneficiaryId, String county, UUID planId,
    String service, String modality, Instant startsAt, Instant endsAt, Long staffId, Long centreId, Long roomId,
    Long caravanId, Integer stopSiruta, String status, String previousStatus, int appointmentVersion,
    Instant previousStartsAt, Long previousCentreId, Integer previousStopSiruta, String actor, String reason,
    Integer minutes) {

  public AppointmentEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(appointmentId, "appointmentId");
    Objects.requireNonNull(beneficiaryId, "beneficiaryId");
    if (!type.topic().equals(EventType.APPOINTMENT_BOOKED.topic())) {
      throw new IllegalArgumentException(type + " is not an appointment event");
    }
  }

  /** The place (centre or caravan stop) is not the one the family was told. */
  public boolean placeChanged() {
    return type == EventType.APPOINTMENT_CHANGED
        && (!Objects.equals(previousCentreId, centreId) || !Objects.equals(previousStopSiruta, stopSiruta));
  }

  public OutboxEvent toOutbox() {
    return OutboxEvent.of(type, beneficiaryId.toString(), toJson());
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("appointmentId", appointmentId.toString())
        .put("beneficiaryId", beneficiaryId.toString())
        .put("county", county)
        .put("planId", planId == null ? null : planId.toString())
        .put("service", service)
        .put("modality", modality)
        .put("startsAt", text(startsAt))
        .put("endsAt", text(endsAt))
        .put("staffId", staffId)
        .put("centreId", centreId)
        .put("roomId", roomId)
        .put("caravanId", caravanId)
        .put("stopSiruta", stopSiruta)
        .put("status", status)
        .put("previousStatus", previousStatus)
        .put("appointmentVersion", appointmentVersion)
        .put("previousStartsAt", text(previousStartsAt))
        .put("previousCentreId", previousCentreId)
        .put("previousStopSiruta", previousStopSiruta)
        .put("actor", actor)
        .put("reason", reason)
        .put("minutes", minutes);
  }

  /** Reads an envelope of an appointment type at this version; empty for anything else (the envelope logs why). */
  public static Optional<AppointmentEvent> from(EventEnvelope envelope) {
    return envelope.known().filter(t -> t.topic().equals(EventType.APPOINTMENT_BOOKED.topic()))
        .map(t -> fromJson(t, envelope.payload()));
  }

  static AppointmentEvent fromJson(EventType type, JsonObject p) {
    return new AppointmentEvent(type, uuid(p.getString("appointmentId")), uuid(p.getString("beneficiaryId")),
        p.getString("county"), uuid(p.getString("planId")), p.getString("service"), p.getString("modality"),
        instant(p.getString("startsAt")), instant(p.getString("endsAt")), p.getLong("staffId"), p.getLong("centreId"),
        p.getLong("roomId"), p.getLong("caravanId"), p.getInteger("stopSiruta"), p.getString("status"),
        p.getString("previousStatus"), p.getInteger("appointmentVersion", 0), instant(p.getString("previousStartsAt")),
        p.getLong("previousCentreId"), p.getInteger("previousStopSiruta"), p.getString("actor"), p.getString("reason"),
        p.getInteger("minutes"));
  }

  private static String text(Instant i) {
    return i == null ? null : i.toString();
  }

  private static Instant instant(String s) {
    return s == null ? null : java.time.OffsetDateTime.parse(s).toInstant();
  }

  private static UUID uuid(String s) {
    return s == null ? null : UUID.fromString(s);
  }
}
