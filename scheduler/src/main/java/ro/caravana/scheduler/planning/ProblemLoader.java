package ro.caravana.scheduler.planning;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import ro.caravana.scheduler.common.PublicHolidays;
import ro.caravana.scheduler.platform.http.ApiError;

/** Reads one county-week from PostgreSQL into a {@link WeekProblem}. */
public final class ProblemLoader implements Function<UUID, Future<WeekProblem>> {

  private static final String PLAN = "SELECT county, week, kinds, seconds_limit, base_plan_id, disruption FROM plans WHERE id = $1";
  /** Caravans with their out-of-service days within the week ($2 Monday, $3 Sunday). */
  private static final String CARAVANS = "SELECT id, code, depot_siruta, crew, consultations_per_day, shift_start, shift_end, "
      + "ARRAY(SELECT d FROM unnest(out_of_service) d WHERE d BETWEEN $2 AND $3 ORDER BY d) AS out_of_service "
      + "FROM caravans WHERE county = $1 AND retired_at IS NULL ORDER BY id";
  /** Centres with the days of the week ($2 Monday, $3 Sunday) that one of their closures covers. */
  private static final String CENTRES = "SELECT c.id, c.code, c.name, c.locality_siruta, c.opening_hours, "
      + "ARRAY(SELECT DISTINCT g::date FROM jsonb_array_elements(c.closures) x, "
      + "generate_series(greatest((x->>'from')::date, $2), least((x->>'to')::date, $3), interval '1 day') g ORDER BY 1) AS closed "
      + "FROM community_centres c "
      + "JOIN localities l ON l.siruta = c.locality_siruta WHERE l.county = $1 AND c.retired_at IS NULL ORDER BY c.id";
  private static final String ROOMS = "SELECT r.id, r.centre_id, r.name, r.capacity, r.equipment FROM rooms r "
      + "JOIN community_centres c ON c.id = r.centre_id JOIN localities l ON l.siruta = c.locality_siruta "
      + "WHERE l.county = $1 AND r.retired_at IS NULL AND c.retired_at IS NULL ORDER BY r.id";
  private static final String STAFF = "SELECT s.id, s.first_name, s.last_name, s.role, s.skills, s.home_centre_id, s.caravan_id, "
      + "s.weekly_availability, coalesce((SELECT json_agg(json_build_object('from', v.from_date, 'to', v.to_date)) "
      + "FROM staff_leave v WHERE v.staff_id = s.id AND v.to_date >= $2 AND v.from_date <= $3), '[]') AS leave "
      + "FROM staff s WHERE s.county = $1 AND s.retired_at IS NULL ORDER BY s.id";
  private static final String BENEFICIARIES = "SELECT b.id, b.first_name, b.last_name, b.locality_siruta, b.centre_id, b.category, "
      + "b.flags, b.birth_date FROM beneficiaries b JOIN localities l ON l.siruta = b.locality_siruta WHERE l.county = $1 "
      + "ORDER BY b.id";
  private static final String CARE_PLANS = "SELECT p.id, p.beneficiary_id, p.service, p.sessions_per_week, p.interval_weeks, "
      + "p.minutes, p.modality, p.centre_id, p.valid_from, p.valid_to, p.preferred_days, p.preferred_from, p.preferred_to "
      + "FROM care_plans p JOIN beneficiaries b ON b.id = p.beneficiary_id JOIN localities l ON l.siruta = b.locality_siruta "
      + "WHERE l.county = $1 AND p.valid_from <= $3 AND (p.valid_to IS NULL OR p.valid_to >= $2) ORDER BY p.id";
  private static final String CANCELLED_ITEM = "SELECT item_key FROM appointments WHERE id = $1 AND county = $2 AND week = $3 "
      + "AND item_key IS NOT NULL";
  /** The disruptions of the plans this one re-plans, oldest first. */
  private static final String EARLIER_DISRUPTIONS = "WITH RECURSIVE chain (id, base_plan_id, disruption, depth) AS ("
      + "SELECT id, base_plan_id, disruption, 0 FROM plans WHERE id = $1 UNION ALL "
      + "SELECT p.id, p.base_plan_id, p.disruption, c.depth + 1 FROM plans p JOIN chain c ON p.id = c.base_plan_id) "
      + "SELECT disruption FROM chain WHERE depth > 0 AND disruption IS NOT NULL ORDER BY depth DESC";
  /** Caravan stops and centres may be anywhere in the county; depots too. */
  private static final String PLACES = "SELECT siruta, name, lat, lon FROM localities WHERE siruta = ANY($1)";

  /** The caravan stops of this week in the county's most recent solved horizon that covers the week. */
  private static final String HORIZON_STOPS = """
      SELECT s.caravan_id, s.day, s.siruta FROM horizon_stops s
      WHERE s.horizon_id = (SELECT h.id FROM horizons h WHERE h.county = $1 AND h.status = 'solved'
                              AND h.first_day <= $2 AND h.last_day >= $3 ORDER BY h.finished_at DESC LIMIT 1)
        AND s.day BETWEEN $2 AND $3 ORDER BY s.day, s.caravan_id, s.position""";

  private final Pool pool;
  private final PlanRepository plans;
  private final ZoneId zone;
  private final ro.caravana.scheduler.road.RoadRepository roads;

  public ProblemLoader(Pool pool, PlanRepository plans, ZoneId zone) {
    this.pool = pool;
    this.plans = plans;
    this.zone = zone;
    this.roads = new ro.caravana.scheduler.road.RoadRepository(pool);
  }

  @Override
  public Future<WeekProblem> apply(UUID planId) {
    return pool.preparedQuery(PLAN).execute(Tuple.of(planId)).compose(rows -> {
      if (rows.size() == 0) throw ApiError.notFound("id", "Planul nu există.", "No such plan.");
      Row plan = rows.iterator().next();
      String county = plan.getString("county");
      String week = plan.getString("week");
      LocalDate monday = PlanRequest.monday(week);
      LocalDate sunday = monday.plusDays(6);
      UUID base = plan.getUUID("base_plan_id");
      // Romania's public holidays of the week: no caravan drives, no centre opens, nobody works (as the horizon)
      Set<LocalDate> holidays = holidays(monday, sunday);
      Future<List<WeekProblem.Caravan>> caravans = pool.preparedQuery(CARAVANS).execute(Tuple.of(county, monday, sunday))
          .map(rs -> map(rs, r -> caravan(r, holidays)));
      Future<List<WeekProblem.Centre>> centres = pool.preparedQuery(CENTRES).execute(Tuple.of(county, monday, sunday))
          .map(rs -> map(rs, r -> centre(r, holidays)));
      Future<List<WeekProblem.Room>> rooms = pool.preparedQuery(ROOMS).execute(Tuple.of(county))
          .map(rs -> map(rs, ProblemLoader::room));
      Future<List<WeekProblem.StaffMember>> staff = pool.preparedQuery(STAFF).execute(Tuple.of(county, monday, sunday))
          .map(rs -> map(rs, r -> staff(r, holidays)));
      Future<List<WeekProblem.Beneficiary>> beneficiaries = pool.preparedQuery(BENEFICIARIES).execute(Tuple.of(county))
          .map(rs -> map(rs, ProblemLoader::beneficiary));
      Future<List<WeekProblem.CarePlan>> carePlans = pool.preparedQuery(CARE_PLANS).execute(Tuple.of(county, monday, sunday))
          .map(rs -> map(rs, ProblemLoader::carePlan));
      Future<List<PlanOutcome.Item>> baseItems = base == null ? Future.succeededFuture(List.of()) : plans.items(pool, base);
      Disruption own = Disruption.stored(plan.getJsonObject("disruption"));
      Future<List<Disruption>> disruptions = pool.preparedQuery(EARLIER_DISRUPTIONS).execute(Tuple.of(planId))
          .map(rs -> {
            List<Disruption> all = new ArrayList<>();
            rs.forEach(r -> all.add(Disruption.stored(r.getJsonObject("disruption"))));
            if (own != null) all.add(own);
            return all;
          });
      Future<Set<String>> calledOff = disruptions.compose(all -> calledOffItems(all, county, week));
      Future<List<WeekProblem.HorizonStop>> horizonStops = pool.preparedQuery(HORIZON_STOPS)
          .execute(Tuple.of(county, monday, sunday))
          .map(rs -> map(rs, r -> new WeekProblem.HorizonStop(r.getLong("caravan_id"), r.getLocalDate("day"),
              r.getInteger("siruta"))));
      return Future.all(List.of(caravans, centres, rooms, staff, beneficiaries, carePlans, baseItems, disruptions, calledOff,
          horizonStops)).compose(v -> {
        Set<Integer> sirutas = new java.util.HashSet<>();
        caravans.result().forEach(c -> sirutas.add(c.depotSiruta()));
        centres.result().forEach(c -> sirutas.add(c.siruta()));
        beneficiaries.result().forEach(b -> sirutas.add(b.siruta()));
        return roads.network(sirutas, monday, sunday).compose(network -> pool.preparedQuery(PLACES)
            .execute(Tuple.of(sirutas.toArray(new Integer[0])))
            .map(rs -> map(rs, r -> new WeekProblem.Place(r.getInteger("siruta"), r.getString("name"),
                r.getDouble("lat"), r.getDouble("lon"))))
            .map(places -> new WeekProblem(planId, county, week, monday, zone,
                Arrays.asList(plan.getArrayOfStrings("kinds")), plan.getInteger("seconds_limit"), Instant.now(),
                caravans.result(), places, centres.result(), rooms.result(), staff.result(), beneficiaries.result(),
                carePlans.result(), baseItems.result(), disruptions.result(), calledOff.result(), horizonStops.result(),
                network)));
      });
    });
  }

  /** A called-off appointment is named by id; the planner needs its item key in this county-week. */
  private Future<Set<String>> calledOffItems(List<Disruption> disruptions, String county, String week) {
    List<Future<String>> each = new ArrayList<>();
    for (Disruption d : disruptions) {
      if (!(d instanceof Disruption.BeneficiaryCancelled off)) continue;
      each.add(pool.preparedQuery(CANCELLED_ITEM).execute(Tuple.of(off.appointmentId(), county, week)).map(rows -> {
        if (rows.size() == 0) {
          throw ApiError.unprocessable("appointmentId", "Programarea nu face parte din planul publicat al acestei săptămâni.",
              "The appointment is not part of this county-week's published plan.");
        }
        return rows.iterator().next().getString("item_key");
      }));
    }
    return Future.all(each).map(all -> Set.copyOf(each.stream().map(Future::result).toList()));
  }

  private static <T> List<T> map(io.vertx.sqlclient.RowSet<Row> rows, Function<Row, T> f) {
    List<T> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(f.apply(r)));
    return out;
  }

  /** The public holidays between two days, both included. */
  static Set<LocalDate> holidays(LocalDate from, LocalDate to) {
    Set<LocalDate> out = new java.util.TreeSet<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      if (PublicHolidays.isHoliday(d)) out.add(d);
    }
    return out;
  }

  private static Set<LocalDate> union(Set<LocalDate> a, Set<LocalDate> b) {
    Set<LocalDate> out = new java.util.TreeSet<>(a);
    out.addAll(b);
    return Set.copyOf(out);
  }

  private static WeekProblem.Caravan caravan(Row r, Set<LocalDate> holidays) {
    return new WeekProblem.Caravan(r.getLong("id"), r.getString("code"), r.getInteger("depot_siruta"),
        Arrays.asList(r.getArrayOfStrings("crew")), r.getInteger("consultations_per_day"),
        r.getLocalTime("shift_start"), r.getLocalTime("shift_end"), union(dates(r, "out_of_service"), holidays));
  }

  private static WeekProblem.Centre centre(Row r, Set<LocalDate> holidays) {
    Map<DayOfWeek, WeekProblem.Window> hours = new EnumMap<>(DayOfWeek.class);
    JsonObject json = r.getJsonObject("opening_hours");
    for (String day : json.fieldNames()) {
      JsonObject h = json.getJsonObject(day);
      hours.put(DayOfWeek.valueOf(day), new WeekProblem.Window(LocalTime.parse(h.getString("open")),
          LocalTime.parse(h.getString("close"))));
    }
    return new WeekProblem.Centre(r.getLong("id"), r.getString("code"), r.getString("name"),
        r.getInteger("locality_siruta"), hours, union(dates(r, "closed"), holidays));
  }

  private static Set<LocalDate> dates(Row r, String column) {
    LocalDate[] days = r.getArrayOfLocalDates(column);
    return days == null ? Set.of() : Set.of(days);
  }

  private static WeekProblem.Room room(Row r) {
    return new WeekProblem.Room(r.getLong("id"), r.getLong("centre_id"), r.getString("name"), r.getInteger("capacity"),
        Set.of(r.getArrayOfStrings("equipment")));
  }

  private static WeekProblem.StaffMember staff(Row r, Set<LocalDate> holidays) {
    Map<DayOfWeek, List<WeekProblem.Window>> availability = new EnumMap<>(DayOfWeek.class);
    JsonObject json = r.getJsonObject("weekly_availability");
    for (String day : json.fieldNames()) {
      List<WeekProblem.Window> windows = new ArrayList<>();
      json.getJsonArray(day).forEach(o -> {
        JsonObject w = (JsonObject) o;
        windows.add(new WeekProblem.Window(LocalTime.parse(w.getString("from")), LocalTime.parse(w.getString("to"))));
      });
      availability.put(DayOfWeek.valueOf(day), windows);
    }
    List<WeekProblem.DateRange> leave = new ArrayList<>();
    Object raw = r.getValue("leave");
    JsonArray leaveJson = raw instanceof JsonArray a ? a : new JsonArray(String.valueOf(raw));
    leaveJson.forEach(o -> {
      JsonObject l = (JsonObject) o;
      leave.add(new WeekProblem.DateRange(LocalDate.parse(l.getString("from")), LocalDate.parse(l.getString("to"))));
    });
    holidays.forEach(d -> leave.add(new WeekProblem.DateRange(d, d)));
    return new WeekProblem.StaffMember(r.getLong("id"), r.getString("first_name") + " " + r.getString("last_name"),
        r.getString("role"), Set.of(r.getArrayOfStrings("skills")), r.getLong("home_centre_id"), r.getLong("caravan_id"),
        availability, leave);
  }

  private static WeekProblem.Beneficiary beneficiary(Row r) {
    return new WeekProblem.Beneficiary(r.getUUID("id"), r.getString("first_name") + " " + r.getString("last_name"),
        r.getInteger("locality_siruta"), r.getLong("centre_id"), r.getString("category"),
        Set.of(r.getArrayOfStrings("flags")), r.getLocalDate("birth_date"));
  }

  private static WeekProblem.CarePlan carePlan(Row r) {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String d : r.getArrayOfStrings("preferred_days")) days.add(DayOfWeek.valueOf(d));
    return new WeekProblem.CarePlan(r.getUUID("id"), r.getUUID("beneficiary_id"), r.getString("service"),
        r.getInteger("sessions_per_week"), r.getInteger("interval_weeks"), r.getInteger("minutes"),
        r.getString("modality"), r.getLong("centre_id"), r.getLocalDate("valid_from"), r.getLocalDate("valid_to"), days,
        r.getLocalTime("preferred_from"), r.getLocalTime("preferred_to"));
  }
}
