package ro.caravana.scheduler.common;

import java.util.Map;
import java.util.Optional;
import ro.caravana.optimizer.text.Label;
import ro.caravana.scheduler.appointment.AppointmentStatus;

/**
 * What people read for each value of the closed lists in {@link Vocabulary}: Romanian with diacritics and English.
 * The API speaks the codes; pages, exports and messages speak these words. A test checks that every value of
 * every list has its label and nothing else.
 */
public final class Words {

  public static final Map<String, Label> CATEGORIES = Map.of(
      "disability", new Label("Persoană cu dizabilități", "Person with disabilities"),
      "child", new Label("Copil", "Child"),
      "vulnerable_family", new Label("Familie vulnerabilă", "Vulnerable family"),
      "elderly", new Label("Vârstnic", "Older person"));

  public static final Map<String, Label> SERVICES = Map.of(
      "kinetotherapy", new Label("Kinetoterapie", "Physiotherapy"),
      "speech_therapy", new Label("Logopedie", "Speech therapy"),
      "counselling", new Label("Consiliere", "Counselling"),
      "support_group", new Label("Grup de sprijin", "Support group"),
      "parental_education", new Label("Educație parentală", "Parental education"),
      "medical_consultation", new Label("Consultație medicală", "Medical consultation"),
      "telemedicine", new Label("Telemedicină", "Telemedicine"));

  public static final Map<String, Label> MODALITIES = Map.of(
      "centre", new Label("La centru", "At the centre"),
      "caravan", new Label("La caravană", "At the caravan"),
      "remote", new Label("La distanță", "Remote"));

  /** Kept beside the statuses, in {@link AppointmentStatus}. */
  public static final Map<String, Label> APPOINTMENT_STATUSES = java.util.Arrays.stream(AppointmentStatus.values())
      .collect(java.util.stream.Collectors.toUnmodifiableMap(AppointmentStatus::wire, AppointmentStatus::label));

  public static final Map<String, Label> ATTENDANCE_STATUSES = Map.of(
      "arrived", new Label("Prezent", "Arrived"),
      "fulfilled", new Label("Realizată", "Delivered"),
      "noshow", new Label("Absent", "Did not come"));

  public static final Map<String, Label> STAFF_ROLES = Map.of(
      "doctor", new Label("Medic", "Doctor"),
      "nurse", new Label("Asistent medical", "Nurse"),
      "kinetotherapist", new Label("Kinetoterapeut", "Physiotherapist"),
      "speech_therapist", new Label("Logoped", "Speech therapist"),
      "psychologist", new Label("Psiholog", "Psychologist"),
      "social_worker", new Label("Asistent social", "Social worker"),
      "school_mediator", new Label("Mediator școlar", "School mediator"),
      "coordinator", new Label("Coordonator", "Coordinator"));

  public static final Map<String, Label> EQUIPMENT = Map.of(
      "telemedicine_station", new Label("Stație de telemedicină", "Telemedicine station"),
      "kinetotherapy", new Label("Sală de kinetoterapie", "Physiotherapy room"),
      "speech_therapy", new Label("Cabinet de logopedie", "Speech therapy room"),
      "group_room", new Label("Sală de grup", "Group room"));

  public static final Map<String, Label> WEEKDAYS = Map.of(
      "MONDAY", new Label("Luni", "Monday"),
      "TUESDAY", new Label("Marți", "Tuesday"),
      "WEDNESDAY", new Label("Miercuri", "Wednesday"),
      "THURSDAY", new Label("Joi", "Thursday"),
      "FRIDAY", new Label("Vineri", "Friday"),
      "SATURDAY", new Label("Sâmbătă", "Saturday"),
      "SUNDAY", new Label("Duminică", "Sunday"));

  public static final Map<String, Label> SEXES = Map.of(
      "F", new Label("Feminin", "Female"),
      "M", new Label("Masculin", "Male"));

  /**
   * A staff member's skills: the services, and the other competences on record (a free list in the API; a skill
   * without words here is counted, not shown, on pages).
   */
  public static final Map<String, Label> SKILLS = skills();

  private static Map<String, Label> skills() {
    Map<String, Label> all = new java.util.LinkedHashMap<>(SERVICES);
    all.put("social_assessment", new Label("Evaluare socială", "Social assessment"));
    all.put("triage", new Label("Triaj", "Triage"));
    all.put("home_care", new Label("Îngrijire la domiciliu", "Home care"));
    all.put("vaccination", new Label("Vaccinare", "Vaccination"));
    all.put("paediatric_kinetotherapy", new Label("Kinetoterapie pediatrică", "Paediatric kinetotherapy"));
    all.put("school_mediation", new Label("Mediere școlară", "School mediation"));
    all.put("planning", new Label("Planificare", "Planning"));
    all.put("family_medicine", new Label("Medicină de familie", "Family medicine"));
    return java.util.Collections.unmodifiableMap(all);
  }

  /** Every list by the name the pages use for it ({@code {{label "service" code}}}). */
  public static final Map<String, Map<String, Label>> LISTS = Map.of(
      "category", CATEGORIES, "service", SERVICES, "modality", MODALITIES, "appointmentStatus", APPOINTMENT_STATUSES,
      "attendanceStatus", ATTENDANCE_STATUSES, "staffRole", STAFF_ROLES, "equipment", EQUIPMENT, "weekday", WEEKDAYS,
      "sex", SEXES, "skill", SKILLS);

  private Words() {}

  /** The label of {@code code} in the list {@code list}, when both exist. */
  public static Optional<Label> of(String list, String code) {
    Map<String, Label> labels = LISTS.get(list);
    return labels == null || code == null ? Optional.empty() : Optional.ofNullable(labels.get(code));
  }
}
