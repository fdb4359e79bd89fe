package ro.caravana.scheduler.appointment;

import io.vertx.core.json.JsonObject;
import java.util.UUID;
import ro.caravana.scheduler.platform.outbox.EventType;
import ro.caravana.scheduler.platform.outbox.OutboxEvent;

/**
 * {@code attendance.recorded} (version 1) on {@code caravana.attendance}, keyed by beneficiary: a mark
 * (arrived, fulfilled, noshow) with its minutes and who recorded it (a staff code or {@code telemedicine}).
 * The mark's free-text note stays in the database.
 */
public record AttendanceEvent(UUID appointmentId, UUID beneficiaryId, String county, String service, String status,
    Integer minutes, String recordedBy) {

  public OutboxEvent toOutbox() {
    return OutboxEvent.of(EventType.ATTENDANCE_RECORDED, beneficiaryId.toString(), new JsonObject()
        .put("appointmentId", appointmentId.toString())
        .put("beneficiaryId", beneficiaryId.toString())
        .put("county", county)
        .put("service", service)
        .put("status", status)
        .put("minutes", minutes)
        .put("recordedBy", recordedBy));
  }
}
