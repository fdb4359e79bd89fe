package ro.caravana.scheduler.access;

import ro.caravana.optimizer.text.Label;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an account is allowed to do; the wire name is the lower-case constant name. */
public enum Role {
  ADMIN,
  COUNTY_COORDINATOR,
  CENTRE_COORDINATOR,
  DOCTOR,
  THERAPIST,
  NURSE,
  /** Aggregated reports only, never a name. */
  SUPERVISOR;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> parse(String wire) {
    if (wire == null) return Optional.empty();
    return Arrays.stream(values()).filter(r -> r.wire().equals(wire)).findFirst();
  }

  /** Clinical staff: they see their own appointments and the people in them. */
  public boolean isClinician() {
    return this == DOCTOR || this == THERAPIST || this == NURSE;
  }

  /** What people read for this role (docs/security.md names the roles). */
  public Label label() {
    return switch (this) {
      case ADMIN -> new Label("Administrator", "Administrator");
      case COUNTY_COORDINATOR -> new Label("Coordonator județean", "County coordinator");
      case CENTRE_COORDINATOR -> new Label("Coordonator de centru", "Centre coordinator");
      case DOCTOR -> new Label("Medic", "Doctor");
      case THERAPIST -> new Label("Terapeut", "Therapist");
      case NURSE -> new Label("Asistent medical", "Nurse");
      case SUPERVISOR -> new Label("Supervizor", "Supervisor");
    };
  }
}
