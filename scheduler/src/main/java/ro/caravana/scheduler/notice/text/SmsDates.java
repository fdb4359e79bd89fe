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

  private static final String[] RO_DAYS = {"lu", "ma", "mi", "jo", "vi", "sa", "du"};
  private static final String[] EN_DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  private static final String[] RO_MONTHS = {"ian", "feb", "mar", "apr", "mai", "iun", "iul", "aug", "sep", "oct", "nov",
      "dec"};
  private static final String[] EN_MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
      "Dec"};

  private SmsDates() {}

  /**
   * The shortest form, for a line of a digest: "jo 3 dec 10:30", or "vi 4, 10:30" when the month is the one of
   * the line before ({@code withMonth} false).
   */
  public static String compact(Instant when, ZoneId zone, String language, boolean withMonth) {
    var t = when.atZone(zone);
    boolean en = "en".equals(language);
    String day = (en ? EN_DAYS : RO_DAYS)[t.getDayOfWeek().getValue() - 1] + " " + t.getDayOfMonth();
    String time = String.format(Locale.ROOT, "%02d:%02d", t.getHour(), t.getMinute());
    return withMonth ? day + " " + (en ? EN_MONTHS : RO_MONTHS)[t.getMonthValue() - 1] + " " + time : day + ", " + time;
  }

  /** The full form, for the time the message is about. */
  public static String full(Instant when, ZoneId zone, String language) {
    return ("en".equals(language) ? EN_FULL : RO_FULL).format(when.atZone(zone));
  }

  /** The short form, for the time a change moves away from ("3 dec., ora 10:30"). */
  public static String brief(Instant when, ZoneId zone, String language) {
    return ("en".equals(language) ? EN_SHORT : RO_SHORT).format(when.atZone(zone));
  }
}
