package ro.caravana.scheduler.planning;

import java.util.ArrayList;
import java.util.List;

/** Lets a coordinator end solving early; the planner registers how to stop what it is running. */
public final class StopSignal {

  private final List<Runnable> handlers = new ArrayList<>();
  private boolean requested;

  public synchronized void onStop(Runnable handler) {
    if (requested) handler.run();
    else handlers.add(handler);
  }

  public synchronized void request() {
    if (requested) return;
    requested = true;
    handlers.forEach(Runnable::run);
  }

  public synchronized boolean requested() {
    return requested;
  }
}
