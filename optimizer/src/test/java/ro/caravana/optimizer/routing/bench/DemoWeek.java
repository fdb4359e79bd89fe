package ro.caravana.optimizer.routing.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import ro.caravana.optimizer.geo.GeoPoint;
import ro.caravana.optimizer.geo.GreatCircleMatrix;
import ro.caravana.optimizer.routing.domain.CaravanDay;
import ro.caravana.optimizer.routing.domain.Place;
import ro.caravana.optimizer.routing.domain.RoutePlan;
import ro.caravana.optimizer.routing.domain.Visit;

/**
 * A demo-like week built from real localities (SIRUTA, coordinates, population of Bacău and
 * Vrancea): the 25 communes nearest to each county seat, two caravans based in Bacău and two in
 * Focșani, Monday to Friday 08:00-17:00. Demand, skills, windows and history are derived
 * deterministically from each commune's population and SIRUTA code, so the week is reproducible.
 */
final class DemoWeek {

  static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
  static final int COMMUNES_PER_COUNTY = 25;
  static final long SHIFT_START = 8 * 3600;
  static final long SHIFT_END = 17 * 3600;
  static final long MINUTES_PER_CONSULTATION = 20;
  static final long CAPACITY = 24;
  /** A caravan-day costs as much as 2 hours of driving: fewer vans first, but not at any price. */
  static final long CARAVAN_DAY_COST = 2 * 3600;

  record Locality(int siruta, String name, String county, String type, GeoPoint point, long population) {}

  private DemoWeek() {}

  static List<Locality> localities() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        DemoWeek.class.getResourceAsStream("/week/bacau_vrancea_uats.csv"), StandardCharsets.UTF_8))) {
      List<Locality> all = new ArrayList<>();
      in.readLine();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.split(",", -1);
        all.add(new Locality(Integer.parseInt(f[0]), f[1], f[2], f[3],
            new GeoPoint(Double.parseDouble(f[4]), Double.parseDouble(f[5])), Long.parseLong(f[10])));
      }
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static RoutePlan build() {
    List<Locality> all = localities();
    Locality bacau = seat(all, "BC");
    Locality focsani = seat(all, "VN");
    List<Locality> stops = new ArrayList<>();
    stops.addAll(nearestCommunes(all, bacau));
    stops.addAll(nearestCommunes(all, focsani));
    List<GeoPoint> points = new ArrayList<>(List.of(bacau.point(), focsani.point()));
    stops.forEach(l -> points.add(l.point()));
    GreatCircleMatrix matrix = new GreatCircleMatrix(points);
    Place bacauDepot = new Place(0, bacau.name(), matrix);
    Place focsaniDepot = new Place(1, focsani.name(), matrix);
    List<CaravanDay> days = new ArrayList<>();
    String[][] caravans = {
        {"BC-1", "gp,nurse,pediatrics"}, {"BC-2", "gp,nurse,kineto"},
        {"VN-1", "gp,nurse,pediatrics"}, {"VN-2", "gp,nurse,kineto"}};
    for (int d = 0; d < 5; d++) {
      LocalDate date = MONDAY.plusDays(d);
      for (String[] caravan : caravans) {
        Place depot = caravan[0].startsWith("BC") ? bacauDepot : focsaniDepot;
        days.add(new CaravanDay(caravan[0] + "-" + date, caravan[0], "crew-" + caravan[0], date, SHIFT_START, SHIFT_END,
            depot, depot, Set.of(caravan[1].split(",")), CAPACITY, CARAVAN_DAY_COST));
      }
    }
    List<Visit> visits = new ArrayList<>();
    for (int i = 0; i < stops.size(); i++) {
      Locality l = stops.get(i);
      long beneficiaries = Math.max(3, Math.min(12, Math.round(l.population() / 600.0)));
      Set<String> skills = l.siruta() % 5 == 0 ? Set.of("gp", "kineto")
          : l.siruta() % 7 == 0 ? Set.of("gp", "pediatrics") : Set.of("gp");
      Set<LocalDate> dates = l.siruta() % 4 == 0
          ? Set.of(MONDAY.with(DayOfWeek.TUESDAY), MONDAY.with(DayOfWeek.THURSDAY)) : Set.of();
      int priority = l.siruta() % 3 == 0 ? 2 : 1;
      String lastCrew = "crew-" + l.county() + "-" + (1 + l.siruta() % 2);
      visits.add(new Visit(Integer.toString(l.siruta()), new Place(i + 2, l.name(), matrix),
          beneficiaries * MINUTES_PER_CONSULTATION * 60, beneficiaries, skills, 9 * 3600, 15 * 3600, dates, priority)
          .withHistory(MONDAY.minusDays(14).plusDays(l.siruta() % 5), 14, lastCrew));
    }
    return new RoutePlan("demo week BC+VN", days, visits);
  }

  private static Locality seat(List<Locality> all, String county) {
    return all.stream().filter(l -> l.county().equals(county) && l.type().equals("municipality_county_seat"))
        .findFirst().orElseThrow();
  }

  private static List<Locality> nearestCommunes(List<Locality> all, Locality seat) {
    return all.stream().filter(l -> l.county().equals(seat.county()) && l.type().equals("commune"))
        .sorted(Comparator.comparingDouble(l -> l.point().greatCircleMetres(seat.point())))
        .limit(COMMUNES_PER_COUNTY).toList();
  }
}
