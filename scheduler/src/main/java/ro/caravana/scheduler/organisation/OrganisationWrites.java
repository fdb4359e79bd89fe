package ro.caravana.scheduler.organisation;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.common.Constraints;
import ro.caravana.scheduler.common.Params;
import ro.caravana.scheduler.common.Rows;
import ro.caravana.scheduler.common.Violations;
import ro.caravana.scheduler.geo.ServedCounties;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.http.Requests;
import ro.caravana.scheduler.platform.http.Responses;
import ro.caravana.scheduler.platform.outbox.EventType;
import ro.caravana.scheduler.platform.outbox.Outbox;
import ro.caravana.scheduler.platform.outbox.OutboxEvent;

/**
 * Creating, changing and retiring centres, rooms, staff and caravans. Every write names all invalid fields
 * at once, checks the county (served by this installation, within the caller's counties), takes the
 * {@code version} it was based on (a stale one is 409), and writes its event to the outbox in the same
 * transaction. Nothing is deleted: a retired record leaves the lists and the planning, and appointments
 * keep pointing at it; retiring what booked future appointments use is refused with their list.
 */
public final class OrganisationWrites {

  private static final String LOCALITY_COUNTY = "SELECT county FROM localities WHERE siruta = $1";
  private static final String CENTRE_COUNTIES = """
      SELECT c.id, l.county FROM community_centres c JOIN localities l ON l.siruta = c.locality_siruta
      WHERE c.id = ANY($1) AND c.retired_at IS NULL""";
  private static final String CARAVAN_COUNTY = "SELECT county FROM caravans WHERE id = $1 AND retired_at IS NULL";

  private static final String INSERT_CENTRE = """
      INSERT INTO community_centres (code, name, locality_siruta, address, opening_hours, closures)
      VALUES ($1, $2, $3, $4, $5, $6) RETURNING id""";
  private static final String UPDATE_CENTRE = """
      UPDATE community_centres SET code = $3, name = $4, locality_siruta = $5, address = $6, opening_hours = $7,
        closures = $8, version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $2 AND retired_at IS NULL RETURNING id""";
  private static final String INSERT_ROOM = """
      INSERT INTO rooms (centre_id, name, kind, equipment, capacity) VALUES ($1, $2, $3, $4, $5) RETURNING id""";
  private static final String UPDATE_ROOM = """
      UPDATE rooms SET name = $3, kind = $4, equipment = $5, capacity = $6, version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $2 AND retired_at IS NULL RETURNING id""";
  private static final String INSERT_STAFF = """
      INSERT INTO staff (code, first_name, last_name, role, skills, county, home_centre_id, work_centre_ids, caravan_id,
        weekly_availability, phone)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id""";
  private static final String UPDATE_STAFF = """
      UPDATE staff SET code = $3, first_name = $4, last_name = $5, role = $6, skills = $7, county = $8,
        home_centre_id = $9, work_centre_ids = $10, caravan_id = $11, weekly_availability = $12, phone = $13,
        version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $2 AND retired_at IS NULL RETURNING id""";
  private static final String DELETE_LEAVE = "DELETE FROM staff_leave WHERE staff_id = $1";
  private static final String INSERT_LEAVE =
      "INSERT INTO staff_leave (staff_id, from_date, to_date, reason) VALUES ($1, $2, $3, $4)";
  private static final String INSERT_CARAVAN = """
      INSERT INTO caravans (code, name, county, depot_siruta, crew, consultations_per_day, shift_start, shift_end,
        equipment, out_of_service)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id""";
  private static final String UPDATE_CARAVAN = """
      UPDATE caravans SET code = $3, name = $4, county = $5, depot_siruta = $6, crew = $7, consultations_per_day = $8,
        shift_start = $9, shift_end = $10, equipment = $11, out_of_service = $12, version = version + 1,
        updated_at = now()
      WHERE id = $1 AND version = $2 AND retired_at IS NULL RETURNING id""";

  /** Booked or proposed appointments still to come that use a record (column = $1). */
  private static final String FUTURE_USES = """
      SELECT a.id, a.starts_at, a.service, a.modality, count(*) OVER () AS total FROM appointments a
      WHERE %s AND a.status IN ('proposed', 'booked') AND a.ends_at > now()
      ORDER BY a.starts_at, a.id LIMIT 100""";

  private static final String ROOM = """
      SELECT r.id, r.centre_id, r.name, r.kind, r.capacity, r.equipment, r.version, r.retired_at IS NOT NULL AS retired,
        l.county FROM rooms r JOIN community_centres c ON c.id = r.centre_id JOIN localities l ON l.siruta = c.locality_siruta
      WHERE r.id = $1 AND r.centre_id = $2""";

  private final Pool pool;
  private final ServedCounties served;

  private OrganisationWrites(Pool pool, ServedCounties served) {
    this.pool = pool;
    this.served = served;
  }

  public static void mount(Router router, Pool pool, ServedCounties served) {
    OrganisationWrites w = new OrganisationWrites(pool, served);
    router.post("/api/centres").handler(w::createCentre);
    router.patch("/api/centres/:id").handler(w::updateCentre);
    router.post("/api/centres/:id/retire").handler(w::retireCentre);
    router.get("/api/centres/:id/rooms").handler(w::rooms);
    router.post("/api/centres/:id/rooms").handler(w::createRoom);
    router.patch("/api/centres/:id/rooms/:roomId").handler(w::updateRoom);
    router.post("/api/centres/:id/rooms/:roomId/retire").handler(w::retireRoom);
    router.post("/api/staff").handler(w::createStaff);
    router.patch("/api/staff/:id").handler(w::updateStaff);
    router.post("/api/staff/:id/retire").handler(w::retireStaff);
    router.post("/api/caravans").handler(w::createCaravan);
    router.patch("/api/caravans/:id").handler(w::updateCaravan);
    router.post("/api/caravans/:id/retire").handler(w::retireCaravan);
  }

  // ---- centres

  private void createCentre(RoutingContext ctx) {
    var in = OrganisationInput.centre(Requests.body(ctx));
    localityCounty(in.localitySiruta(), "localitySiruta")
        .compose(county -> inScope(ctx, county, "localitySiruta"))
        .compose(county -> write(tx -> tx.preparedQuery(INSERT_CENTRE).execute(Tuple.of(in.code(), in.name(),
                in.localitySiruta(), in.address(), in.openingHours(), in.closures()))
            .map(rows -> rows.iterator().next().getLong(0))
            .compose(id -> readCentre(tx, id))
            .compose(json -> event(tx, "centre.created", centreFacts(json)).map(json))))
        .onSuccess(json -> created(ctx, "/api/centres/" + json.getLong("id"), json))
        .onFailure(ctx::fail);
  }

  private void updateCentre(RoutingContext ctx) {
    long id = Params.pathLong(ctx, "id");
    JsonObject body = Requests.body(ctx);
    int version = versionOf(body);
    readCentre(pool, id).compose(current -> {
          var in = OrganisationInput.centre(merge(current, body));
          return localityCounty(in.localitySiruta(), "localitySiruta")
              .compose(county -> inScope(ctx, county, "localitySiruta"))
              .compose(county -> write(tx -> versioned(tx.preparedQuery(UPDATE_CENTRE).execute(Tuple.of(id, version,
                      in.code(), in.name(), in.localitySiruta(), in.address(), in.openingHours(), in.closures())), current)
                  .compose(v -> readCentre(tx, id))
                  .compose(json -> event(tx, "centre.updated", centreFacts(json)).map(json))));
        })
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private void retireCentre(RoutingContext ctx) {
    long id = Params.pathLong(ctx, "id");
    Integer version = optionalVersion(ctx);
    write(tx -> readCentre(tx, id)
            .compose(current -> checkVersion(current, version)
                .compose(v -> unused(tx, "(a.centre_id = $1 OR a.room_id IN (SELECT id FROM rooms WHERE centre_id = $1))", id,
                    "centrul", "centre"))
                .compose(v -> tx.preparedQuery("UPDATE rooms SET retired_at = now(), version = version + 1 "
                    + "WHERE centre_id = $1 AND retired_at IS NULL").execute(Tuple.of(id)))
                .compose(v -> tx.preparedQuery("UPDATE community_centres SET retired_at = now(), version = version + 1, "
                    + "updated_at = now() WHERE id = $1").execute(Tuple.of(id)))
                .compose(v -> readCentre(tx, id))
                .compose(json -> event(tx, "centre.retired", centreFacts(json)).map(json))))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private static Future<JsonObject> readCentre(SqlClient db, long id) {
    return one(db, OrganisationApi.CENTRE, id, OrganisationApi::centre, "centrul comunitar", "community centre");
  }

  private static JsonObject centreFacts(JsonObject c) {
    return new JsonObject().put("id", c.getLong("id")).put("code", c.getString("code")).put("county", c.getString("county"))
        .put("localitySiruta", c.getInteger("localitySiruta")).put("version", c.getInteger("version"))
        .put("retired", c.getBoolean("retired"));
  }

  // ---- rooms

  private void rooms(RoutingContext ctx) {
    long id = Params.pathLong(ctx, "id");
    readCentre(pool, id).onSuccess(c -> Responses.page(ctx, c.getJsonArray("rooms"), c.getJsonArray("rooms").size()))
        .onFailure(ctx::fail);
  }

  private void createRoom(RoutingContext ctx) {
    long centre = Params.pathLong(ctx, "id");
    var in = OrganisationInput.room(Requests.body(ctx));
    readCentre(pool, centre)
        .compose(c -> c.getBoolean("retired") ? Future.failedFuture(retired("centrul", "centre"))
            : inScope(ctx, c.getString("county"), "id"))
        .compose(county -> write(tx -> tx.preparedQuery(INSERT_ROOM)
            .execute(Tuple.of(centre, in.name(), in.kind(), in.equipment().toArray(String[]::new), in.capacity()))
            .map(rows -> rows.iterator().next().getLong(0))
            .compose(id -> readRoom(tx, centre, id))
            .compose(json -> event(tx, "room.created", roomFacts(json)).map(json))))
        .onSuccess(json -> created(ctx, "/api/centres/" + centre + "/rooms/" + json.getLong("id"), json))
        .onFailure(ctx::fail);
  }

  private void updateRoom(RoutingContext ctx) {
    long centre = Params.pathLong(ctx, "id");
    long room = Params.pathLong(ctx, "roomId");
    JsonObject body = Requests.body(ctx);
    int version = versionOf(body);
    readRoom(pool, centre, room).compose(current -> {
          var in = OrganisationInput.room(merge(current, body));
          return inScope(ctx, current.getString("county"), "id")
              .compose(county -> write(tx -> versioned(tx.preparedQuery(UPDATE_ROOM).execute(Tuple.of(room, version,
                      in.name(), in.kind(), in.equipment().toArray(String[]::new), in.capacity())), current)
                  .compose(v -> readRoom(tx, centre, room))
                  .compose(json -> event(tx, "room.updated", roomFacts(json)).map(json))));
        })
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private void retireRoom(RoutingContext ctx) {
    long centre = Params.pathLong(ctx, "id");
    long room = Params.pathLong(ctx, "roomId");
    Integer version = optionalVersion(ctx);
    write(tx -> readRoom(tx, centre, room)
            .compose(current -> checkVersion(current, version)
                .compose(v -> unused(tx, "a.room_id = $1", room, "sala", "room"))
                .compose(v -> tx.preparedQuery("UPDATE rooms SET retired_at = now(), version = version + 1, "
                    + "updated_at = now() WHERE id = $1").execute(Tuple.of(room)))
                .compose(v -> readRoom(tx, centre, room))
                .compose(json -> event(tx, "room.retired", roomFacts(json)).map(json))))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private static Future<JsonObject> readRoom(SqlClient db, long centre, long room) {
    return db.preparedQuery(ROOM).execute(Tuple.of(room, centre)).compose(rows -> {
      if (rows.size() == 0) return Future.failedFuture(ApiError.notFound("roomId", "Sala nu există.", "No such room."));
      Row r = rows.iterator().next();
      return Future.succeededFuture(new JsonObject().put("id", r.getLong("id")).put("centreId", r.getLong("centre_id"))
          .put("name", r.getString("name")).put("kind", r.getString("kind")).put("capacity", r.getInteger("capacity"))
          .put("equipment", Rows.texts(r, "equipment")).put("version", r.getInteger("version"))
          .put("retired", r.getBoolean("retired")).put("county", r.getString("county")));
    });
  }

  private static JsonObject roomFacts(JsonObject r) {
    return new JsonObject().put("id", r.getLong("id")).put("centreId", r.getLong("centreId")).put("county", r.getString("county"))
        .put("kind", r.getString("kind")).put("equipment", r.getJsonArray("equipment")).put("capacity", r.getInteger("capacity"))
        .put("version", r.getInteger("version")).put("retired", r.getBoolean("retired"));
  }

  // ---- staff

  private void createStaff(RoutingContext ctx) {
    var in = OrganisationInput.staff(Requests.body(ctx));
    staffReferences(ctx, in)
        .compose(v -> write(tx -> tx.preparedQuery(INSERT_STAFF).execute(staffTuple(in, Tuple.tuple()))
            .map(rows -> rows.iterator().next().getLong(0))
            .compose(id -> replaceLeave(tx, id, in.leave()).map(id))
            .compose(id -> readStaff(tx, id))
            .compose(json -> event(tx, "staff.created", staffFacts(json)).map(json))))
        .onSuccess(json -> created(ctx, "/api/staff/" + json.getLong("id"), json))
        .onFailure(ctx::fail);
  }

  private void updateStaff(RoutingContext ctx) {
    long id = Params.pathLong(ctx, "id");
    JsonObject body = Requests.body(ctx);
    int version = versionOf(body);
    readStaff(pool, id).compose(current -> {
          var in = OrganisationInput.staff(merge(current, body));
          return inScope(ctx, current.getString("county"), "county")
              .compose(c -> staffReferences(ctx, in))
              .compose(v -> write(tx -> versioned(tx.preparedQuery(UPDATE_STAFF)
                      .execute(staffTuple(in, Tuple.of(id, version))), current)
                  .compose(v2 -> replaceLeave(tx, id, in.leave()))
                  .compose(v2 -> readStaff(tx, id))
                  .compose(json -> event(tx, "staff.updated", staffFacts(json)).map(json))));
        })
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private void retireStaff(RoutingContext ctx) {
    long id = Params.pathLong(ctx, "id");
    Integer version = optionalVersion(ctx);
    write(tx -> readStaff(tx, id)
            .compose(current -> checkVersion(current, version)
                .compose(v -> unused(tx, "a.staff_id = $1", id, "membrul personalului", "staff member"))
                .compose(v -> tx.preparedQuery("UPDATE staff SET retired_at = now(), version = version + 1, "
                    + "updated_at = now() WHERE id = $1").execute(Tuple.of(id)))
                .compose(v -> readStaff(tx, id))
                .compose(json -> event(tx, "staff.retired", staffFacts(json)).map(json))))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private static Tuple staffTuple(OrganisationInput.Staff in, Tuple t) {
    return t.addValue(in.code()).addValue(in.firstName()).addValue(in.lastName()).addValue(in.role())
        .addValue(in.skills().toArray(String[]::new)).addValue(in.county()).addValue(in.centreId())
        .addValue(in.workCentreIds().toArray(Long[]::new)).addValue(in.caravanId()).addValue(in.weeklyAvailability())
        .addValue(in.phone());
  }

  /** The staff member's county is served and the caller's; their centres and caravan are in that county. */
  private Future<Void> staffReferences(RoutingContext ctx, OrganisationInput.Staff in) {
    return inScope(ctx, in.county(), "county").compose(county -> {
      List<Long> centres = new ArrayList<>(in.workCentreIds());
      if (in.centreId() != null) centres.add(in.centreId());
      Future<Void> centreCheck = pool.preparedQuery(CENTRE_COUNTIES).execute(Tuple.of(centres.toArray(Long[]::new)))
          .map(rows -> {
            Violations v = new Violations();
            java.util.Map<Long, String> found = new java.util.HashMap<>();
            for (Row r : rows) found.put(r.getLong("id"), r.getString("county"));
            if (in.centreId() != null && !county.equals(found.get(in.centreId()))) {
              v.add("centreId", "Centrul nu există sau nu este în județul " + county + ".",
                  "No such centre in county " + county + ".");
            }
            for (Long c : in.workCentreIds()) {
              if (!county.equals(found.get(c))) {
                v.add("workCentreIds", "Centrul " + c + " nu există sau nu este în județul " + county + ".",
                    "No centre " + c + " in county " + county + ".");
              }
            }
            v.check();
            return null;
          });
      return centreCheck.compose(v -> in.caravanId() == null ? Future.succeededFuture()
          : pool.preparedQuery(CARAVAN_COUNTY).execute(Tuple.of(in.caravanId())).compose(rows ->
              rows.size() == 1 && county.equals(rows.iterator().next().getString(0)) ? Future.<Void>succeededFuture()
                  : Future.failedFuture(ApiError.unprocessable("caravanId", "Caravana nu există sau nu este în județul "
                      + county + ".", "No such caravan in county " + county + "."))));
    });
  }

  private static Future<Void> replaceLeave(SqlClient tx, long staff, JsonArray leave) {
    List<Tuple> rows = new ArrayList<>();
    for (int i = 0; i < leave.size(); i++) {
      JsonObject p = leave.getJsonObject(i);
      rows.add(Tuple.of(staff, java.time.LocalDate.parse(p.getString("from")), java.time.LocalDate.parse(p.getString("to")),
          p.getString("reason")));
    }
    return tx.preparedQuery(DELETE_LEAVE).execute(Tuple.of(staff))
        .compose(r -> rows.isEmpty() ? Future.succeededFuture() : tx.preparedQuery(INSERT_LEAVE).executeBatch(rows).mapEmpty());
  }

  private static Future<JsonObject> readStaff(SqlClient db, long id) {
    // the writer's scope was checked at the gate and by the write itself: the read-back is unscoped (null county list)
    return one(db, OrganisationApi.STAFF_MEMBER, Tuple.of(id).addValue(null), OrganisationApi::staffMember, "membrul personalului",
        "staff member");
  }

  private static JsonObject staffFacts(JsonObject s) {
    return new JsonObject().put("id", s.getLong("id")).put("code", s.getString("code")).put("county", s.getString("county"))
        .put("role", s.getString("role")).put("skills", s.getJsonArray("skills")).put("centreId", s.getLong("centreId"))
        .put("workCentreIds", s.getJsonArray("workCentreIds")).put("caravanId", s.getLong("caravanId"))
        .put("version", s.getInteger("version")).put("retired", s.getBoolean("retired"));
  }

  // ---- caravans

  private void createCaravan(RoutingContext ctx) {
    var in = OrganisationInput.caravan(Requests.body(ctx));
    caravanReferences(ctx, in)
        .compose(v -> write(tx -> tx.preparedQuery(INSERT_CARAVAN).execute(caravanTuple(in, Tuple.tuple()))
            .map(rows -> rows.iterator().next().getLong(0))
            .compose(id -> readCaravan(tx, id))
            .compose(json -> event(tx, "caravan.created", caravanFacts(json)).map(json))))
        .onSuccess(json -> created(ctx, "/api/caravans/" + json.getLong("id"), json))
        .onFailure(ctx::fail);
  }

  private void updateCaravan(RoutingContext ctx) {
    long id = Params.pathLong(ctx, "id");
    JsonObject body = Requests.body(ctx);
    int version = versionOf(body);
    readCaravan(pool, id).compose(current -> {
          var in = OrganisationInput.caravan(merge(current, body));
          return inScope(ctx, current.getString("county"), "county")
              .compose(c -> caravanReferences(ctx, in))
              .compose(v -> write(tx -> versioned(tx.preparedQuery(UPDATE_CARAVAN)
                      .execute(caravanTuple(in, Tuple.of(id, version))), current)
                  .compose(v2 -> readCaravan(tx, id))
                  .compose(json -> event(tx, "caravan.updated", caravanFacts(json)).map(json))));
        })
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private void retireCaravan(RoutingContext ctx) {
    long id = Params.pathLong(ctx, "id");
    Integer version = optionalVersion(ctx);
    write(tx -> readCaravan(tx, id)
            .compose(current -> checkVersion(current, version)
                .compose(v -> unused(tx, "a.caravan_id = $1", id, "caravana", "caravan"))
                .compose(v -> tx.preparedQuery("UPDATE caravans SET retired_at = now(), version = version + 1, "
                    + "updated_at = now() WHERE id = $1").execute(Tuple.of(id)))
                .compose(v -> readCaravan(tx, id))
                .compose(json -> event(tx, "caravan.retired", caravanFacts(json)).map(json))))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private static Tuple caravanTuple(OrganisationInput.Caravan in, Tuple t) {
    return t.addValue(in.code()).addValue(in.name()).addValue(in.county()).addValue(in.depotSiruta())
        .addValue(in.crew().toArray(String[]::new)).addValue(in.consultationsPerDay()).addValue(in.shiftStart())
        .addValue(in.shiftEnd()).addValue(in.equipment().toArray(String[]::new))
        .addValue(in.outOfService().toArray(java.time.LocalDate[]::new));
  }

  private Future<Void> caravanReferences(RoutingContext ctx, OrganisationInput.Caravan in) {
    return inScope(ctx, in.county(), "county")
        .compose(county -> localityCounty(in.depotSiruta(), "depotSiruta").compose(depotCounty -> county.equals(depotCounty)
            ? Future.<Void>succeededFuture()
            : Future.failedFuture(ApiError.unprocessable("depotSiruta", "Baza caravanei este în alt județ (" + depotCounty + ").",
                "The caravan's depot is in another county (" + depotCounty + ")."))));
  }

  private static Future<JsonObject> readCaravan(SqlClient db, long id) {
    return one(db, OrganisationApi.CARAVAN, id, OrganisationApi::caravan, "caravana", "caravan");
  }

  private static JsonObject caravanFacts(JsonObject c) {
    return new JsonObject().put("id", c.getLong("id")).put("code", c.getString("code")).put("county", c.getString("county"))
        .put("depotSiruta", c.getInteger("depotSiruta")).put("consultationsPerDay", c.getInteger("consultationsPerDay"))
        .put("equipment", c.getJsonArray("equipment")).put("outOfService", c.getJsonArray("outOfService"))
        .put("version", c.getInteger("version")).put("retired", c.getBoolean("retired"));
  }

  // ---- shared steps

  private <T> Future<T> write(Function<SqlClient, Future<T>> work) {
    return Constraints.named(pool.withTransaction(work::apply));
  }

  private Future<String> localityCounty(int siruta, String field) {
    return pool.preparedQuery(LOCALITY_COUNTY).execute(Tuple.of(siruta)).compose(rows -> rows.size() == 0
        ? Future.failedFuture(ApiError.unprocessable(field, "Nu există o localitate cu acest cod SIRUTA.",
            "No locality with this SIRUTA code."))
        : Future.succeededFuture(rows.iterator().next().getString(0)));
  }

  /** The county must be one this installation serves (422) and one of the caller's (403). */
  private Future<String> inScope(RoutingContext ctx, String county, String field) {
    if (!Caller.of(ctx).mayAccessCounty(county)) {
      return Future.failedFuture(ApiError.forbidden("Nu aveți acces la județul " + county + ".",
          "You have no access to county " + county + "."));
    }
    if (!served.serves(county)) {
      return Future.failedFuture(ApiError.unprocessable(field, "Această instalare nu deservește județul " + county
          + " (setarea counties: " + served + ").", "This installation does not serve county " + county
          + " (setting counties: " + served + ")."));
    }
    return Future.succeededFuture(county);
  }

  private static int versionOf(JsonObject body) {
    return OrganisationInput.version(body);
  }

  private static Integer optionalVersion(RoutingContext ctx) {
    JsonObject body = ctx.body() == null || ctx.body().length() == 0 ? new JsonObject() : Requests.body(ctx);
    return body.getValue("version") == null ? null : OrganisationInput.version(body);
  }

  /** The record as it is, with the fields the request names replaced ({@code version} excluded). */
  private static JsonObject merge(JsonObject current, JsonObject patch) {
    JsonObject merged = current.copy();
    patch.forEach(e -> {
      if (!e.getKey().equals("version")) merged.put(e.getKey(), e.getValue());
    });
    return merged;
  }

  /** An UPDATE guarded by the version: no row means someone else wrote first (409 with the current version). */
  private static Future<Void> versioned(Future<io.vertx.sqlclient.RowSet<Row>> update, JsonObject current) {
    return update.compose(rows -> rows.rowCount() == 1 ? Future.<Void>succeededFuture()
        : Future.failedFuture(Boolean.TRUE.equals(current.getBoolean("retired")) ? retired("înregistrarea", "record")
            : OrganisationInput.stale(current.getInteger("version"))));
  }

  private static Future<Void> checkVersion(JsonObject current, Integer version) {
    if (Boolean.TRUE.equals(current.getBoolean("retired"))) return Future.failedFuture(retired("înregistrarea", "record"));
    if (version != null && version != current.getInteger("version").intValue()) {
      return Future.failedFuture(OrganisationInput.stale(current.getInteger("version")));
    }
    return Future.succeededFuture();
  }

  private static ApiError retired(String whatRo, String whatEn) {
    return ApiError.conflict("id", "Înregistrarea (" + whatRo + ") a fost retrasă.", "The " + whatEn + " has been retired.");
  }

  /** Refuses (409) when booked future appointments use the record, listing them (ids and times, no names). */
  private static Future<Void> unused(SqlClient tx, String condition, long id, String whatRo, String whatEn) {
    return tx.preparedQuery(FUTURE_USES.formatted(condition)).execute(Tuple.of(id)).compose(rows -> {
      if (rows.size() == 0) return Future.succeededFuture();
      JsonArray list = new JsonArray();
      long total = 0;
      for (Row r : rows) {
        total = r.getLong("total");
        list.add(new JsonObject().put("id", Rows.uuid(r, "id")).put("startsAt", Rows.instant(r, "starts_at"))
            .put("service", r.getString("service")).put("modality", r.getString("modality")));
      }
      return Future.failedFuture(ApiError.conflict("id", "Nu se poate retrage " + whatRo + ": " + total
              + " programări viitoare o folosesc. Mutați-le sau replanificați săptămâna întâi.",
          "The " + whatEn + " cannot be retired: " + total + " future appointments use it. Move them or re-plan the "
              + "week first.").withDetails(new JsonObject().put("appointments", list).put("appointmentsTotal", total)));
    });
  }

  private static Future<JsonObject> one(SqlClient db, String sql, long id, Function<Row, JsonObject> json, String whatRo,
      String whatEn) {
    return one(db, sql, Tuple.of(id), json, whatRo, whatEn);
  }

  private static Future<JsonObject> one(SqlClient db, String sql, Tuple args, Function<Row, JsonObject> json, String whatRo,
      String whatEn) {
    return db.preparedQuery(sql).execute(args).compose(rows -> rows.size() == 0
        ? Future.failedFuture(ApiError.notFound("id", "Nu există " + whatRo + " cu acest identificator.", "No such " + whatEn + "."))
        : Future.succeededFuture(json.apply(rows.iterator().next())));
  }

  private static Future<Void> event(SqlClient tx, String type, JsonObject facts) {
    return Outbox.append(tx, OutboxEvent.of(EventType.of(type).orElseThrow(), facts.getString("county"), facts)).mapEmpty();
  }

  private static void created(RoutingContext ctx, String location, JsonObject json) {
    ctx.response().putHeader("Location", location);
    Responses.json(ctx, 201, json);
  }
}
