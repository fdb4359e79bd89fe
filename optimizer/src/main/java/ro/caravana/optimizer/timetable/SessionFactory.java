package ro.caravana.optimizer.timetable;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Turns care plans into the week's sessions and computes each session's value ranges. */
public final class SessionFactory {

  private SessionFactory() {}

  /** One session per required occurrence of each care plan in week {@code weekNumber}. */
  public static List<Session> create(List<CarePlan> plans, int weekNumber, PriorityWeights weights) {
    List<Session> sessions = new ArrayList<>();
    for (CarePlan plan : plans) {
      int n = plan.sessionsInWeek(weekNumber);
      int priority = plan.beneficiaries().stream().mapToInt(b -> weights.of(b.category())).max().orElse(1);
      for (int k = 0; k < n; k++) {
        Session s = new Session(plan.id() + "-" + (k + 1), sessions.size(), plan.id(), plan.service(), plan.minutes(),
            plan.centre(), plan.beneficiaries(), priority, plan.homePhoneAllowed(), plan.usualStaff());
        s.setOccurrence(k, n);
        sessions.add(s);
      }
    }
    return sessions;
  }

  /**
   * Sets each session's candidate starts (15-minute grid, not before {@code notBeforeMinute}, inside the
   * centre's hours unless it may be a phone call, inside every beneficiary's availability, and when at least
   * one suitable staff member works), staff (skill and centre) and rooms (centre and equipment).
   */
  public static void computeRanges(Collection<Session> sessions, List<Staff> staff, List<Room> rooms, int notBeforeMinute) {
    for (Session s : sessions) {
      List<Staff> staffRange = staff.stream()
          .filter(p -> p.canDeliver(s.getService()) && p.mayServe(s.getService(), s.getCentre())).toList();
      List<Room> roomRange = rooms.stream().filter(r -> r.suits(s.getService(), s.getCentre())).toList();
      boolean mayBeAtHome = s.isHomePhoneAllowed() && s.getService().remoteStaff();
      List<Integer> starts = new ArrayList<>();
      for (int m = 0; m + s.getMinutes() <= WeekTime.DAYS * WeekTime.MINUTES_PER_DAY; m += WeekTime.SLOT_MINUTES) {
        int end = m + s.getMinutes();
        if (m < notBeforeMinute || WeekTime.day(m) != WeekTime.day(end - 1)) continue;
        if (!mayBeAtHome && !s.getCentre().openingHours().covers(m, end)) continue;
        final int start = m;
        if (!s.getBeneficiaries().stream().allMatch(b -> b.availability().covers(start, end))) continue;
        if (staffRange.stream().noneMatch(p -> p.availability().covers(start, end))) continue;
        starts.add(m);
      }
      if (s.getStart() != null && !starts.contains(s.getStart())) {
        starts.add(s.getStart()); // keep the current value valid; constraints judge it
      }
      if (starts.isEmpty()) starts.add(Math.max(0, notBeforeMinute - notBeforeMinute % WeekTime.SLOT_MINUTES));
      s.setRanges(List.copyOf(starts), staffRange, roomRange);
    }
  }
}
