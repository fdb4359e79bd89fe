package ro.caravana.signalling;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The time a consultation is booked for. Tokens are valid from ten minutes before the start (people
 * come early) until thirty minutes after the end (consultations overrun).
 */
public record ConsultationSlot(String consultationId, Instant start, Instant end) {

  public static final Duration EARLY_JOIN = Duration.ofMinutes(10);
  public static final Duration LATE_LEAVE = Duration.ofMinutes(30);

  public ConsultationSlot {
    Objects.requireNonNull(consultationId, "consultationId");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) throw new IllegalArgumentException("slot end must be after its start");
  }

  public Instant notBefore() {
    return start.minus(EARLY_JOIN);
  }

  public Instant expires() {
    return end.plus(LATE_LEAVE);
  }
}
