package ro.caravana.scheduler.appointment;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import ro.caravana.optimizer.text.Label;

/**
 * An appointment's status (the FHIR Appointment.status subset Caravana uses), with the label people
 * read and the moves forward its life may make: proposed → booked → arrived → fulfilled; booked →
 * cancelled | noshow. Going back ({@link #undoTarget}) is a coordinator's correction, with a reason.
 */
public enum AppointmentStatus {
  PROPOSED(new Label("Propusă", "Proposed")),
  BOOKED(new Label("Programată", "Booked")),
  ARRIVED(new Label("Prezent", "Arrived")),
  FULFILLED(new Label("Realizată", "Delivered")),
  CANCELLED(new Label("Anulată", "Cancelled")),
  NOSHOW(new Label("Absent", "Did not come"));

  private static final Map<AppointmentStatus, Set<AppointmentStatus>> FORWARD = Map.of(
      PROPOSED, EnumSet.of(BOOKED, CANCELLED),
      BOOKED, EnumSet.of(ARRIVED, FULFILLED, CANCELLED, NOSHOW),
      ARRIVED, EnumSet.of(FULFILLED),
      FULFILLED, EnumSet.noneOf(AppointmentStatus.class),
      CANCELLED, EnumSet.noneOf(AppointmentStatus.class),
      NOSHOW, EnumSet.noneOf(AppointmentStatus.class));

  /** What a correction returns each status to. */
  private static final Map<AppointmentStatus, AppointmentStatus> UNDO = Map.of(
      CANCELLED, BOOKED,
      NOSHOW, BOOKED,
      ARRIVED, BOOKED,
      FULFILLED, ARRIVED);

  private final Label label;

  AppointmentStatus(Label label) {
    this.label = label;
  }

  /** What people read for this status. */
  public Label label() {
    return label;
  }

  /** The wire name: {@code booked}, {@code noshow}, ... */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The label inside a sentence ("o programare „anulată”"). */
  public String labelRo() {
    return label.ro().toLowerCase(Locale.forLanguageTag("ro"));
  }

  public String labelEn() {
    return label.en().toLowerCase(Locale.ROOT);
  }

  public static Optional<AppointmentStatus> parse(String wire) {
    return Arrays.stream(values()).filter(s -> s.wire().equals(wire)).findFirst();
  }

  public static AppointmentStatus of(String wire) {
    return parse(wire).orElseThrow(() -> new IllegalArgumentException("unknown appointment status " + wire));
  }

  /** A move forward in the appointment's life. */
  public boolean canMoveTo(AppointmentStatus next) {
    return FORWARD.get(this).contains(next);
  }

  /** The status a correction returns this one to, if any. */
  public Optional<AppointmentStatus> undoTarget() {
    return Optional.ofNullable(UNDO.get(this));
  }

  public boolean isFinal() {
    return FORWARD.get(this).isEmpty();
  }

  /** Wire names, for input checks. */
  public static Set<String> wires() {
    return Set.copyOf(Arrays.stream(values()).map(AppointmentStatus::wire).toList());
  }
}
