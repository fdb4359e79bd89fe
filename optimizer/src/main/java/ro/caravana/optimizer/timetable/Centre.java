package ro.caravana.optimizer.timetable;

import ro.caravana.optimizer.geo.GeoPoint;

/**
 * A community centre: where it is, when it is open, and how long staff take to drive to the other
 * centres of the problem ({@code travelMinutesTo[other.index()]}, precomputed from a travel matrix).
 */
public final class Centre {

  private final String id;
  private final String name;
  private final String county;
  private final GeoPoint position;
  private final int index;
  private final WeekMask openingHours;
  private int[] travelMinutesTo = new int[0];

  public Centre(String id, String name, String county, GeoPoint position, int index, WeekMask openingHours) {
    this.id = id;
    this.name = name;
    this.county = county;
    this.position = position;
    this.index = index;
    this.openingHours = openingHours;
  }

  public String id() { return id; }
  public String name() { return name; }
  public String county() { return county; }
  public GeoPoint position() { return position; }
  /** Index of this centre in the travel matrix. */
  public int index() { return index; }
  public WeekMask openingHours() { return openingHours; }

  public int travelMinutesTo(Centre other) {
    return other == this ? 0 : travelMinutesTo[other.index];
  }

  /** Set once by the problem builder, before solving. */
  public void setTravelMinutesTo(int[] travelMinutesTo) { this.travelMinutesTo = travelMinutesTo; }

  @Override public String toString() { return id; }
}
