package ro.caravana.scheduler.notice.gateway;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Spaces calls evenly to at most {@code perSecond}; a caller on a worker thread waits for its slot.
 * Even spacing (not bursts) is what operators enforce on an SMPP bind.
 */
public final class Throttle {

  private final long intervalNanos;
  private long nextSlot;

  public Throttle(int perSecond) {
    this.intervalNanos = perSecond <= 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / perSecond;
    this.nextSlot = System.nanoTime();
  }

  /** Blocks until this caller may go. */
  public void acquire() {
    if (intervalNanos == 0) return;
    long wait;
    synchronized (this) {
      long now = System.nanoTime();
      long slot = Math.max(now, nextSlot);
      nextSlot = slot + intervalNanos;
      wait = slot - now;
    }
    if (wait > 0) LockSupport.parkNanos(wait);
  }
}
