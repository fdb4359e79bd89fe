package ro.caravana.optimizer.routing.score;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import ro.caravana.optimizer.geo.TravelMatrix;
import ro.caravana.optimizer.routing.domain.CaravanDay;
import ro.caravana.optimizer.routing.domain.Place;
import ro.caravana.optimizer.routing.domain.Visit;

/**
 * Small hand-made routes with their shadow variables filled in the way the solver's listeners
 * would, for constraint tests. The matrix is asymmetric on purpose.
 */
final class RouteFixtures {

  static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
  static final LocalDate TUESDAY = MONDAY.plusDays(1);
  static final long EIGHT = 8 * 3600;
  static final long SIXTEEN = 16 * 3600;

  /** depot, A, B: depot->A 600 s but A->depot 900 s; A->B 300 s, B->A 400 s; depot->B 800 s, B->depot 700 s. */
  static final TravelMatrix MATRIX = new TravelMatrix() {
    private final long[][] s = {{0, 600, 800}, {900, 0, 300}, {700, 400, 0}};
    @Override public int size() { return 3; }
    @Override public long seconds(int from, int to) { return s[from][to]; }
    @Override public long metres(int from, int to) { return s[from][to] * 12; }
  };
  static final Place DEPOT = new Place(0, "Bacău", MATRIX);
  static final Place A = new Place(1, "Agăș", MATRIX);
  static final Place B = new Place(2, "Ardeoani", MATRIX);

  private RouteFixtures() {}

  static CaravanDay day(String id, LocalDate date, long shiftEnd, Set<String> skills, long capacity, long fixedCost) {
    return new CaravanDay(id, "caravan-1", "crew-" + id, date, EIGHT, shiftEnd, DEPOT, DEPOT, skills, capacity,
        fixedCost);
  }

  static CaravanDay day(String id) {
    return day(id, MONDAY, SIXTEEN, Set.of(), 100, 0);
  }

  static Visit visit(String id, Place place, long serviceSeconds, long demand) {
    return new Visit(id, place, serviceSeconds, demand, Set.of(), 0, 24 * 3600, Set.of(), 1);
  }

  static Visit visit(String id, Place place, long serviceSeconds, long demand, Set<String> skills, long ready, long due,
      Set<LocalDate> dates, int priority) {
    return new Visit(id, place, serviceSeconds, demand, skills, ready, due, dates, priority);
  }

  /** Puts {@code visits} on {@code day} in order and sets inverse, previous, next and arrival times. */
  static CaravanDay route(CaravanDay day, Visit... visits) {
    List<Visit> list = new ArrayList<>(List.of(visits));
    day.setVisits(list);
    long departure = day.getShiftStart();
    Place at = day.getStartDepot();
    for (int i = 0; i < list.size(); i++) {
      Visit v = list.get(i);
      v.setCaravanDay(day);
      v.setPrevious(i == 0 ? null : list.get(i - 1));
      v.setNext(i == list.size() - 1 ? null : list.get(i + 1));
      if (day.isUnassignedList()) {
        v.setArrivalTime(null);
        continue;
      }
      v.setArrivalTime(departure + at.timeTo(v.getPlace()));
      departure = v.getDepartureTime();
      at = v.getPlace();
    }
    return day;
  }
}
