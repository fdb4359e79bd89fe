package ro.caravana.scheduler.notice.reply;

/** What a family's answer means. */
public enum ReplyIntent {
  /** DA: the family will come; the appointment stays booked and is marked confirmed. */
  CONFIRM,
  /** NU: the family will not come; the appointment is cancelled and the planner is told. */
  CANCEL,
  /** STOP: no more SMS to this phone. */
  STOP,
  /** Anything else: kept for a coordinator to read. */
  OTHER
}
