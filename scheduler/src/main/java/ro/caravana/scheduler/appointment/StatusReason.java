package ro.caravana.scheduler.appointment;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Why a status changed: a class consumers can act on (the family's SMS names it) and an optional free text. */
public record StatusReason(StatusReason.Kind kind, String text) {

  /** The reason classes; the first three are what a coordinator gives when calling an appointment off. */
  public enum Kind {
    STAFF_ILL, CARAVAN_BROKEN, CENTRE_CLOSED, OTHER,
    FAMILY_DECLINED, REPLANNED, ATTENDANCE_MARK, VIDEO_PRESENCE, NOT_JOINED, CORRECTION, FAMILY_CONFIRMED, SLOT_OFFER_TAKEN;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Kind> parse(String wire) {
      return Arrays.stream(values()).filter(k -> k.wire().equals(wire)).findFirst();
    }
  }

  /** Classes a coordinator may give through the API. */
  public static final java.util.Set<String> COORDINATOR_KINDS = java.util.Set.of(
      Kind.STAFF_ILL.wire(), Kind.CARAVAN_BROKEN.wire(), Kind.CENTRE_CLOSED.wire(), Kind.OTHER.wire(),
      Kind.CORRECTION.wire());

  public static StatusReason of(Kind kind) {
    return new StatusReason(kind, null);
  }
}
