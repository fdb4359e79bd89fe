package ro.caravana.scheduler.planning;

import io.vertx.core.json.JsonObject;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Routes first, then the timetable around the caravan consultations they produce. The time limit
 * is shared: routes are the smaller problem and get a third of it.
 */
public final class CountyWeekPlanner implements WeekPlanner {

  @Override
  public PlanOutcome plan(WeekProblem p, Consumer<Progress> progress, StopSignal stop) {
    long t0 = System.nanoTime();
    boolean routes = p.kinds().contains("routes");
    boolean timetable = p.kinds().contains("timetable");
    long routeSeconds = routes && timetable ? Math.max(1, p.secondsLimit() / 3) : p.secondsLimit();
    List<PlanOutcome.Item> items = new ArrayList<>();
    List<PlanOutcome.Reason> reasons = new ArrayList<>();
    JsonObject score = new JsonObject();
    JsonObject counts = new JsonObject();
    long hard = 0;

    RoutesStep.Result r = routes ? RoutesStep.solve(p, routeSeconds, progress, stop, t0)
        : new RoutesStep.Result(keptCaravanItems(p), List.of(), null, 0, 0, List.of());
    items.addAll(r.items());
    reasons.addAll(r.reasons());
    if (routes) {
      score.put("routes", text(r.score()));
      hard += hard(r.score());
      counts.put("visits", r.visits()).put("visitsAssigned", r.visitsAssigned());
    }
    if (timetable) {
      long left = Math.max(1, p.secondsLimit() - (System.nanoTime() - t0) / 1_000_000_000L);
      TimetableStep.Result t = TimetableStep.solve(p, r.items(), left, progress, stop, t0);
      items.addAll(t.items());
      reasons.addAll(t.reasons());
      score.put("timetable", text(t.score()));
      hard += hard(t.score());
      counts.put("sessions", t.sessions()).put("sessionsAssigned", t.sessionsAssigned());
    }
    // a family called it off: the item leaves the plan (publishing cancels it); nothing else has to move for it
    items.removeIf(i -> p.calledOffItems().contains(i.itemKey()));
    long assigned = items.stream().filter(PlanOutcome.Item::placed).count();
    counts.put("appointments", items.size()).put("assigned", assigned).put("unassigned", items.size() - assigned);
    score.put("hard", hard);
    return new PlanOutcome(score, counts, reasons, items, r.stops());
  }

  /** A timetable-only re-plan keeps the caravan consultations of the base plan as they are. */
  private static List<PlanOutcome.Item> keptCaravanItems(WeekProblem p) {
    return p.baseItems().stream().filter(i -> "caravan".equals(i.modality())).toList();
  }

  private static long hard(HardMediumSoftLongScore score) {
    return score == null ? 0 : score.hardScore();
  }

  private static String text(HardMediumSoftLongScore score) {
    return score == null ? null : score.toString();
  }
}
