package ro.caravana.optimizer.geo;

import java.util.List;

/**
 * Travel between places from the best source known for each pair: a road matrix (imported, or
 * fetched from a road router), else the great-circle estimate. A place may be slowed by a factor
 * (a road rule such as winter driving): every leg to or from it takes that much longer.
 * Asymmetric: the road entry from a to b says nothing about b to a.
 */
public final class RoadMatrix implements TravelMatrix {

  /** Where a leg's time came from, in order of preference. */
  public enum Source {
    CSV, ROUTER, ESTIMATE;

    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final long[][] seconds;
  private final long[][] metres;
  private final Source[][] sources;

  private RoadMatrix(long[][] seconds, long[][] metres, Source[][] sources) {
    this.seconds = seconds;
    this.metres = metres;
    this.sources = sources;
  }

  public static Builder builder(List<GeoPoint> points) {
    return new Builder(points);
  }

  @Override public int size() { return seconds.length; }
  @Override public long seconds(int from, int to) { return seconds[from][to]; }
  @Override public long metres(int from, int to) { return metres[from][to]; }

  public Source source(int from, int to) {
    return sources[from][to];
  }

  /** Collects road entries and slow factors, then fills the rest with the estimate. */
  public static final class Builder {

    private final GreatCircleMatrix estimate;
    private final long[][] seconds;
    private final long[][] metres;
    private final Source[][] sources;
    private final int[] slowPercent;

    private Builder(List<GeoPoint> points) {
      this.estimate = new GreatCircleMatrix(points);
      int n = points.size();
      seconds = new long[n][n];
      metres = new long[n][n];
      sources = new Source[n][n];
      slowPercent = new int[n];
      java.util.Arrays.fill(slowPercent, 100);
    }

    /** A road entry from {@code from} to {@code to}; a CSV entry wins over a router entry for the same pair. */
    public Builder road(int from, int to, long roadSeconds, long roadMetres, Source source) {
      if (from == to) return this;
      Source had = sources[from][to];
      if (had != null && had.ordinal() < source.ordinal()) return this;
      seconds[from][to] = roadSeconds;
      metres[from][to] = roadMetres;
      sources[from][to] = source;
      return this;
    }

    /** Every leg to or from {@code place} takes {@code percent}/100 as long (the largest factor of the two ends). */
    public Builder slow(int place, int percent) {
      if (percent < 100) throw new IllegalArgumentException("a slow factor is at least 100 %");
      slowPercent[place] = Math.max(slowPercent[place], percent);
      return this;
    }

    public RoadMatrix build() {
      int n = seconds.length;
      long[][] s = new long[n][n];
      long[][] m = new long[n][n];
      Source[][] src = new Source[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (i == j) {
            src[i][j] = Source.ESTIMATE;
            continue;
          }
          boolean road = sources[i][j] != null;
          long base = road ? seconds[i][j] : estimate.seconds(i, j);
          int factor = Math.max(slowPercent[i], slowPercent[j]);
          s[i][j] = base * factor / 100;
          m[i][j] = road ? metres[i][j] : estimate.metres(i, j);
          src[i][j] = road ? sources[i][j] : Source.ESTIMATE;
        }
      }
      return new RoadMatrix(s, m, src);
    }
  }
}
