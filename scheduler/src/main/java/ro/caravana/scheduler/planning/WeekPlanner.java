package ro.caravana.scheduler.planning;

import java.util.function.Consumer;

/** Solves one county-week. Blocking: runs on a planning worker thread, never on an event loop. */
public interface WeekPlanner {

  PlanOutcome plan(WeekProblem problem, Consumer<Progress> progress, StopSignal stop) throws Exception;
}
