package ro.caravana.scheduler.access;

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
}
