package ro.caravana.optimizer.timetable;

/** A caravan visit already fixed this week: the beneficiary is busy (and travelling) in that interval. */
public record CaravanAppointment(String id, Beneficiary beneficiary, int startMinute, int endMinute) {

  public Integer start() { return startMinute; }
  public Integer end() { return endMinute; }
}
