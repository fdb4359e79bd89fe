package ro.caravana.optimizer.timetable;

/**
 * Times inside the planned week are whole minutes since Monday 00:00 local time (Europe/Bucharest):
 * constraints compare ints, never dates. Sessions never cross midnight.
 */
public final class WeekTime {

  public static final int SLOT_MINUTES = 15;
  public static final int MINUTES_PER_DAY = 24 * 60;
  public static final int DAYS = 7;
  public static final int SLOTS_PER_WEEK = DAYS * MINUTES_PER_DAY / SLOT_MINUTES;

  private WeekTime() {}

  public static int minute(int day, int hour, int minute) {
    return day * MINUTES_PER_DAY + hour * 60 + minute;
  }

  public static int day(int weekMinute) { return weekMinute / MINUTES_PER_DAY; }

  public static String format(int weekMinute) {
    String[] days = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    int m = weekMinute % MINUTES_PER_DAY;
    return "%s %02d:%02d".formatted(days[day(weekMinute)], m / 60, m % 60);
  }
}
