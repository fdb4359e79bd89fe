package ro.caravana.scheduler.planning;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ro.caravana.scheduler.access.Scope;
import ro.caravana.scheduler.platform.http.ApiError;

/** Plans, their items and stops in PostgreSQL. */
public final class PlanRepository {

  private static final String INSERT = "INSERT INTO plans (id, county, week, kinds, seconds_limit, base_plan_id, disruption, "
      + "requested_by, request_id, owner, heartbeat_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())";
  private static final String SELECT = "SELECT id, county, week, kinds, seconds_limit, status, base_plan_id, disruption, score, counts, "
      + "reasons, error, created_at, started_at, finished_at, published_at FROM plans WHERE id = $1";
  private static final String LIST = "SELECT id, county, week, kinds, seconds_limit, status, base_plan_id, disruption, score, counts, "
      + "reasons, error, created_at, started_at, finished_at, published_at FROM plans "
      + "WHERE ($1::text IS NULL OR county = $1) AND ($2::text IS NULL OR week = $2)" + Scope.countyFilter("county", 3)
      + " ORDER BY created_at DESC LIMIT $4 OFFSET $5";
  private static final String COUNT = "SELECT count(*) FROM plans WHERE ($1::text IS NULL OR county = $1) AND ($2::text IS NULL OR week = $2)"
      + Scope.countyFilter("county", 3);
  /** Starts a queued job this instance holds (another instance may have taken it meanwhile: then no row). */
  private static final String START = "UPDATE plans SET status = 'solving', started_at = now(), owner = $2, heartbeat_at = now() "
      + "WHERE id = $1 AND status = 'queued' AND (owner = $2 OR owner IS NULL)";
  /**
   * Takes over the oldest job another instance queued from the plan-requests topic and has not started (its
   * threads are busy). Requests made through this instance's API stay with it: their progress stream and stop
   * button live there.
   */
  private static final String CLAIM = "UPDATE plans SET owner = $1, heartbeat_at = now() WHERE id = ("
      + "SELECT id FROM plans WHERE status = 'queued' AND owner IS DISTINCT FROM $1 AND requested_by LIKE 'kafka:%' "
      + "ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id";
  private static final String HEARTBEAT = "UPDATE plans SET heartbeat_at = now() WHERE owner = $1 AND status IN ('queued', 'solving')";
  private static final String SOLVED = "UPDATE plans SET status = 'solved', finished_at = now(), score = $2, counts = $3, reasons = $4 "
      + "WHERE id = $1";
  private static final String FAIL = "UPDATE plans SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1 "
      + "AND status IN ('queued', 'solving')";
  private static final String RECOVER = "UPDATE plans SET status = 'failed', finished_at = now(), "
      + "error = 'Oprit de o repornire a serviciului; porniți din nou planificarea. / Stopped by a service restart; start the plan again.' "
      + "WHERE status IN ('queued', 'solving') AND owner IS DISTINCT FROM $1 "
      + "AND (heartbeat_at IS NULL OR heartbeat_at < now() - make_interval(secs => $2))";
  private static final String COUNTY_EXISTS = "SELECT 1 FROM counties WHERE code = $1";
  private static final String INSERT_ITEM = "INSERT INTO plan_items (plan_id, item_key, beneficiary_id, care_plan_id, service, modality, "
      + "starts_at, ends_at, staff_id, centre_id, room_id, caravan_id, stop_siruta, reason) "
      + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";
  private static final String INSERT_STOP = "INSERT INTO plan_stops (plan_id, caravan_id, day, position, stop_siruta, arrives_at, departs_at) "
      + "VALUES ($1, $2, $3, $4, $5, $6, $7)";
  private static final String ITEMS = "SELECT item_key, beneficiary_id, care_plan_id, service, modality, starts_at, ends_at, staff_id, "
      + "centre_id, room_id, caravan_id, stop_siruta, reason FROM plan_items WHERE plan_id = $1 ORDER BY starts_at NULLS LAST, item_key";

  /** A timetable-only re-plan keeps the caravan stops of the plan it re-plans (their consultations are kept too). */
  private static final String BASE_STOPS = "INSERT INTO plan_stops (plan_id, caravan_id, day, position, stop_siruta, arrives_at, "
      + "departs_at) SELECT p.id, s.caravan_id, s.day, s.position, s.stop_siruta, s.arrives_at, s.departs_at FROM plans p "
      + "JOIN plan_stops s ON s.plan_id = p.base_plan_id WHERE p.id = $1 AND NOT ('routes' = ANY (p.kinds))";
  /** A re-solve around manual edits keeps the sessions pinned by the coordinator pinned in its own draft. */
  private static final String KEEP_PINS = "UPDATE plan_items i SET pinned = true FROM plans p WHERE p.id = $1 AND i.plan_id = p.id "
      + "AND p.disruption ->> 'type' = '" + PlanEdits.RESOLVE + "' "
      + "AND split_part(i.item_key, '/', 1) IN (SELECT jsonb_array_elements_text(p.disruption -> 'pinned'))";

  private final Pool pool;
  /** This process, as the holder of the jobs it queued or is solving (pid for the operator, random for uniqueness). */
  private final String owner = ProcessHandle.current().pid() + "-" + UUID.randomUUID();

  /**
   * The process id in a plan's holder as this class writes it ({@code pid-uuid}); empty for any other text
   * (ASCII digits only: the column is data, and {@code Long.parseLong} would also read other scripts' digits).
   */
  public static java.util.OptionalLong ownerPid(String owner) {
    int dash = owner == null ? -1 : owner.indexOf('-');
    if (dash <= 0 || dash > 18) return java.util.OptionalLong.empty();
    for (int i = 0; i < dash; i++) {
      if (owner.charAt(i) < '0' || owner.charAt(i) > '9') return java.util.OptionalLong.empty();
    }
    return java.util.OptionalLong.of(Long.parseLong(owner.substring(0, dash)));
  }

  public PlanRepository(Pool pool) {
    this.pool = pool;
  }

  public String owner() {
    return owner;
  }

  public Pool pool() {
    return pool;
  }

  public Future<UUID> insert(PlanRequest request, UUID basePlan, Disruption disruption, String requestedBy) {
    return insert(request, basePlan, disruption, requestedBy, null);
  }

  /** With a request id, a repeated request fails with {@link DuplicateRequest}. */
  public Future<UUID> insert(PlanRequest request, UUID basePlan, Disruption disruption, String requestedBy, UUID requestId) {
    UUID id = UUID.randomUUID();
    return pool.preparedQuery(COUNTY_EXISTS).execute(Tuple.of(request.county())).compose(rows -> {
      if (rows.size() == 0) {
        throw ApiError.unprocessable("county", "Județul " + request.county() + " nu există.", "No county " + request.county() + ".");
      }
      Tuple t = Tuple.tuple().addUUID(id).addString(request.county()).addString(request.week())
          .addArrayOfString(request.kinds().toArray(new String[0])).addInteger(request.secondsLimit())
          .addUUID(basePlan).addValue(disruption == null ? null : disruption.toJson()).addString(requestedBy).addUUID(requestId).addString(owner);
      return pool.preparedQuery(INSERT).execute(t)
          .recover(e -> Future.failedFuture(isDuplicateRequest(e) ? new DuplicateRequest(requestId) : isActiveConflict(e)
              ? ApiError.conflict("week", "Pentru " + request.county() + " " + request.week()
                  + " o planificare este deja în lucru; așteptați-o sau opriți-o.",
                  "A plan for " + request.county() + " " + request.week() + " is already running; wait for it or stop it.")
              : e));
    }).map(id);
  }

  /** The same plan request was seen before. */
  public static final class DuplicateRequest extends RuntimeException {
    public DuplicateRequest(UUID requestId) {
      super("plan request " + requestId + " already accepted", null, false, false);
    }
  }

  private static boolean isDuplicateRequest(Throwable e) {
    return e instanceof io.vertx.pgclient.PgException pg && "plans_request_id_key".equals(pg.getConstraint());
  }

  private static boolean isActiveConflict(Throwable e) {
    return e instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState());
  }

  /** The plan if it is in one of {@code counties} (null: every county): the caller's scope, in SQL. */
  public Future<Optional<JsonObject>> find(UUID id, String[] counties) {
    return pool.preparedQuery(SELECT + Scope.countyFilter("county", 2)).execute(Tuple.tuple().addValue(id).addValue(counties))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toJson(rows.iterator().next())));
  }

  public Future<Optional<JsonObject>> find(UUID id) {
    return pool.preparedQuery(SELECT).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toJson(rows.iterator().next())));
  }

  /** Plans, newest first; {@code counties} is the caller's scope (null: every county). */
  public Future<JsonObject> list(String county, String week, String[] counties, int limit, int offset) {
    Future<JsonArray> items = pool.preparedQuery(LIST).execute(Tuple.of(county, week, counties, limit, offset)).map(rows -> {
      JsonArray a = new JsonArray();
      rows.forEach(r -> a.add(toJson(r)));
      return a;
    });
    Future<Long> total = pool.preparedQuery(COUNT).execute(Tuple.of(county, week, counties)).map(r -> r.iterator().next().getLong(0));
    return Future.all(items, total).map(v -> new JsonObject().put("items", items.result()).put("total", total.result()));
  }

  /** The id of a queued plan-request job taken over from another instance, or empty when none waits. */
  public Future<java.util.Optional<UUID>> claimQueued() {
    return pool.preparedQuery(CLAIM).execute(Tuple.of(owner)).map(rows -> rows.size() == 0
        ? java.util.Optional.<UUID>empty() : java.util.Optional.of(rows.iterator().next().getUUID(0)));
  }

  public Future<Boolean> markSolving(UUID id) {
    return pool.preparedQuery(START).execute(Tuple.of(id, owner)).map(r -> r.rowCount() == 1);
  }

  public Future<Void> markFailed(UUID id, String error) {
    return pool.preparedQuery(FAIL).execute(Tuple.of(id, error)).mapEmpty();
  }

  /** This instance is alive: its queued and solving jobs keep their lease. */
  public Future<Integer> heartbeat() {
    return pool.preparedQuery(HEARTBEAT).execute(Tuple.of(owner)).map(r -> r.rowCount());
  }

  /**
   * Marks failed the queued and solving jobs of other instances silent for longer than the lease
   * (a restart, a crash, a kill), and those without a holder (left by a version before leases).
   */
  public Future<Integer> recoverAbandoned(long leaseSeconds) {
    return pool.preparedQuery(RECOVER).execute(Tuple.of(owner, (double) leaseSeconds)).map(r -> r.rowCount());
  }

  /** Stores the outcome and marks the plan solved, in one transaction. */
  public Future<Void> saveOutcome(UUID id, PlanOutcome outcome) {
    JsonArray reasons = new JsonArray();
    outcome.reasons().forEach(r -> reasons.add(r.toJson()));
    return pool.withTransaction(tx -> insertItems(tx, id, outcome.items())
        .compose(v -> insertStops(tx, id, outcome.stops()))
        .compose(v -> outcome.stops().isEmpty() ? tx.preparedQuery(BASE_STOPS).execute(Tuple.of(id)).mapEmpty()
            : Future.succeededFuture())
        .compose(v -> tx.preparedQuery(KEEP_PINS).execute(Tuple.of(id)))
        .compose(v -> tx.preparedQuery(SOLVED).execute(Tuple.of(id, outcome.score(), outcome.counts(), reasons)))
        .mapEmpty());
  }

  private static Future<Void> insertItems(SqlClient tx, UUID id, List<PlanOutcome.Item> items) {
    if (items.isEmpty()) return Future.succeededFuture();
    List<Tuple> batch = new ArrayList<>(items.size());
    for (PlanOutcome.Item i : items) {
      batch.add(Tuple.tuple().addUUID(id).addString(i.itemKey()).addUUID(i.beneficiaryId()).addUUID(i.carePlanId())
          .addString(i.service()).addString(i.modality()).addOffsetDateTime(i.startsAt()).addOffsetDateTime(i.endsAt())
          .addLong(i.staffId()).addLong(i.centreId()).addLong(i.roomId()).addLong(i.caravanId()).addInteger(i.stopSiruta())
          .addValue(i.reason() == null ? null : i.reason().toJson()));
    }
    return tx.preparedQuery(INSERT_ITEM).executeBatch(batch).mapEmpty();
  }

  private static Future<Void> insertStops(SqlClient tx, UUID id, List<PlanOutcome.Stop> stops) {
    if (stops.isEmpty()) return Future.succeededFuture();
    List<Tuple> batch = stops.stream().map(s -> Tuple.of(id, s.caravanId(), s.day(), s.position(), s.siruta(),
        s.arrivesAt(), s.departsAt())).toList();
    return tx.preparedQuery(INSERT_STOP).executeBatch(batch).mapEmpty();
  }

  private static final String STOPS = "SELECT caravan_id, day, position, stop_siruta, arrives_at, departs_at FROM plan_stops "
      + "WHERE plan_id = $1 ORDER BY day, caravan_id, position";

  /** The caravan stops of a plan, by day, caravan and visiting order. */
  public Future<List<PlanOutcome.Stop>> stops(UUID planId) {
    return pool.preparedQuery(STOPS).execute(Tuple.of(planId)).map(rows -> {
      List<PlanOutcome.Stop> out = new ArrayList<>(rows.size());
      rows.forEach(r -> out.add(new PlanOutcome.Stop(r.getLong("caravan_id"), r.getLocalDate("day"), r.getInteger("position"),
          r.getInteger("stop_siruta"), r.getOffsetDateTime("arrives_at"), r.getOffsetDateTime("departs_at"))));
      return out;
    });
  }

  public Future<List<PlanOutcome.Item>> items(SqlClient client, UUID planId) {
    return client.preparedQuery(ITEMS).execute(Tuple.of(planId)).map(rows -> {
      List<PlanOutcome.Item> out = new ArrayList<>(rows.size());
      rows.forEach(r -> out.add(item(r)));
      return out;
    });
  }

  static PlanOutcome.Item item(Row r) {
    JsonObject reason = r.getJsonObject("reason");
    return new PlanOutcome.Item(r.getString("item_key"), r.getUUID("beneficiary_id"), r.getUUID("care_plan_id"),
        r.getString("service"), r.getString("modality"), r.getOffsetDateTime("starts_at"), r.getOffsetDateTime("ends_at"),
        r.getLong("staff_id"), r.getLong("centre_id"), r.getLong("room_id"), r.getLong("caravan_id"),
        r.getInteger("stop_siruta"),
        reason == null ? null : new PlanOutcome.Reason(r.getString("item_key"), reason.getString("ro"), reason.getString("en")));
  }

  static JsonObject toJson(Row r) {
    JsonObject j = new JsonObject()
        .put("id", r.getUUID("id").toString())
        .put("county", r.getString("county"))
        .put("week", r.getString("week"))
        .put("kinds", new JsonArray(List.of(r.getArrayOfStrings("kinds"))))
        .put("secondsLimit", r.getInteger("seconds_limit"))
        .put("status", r.getString("status"))
        .put("score", r.getJsonObject("score"))
        .put("counts", r.getJsonObject("counts"))
        .put("reasons", r.getJsonArray("reasons") == null ? new JsonArray() : r.getJsonArray("reasons"))
        .put("createdAt", iso(r.getOffsetDateTime("created_at")))
        .put("startedAt", iso(r.getOffsetDateTime("started_at")))
        .put("finishedAt", iso(r.getOffsetDateTime("finished_at")))
        .put("publishedAt", iso(r.getOffsetDateTime("published_at")));
    if (r.getUUID("base_plan_id") != null) j.put("basePlanId", r.getUUID("base_plan_id").toString());
    Disruption disruption = Disruption.stored(r.getJsonObject("disruption"));
    if (disruption != null) j.put("disruption", disruption.toJson());
    if (r.getString("error") != null) j.put("error", r.getString("error"));
    return j;
  }

  static String iso(OffsetDateTime t) {
    return t == null ? null : t.atZoneSameInstant(java.time.ZoneId.of("Europe/Bucharest")).toOffsetDateTime().toString();
  }
}
