package ro.caravana.signalling;

import java.util.Locale;
import java.util.Objects;

/** Someone taking part in a consultation: the doctor (staff) or the family (beneficiary or guardian). */
public record Participant(String id, String name, Role role) {

  public enum Role {
    DOCTOR, FAMILY;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** {@code doctor} or {@code family}; anything else is not a role. */
    public static Role parse(String value) {
      if (value == null) throw new IllegalArgumentException("missing role");
      return switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "doctor" -> DOCTOR;
        case "family" -> FAMILY;
        default -> throw new IllegalArgumentException("unknown role " + value);
      };
    }
  }

  public Participant {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
  }

  public boolean moderator() {
    return role == Role.DOCTOR;
  }
}
