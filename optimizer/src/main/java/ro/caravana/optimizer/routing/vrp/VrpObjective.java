package ro.caravana.optimizer.routing.vrp;

/** What a benchmark run minimises. */
public enum VrpObjective {
  /** Total distance only (the fleet size is free up to the instance's limit). */
  DISTANCE,
  /** Vehicles first, then distance: each caravan-day costs more than any distance it could save. */
  VEHICLES;

  public static VrpObjective parse(String text) {
    return switch (text.toLowerCase(java.util.Locale.ROOT)) {
      case "distance" -> DISTANCE;
      case "vehicles" -> VEHICLES;
      default -> throw new IllegalArgumentException("objective must be distance or vehicles, not " + text);
    };
  }
}
