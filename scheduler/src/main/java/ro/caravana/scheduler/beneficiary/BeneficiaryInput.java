package ro.caravana.scheduler.beneficiary;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import ro.caravana.scheduler.common.Fields;
import ro.caravana.scheduler.common.InvalidValue;
import ro.caravana.scheduler.common.Violations;
import ro.caravana.scheduler.common.Vocabulary;
import ro.caravana.scheduler.platform.http.ApiError;

/**
 * A checked beneficiary as sent by a client (create or full update). Birth date and sex may be
 * left out when a CNP is given (they are read from it); when both are given they must agree.
 */
public record BeneficiaryInput(String firstName, String lastName, String cnp, LocalDate birthDate, String sex,
    int localitySiruta, UUID householdId, Long centreId, String category, List<String> flags, String guardianName,
    String phone, boolean smsConsent, LocalDate smsConsentDate, boolean dataConsent, LocalDate dataConsentDate,
    String preferredLanguage, Integer version) {

  /** Reads every field and answers all the invalid ones at once (problem+json with an {@code errors} list). */
  public static BeneficiaryInput from(JsonObject body, LocalDate today) {
    Violations v = new Violations();
    String firstName = v.read(() -> Fields.text(body, "firstName"));
    String lastName = v.read(() -> Fields.text(body, "lastName"));
    String rawCnp = v.read(() -> Fields.optionalText(body, "cnp"));
    LocalDate birthDate = v.read(() -> Fields.optionalDate(body, "birthDate"));
    String sex = v.read(() -> Fields.optionalChoice(body, "sex", Vocabulary.SEXES));
    Integer locality = v.read(() -> Fields.integer(body, "localitySiruta", 1, Integer.MAX_VALUE));
    UUID household = v.read(() -> Fields.optionalUuid(body, "householdId"));
    Long centre = v.read(() -> Fields.optionalId(body, "centreId"));
    String category = v.read(() -> Fields.choice(body, "category", Vocabulary.CATEGORIES));
    List<String> flags = v.read(() -> Fields.textList(body, "flags", null));
    String guardian = v.read(() -> Fields.optionalText(body, "guardianName"));
    String rawPhone = v.read(() -> Fields.optionalText(body, "phone"));
    Boolean sms = v.read(() -> Fields.bool(body, "smsConsent", false));
    LocalDate smsDate = v.read(() -> Fields.optionalDate(body, "smsConsentDate"));
    Boolean data = v.read(() -> Fields.bool(body, "dataConsent", false));
    LocalDate dataDate = v.read(() -> Fields.optionalDate(body, "dataConsentDate"));
    String language = v.read(() -> Fields.optionalText(body, "preferredLanguage"));
    Integer version = v.read(() -> Fields.optionalInteger(body, "version", 1, Integer.MAX_VALUE));

    if (firstName != null && firstName.length() > 100) v.add(tooLong("firstName"));
    if (lastName != null && lastName.length() > 100) v.add(tooLong("lastName"));
    String cnp = null;
    boolean cnpRead = false;
    if (rawCnp != null) {
      try {
        Cnp parsed = Cnp.parse(rawCnp.replace(" ", ""), today);
        cnp = parsed.value();
        cnpRead = true;
        if (birthDate != null && !birthDate.equals(parsed.birthDate())) {
          v.add(Fields.invalid("cnp", "Data nașterii din CNP (" + parsed.birthDate() + ") diferă de data nașterii dată.",
              "The birth date in the CNP (" + parsed.birthDate() + ") differs from the given birth date."));
        }
        if (sex != null && parsed.sex() != '?' && sex.charAt(0) != parsed.sex()) {
          v.add(Fields.invalid("cnp", "Sexul din CNP diferă de sexul dat.", "The sex in the CNP differs from the given sex."));
        }
        if (birthDate == null) birthDate = parsed.birthDate();
        if (sex == null && parsed.sex() != '?') sex = String.valueOf(parsed.sex());
      } catch (InvalidValue e) {
        v.add(Fields.invalid("cnp", e.reasonRo(), e.reasonEn()));
      }
    }
    // a CNP that could not be read says nothing about the birth date or sex: don't add a second error for them
    boolean cnpFailed = rawCnp != null && !cnpRead;
    if (birthDate == null && !cnpFailed && !failed(v, "birthDate")) v.add(Fields.missing("birthDate"));
    if (sex == null && !cnpFailed && !failed(v, "sex")) v.add(Fields.missing("sex"));
    if (birthDate != null && (birthDate.isAfter(today) || birthDate.isBefore(LocalDate.of(1900, 1, 1)))) {
      v.add(Fields.invalid("birthDate", "Data nașterii trebuie să fie între 1900-01-01 și azi.",
          "The birth date must be between 1900-01-01 and today."));
    }
    if (flags != null) {
      for (String flag : flags) {
        if (!flag.matches("[a-z][a-z_]{0,39}")) {
          v.add(Fields.invalid("flags", "Etichetele sunt cuvinte mici cu litere a-z și „_”.",
              "Flags are lowercase words of letters a-z and '_'."));
          break;
        }
      }
    }
    String phone = null;
    if (rawPhone != null) {
      try {
        phone = PhoneNumbers.toE164(rawPhone);
      } catch (InvalidValue e) {
        v.add(Fields.invalid("phone", e.reasonRo(), e.reasonEn()));
      }
    }
    boolean smsOn = Boolean.TRUE.equals(sms);
    boolean dataOn = Boolean.TRUE.equals(data);
    if (smsOn && phone == null && rawPhone == null) {
      v.add(Fields.invalid("smsConsent", "Acordul pentru SMS cere un număr de telefon.", "SMS consent needs a phone number."));
    }
    if (smsOn && smsDate == null) smsDate = today;
    if (!smsOn) smsDate = null;
    if (dataOn && dataDate == null) dataDate = today;
    if (!dataOn) dataDate = null;
    if (smsDate != null && smsDate.isAfter(today)) v.add(futureDate("smsConsentDate"));
    if (dataDate != null && dataDate.isAfter(today)) v.add(futureDate("dataConsentDate"));
    if (language == null) language = "ro";
    if (!language.matches("[a-z]{2,3}")) {
      v.add(Fields.invalid("preferredLanguage", "Limba se scrie ca un cod ISO 639 (de exemplu ro, hu, rom).",
          "The language is an ISO 639 code (for example ro, hu, rom)."));
    }
    v.check();
    return new BeneficiaryInput(firstName, lastName, cnp, birthDate, sex, locality, household, centre, category,
        List.copyOf(flags), guardian, phone, smsOn, smsDate, dataOn, dataDate, language, version);
  }

  private static boolean failed(Violations v, String field) {
    return v.errors().stream().anyMatch(e -> field.equals(e.field()));
  }

  /** Parameters $2..$18 of the insert and update statements ($1 is the id). */
  Tuple tuple(UUID id) {
    return Tuple.from(new Object[] {id, firstName, lastName, cnp, birthDate, sex, localitySiruta, householdId,
        centreId, category, flags.toArray(String[]::new), guardianName, phone, smsConsent, smsConsentDate, dataConsent,
        dataConsentDate, preferredLanguage});
  }

  private static ApiError tooLong(String field) {
    return Fields.invalid(field, "Câmpul „" + field + "” are cel mult 100 de caractere.",
        "Field '" + field + "' has at most 100 characters.");
  }

  private static ApiError futureDate(String field) {
    return Fields.invalid(field, "Data acordului nu poate fi în viitor.", "The consent date cannot be in the future.");
  }
}
