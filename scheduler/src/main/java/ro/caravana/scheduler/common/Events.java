package ro.caravana.scheduler.common;

/** Event topics and types written to the outbox by the domain. */
public final class Events {

  public static final String BENEFICIARIES = "caravana.beneficiaries";
  public static final String CARE_PLANS = "caravana.careplans";
  public static final String APPOINTMENTS = "caravana.appointments";
  public static final String ATTENDANCE = "caravana.attendance";

  private Events() {}
}
