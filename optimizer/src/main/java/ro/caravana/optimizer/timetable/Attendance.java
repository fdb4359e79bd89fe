package ro.caravana.optimizer.timetable;

/**
 * One beneficiary in one assigned session, with the session's time copied in: lets the constraints join
 * sessions on a shared beneficiary with an index instead of comparing every pair of sessions.
 */
public record Attendance(Beneficiary beneficiary, Session session, ServiceKind service, int day, int start, int end) {

  public Integer startMinute() { return start; }
  public Integer endMinute() { return end; }
}
