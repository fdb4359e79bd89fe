package ro.caravana.scheduler.appointment;

import java.util.Map;
import java.util.Set;

/** Which status may follow which (FHIR Appointment.status subset); fulfilled, cancelled and noshow are final. */
public final class AppointmentStatus {

  private static final Map<String, Set<String>> NEXT = Map.of(
      "proposed", Set.of("booked", "cancelled"),
      "booked", Set.of("arrived", "fulfilled", "cancelled", "noshow"),
      "arrived", Set.of("fulfilled", "cancelled"),
      "fulfilled", Set.of(),
      "cancelled", Set.of(),
      "noshow", Set.of());

  private AppointmentStatus() {}

  public static boolean canMove(String from, String to) {
    return NEXT.getOrDefault(from, Set.of()).contains(to);
  }
}
