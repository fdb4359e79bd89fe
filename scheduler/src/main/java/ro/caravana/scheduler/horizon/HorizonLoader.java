package ro.caravana.scheduler.horizon;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import ro.caravana.scheduler.planning.PlanRequest;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.road.RoadRepository;

/** Reads one horizon's county from PostgreSQL into a {@link HorizonProblem}. */
public final class HorizonLoader {

  /** Without a frequency set for the locality, its visits may drift one week beyond the interval. */
  static final int DEFAULT_SLACK_DAYS = 7;

  private static final String HORIZON = "SELECT county, first_day, last_day, seconds_limit FROM horizons WHERE id = $1";
  /** The county's caravans in service (not retired) with their out-of-service days within the horizon ($2, $3). */
  private static final String CARAVANS = "SELECT id, code, depot_siruta, consultations_per_day, shift_start, shift_end, "
      + "ARRAY(SELECT d FROM unnest(out_of_service) d WHERE d BETWEEN $2 AND $3 ORDER BY d) AS out_of_service "
      + "FROM caravans WHERE county = $1 AND retired_at IS NULL ORDER BY id";
  /** Everyone with a caravan care plan valid at some point of the horizon, by locality. */
  private static final String CARAVAN_WORK = """
      SELECT b.id, b.locality_siruta, b.category, b.flags, b.birth_date, min(p.interval_weeks) AS interval_weeks,
             sum(p.minutes) AS minutes
      FROM care_plans p JOIN beneficiaries b ON b.id = p.beneficiary_id JOIN localities l ON l.siruta = b.locality_siruta
      WHERE l.county = $1 AND p.modality = 'caravan' AND p.valid_from <= $3 AND (p.valid_to IS NULL OR p.valid_to >= $2)
      GROUP BY b.id, b.locality_siruta, b.category, b.flags, b.birth_date ORDER BY b.locality_siruta, b.id""";
  private static final String LAST_VISITS = """
      SELECT DISTINCT ON (s.stop_siruta) s.stop_siruta, s.day, s.caravan_id
      FROM plan_stops s JOIN plans p ON p.id = s.plan_id
      WHERE p.county = $1 AND p.status = 'published' AND s.day < $2
      ORDER BY s.stop_siruta, s.day DESC""";
  private static final String PUBLISHED_STOPS = """
      SELECT s.caravan_id, s.day, s.position, s.stop_siruta FROM plan_stops s JOIN plans p ON p.id = s.plan_id
      WHERE p.county = $1 AND p.status = 'published' AND s.day BETWEEN $2 AND $3 ORDER BY s.day, s.caravan_id, s.position""";
  private static final String PUBLISHED_WEEKS = "SELECT DISTINCT week FROM plans WHERE county = $1 AND status = 'published' "
      + "AND 'routes' = ANY(kinds)";
  private static final String PLACES = "SELECT siruta, name, lat, lon FROM localities WHERE siruta = ANY($1)";

  private final Pool pool;
  private final RoadRepository roads;
  private final ZoneId zone;

  public HorizonLoader(Pool pool, RoadRepository roads, ZoneId zone) {
    this.pool = pool;
    this.roads = roads;
    this.zone = zone;
  }

  public Future<HorizonProblem> load(UUID id) {
    return pool.preparedQuery(HORIZON).execute(Tuple.of(id)).compose(rows -> {
      if (rows.size() == 0) throw ApiError.notFound("id", "Orizontul nu există.", "No such horizon.");
      Row h = rows.iterator().next();
      String county = h.getString("county");
      LocalDate first = h.getLocalDate("first_day");
      LocalDate last = h.getLocalDate("last_day");
      Future<List<HorizonProblem.Caravan>> caravans = pool.preparedQuery(CARAVANS).execute(Tuple.of(county, first, last)).map(rs -> {
        List<HorizonProblem.Caravan> out = new ArrayList<>();
        rs.forEach(r -> out.add(new HorizonProblem.Caravan(r.getLong("id"), r.getString("code"), r.getInteger("depot_siruta"),
            r.getInteger("consultations_per_day"), r.getLocalTime("shift_start"), r.getLocalTime("shift_end"),
            java.util.Set.of(r.getArrayOfLocalDates("out_of_service")))));
        return out;
      });
      Future<List<Row>> work = pool.preparedQuery(CARAVAN_WORK).execute(Tuple.of(county, first, last)).map(HorizonLoader::rows);
      Future<List<Row>> lastVisits = pool.preparedQuery(LAST_VISITS).execute(Tuple.of(county, first)).map(HorizonLoader::rows);
      Future<List<HorizonProblem.PublishedStop>> published = pool.preparedQuery(PUBLISHED_STOPS)
          .execute(Tuple.of(county, first, last)).map(rs -> {
            List<HorizonProblem.PublishedStop> out = new ArrayList<>();
            rs.forEach(r -> out.add(new HorizonProblem.PublishedStop(r.getLong("caravan_id"), r.getLocalDate("day"),
                r.getInteger("position"), r.getInteger("stop_siruta"))));
            return out;
          });
      Future<Set<LocalDate>> weeks = pool.preparedQuery(PUBLISHED_WEEKS).execute(Tuple.of(county)).map(rs -> {
        Set<LocalDate> out = new HashSet<>();
        rs.forEach(r -> {
          LocalDate monday = PlanRequest.monday(r.getString("week"));
          if (!monday.isBefore(first.with(DayOfWeek.MONDAY)) && !monday.isAfter(last)) out.add(monday);
        });
        return out;
      });
      return Future.all(List.of(caravans, work, lastVisits, published, weeks)).compose(v -> {
        Map<Integer, List<Row>> bySiruta = new LinkedHashMap<>();
        work.result().forEach(r -> bySiruta.computeIfAbsent(r.getInteger("locality_siruta"), k -> new ArrayList<>()).add(r));
        Set<Integer> sirutas = new HashSet<>(bySiruta.keySet());
        caravans.result().forEach(c -> sirutas.add(c.depotSiruta()));
        Future<List<HorizonProblem.Place>> places = pool.preparedQuery(PLACES).execute(Tuple.of(sirutas.toArray(new Integer[0])))
            .map(rs -> {
              List<HorizonProblem.Place> out = new ArrayList<>();
              rs.forEach(r -> out.add(new HorizonProblem.Place(r.getInteger("siruta"), r.getString("name"),
                  r.getDouble("lat"), r.getDouble("lon"))));
              return out;
            });
        var frequencies = roads.frequencies(bySiruta.keySet());
        var network = roads.network(sirutas, first, last);
        return Future.all(places, frequencies, network).map(w -> {
          Map<Integer, Row> lastVisit = new HashMap<>();
          lastVisits.result().forEach(r -> lastVisit.put(r.getInteger("stop_siruta"), r));
          Map<Integer, String> names = new HashMap<>();
          places.result().forEach(pl -> names.put(pl.siruta(), pl.name()));
          List<HorizonProblem.Locality> localities = new ArrayList<>();
          for (var e : bySiruta.entrySet()) {
            int people = e.getValue().size();
            int weighted = 0;
            int minutes = 0;
            int intervalWeeks = Integer.MAX_VALUE;
            for (Row r : e.getValue()) {
              weighted += CoverageWeights.of(r.getString("category"), Set.copyOf(Arrays.asList(r.getArrayOfStrings("flags"))),
                  r.getLocalDate("birth_date"), first);
              minutes += r.getLong("minutes").intValue();
              intervalWeeks = Math.min(intervalWeeks, Math.max(1, r.getInteger("interval_weeks")));
            }
            RoadRepository.Frequency set = frequencies.result().get(e.getKey());
            int every = set != null ? set.everyDays() : intervalWeeks * 7;
            int maxGap = set != null ? set.maxGapDays() : every + DEFAULT_SLACK_DAYS;
            Row lv = lastVisit.get(e.getKey());
            localities.add(new HorizonProblem.Locality(e.getKey(), names.get(e.getKey()), people, weighted, minutes, every,
                maxGap, lv == null ? null : lv.getLocalDate("day"), lv == null ? null : lv.getLong("caravan_id")));
          }
          return new HorizonProblem(county, first, last, zone, h.getInteger("seconds_limit"), caravans.result(), localities,
              published.result(), weeks.result(), places.result(), network.result());
        });
      });
    });
  }

  private static List<Row> rows(io.vertx.sqlclient.RowSet<Row> rs) {
    List<Row> out = new ArrayList<>();
    rs.forEach(out::add);
    return out;
  }
}
