package ro.caravana.scheduler.road;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ro.caravana.optimizer.geo.GeoPoint;
import ro.caravana.optimizer.geo.RoadMatrix;

/**
 * What is known about the roads between some localities, read before solving (the solver never waits
 * on the network): road entries (imported or fetched from a router) and date-ranged road rules.
 */
public record RoadNetwork(Map<Long, Entry> entries, List<RoadRule> rules) {

  /** One directed road entry. */
  public record Entry(int fromSiruta, int toSiruta, long seconds, long metres, RoadMatrix.Source source) {}

  /** A point of the matrix: a locality, slowed by {@code slowPercent} (100 = as usual). */
  public record Node(int siruta, double lat, double lon, int slowPercent) {}

  /** The dates a visit keeps once closures and slow periods are applied, and the slow factor on those dates. */
  public record Choice(List<LocalDate> dates, int slowPercent) {}

  public static long key(int from, int to) {
    return ((long) from << 32) | (to & 0xffffffffL);
  }

  public static RoadNetwork empty() {
    return new RoadNetwork(Map.of(), List.of());
  }

  public boolean closed(int siruta, LocalDate date) {
    return rules.stream().anyMatch(r -> r.siruta() == siruta && r.kind() == RoadRule.Kind.CLOSED && r.covers(date));
  }

  public int slowPercent(int siruta, LocalDate date) {
    return rules.stream().filter(r -> r.siruta() == siruta && r.kind() == RoadRule.Kind.SLOW && r.covers(date))
        .mapToInt(RoadRule::factorPercent).max().orElse(100);
  }

  /**
   * Of {@code dates}, those on which the locality is open and, among them, the largest group that shares
   * one slow factor (the earlier group on a tie), so a visit's travel times hold on whichever date it gets.
   */
  public Choice choose(int siruta, Collection<LocalDate> dates) {
    Map<Integer, List<LocalDate>> byFactor = new TreeMap<>();
    dates.stream().sorted().filter(d -> !closed(siruta, d))
        .forEach(d -> byFactor.computeIfAbsent(slowPercent(siruta, d), k -> new ArrayList<>()).add(d));
    return byFactor.entrySet().stream()
        .max(Comparator.<Map.Entry<Integer, List<LocalDate>>>comparingInt(e -> e.getValue().size())
            .thenComparing(e -> e.getValue().get(0), Comparator.reverseOrder()))
        .map(e -> new Choice(e.getValue(), e.getKey()))
        .orElse(new Choice(List.of(), 100));
  }

  /** The travel matrix over {@code nodes}, in their order: road entries first, then the estimate; slow factors applied. */
  public RoadMatrix matrix(List<Node> nodes) {
    RoadMatrix.Builder b = RoadMatrix.builder(nodes.stream().map(n -> new GeoPoint(n.lat(), n.lon())).toList());
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).slowPercent() > 100) b.slow(i, nodes.get(i).slowPercent());
      for (int j = 0; j < nodes.size(); j++) {
        Entry e = entries.get(key(nodes.get(i).siruta(), nodes.get(j).siruta()));
        if (e != null) b.road(i, j, e.seconds(), e.metres(), e.source());
      }
    }
    return b.build();
  }
}
