package ro.caravana.optimizer.timetable;

import java.util.List;

/**
 * One service of a care plan: who (one beneficiary, or a group), what, how long, how often
 * ({@code sessionsPerWeek} in the weeks where {@code (weekNumber + phase) % periodWeeks == 0},
 * so fortnightly and monthly plans alternate), at which centre, and who delivered it before.
 */
public record CarePlan(String id, List<Beneficiary> beneficiaries, ServiceKind service, int minutes,
    int sessionsPerWeek, int periodWeeks, int phase, Centre centre, boolean homePhoneAllowed, Staff usualStaff) {

  public CarePlan {
    beneficiaries = List.copyOf(beneficiaries);
    if (beneficiaries.isEmpty()) throw new IllegalArgumentException("care plan " + id + " has nobody");
    if (beneficiaries.size() > service.capacity()) {
      throw new IllegalArgumentException("care plan " + id + ": " + beneficiaries.size() + " people, at most "
          + service.capacity() + " for " + service);
    }
    if (minutes <= 0 || minutes % WeekTime.SLOT_MINUTES != 0) throw new IllegalArgumentException("care plan " + id + ": minutes must be a positive multiple of 15");
    if (periodWeeks < 1 || sessionsPerWeek < 0) throw new IllegalArgumentException("care plan " + id + ": bad frequency");
  }

  public int sessionsInWeek(int weekNumber) {
    return Math.floorMod(weekNumber + phase, periodWeeks) == 0 ? sessionsPerWeek : 0;
  }
}
