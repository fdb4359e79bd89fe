package ro.caravana.scheduler.planning;

import java.util.Map;
import ro.caravana.optimizer.text.Label;

/** Life of a plan job. */
public final class PlanStatus {

  public static final String QUEUED = "queued";
  public static final String SOLVING = "solving";
  public static final String SOLVED = "solved";
  public static final String PUBLISHED = "published";
  public static final String SUPERSEDED = "superseded";
  public static final String FAILED = "failed";

  private PlanStatus() {}

  /** What a coordinator reads for each status. */
  public static final Map<String, Label> LABELS = Map.of(
      QUEUED, new Label("În așteptare", "Queued"),
      SOLVING, new Label("Se calculează", "Solving"),
      SOLVED, new Label("Gata, nepublicat", "Ready, not published"),
      PUBLISHED, new Label("Publicat", "Published"),
      SUPERSEDED, new Label("Înlocuit de un plan nou", "Replaced by a newer plan"),
      FAILED, new Label("Eșuat", "Failed"));
}
