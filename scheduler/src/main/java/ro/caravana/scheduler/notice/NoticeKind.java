package ro.caravana.scheduler.notice;

import ro.caravana.optimizer.text.Label;

import java.util.Locale;

/** Why a family gets an SMS. The names are also the template file names. */
public enum NoticeKind {
  BOOKED, CHANGED, CANCELLED, REMINDER;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static NoticeKind fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }

  /** What a coordinator reads for this kind of notice. */
  public Label label() {
    return switch (this) {
      case BOOKED -> new Label("Programare nouă", "New appointment");
      case CHANGED -> new Label("Programare modificată", "Appointment changed");
      case CANCELLED -> new Label("Programare anulată", "Appointment cancelled");
      case REMINDER -> new Label("Reamintire", "Reminder");
    };
  }
}
