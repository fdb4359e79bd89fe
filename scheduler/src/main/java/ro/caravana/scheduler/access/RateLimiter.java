package ro.caravana.scheduler.access;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per client address, in memory: each instance limits what it serves (with N instances
 * behind a balancer a client gets at most N times the rate, which is enough to stop guessing).
 */
public final class RateLimiter {

  private static final int MAX_KEYS = 100_000;

  private final double capacity;
  private final double perNano;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }
  }

  public RateLimiter(int perMinute, int burst) {
    this.capacity = Math.max(1, burst);
    this.perNano = perMinute / 60e9;
  }

  /** Takes one token for this key; false when the bucket is empty. */
  public boolean tryAcquire(String key) {
    long now = System.nanoTime();
    if (buckets.size() > MAX_KEYS) sweep(now);
    Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
    synchronized (b) {
      b.tokens = Math.min(capacity, b.tokens + (now - b.at) * perNano);
      b.at = now;
      if (b.tokens < 1) return false;
      b.tokens -= 1;
      return true;
    }
  }

  /** Seconds until the next token for a client that was refused. */
  public long retryAfterSeconds() {
    return perNano <= 0 ? 60 : Math.max(1, (long) Math.ceil(1 / perNano / 1e9));
  }

  /** Forgets full buckets, so a flood of addresses cannot grow the map without bound. */
  private void sweep(long now) {
    buckets.entrySet().removeIf(e -> {
      Bucket b = e.getValue();
      synchronized (b) {
        return b.tokens + (now - b.at) * perNano >= capacity;
      }
    });
  }
}
