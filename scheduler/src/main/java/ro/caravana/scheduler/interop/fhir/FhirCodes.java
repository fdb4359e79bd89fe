package ro.caravana.scheduler.interop.fhir;

import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import ro.caravana.scheduler.interop.ServiceNames;

/**
 * The identifier systems and code systems Caravana's FHIR resources use, in one place. Caravana's own
 * vocabularies (services, staff roles, modalities) live under {@link #BASE}; the CNP and SIRUTA systems
 * are Caravana's names for the national codes until a national naming system is published (change them
 * here and nowhere else).
 */
public final class FhirCodes {

  public static final String BASE = "https://caravana.ro/fhir";
  /** Romanian personal numeric code (cod numeric personal, CNP). */
  public static final String CNP = BASE + "/sid/cnp";
  /** SIRUTA code of a locality (INS classification of administrative units). */
  public static final String SIRUTA = BASE + "/sid/siruta";
  /** Staff member code (ST-...). */
  public static final String STAFF_CODE = BASE + "/sid/staff-code";
  /** Community centre code. */
  public static final String CENTRE_CODE = BASE + "/sid/centre-code";
  public static final String SERVICE = BASE + "/CodeSystem/service";
  public static final String STAFF_ROLE = BASE + "/CodeSystem/staff-role";
  public static final String SKILL = BASE + "/CodeSystem/skill";
  public static final String MODALITY = BASE + "/CodeSystem/modality";
  /** The SIRUTA code of an Address's locality. */
  public static final String SIRUTA_EXTENSION = BASE + "/StructureDefinition/siruta";
  /** The beneficiary's category (disability, child, vulnerable_family, elderly), as a Patient extension. */
  public static final String CATEGORY_EXTENSION = BASE + "/StructureDefinition/beneficiary-category";
  public static final String SMS_CONSENT = BASE + "/StructureDefinition/sms-consent";
  /** What a notice announced: booked, changed, cancelled, reminder. */
  public static final String NOTICE_KIND = BASE + "/CodeSystem/notice-kind";
  /** How a family's answer was read: confirm, cancel, stop, other. */
  public static final String SMS_REPLY = BASE + "/CodeSystem/sms-reply";
  public static final String PARTICIPATION_MODE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationMode";
  public static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
  public static final String CONTACT_ROLE = "http://terminology.hl7.org/CodeSystem/v2-0131";
  public static final String ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";

  /** Service names as families and staff read them (Romanian, with diacritics). */
  public static final Map<String, String> SERVICE_NAMES = ServiceNames.RO;

  public static final Map<String, String> ROLE_NAMES = Map.of(
      "doctor", "Medic",
      "nurse", "Asistent medical comunitar",
      "kinetotherapist", "Kinetoterapeut",
      "speech_therapist", "Logoped",
      "psychologist", "Psiholog",
      "social_worker", "Asistent social",
      "school_mediator", "Mediator școlar",
      "coordinator", "Coordonator");

  public static final Map<String, String> MODALITY_NAMES = Map.of(
      "centre", "La centrul comunitar",
      "caravan", "La caravana medicală",
      "remote", "La distanță (telemedicină)");

  public static final Map<String, String> NOTICE_NAMES = Map.of(
      "booked", "Programare nouă",
      "changed", "Programare schimbată",
      "cancelled", "Programare anulată",
      "reminder", "Reamintire");

  public static final Map<String, String> REPLY_NAMES = Map.of(
      "confirm", "Răspuns DA (confirmă)",
      "cancel", "Răspuns NU (anulează)",
      "stop", "STOP (dezabonare)",
      "other", "Alt răspuns");

  private FhirCodes() {}

  public static CodeableConcept service(String code) {
    return concept(SERVICE, code, SERVICE_NAMES.getOrDefault(code, code));
  }

  public static CodeableConcept concept(String system, String code, String display) {
    return new CodeableConcept(new Coding(system, code, display)).setText(display);
  }

  /** A FHIR id for a service code: ids allow letters, digits, '-' and '.', not '_'. */
  public static String serviceId(String code) {
    return code.replace('_', '-');
  }

  /** The service code a HealthcareService id stands for, or null. */
  public static String serviceOf(String id) {
    String code = id == null || !id.matches("[a-z]+(-[a-z]+)*") ? null : id.replace('-', '_');
    return code != null && SERVICE_NAMES.containsKey(code) ? code : null;
  }
}
