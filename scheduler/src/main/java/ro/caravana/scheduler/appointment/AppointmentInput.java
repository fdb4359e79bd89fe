package ro.caravana.scheduler.appointment;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;
import ro.caravana.scheduler.common.Fields;
import ro.caravana.scheduler.common.Vocabulary;

/**
 * A checked new appointment. Service and modality may be left out when a care plan is named
 * (they are taken from it); the place is checked against the modality once they are known.
 */
public record AppointmentInput(UUID beneficiaryId, UUID carePlanId, String service, String modality,
    OffsetDateTime startsAt, OffsetDateTime endsAt, Long staffId, Long centreId, Long roomId, Long caravanId,
    Integer stopSiruta, String status) {

  private static final Set<String> INITIAL = Set.of("proposed", "booked");

  public static AppointmentInput from(JsonObject body) {
    UUID beneficiary = Fields.requiredUuid(body, "beneficiaryId");
    UUID plan = Fields.optionalUuid(body, "carePlanId");
    String service = Fields.optionalChoice(body, "service", Vocabulary.SERVICES);
    String modality = Fields.optionalChoice(body, "modality", Vocabulary.MODALITIES);
    OffsetDateTime starts = Fields.requiredDateTime(body, "startsAt");
    OffsetDateTime ends = Fields.requiredDateTime(body, "endsAt");
    Long staff = Fields.optionalId(body, "staffId");
    Long centre = Fields.optionalId(body, "centreId");
    Long room = Fields.optionalId(body, "roomId");
    Long caravan = Fields.optionalId(body, "caravanId");
    Integer stop = Fields.optionalInteger(body, "stopSiruta", 1, Integer.MAX_VALUE);
    String status = Fields.optionalChoice(body, "status", Vocabulary.APPOINTMENT_STATUSES);
    if (plan == null && service == null) throw Fields.missing("service");
    if (plan == null && modality == null) throw Fields.missing("modality");
    if (!ends.isAfter(starts)) {
      throw Fields.invalid("endsAt", "Programarea se termină înainte să înceapă.", "The appointment ends before it starts.");
    }
    if (Duration.between(starts, ends).toHours() >= 12) {
      throw Fields.invalid("endsAt", "O programare durează mai puțin de 12 ore.", "An appointment lasts less than 12 hours.");
    }
    if (status != null && !INITIAL.contains(status)) {
      throw Fields.invalid("status", "O programare nouă este „proposed” sau „booked”.",
          "A new appointment is 'proposed' or 'booked'.");
    }
    return new AppointmentInput(beneficiary, plan, service, modality, starts, ends, staff, centre, room, caravan, stop,
        status == null ? "booked" : status);
  }

  AppointmentInput withPlanDefaults(String planService, String planModality, Long planCentre) {
    return new AppointmentInput(beneficiaryId, carePlanId, service == null ? planService : service,
        modality == null ? planModality : modality, startsAt, endsAt, staffId, centreId == null ? planCentre : centreId,
        roomId, caravanId, stopSiruta, status);
  }

  AppointmentInput withCentre(Long centre) {
    return new AppointmentInput(beneficiaryId, carePlanId, service, modality, startsAt, endsAt, staffId, centre, roomId,
        caravanId, stopSiruta, status);
  }

  /** The place must fit the modality: a centre for centre sessions, a stop locality for caravan days. */
  void checkPlace() {
    if (modality.equals("centre") && centreId == null) {
      throw Fields.invalid("centreId", "O ședință la centru cere centrul comunitar (centreId).",
          "A centre session needs the community centre (centreId).");
    }
    if (modality.equals("caravan") && stopSiruta == null) {
      throw Fields.invalid("stopSiruta", "O consultație la caravană cere localitatea opririi (stopSiruta).",
          "A caravan consultation needs the stop locality (stopSiruta).");
    }
  }
}
