package ro.caravana.scheduler.notice;

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
}
