package ro.caravana.scheduler.notice;

import ro.caravana.optimizer.text.Label;

import java.util.Locale;

/** Where a notice is on its way to the family's phone. */
public enum NoticeStatus {
  QUEUED, HELD, SENDING, SENT, DELIVERED, FAILED, SUPPRESSED;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** What a coordinator reads for this status. */
  public Label label() {
    return switch (this) {
      case QUEUED -> new Label("În așteptare", "Waiting");
      case HELD -> new Label("Reținut (ore de liniște)", "Held (quiet hours)");
      case SENDING -> new Label("Se trimite", "Sending");
      case SENT -> new Label("Trimis", "Sent");
      case DELIVERED -> new Label("Livrat", "Delivered");
      case FAILED -> new Label("Eșuat", "Failed");
      case SUPPRESSED -> new Label("Nu se trimite", "Not sent");
    };
  }
}
