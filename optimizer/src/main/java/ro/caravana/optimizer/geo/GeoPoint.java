package ro.caravana.optimizer.geo;

/** A WGS84 position in decimal degrees. */
public record GeoPoint(double lat, double lon) {

  private static final double EARTH_RADIUS_METRES = 6_371_008.8;

  /** Great-circle (haversine) distance in metres. */
  public double greatCircleMetres(GeoPoint other) {
    double phi1 = Math.toRadians(lat), phi2 = Math.toRadians(other.lat);
    double dPhi = phi2 - phi1, dLambda = Math.toRadians(other.lon - lon);
    double h = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
        + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
    return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
  }
}
