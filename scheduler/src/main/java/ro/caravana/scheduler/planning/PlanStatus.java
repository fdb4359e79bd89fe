package ro.caravana.scheduler.planning;

/** Life of a plan job. */
public final class PlanStatus {

  public static final String QUEUED = "queued";
  public static final String SOLVING = "solving";
  public static final String SOLVED = "solved";
  public static final String PUBLISHED = "published";
  public static final String SUPERSEDED = "superseded";
  public static final String FAILED = "failed";

  private PlanStatus() {}
}
