package ro.caravana.optimizer.timetable;

import java.util.BitSet;

/**
 * A set of 15-minute slots of the week (opening hours, availability, preferences).
 * Immutable: every change returns a new mask.
 */
public final class WeekMask {

  private final BitSet slots;

  private WeekMask(BitSet slots) { this.slots = slots; }

  public static WeekMask empty() { return new WeekMask(new BitSet(WeekTime.SLOTS_PER_WEEK)); }

  public static WeekMask always() {
    BitSet b = new BitSet(WeekTime.SLOTS_PER_WEEK);
    b.set(0, WeekTime.SLOTS_PER_WEEK);
    return new WeekMask(b);
  }

  /** The same hours (minutes of the day, end exclusive) on each of the given days (0 = Monday). */
  public static WeekMask daily(int fromMinuteOfDay, int toMinuteOfDay, int... days) {
    return empty().plusDaily(fromMinuteOfDay, toMinuteOfDay, days);
  }

  /** Monday to Friday, the given hours. */
  public static WeekMask weekdays(int fromHour, int toHour) {
    return daily(fromHour * 60, toHour * 60, 0, 1, 2, 3, 4);
  }

  public WeekMask plusDaily(int fromMinuteOfDay, int toMinuteOfDay, int... days) {
    BitSet b = (BitSet) slots.clone();
    for (int d : days) {
      int base = d * WeekTime.MINUTES_PER_DAY;
      b.set((base + fromMinuteOfDay) / WeekTime.SLOT_MINUTES, (base + toMinuteOfDay) / WeekTime.SLOT_MINUTES);
    }
    return new WeekMask(b);
  }

  /** This mask without the interval [fromMinute, toMinute) of the week. */
  public WeekMask minus(int fromMinute, int toMinute) {
    BitSet b = (BitSet) slots.clone();
    int from = Math.max(0, fromMinute / WeekTime.SLOT_MINUTES);
    int to = Math.min(WeekTime.SLOTS_PER_WEEK, (toMinute + WeekTime.SLOT_MINUTES - 1) / WeekTime.SLOT_MINUTES);
    if (from < to) b.clear(from, to);
    return new WeekMask(b);
  }

  public WeekMask minusDay(int day) {
    return minus(day * WeekTime.MINUTES_PER_DAY, (day + 1) * WeekTime.MINUTES_PER_DAY);
  }

  /** True when every slot of [startMinute, endMinute) is in the mask. */
  public boolean covers(int startMinute, int endMinute) {
    return minutesOutside(startMinute, endMinute) == 0;
  }

  /** How many minutes of [startMinute, endMinute) fall outside the mask (slot resolution). */
  public int minutesOutside(int startMinute, int endMinute) {
    int outside = 0;
    for (int m = startMinute - startMinute % WeekTime.SLOT_MINUTES; m < endMinute; m += WeekTime.SLOT_MINUTES) {
      int slot = m / WeekTime.SLOT_MINUTES;
      if (slot < 0 || slot >= WeekTime.SLOTS_PER_WEEK || !slots.get(slot)) {
        outside += Math.min(endMinute, m + WeekTime.SLOT_MINUTES) - Math.max(startMinute, m);
      }
    }
    return outside;
  }

  public boolean isEmpty() { return slots.isEmpty(); }
}
