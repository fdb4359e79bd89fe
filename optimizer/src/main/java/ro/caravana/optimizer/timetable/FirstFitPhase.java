package ro.caravana.optimizer.timetable;

import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.phase.custom.CustomPhaseCommand;

/** The solver's construction phase: {@link FirstFitPlanner} with the score director told of every change. */
public class FirstFitPhase implements CustomPhaseCommand<Timetable> {

  private long seed;

  /** Set from the phase's custom properties: varies the first day tried for each care plan. */
  public void setSeed(long seed) { this.seed = seed; }

  @Override
  public void changeWorkingSolution(ScoreDirector<Timetable> director) {
    FirstFitPlanner.plan(director.getWorkingSolution(), seed, (s, start, staff, room) -> {
      set(director, s, "start", () -> s.setStart(start));
      set(director, s, "staff", () -> s.setStaff(staff));
      set(director, s, "room", () -> s.setRoom(room));
    });
    director.triggerVariableListeners();
  }

  private static void set(ScoreDirector<Timetable> director, Session s, String variable, Runnable change) {
    director.beforeVariableChanged(s, variable);
    change.run();
    director.afterVariableChanged(s, variable);
  }
}
