package ro.caravana.scheduler.notice;

import java.util.Locale;

/** Where a notice is on its way to the family's phone. */
public enum NoticeStatus {
  QUEUED, HELD, SENDING, SENT, DELIVERED, FAILED, SUPPRESSED;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
