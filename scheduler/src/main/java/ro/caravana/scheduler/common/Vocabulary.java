package ro.caravana.scheduler.common;

import java.util.Set;

/** The closed lists of the domain, the same as the CHECK constraints of the schema (V2__domain.sql). */
public final class Vocabulary {

  public static final Set<String> CATEGORIES = Set.of("disability", "child", "vulnerable_family", "elderly");

  public static final Set<String> SERVICES = Set.of("kinetotherapy", "speech_therapy", "counselling", "support_group",
      "parental_education", "medical_consultation", "telemedicine");

  public static final Set<String> MODALITIES = Set.of("centre", "caravan", "remote");

  /** FHIR Appointment.status subset. */
  public static final Set<String> APPOINTMENT_STATUSES =
      Set.of("proposed", "booked", "arrived", "fulfilled", "cancelled", "noshow");

  public static final Set<String> ATTENDANCE_STATUSES = Set.of("arrived", "fulfilled", "noshow");

  public static final Set<String> ROLES = Set.of("doctor", "nurse", "kinetotherapist", "speech_therapist",
      "psychologist", "social_worker", "school_mediator", "coordinator");

  public static final Set<String> EQUIPMENT = Set.of("telemedicine_station", "kinetotherapy", "speech_therapy", "group_room");

  public static final Set<String> WEEKDAYS =
      Set.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY");

  public static final Set<String> SEXES = Set.of("F", "M");

  private Vocabulary() {}
}
