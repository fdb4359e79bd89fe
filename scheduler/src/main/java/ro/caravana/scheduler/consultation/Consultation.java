package ro.caravana.scheduler.consultation;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A remote appointment seen as a consultation: its slot and who meets in it.
 *
 * @param status     scheduled, waiting, in-progress, completed, no-show or cancelled
 * @param doctorId   staff id (null when the appointment has nobody assigned yet)
 * @param familyName the guardian's name when there is one, the beneficiary's otherwise
 */
public record Consultation(UUID id, OffsetDateTime start, OffsetDateTime end, String status, String appointmentStatus,
    Long doctorId, String doctorName, UUID beneficiaryId, String familyName) {

  public boolean open() {
    return !status.equals("cancelled") && !status.equals("no-show") && !status.equals("completed");
  }
}
