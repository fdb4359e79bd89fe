package ro.caravana.scheduler.beneficiary;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import ro.caravana.scheduler.common.Fields;
import ro.caravana.scheduler.common.InvalidValue;
import ro.caravana.scheduler.common.Vocabulary;

/**
 * A checked beneficiary as sent by a client (create or full update). Birth date and sex may be
 * left out when a CNP is given (they are read from it); when both are given they must agree.
 */
public record BeneficiaryInput(String firstName, String lastName, String cnp, LocalDate birthDate, String sex,
    int localitySiruta, UUID householdId, Long centreId, String category, List<String> flags, String guardianName,
    String phone, boolean smsConsent, LocalDate smsConsentDate, boolean dataConsent, LocalDate dataConsentDate,
    String preferredLanguage, Integer version) {

  public static BeneficiaryInput from(JsonObject body, LocalDate today) {
    String firstName = Fields.text(body, "firstName");
    String lastName = Fields.text(body, "lastName");
    String rawCnp = Fields.optionalText(body, "cnp");
    LocalDate birthDate = Fields.optionalDate(body, "birthDate");
    String sex = Fields.optionalChoice(body, "sex", Vocabulary.SEXES);
    int locality = Fields.integer(body, "localitySiruta", 1, Integer.MAX_VALUE);
    UUID household = Fields.optionalUuid(body, "householdId");
    Long centre = Fields.optionalId(body, "centreId");
    String category = Fields.choice(body, "category", Vocabulary.CATEGORIES);
    List<String> flags = Fields.textList(body, "flags", null);
    String guardian = Fields.optionalText(body, "guardianName");
    String rawPhone = Fields.optionalText(body, "phone");
    boolean sms = Fields.bool(body, "smsConsent", false);
    LocalDate smsDate = Fields.optionalDate(body, "smsConsentDate");
    boolean data = Fields.bool(body, "dataConsent", false);
    LocalDate dataDate = Fields.optionalDate(body, "dataConsentDate");
    String language = Fields.optionalText(body, "preferredLanguage");
    Integer version = Fields.optionalInteger(body, "version", 1, Integer.MAX_VALUE);

    if (firstName.length() > 100) throw tooLong("firstName");
    if (lastName.length() > 100) throw tooLong("lastName");
    String cnp = null;
    if (rawCnp != null) {
      Cnp parsed;
      try {
        parsed = Cnp.parse(rawCnp.replace(" ", ""), today);
      } catch (InvalidValue e) {
        throw Fields.invalid("cnp", e.reasonRo(), e.reasonEn());
      }
      cnp = parsed.value();
      if (birthDate != null && !birthDate.equals(parsed.birthDate())) {
        throw Fields.invalid("cnp", "Data nașterii din CNP (" + parsed.birthDate() + ") diferă de data nașterii dată.",
            "The birth date in the CNP (" + parsed.birthDate() + ") differs from the given birth date.");
      }
      if (sex != null && parsed.sex() != '?' && sex.charAt(0) != parsed.sex()) {
        throw Fields.invalid("cnp", "Sexul din CNP diferă de sexul dat.", "The sex in the CNP differs from the given sex.");
      }
      if (birthDate == null) birthDate = parsed.birthDate();
      if (sex == null && parsed.sex() != '?') sex = String.valueOf(parsed.sex());
    }
    if (birthDate == null) throw Fields.missing("birthDate");
    if (sex == null) throw Fields.missing("sex");
    if (birthDate.isAfter(today) || birthDate.isBefore(LocalDate.of(1900, 1, 1))) {
      throw Fields.invalid("birthDate", "Data nașterii trebuie să fie între 1900-01-01 și azi.",
          "The birth date must be between 1900-01-01 and today.");
    }
    for (String flag : flags) {
      if (!flag.matches("[a-z][a-z_]{0,39}")) {
        throw Fields.invalid("flags", "Etichetele sunt cuvinte mici cu litere a-z și „_”.",
            "Flags are lowercase words of letters a-z and '_'.");
      }
    }
    String phone = null;
    if (rawPhone != null) {
      try {
        phone = PhoneNumbers.toE164(rawPhone);
      } catch (InvalidValue e) {
        throw Fields.invalid("phone", e.reasonRo(), e.reasonEn());
      }
    }
    if (sms && phone == null) {
      throw Fields.invalid("smsConsent", "Acordul pentru SMS cere un număr de telefon.",
          "SMS consent needs a phone number.");
    }
    if (sms && smsDate == null) smsDate = today;
    if (!sms) smsDate = null;
    if (data && dataDate == null) dataDate = today;
    if (!data) dataDate = null;
    if (smsDate != null && smsDate.isAfter(today)) throw futureDate("smsConsentDate");
    if (dataDate != null && dataDate.isAfter(today)) throw futureDate("dataConsentDate");
    if (language == null) language = "ro";
    if (!language.matches("[a-z]{2,3}")) {
      throw Fields.invalid("preferredLanguage", "Limba se scrie ca un cod ISO 639 (de exemplu ro, hu, rom).",
          "The language is an ISO 639 code (for example ro, hu, rom).");
    }
    return new BeneficiaryInput(firstName, lastName, cnp, birthDate, sex, locality, household, centre, category,
        List.copyOf(flags), guardian, phone, sms, smsDate, data, dataDate, language, version);
  }

  /** Parameters $2..$18 of the insert and update statements ($1 is the id). */
  Tuple tuple(UUID id) {
    return Tuple.from(new Object[] {id, firstName, lastName, cnp, birthDate, sex, localitySiruta, householdId,
        centreId, category, flags.toArray(String[]::new), guardianName, phone, smsConsent, smsConsentDate, dataConsent,
        dataConsentDate, preferredLanguage});
  }

  private static RuntimeException tooLong(String field) {
    return Fields.invalid(field, "Câmpul „" + field + "” are cel mult 100 de caractere.",
        "Field '" + field + "' has at most 100 characters.");
  }

  private static RuntimeException futureDate(String field) {
    return Fields.invalid(field, "Data acordului nu poate fi în viitor.", "The consent date cannot be in the future.");
  }
}
