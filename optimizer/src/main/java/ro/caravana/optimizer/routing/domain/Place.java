package ro.caravana.optimizer.routing.domain;

import ro.caravana.optimizer.geo.TravelMatrix;

/**
 * A point the caravans drive between (a depot or a locality), known by its index in the travel
 * matrix. Travel is looked up in the matrix, so asymmetric road times are honoured.
 */
public record Place(int index, String name, TravelMatrix matrix) {

  /** Travel time to {@code other}, in the plan's time ticks (seconds for real plans). */
  public long timeTo(Place other) {
    return matrix.seconds(index, other.index);
  }

  /** Road distance to {@code other}, in the matrix's distance unit (metres for real plans). */
  public long distanceTo(Place other) {
    return matrix.metres(index, other.index);
  }

  @Override public String toString() { return name; }
}
