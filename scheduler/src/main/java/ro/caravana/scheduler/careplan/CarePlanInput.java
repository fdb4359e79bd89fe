package ro.caravana.scheduler.careplan;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import ro.caravana.scheduler.common.Fields;
import ro.caravana.scheduler.common.Violations;
import ro.caravana.scheduler.common.Vocabulary;

/** A checked care plan: beneficiary x service x sessions per week x minutes x modality x period. */
public record CarePlanInput(UUID beneficiaryId, String service, int sessionsPerWeek, int intervalWeeks, int minutes,
    String modality, Long centreId, LocalDate validFrom, LocalDate validTo, List<String> preferredDays,
    LocalTime preferredFrom, LocalTime preferredTo, Integer version) {

  /**
   * Reads the body; {@code beneficiaryFromPath} wins over (and must agree with) a beneficiaryId in the body. Every
   * invalid field is answered at once (problem+json with an {@code errors} list).
   */
  public static CarePlanInput from(JsonObject body, UUID beneficiaryFromPath) {
    Violations v = new Violations();
    UUID bodyBeneficiary = v.read(() -> Fields.optionalUuid(body, "beneficiaryId"));
    UUID beneficiary = bodyBeneficiary;
    if (beneficiaryFromPath != null) {
      if (bodyBeneficiary != null && !bodyBeneficiary.equals(beneficiaryFromPath)) {
        v.add(Fields.invalid("beneficiaryId", "Beneficiarul din corp diferă de cel din adresă.",
            "The beneficiary in the body differs from the one in the path."));
      }
      beneficiary = beneficiaryFromPath;
    }
    if (beneficiary == null && v.ok()) v.add(Fields.missing("beneficiaryId"));
    String service = v.read(() -> Fields.choice(body, "service", Vocabulary.SERVICES));
    Integer perWeek = v.read(() -> Fields.integer(body, "sessionsPerWeek", 1, 14));
    Integer every = v.read(() -> Fields.optionalInteger(body, "intervalWeeks", 1, 52));
    Integer minutes = v.read(() -> Fields.integer(body, "minutes", 5, 480));
    String modality = v.read(() -> Fields.choice(body, "modality", Vocabulary.MODALITIES));
    Long centre = v.read(() -> Fields.optionalId(body, "centreId"));
    LocalDate from = v.read(() -> Fields.requiredDate(body, "validFrom"));
    LocalDate to = v.read(() -> Fields.optionalDate(body, "validTo"));
    List<String> days = new ArrayList<>();
    List<String> rawDays = v.read(() -> Fields.textList(body, "preferredDays", null));
    if (rawDays != null) {
      for (String d : rawDays) {
        String day = v.read(() -> Fields.checkChoice("preferredDays", d.toUpperCase(java.util.Locale.ROOT), Vocabulary.WEEKDAYS));
        if (day == null) break;
        days.add(day);
      }
    }
    LocalTime prefFrom = v.read(() -> Fields.optionalTime(body, "preferredFrom"));
    LocalTime prefTo = v.read(() -> Fields.optionalTime(body, "preferredTo"));
    Integer version = v.read(() -> Fields.optionalInteger(body, "version", 1, Integer.MAX_VALUE));

    if (to != null && from != null && to.isBefore(from)) {
      v.add(Fields.invalid("validTo", "Sfârșitul perioadei este înaintea începutului.", "The period ends before it starts."));
    }
    if (prefFrom != null && prefTo != null && !prefTo.isAfter(prefFrom)) {
      v.add(Fields.invalid("preferredTo", "Intervalul preferat se termină înainte să înceapă.",
          "The preferred window ends before it starts."));
    }
    if ("telemedicine".equals(service) && modality != null && !modality.equals("remote")) {
      v.add(Fields.invalid("modality", "Telemedicina se face la distanță (modality = remote).",
          "Telemedicine is remote (modality = remote)."));
    }
    if ("centre".equals(modality) && centre == null && v.errors().stream().noneMatch(e -> "centreId".equals(e.field()))) {
      v.add(Fields.invalid("centreId", "O ședință la centru cere centrul comunitar (centreId).",
          "A centre session needs the community centre (centreId)."));
    }
    v.check();
    return new CarePlanInput(beneficiary, service, perWeek, every == null ? 1 : every, minutes, modality, centre, from,
        to, List.copyOf(days), prefFrom, prefTo, version);
  }

  Tuple tuple(UUID id) {
    return Tuple.from(new Object[] {id, beneficiaryId, service, sessionsPerWeek, intervalWeeks, minutes, modality,
        centreId, validFrom, validTo, preferredDays.toArray(String[]::new), preferredFrom, preferredTo});
  }
}
