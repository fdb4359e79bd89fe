package ro.caravana.scheduler.geo;

/** A village or town component from the SIRUTA-based locality file. */
public record LocalityRow(int siruta, String name, String county, String type, double lat, double lon,
    Integer population, int parentSiruta) {

  public boolean isCommuneSeat() {
    return type.equals("commune_seat_village");
  }
}
