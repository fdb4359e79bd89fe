package ro.caravana.portal.page.planning;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import ro.caravana.portal.page.Lang;

/** The days of an ISO week ({@code 2026-W50}) and how people read them. */
public final class WeekDays {

  private WeekDays() {}

  public static Optional<LocalDate> monday(String week) {
    try {
      String[] p = week.split("-W");
      return Optional.of(LocalDate.of(Integer.parseInt(p[0]), 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Integer.parseInt(p[1]))
          .with(DayOfWeek.MONDAY));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  public static String isoWeek(LocalDate day) {
    return String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  /** {@code 2026-12-07} to {@code luni, 7 decembrie} (or {@code Monday 7 December}), for the seven days. */
  public static Map<String, String> names(LocalDate monday, Lang lang) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < 7; i++) {
      LocalDate d = monday.plusDays(i);
      out.put(d.toString(), dayName(d, lang));
    }
    return out;
  }

  public static String dayName(LocalDate d, Lang lang) {
    String weekday = d.getDayOfWeek().getDisplayName(TextStyle.FULL, lang.locale());
    String month = d.getMonth().getDisplayName(TextStyle.FULL, lang.locale());
    String w = weekday.substring(0, 1).toUpperCase(lang.locale()) + weekday.substring(1);
    return lang == Lang.RO ? w + ", " + d.getDayOfMonth() + " " + month : w + " " + d.getDayOfMonth() + " " + month;
  }

  /** {@code 7–13 decembrie 2026}. */
  public static String span(LocalDate monday, Lang lang) {
    LocalDate sunday = monday.plusDays(6);
    DateTimeFormatter f = DateTimeFormatter.ofPattern("d MMMM yyyy", lang.locale());
    if (monday.getYear() != sunday.getYear()) return monday.format(f) + " – " + sunday.format(f);
    if (monday.getMonth() != sunday.getMonth()) {
      return monday.format(DateTimeFormatter.ofPattern("d MMMM", lang.locale())) + " – " + sunday.format(f);
    }
    return monday.getDayOfMonth() + "–" + sunday.format(f);
  }
}
