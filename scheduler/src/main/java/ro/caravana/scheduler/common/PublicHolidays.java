package ro.caravana.scheduler.common;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Romania's public holidays (Codul muncii, art. 139, with Boboteaza and Sfântul Ion from 2024): the days no caravan
 * goes out. Fixed dates, and the Orthodox Good Friday, Easter and Whit (Rusalii) Sunday and Monday.
 */
public final class PublicHolidays {

  private static final List<MonthDay> FIXED = List.of(MonthDay.of(1, 1), MonthDay.of(1, 2), MonthDay.of(1, 6),
      MonthDay.of(1, 7), MonthDay.of(1, 24), MonthDay.of(5, 1), MonthDay.of(6, 1), MonthDay.of(8, 15),
      MonthDay.of(11, 30), MonthDay.of(12, 1), MonthDay.of(12, 25), MonthDay.of(12, 26));

  private PublicHolidays() {}

  public static boolean isHoliday(LocalDate day) {
    return of(day.getYear()).contains(day);
  }

  /** The public holidays of a year (from 1900 to 2099, where the Julian-Gregorian difference is 13 days). */
  public static Set<LocalDate> of(int year) {
    Set<LocalDate> out = new TreeSet<>();
    FIXED.forEach(md -> out.add(md.atYear(year)));
    LocalDate easter = orthodoxEaster(year);
    out.add(easter.minusDays(2));
    out.add(easter);
    out.add(easter.plusDays(1));
    out.add(easter.plusDays(49));
    out.add(easter.plusDays(50));
    return out;
  }

  /** Orthodox Easter Sunday in the Gregorian calendar (Meeus' Julian algorithm, plus 13 days). */
  static LocalDate orthodoxEaster(int year) {
    if (year < 1900 || year > 2099) throw new IllegalArgumentException("year " + year + " is outside 1900-2099");
    int a = year % 4;
    int b = year % 7;
    int c = year % 19;
    int d = (19 * c + 15) % 30;
    int e = (2 * a + 4 * b - d + 34) % 7;
    int month = (d + e + 114) / 31;
    int day = (d + e + 114) % 31 + 1;
    return LocalDate.of(year, month, day).plusDays(13);
  }
}
