package ro.caravana.optimizer.timetable;

import java.time.LocalDate;

/** A change to a published week that calls for re-planning. Dates are inclusive, local (Europe/Bucharest). */
public sealed interface Disruption {

  /** A staff member is away (sick, on leave) on these days. */
  record StaffAbsence(String staffId, LocalDate from, LocalDate to) implements Disruption {}

  /** A room cannot be used on these days. */
  record RoomClosure(String roomId, LocalDate from, LocalDate to) implements Disruption {}

  /** A beneficiary no longer comes: their sessions are cancelled and they leave their groups. */
  record BeneficiaryCancellation(String beneficiaryId) implements Disruption {}
}
