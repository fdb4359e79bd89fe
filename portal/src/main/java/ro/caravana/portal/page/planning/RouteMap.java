package ro.caravana.portal.page.planning;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ro.caravana.optimizer.geo.GeoPoint;
import ro.caravana.optimizer.geo.GreatCircleMatrix;

/**
 * The caravan routes of a plan's week drawn from real coordinates, as a view model for an SVG: every locality of the
 * county as a faint dot, each depot, each caravan-day's route line (depot, stops in order, depot) and one numbered
 * marker per stop; plus the itinerary rows. No tile server: the projection is equirectangular, scaled by the cosine
 * of the county's middle latitude, which is true enough at a county's size.
 */
public final class RouteMap {

  static final int WIDTH = 800;
  private static final int PAD = 24;
  private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm");

  /** A locality with its coordinates. */
  public record Place(int siruta, String name, double lat, double lon) {}

  /** A caravan and where its days start and end. */
  public record Caravan(long id, String name, int depotSiruta) {}

  /** A stop of the plan. */
  public record Stop(long caravanId, String day, int position, int siruta, OffsetDateTime arrives, OffsetDateTime departs) {}

  private RouteMap() {}

  /**
   * @param consultations consultations booked per stop, keyed {@code caravanId/day/siruta}
   * @param dayNames      the words for each date of the week ({@code 2026-12-07} to {@code Luni 7 dec.})
   */
  public static JsonObject build(List<Place> places, List<Caravan> caravans, List<Stop> stops,
      Map<String, Integer> consultations, Map<String, String> dayNames, ZoneId zone) {
    Map<Integer, Place> bySiruta = new HashMap<>();
    places.forEach(p -> bySiruta.put(p.siruta(), p));
    double minLat = Double.MAX_VALUE, maxLat = -Double.MAX_VALUE, minLon = Double.MAX_VALUE, maxLon = -Double.MAX_VALUE;
    for (Place p : places) {
      minLat = Math.min(minLat, p.lat());
      maxLat = Math.max(maxLat, p.lat());
      minLon = Math.min(minLon, p.lon());
      maxLon = Math.max(maxLon, p.lon());
    }
    if (places.isEmpty()) {
      minLat = maxLat = 45;
      minLon = maxLon = 25;
    }
    double cos = Math.cos(Math.toRadians((minLat + maxLat) / 2));
    double spanX = Math.max(1e-6, (maxLon - minLon) * cos);
    double spanY = Math.max(1e-6, maxLat - minLat);
    double scale = (WIDTH - 2.0 * PAD) / Math.max(spanX, spanY * 0.9);
    int height = (int) Math.ceil(spanY * scale + 2 * PAD);
    int width = (int) Math.ceil(spanX * scale + 2 * PAD);
    final double fMinLon = minLon, fMaxLat = maxLat;
    java.util.function.Function<Place, double[]> xy = p -> new double[] {
        PAD + (p.lon() - fMinLon) * cos * scale, PAD + (fMaxLat - p.lat()) * scale};

    JsonArray dots = new JsonArray();
    for (Place p : places) {
      double[] c = xy.apply(p);
      dots.add(new JsonObject().put("x", r(c[0])).put("y", r(c[1])));
    }
    Map<Long, Caravan> caravanById = new HashMap<>();
    caravans.forEach(c -> caravanById.put(c.id(), c));
    JsonArray depots = new JsonArray();
    for (Caravan c : caravans) {
      Place depot = bySiruta.get(c.depotSiruta());
      if (depot == null) continue;
      double[] d = xy.apply(depot);
      depots.add(new JsonObject().put("x", r(d[0])).put("y", r(d[1])).put("name", depot.name()).put("caravan", c.name()));
    }

    // one route per caravan-day, in date order
    Map<String, List<Stop>> routes = new LinkedHashMap<>();
    stops.stream().sorted(java.util.Comparator.comparing(Stop::day).thenComparing(Stop::caravanId).thenComparing(Stop::position))
        .forEach(s -> routes.computeIfAbsent(s.day() + "/" + s.caravanId(), k -> new ArrayList<>()).add(s));
    List<String> days = routes.values().stream().map(l -> l.get(0).day()).distinct().toList();
    JsonArray lines = new JsonArray();
    JsonArray markers = new JsonArray();
    JsonArray itineraries = new JsonArray();
    int number = 0;
    for (List<Stop> route : routes.values()) {
      Stop first = route.get(0);
      Caravan caravan = caravanById.get(first.caravanId());
      Place depot = caravan == null ? null : bySiruta.get(caravan.depotSiruta());
      int dayIndex = Math.max(0, java.time.LocalDate.parse(first.day()).getDayOfWeek().getValue() - 1);
      StringBuilder points = new StringBuilder();
      if (depot != null) append(points, xy.apply(depot));
      JsonArray rows = new JsonArray();
      Place previous = depot;
      double km = 0;
      int consultationsOfDay = 0;
      for (Stop s : route) {
        Place place = bySiruta.get(s.siruta());
        if (place == null) continue;
        double[] c = xy.apply(place);
        append(points, c);
        number++;
        double legKm = previous == null ? 0 : roadKm(previous, place);
        km += legKm;
        previous = place;
        int booked = consultations.getOrDefault(s.caravanId() + "/" + s.day() + "/" + s.siruta(), 0);
        consultationsOfDay += booked;
        String arrives = s.arrives() == null ? "" : s.arrives().atZoneSameInstant(zone).format(HM);
        String departs = s.departs() == null ? "" : s.departs().atZoneSameInstant(zone).format(HM);
        markers.add(new JsonObject().put("x", r(c[0])).put("y", r(c[1])).put("n", s.position() + 1)
            .put("dayClass", "day-" + dayIndex).put("name", place.name()).put("arrives", arrives)
            .put("day", dayNames.getOrDefault(s.day(), s.day())));
        rows.add(new JsonObject().put("n", s.position() + 1).put("name", place.name()).put("arrives", arrives)
            .put("departs", departs).put("consultations", booked).put("km", oneDecimal(legKm)));
      }
      double backKm = previous == null || depot == null ? 0 : roadKm(previous, depot);
      km += backKm;
      if (depot != null) append(points, xy.apply(depot));
      lines.add(new JsonObject().put("points", points.toString().trim()).put("dayClass", "day-" + dayIndex));
      double hours = km / GreatCircleMatrix.DEFAULT_SPEED_KMH;
      itineraries.add(new JsonObject()
          .put("day", dayNames.getOrDefault(first.day(), first.day()))
          .put("dayClass", "day-" + dayIndex)
          .put("caravan", caravan == null ? "" : caravan.name())
          .put("depot", depot == null ? "" : depot.name())
          .put("stops", rows)
          .put("backKm", oneDecimal(backKm))
          .put("km", oneDecimal(km))
          .put("hours", hoursAndMinutes(hours))
          .put("consultations", consultationsOfDay));
    }
    JsonArray legend = new JsonArray();
    for (String d : days) {
      int idx = java.time.LocalDate.parse(d).getDayOfWeek().getValue() - 1;
      legend.add(new JsonObject().put("dayClass", "day-" + idx).put("day", dayNames.getOrDefault(d, d)));
    }
    return new JsonObject().put("width", width).put("height", height).put("localities", dots).put("depots", depots)
        .put("lines", lines).put("markers", markers).put("stopCount", markers.size()).put("itineraries", itineraries)
        .put("legend", legend);
  }

  /** Road kilometres as the planner estimates them: great-circle distance times the road circuity factor. */
  static double roadKm(Place a, Place b) {
    return new GeoPoint(a.lat(), a.lon()).greatCircleMetres(new GeoPoint(b.lat(), b.lon()))
        * GreatCircleMatrix.DEFAULT_CIRCUITY / 1000.0;
  }

  private static String hoursAndMinutes(double hours) {
    long minutes = Math.round(hours * 60);
    return String.format(Locale.ROOT, "%d:%02d", minutes / 60, minutes % 60);
  }

  private static String oneDecimal(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static double r(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static void append(StringBuilder points, double[] c) {
    points.append(r(c[0])).append(',').append(r(c[1])).append(' ');
  }
}
