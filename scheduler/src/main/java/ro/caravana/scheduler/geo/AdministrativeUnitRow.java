package ro.caravana.scheduler.geo;

/** A commune, town or municipality (UAT), the parent of its villages, with its seat locality. */
public record AdministrativeUnitRow(int siruta, String name, String county, String type, double lat, double lon,
    int seatSiruta, int seatPopulation) {}
