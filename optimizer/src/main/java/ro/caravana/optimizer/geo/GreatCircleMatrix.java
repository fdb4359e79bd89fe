package ro.caravana.optimizer.geo;

import java.util.List;

/**
 * Default estimate when no road router is configured: great-circle distance times a road
 * circuity factor, driven at an average rural speed. Precomputed once: solvers ask millions of times.
 *
 * <p>Defaults (see docs/routing.md): circuity 1.35, the usual ratio of road to straight-line distance
 * reported for rural European road networks; 45 km/h, a van on county and communal roads
 * including villages, hills and the occasional unpaved stretch.
 */
public final class GreatCircleMatrix implements TravelMatrix {

  public static final double DEFAULT_CIRCUITY = 1.35;
  public static final double DEFAULT_SPEED_KMH = 45.0;

  private final long[][] metres;
  private final long[][] seconds;

  public GreatCircleMatrix(List<GeoPoint> points) {
    this(points, DEFAULT_CIRCUITY, DEFAULT_SPEED_KMH);
  }

  public GreatCircleMatrix(List<GeoPoint> points, double circuity, double speedKmh) {
    if (circuity < 1.0) throw new IllegalArgumentException("circuity must be at least 1");
    if (speedKmh <= 0) throw new IllegalArgumentException("speed must be positive");
    int n = points.size();
    metres = new long[n][n];
    seconds = new long[n][n];
    double metresPerSecond = speedKmh / 3.6;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i == j) continue;
        double road = points.get(i).greatCircleMetres(points.get(j)) * circuity;
        metres[i][j] = Math.round(road);
        seconds[i][j] = Math.round(road / metresPerSecond);
      }
    }
  }

  @Override public int size() { return metres.length; }
  @Override public long seconds(int from, int to) { return seconds[from][to]; }
  @Override public long metres(int from, int to) { return metres[from][to]; }
}
