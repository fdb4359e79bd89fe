package ro.caravana.scheduler.organisation;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.function.Function;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.access.Scope;
import ro.caravana.scheduler.common.Params;
import ro.caravana.scheduler.common.Rows;
import ro.caravana.scheduler.common.Vocabulary;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.http.Requests;
import ro.caravana.scheduler.platform.http.Responses;

/** Community centres with their rooms, caravans and staff: the reads (writes in {@link OrganisationWrites}). */
public final class OrganisationApi {

  private static final String CENTRE_SELECT = """
      SELECT c.id, c.code, c.name, c.locality_siruta, l.name AS locality_name, l.county, c.address, c.opening_hours,
        c.closures, c.version, c.retired_at IS NOT NULL AS retired,
        coalesce((SELECT json_agg(json_build_object('id', r.id, 'name', r.name, 'kind', r.kind, 'capacity', r.capacity,
          'equipment', r.equipment, 'version', r.version) ORDER BY r.id) FROM rooms r
          WHERE r.centre_id = c.id AND r.retired_at IS NULL), '[]'::json) AS rooms
      FROM community_centres c JOIN localities l ON l.siruta = c.locality_siruta""";
  private static final String CENTRE_FILTER = " WHERE ($1::text IS NULL OR l.county = $1) AND c.retired_at IS NULL";
  static final String CENTRES = CENTRE_SELECT + CENTRE_FILTER + " ORDER BY c.code LIMIT $2 OFFSET $3";
  static final String COUNT_CENTRES =
      "SELECT count(*) FROM community_centres c JOIN localities l ON l.siruta = c.locality_siruta" + CENTRE_FILTER;
  static final String CENTRE = CENTRE_SELECT + " WHERE c.id = $1";

  private static final String CARAVAN_SELECT = """
      SELECT v.id, v.code, v.name, v.county, v.depot_siruta, l.name AS depot_name, v.crew, v.consultations_per_day,
        v.shift_start, v.shift_end, v.equipment, v.out_of_service, v.version, v.retired_at IS NOT NULL AS retired
      FROM caravans v JOIN localities l ON l.siruta = v.depot_siruta""";
  /** Caravans of the caller's counties only ($2: {@code Caller.countyScope()}, null for every county). */
  private static final String CARAVAN_FILTER = " WHERE ($1::text IS NULL OR v.county = $1) AND v.retired_at IS NULL"
      + Scope.countyFilter("v.county", 2);
  static final String CARAVANS = CARAVAN_SELECT + CARAVAN_FILTER + " ORDER BY v.code LIMIT $3 OFFSET $4";
  static final String COUNT_CARAVANS = "SELECT count(*) FROM caravans v" + CARAVAN_FILTER;
  static final String CARAVAN = CARAVAN_SELECT + " WHERE v.id = $1";
  static final String CARAVAN_IN_SCOPE = CARAVAN + Scope.countyFilter("v.county", 2);

  private static final String STAFF_SELECT = """
      SELECT s.id, s.code, s.first_name, s.last_name, s.role, s.skills, s.county, s.home_centre_id, c.code AS centre_code,
        s.caravan_id, s.weekly_availability, s.phone, s.work_centre_ids, s.version, s.retired_at IS NOT NULL AS retired,
        coalesce((SELECT json_agg(json_build_object('from', v.from_date, 'to', v.to_date, 'reason', v.reason)
          ORDER BY v.from_date) FROM staff_leave v WHERE v.staff_id = s.id), '[]'::json) AS leave
      FROM staff s LEFT JOIN community_centres c ON c.id = s.home_centre_id""";
  private static final String STAFF_FILTER = "\n" + """
       WHERE ($1::text IS NULL OR s.county = $1) AND ($2::text IS NULL OR s.role = $2)
         AND ($3::bigint IS NULL OR s.home_centre_id = $3) AND s.retired_at IS NULL""" + Scope.countyFilter("s.county", 4);
  static final String STAFF = STAFF_SELECT + STAFF_FILTER + " ORDER BY s.code LIMIT $5 OFFSET $6";
  static final String COUNT_STAFF = "SELECT count(*) FROM staff s" + STAFF_FILTER;
  static final String STAFF_MEMBER = STAFF_SELECT + " WHERE s.id = $1" + Scope.countyFilter("s.county", 2);

  private final Pool pool;

  private OrganisationApi(Pool pool) {
    this.pool = pool;
  }

  public static void mount(Router router, Pool pool) {
    OrganisationApi api = new OrganisationApi(pool);
    router.get("/api/centres").handler(api::centres);
    router.get("/api/centres/:id").handler(ctx -> api.one(ctx, CENTRE, OrganisationApi::centre, "centrul comunitar", "community centre"));
    router.get("/api/caravans").handler(api::caravans);
    router.get("/api/caravans/:id").handler(ctx -> api.one(ctx, CARAVAN_IN_SCOPE, OrganisationApi::caravan, "caravana", "caravan",
        Caller.of(ctx).countyScope()));
    router.get("/api/staff").handler(api::staff);
    router.get("/api/staff/:id").handler(ctx -> api.one(ctx, STAFF_MEMBER, OrganisationApi::staffMember, "membrul personalului", "staff member",
        Caller.of(ctx).countyScope()));
  }

  private void centres(RoutingContext ctx) {
    String county = Params.county(ctx);
    page(ctx, CENTRES, Tuple.of(county, Requests.limit(ctx), Requests.offset(ctx)), COUNT_CENTRES, Tuple.of(county),
        OrganisationApi::centre);
  }

  private void caravans(RoutingContext ctx) {
    String county = Params.county(ctx);
    String[] scope = Caller.of(ctx).countyScope();
    // addValue: Tuple.of(county, scope) would spread the String[] as varargs
    page(ctx, CARAVANS, Tuple.tuple().addValue(county).addValue(scope).addValue(Requests.limit(ctx)).addValue(Requests.offset(ctx)),
        COUNT_CARAVANS, Tuple.tuple().addValue(county).addValue(scope), OrganisationApi::caravan);
  }

  private void staff(RoutingContext ctx) {
    String county = Params.county(ctx);
    String role = Params.choice(ctx, "role", Vocabulary.ROLES);
    Long centre = Params.id(ctx, "centre");
    String[] scope = Caller.of(ctx).countyScope();
    page(ctx, STAFF, Tuple.of(county, role, centre, scope, Requests.limit(ctx), Requests.offset(ctx)), COUNT_STAFF,
        Tuple.of(county, role, centre, scope), OrganisationApi::staffMember);
  }

  private void page(RoutingContext ctx, String sql, Tuple args, String countSql, Tuple countArgs,
      Function<Row, JsonObject> json) {
    Future<RowSet<Row>> items = pool.preparedQuery(sql).execute(args);
    Future<RowSet<Row>> total = pool.preparedQuery(countSql).execute(countArgs);
    Future.all(items, total)
        .onSuccess(v -> {
          JsonArray out = new JsonArray();
          for (Row r : items.result()) out.add(json.apply(r));
          Responses.page(ctx, out, total.result().iterator().next().getLong(0));
        })
        .onFailure(ctx::fail);
  }

  private void one(RoutingContext ctx, String sql, Function<Row, JsonObject> json, String whatRo, String whatEn) {
    one(ctx, sql, json, whatRo, whatEn, null);
  }

  /** With {@code scope}: the query takes the caller's counties as $2, so a record outside them is 404 whatever the gate did. */
  private void one(RoutingContext ctx, String sql, Function<Row, JsonObject> json, String whatRo, String whatEn,
      String[] scope) {
    long id = Params.pathLong(ctx, "id");
    pool.preparedQuery(sql).execute(sql.contains("$2") ? Tuple.tuple().addValue(id).addValue(scope) : Tuple.of(id))
        .onSuccess(rows -> {
          if (rows.size() == 0) {
            ctx.fail(ApiError.notFound("id", "Nu există " + whatRo + " cu acest identificator.", "No such " + whatEn + "."));
          } else {
            Responses.json(ctx, 200, json.apply(rows.iterator().next()));
          }
        })
        .onFailure(ctx::fail);
  }

  static JsonObject centre(Row r) {
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("code", r.getString("code"))
        .put("name", r.getString("name"))
        .put("localitySiruta", r.getInteger("locality_siruta"))
        .put("localityName", r.getString("locality_name"))
        .put("county", r.getString("county"))
        .put("address", r.getString("address"))
        .put("openingHours", r.getJsonObject("opening_hours"))
        .put("closures", r.getJsonArray("closures"))
        .put("rooms", r.getJsonArray("rooms"))
        .put("version", r.getInteger("version"))
        .put("retired", r.getBoolean("retired"));
  }

  static JsonObject caravan(Row r) {
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("code", r.getString("code"))
        .put("name", r.getString("name"))
        .put("county", r.getString("county"))
        .put("depotSiruta", r.getInteger("depot_siruta"))
        .put("depotName", r.getString("depot_name"))
        .put("crew", Rows.texts(r, "crew"))
        .put("consultationsPerDay", r.getInteger("consultations_per_day"))
        .put("shiftStart", Rows.time(r, "shift_start"))
        .put("shiftEnd", Rows.time(r, "shift_end"))
        .put("equipment", Rows.texts(r, "equipment"))
        .put("outOfService", dates(r, "out_of_service"))
        .put("version", r.getInteger("version"))
        .put("retired", r.getBoolean("retired"));
  }

  static JsonObject staffMember(Row r) {
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("code", r.getString("code"))
        .put("firstName", r.getString("first_name"))
        .put("lastName", r.getString("last_name"))
        .put("role", r.getString("role"))
        .put("skills", Rows.texts(r, "skills"))
        .put("county", r.getString("county"))
        .put("centreId", r.getLong("home_centre_id"))
        .put("centreCode", r.getString("centre_code"))
        .put("caravanId", r.getLong("caravan_id"))
        .put("weeklyAvailability", r.getJsonObject("weekly_availability"))
        .put("phone", r.getString("phone"))
        .put("leave", r.getJsonArray("leave"))
        .put("workCentreIds", longs(r, "work_centre_ids"))
        .put("version", r.getInteger("version"))
        .put("retired", r.getBoolean("retired"));
  }

  private static JsonArray dates(Row r, String column) {
    JsonArray out = new JsonArray();
    java.time.LocalDate[] values = r.getArrayOfLocalDates(column);
    if (values != null) for (var d : values) out.add(d.toString());
    return out;
  }

  private static JsonArray longs(Row r, String column) {
    JsonArray out = new JsonArray();
    Long[] values = r.getArrayOfLongs(column);
    if (values != null) for (Long v : values) out.add(v);
    return out;
  }
}
