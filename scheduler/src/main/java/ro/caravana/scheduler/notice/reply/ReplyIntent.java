package ro.caravana.scheduler.notice.reply;

import ro.caravana.optimizer.text.Label;

/** What a family's answer means. */
public enum ReplyIntent {
  /** DA: the family will come; the appointment stays booked and is marked confirmed. */
  CONFIRM,
  /** NU: the family will not come; the appointment is cancelled and the planner is told. */
  CANCEL,
  /** STOP: no more SMS to this phone. */
  STOP,
  /** Anything else: kept for a coordinator to read. */
  OTHER;

  /** What a coordinator reads for this answer. */
  public Label label() {
    return switch (this) {
      case CONFIRM -> new Label("Confirmă (DA)", "Confirms (YES)");
      case CANCEL -> new Label("Anulează (NU)", "Cancels (NO)");
      case STOP -> new Label("Nu mai vrea SMS (STOP)", "No more SMS (STOP)");
      case OTHER -> new Label("Alt mesaj, de citit", "Other message, to read");
    };
  }
}
