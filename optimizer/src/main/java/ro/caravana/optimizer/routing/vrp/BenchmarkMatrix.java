package ro.caravana.optimizer.routing.vrp;

import ro.caravana.optimizer.geo.TravelMatrix;

/**
 * A benchmark instance's distances as integer ticks: {@code scale} ticks per instance unit.
 * Travel times are rounded up, so an integer schedule that keeps every time window also keeps it
 * when an exact checker recomputes it in double precision; distances are rounded to nearest.
 */
final class BenchmarkMatrix implements TravelMatrix {

  private final long[][] ticks;
  private final long[][] distance;

  BenchmarkMatrix(VrpInstance instance, long scale) {
    int n = instance.nodes().size();
    ticks = new long[n][n];
    distance = new long[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double d = instance.distance(i, j) * scale;
        ticks[i][j] = (long) Math.ceil(d);
        distance[i][j] = Math.round(d);
      }
    }
  }

  @Override public int size() { return ticks.length; }
  @Override public long seconds(int from, int to) { return ticks[from][to]; }
  @Override public long metres(int from, int to) { return distance[from][to]; }
}
