package ro.caravana.scheduler.careplan;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import ro.caravana.scheduler.common.Fields;
import ro.caravana.scheduler.common.Vocabulary;

/** A checked care plan: beneficiary x service x sessions per week x minutes x modality x period. */
public record CarePlanInput(UUID beneficiaryId, String service, int sessionsPerWeek, int intervalWeeks, int minutes,
    String modality, Long centreId, LocalDate validFrom, LocalDate validTo, List<String> preferredDays,
    LocalTime preferredFrom, LocalTime preferredTo, Integer version) {

  /** Reads the body; {@code beneficiaryFromPath} wins over (and must agree with) a beneficiaryId in the body. */
  public static CarePlanInput from(JsonObject body, UUID beneficiaryFromPath) {
    UUID beneficiary = Fields.optionalUuid(body, "beneficiaryId");
    if (beneficiaryFromPath != null) {
      if (beneficiary != null && !beneficiary.equals(beneficiaryFromPath)) {
        throw Fields.invalid("beneficiaryId", "Beneficiarul din corp diferă de cel din adresă.",
            "The beneficiary in the body differs from the one in the path.");
      }
      beneficiary = beneficiaryFromPath;
    }
    if (beneficiary == null) throw Fields.missing("beneficiaryId");
    String service = Fields.choice(body, "service", Vocabulary.SERVICES);
    int perWeek = Fields.integer(body, "sessionsPerWeek", 1, 14);
    Integer every = Fields.optionalInteger(body, "intervalWeeks", 1, 52);
    int minutes = Fields.integer(body, "minutes", 5, 480);
    String modality = Fields.choice(body, "modality", Vocabulary.MODALITIES);
    Long centre = Fields.optionalId(body, "centreId");
    LocalDate from = Fields.requiredDate(body, "validFrom");
    LocalDate to = Fields.optionalDate(body, "validTo");
    List<String> days = new ArrayList<>();
    for (String d : Fields.textList(body, "preferredDays", null)) {
      days.add(Fields.checkChoice("preferredDays", d.toUpperCase(), Vocabulary.WEEKDAYS));
    }
    LocalTime prefFrom = Fields.optionalTime(body, "preferredFrom");
    LocalTime prefTo = Fields.optionalTime(body, "preferredTo");
    Integer version = Fields.optionalInteger(body, "version", 1, Integer.MAX_VALUE);

    if (to != null && to.isBefore(from)) {
      throw Fields.invalid("validTo", "Sfârșitul perioadei este înaintea începutului.", "The period ends before it starts.");
    }
    if (prefFrom != null && prefTo != null && !prefTo.isAfter(prefFrom)) {
      throw Fields.invalid("preferredTo", "Intervalul preferat se termină înainte să înceapă.",
          "The preferred window ends before it starts.");
    }
    if (service.equals("telemedicine") && !modality.equals("remote")) {
      throw Fields.invalid("modality", "Telemedicina se face la distanță (modality = remote).",
          "Telemedicine is remote (modality = remote).");
    }
    if (modality.equals("centre") && centre == null) {
      throw Fields.invalid("centreId", "O ședință la centru cere centrul comunitar (centreId).",
          "A centre session needs the community centre (centreId).");
    }
    return new CarePlanInput(beneficiary, service, perWeek, every == null ? 1 : every, minutes, modality, centre, from,
        to, List.copyOf(days), prefFrom, prefTo, version);
  }

  Tuple tuple(UUID id) {
    return Tuple.from(new Object[] {id, beneficiaryId, service, sessionsPerWeek, intervalWeeks, minutes, modality,
        centreId, validFrom, validTo, preferredDays.toArray(String[]::new), preferredFrom, preferredTo});
  }
}
