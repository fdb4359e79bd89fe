package ro.caravana.scheduler.notice.text;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates as people write them in a message: "joi, 3 decembrie, ora 10:30" (Romanian) or "Thursday, 3 December, 10:30". */
public final class SmsDates {

  private static final Locale RO = Locale.forLanguageTag("ro-RO");
  private static final DateTimeFormatter RO_FULL = DateTimeFormatter.ofPattern("EEEE, d MMMM, 'ora' HH:mm", RO);
  private static final DateTimeFormatter RO_SHORT = DateTimeFormatter.ofPattern("d MMM, 'ora' HH:mm", RO);
  private static final DateTimeFormatter EN_FULL = DateTimeFormatter.ofPattern("EEEE, d MMMM, HH:mm", Locale.UK);
  private static final DateTimeFormatter EN_SHORT = DateTimeFormatter.ofPattern("d MMM, HH:mm", Locale.UK);

  private SmsDates() {}

  /** The full form, for the time the message is about. */
  public static String full(Instant when, ZoneId zone, String language) {
    return ("en".equals(language) ? EN_FULL : RO_FULL).format(when.atZone(zone));
  }

  /** The short form, for the time a change moves away from ("3 dec., ora 10:30"). */
  public static String brief(Instant when, ZoneId zone, String language) {
    return ("en".equals(language) ? EN_SHORT : RO_SHORT).format(when.atZone(zone));
  }
}
