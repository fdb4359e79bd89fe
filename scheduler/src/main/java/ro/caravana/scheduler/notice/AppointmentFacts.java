package ro.caravana.scheduler.notice;

import java.time.Instant;
import java.util.UUID;

/**
 * What the notifier knows about an appointment when it writes a message: the appointment row,
 * its beneficiary's contact and consent, the place, and what the family was last told.
 *
 * @param lastAnnounced the start time of the latest message actually queued for it (null: never told)
 * @param optedOut the phone answered STOP
 */
public record AppointmentFacts(UUID appointmentId, UUID beneficiaryId, String service, String modality,
    Instant startsAt, String status, String firstName, String phone, boolean smsConsent, String language,
    String centreAddress, String stopName, String county, Instant lastAnnounced, boolean optedOut) {

  /** This appointment's time, service and place, told to another person (a freed slot offered to them). */
  public AppointmentFacts forPerson(AppointmentFacts person) {
    return new AppointmentFacts(appointmentId, person.beneficiaryId(), service, modality, startsAt, status,
        person.firstName(), person.phone(), person.smsConsent(), person.language(), centreAddress, stopName,
        person.county(), null, person.optedOut());
  }

  public boolean remote() {
    return "remote".equals(modality);
  }
}
