package ro.caravana.optimizer.geo;

/**
 * Travel between places known by index (0..size-1). Implementations may be asymmetric:
 * {@code seconds(a, b)} need not equal {@code seconds(b, a)}.
 */
public interface TravelMatrix {

  int size();

  /** Travel time from {@code from} to {@code to}, in seconds. */
  long seconds(int from, int to);

  /** Road distance from {@code from} to {@code to}, in metres. */
  long metres(int from, int to);
}
