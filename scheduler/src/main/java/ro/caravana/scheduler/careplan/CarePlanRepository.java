package ro.caravana.scheduler.careplan;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.access.Scope;
import ro.caravana.scheduler.common.Constraints;
import ro.caravana.scheduler.common.Page;
import ro.caravana.scheduler.common.Rows;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.outbox.EventType;
import ro.caravana.scheduler.platform.outbox.Outbox;
import ro.caravana.scheduler.platform.outbox.OutboxEvent;

/** Care plans in PostgreSQL; events keyed by beneficiary so each person's changes stay in order. */
public final class CarePlanRepository {

  public record Filter(UUID beneficiary, String county, String service, String modality) {}

  private static final String VIEW = """
      SELECT p.id, p.beneficiary_id, b.first_name, b.last_name, l.county, p.service, p.sessions_per_week,
        p.interval_weeks, p.minutes, p.modality, p.centre_id, c.code AS centre_code, p.valid_from, p.valid_to,
        p.preferred_days, p.preferred_from, p.preferred_to, p.version, p.created_at, p.updated_at
      FROM care_plans p
        JOIN beneficiaries b ON b.id = p.beneficiary_id
        JOIN localities l ON l.siruta = b.locality_siruta
        LEFT JOIN community_centres c ON c.id = p.centre_id""";
  private static final String FILTER = "\n" + """
       WHERE ($1::uuid IS NULL OR p.beneficiary_id = $1)
         AND ($2::text IS NULL OR l.county = $2)
         AND ($3::text IS NULL OR p.service = $3)
         AND ($4::text IS NULL OR p.modality = $4)""" + Scope.beneficiaryFilter(5);
  static final String LIST = VIEW + FILTER + " ORDER BY p.beneficiary_id, p.service, p.id LIMIT $8 OFFSET $9";
  static final String COUNT = """
      SELECT count(*) FROM care_plans p
        JOIN beneficiaries b ON b.id = p.beneficiary_id
        JOIN localities l ON l.siruta = b.locality_siruta""" + FILTER;
  static final String BY_ID = VIEW + " WHERE p.id = $1";
  /** By id within the caller's scope: a mistake of the gate still reads as 404, not data. */
  static final String BY_ID_IN_SCOPE = BY_ID + Scope.beneficiaryFilter(2);
  static final String BENEFICIARY_IN_SCOPE = "SELECT 1 FROM beneficiaries b JOIN localities l ON l.siruta = b.locality_siruta"
      + " WHERE b.id = $1" + Scope.beneficiaryFilter(2);
  static final String LOCK = "SELECT version, beneficiary_id FROM care_plans WHERE id = $1 FOR UPDATE";
  static final String INSERT = """
      INSERT INTO care_plans (id, beneficiary_id, service, sessions_per_week, interval_weeks, minutes, modality,
        centre_id, valid_from, valid_to, preferred_days, preferred_from, preferred_to)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)""";
  static final String UPDATE = """
      UPDATE care_plans SET beneficiary_id = $2, service = $3, sessions_per_week = $4, interval_weeks = $5,
        minutes = $6, modality = $7, centre_id = $8, valid_from = $9, valid_to = $10, preferred_days = $11,
        preferred_from = $12, preferred_to = $13, version = version + 1, updated_at = now()
      WHERE id = $1""";
  static final String DELETE = "DELETE FROM care_plans WHERE id = $1";

  private final Pool pool;

  public CarePlanRepository(Pool pool) {
    this.pool = pool;
  }

  /** The page of care plans matching the filter within the caller's scope. */
  public Future<Page> list(Filter f, Caller caller, int limit, int offset) {
    Tuple filter = Scope.args(Tuple.of(f.beneficiary(), f.county(), f.service(), f.modality()), caller);
    Tuple page = Scope.args(Tuple.of(f.beneficiary(), f.county(), f.service(), f.modality()), caller)
        .addValue(limit).addValue(offset);
    return Page.query(pool, LIST, page, COUNT, filter, CarePlanRepository::json);
  }

  /** 404 when the beneficiary itself does not exist (for the nested list). */
  public Future<Void> requireBeneficiary(UUID id, Caller caller) {
    return pool.preparedQuery(BENEFICIARY_IN_SCOPE).execute(Scope.args(Tuple.of(id), caller)).compose(rows -> rows.size() == 0
        ? Future.failedFuture(ApiError.notFound("id", "Nu există un beneficiar cu acest identificator.",
            "No beneficiary with this id."))
        : Future.succeededFuture());
  }

  /** The care plan if the caller may see its beneficiary, else 404. */
  public Future<JsonObject> find(UUID id, Caller caller) {
    return findInScope(pool, id, caller);
  }

  static Future<JsonObject> findInScope(SqlClient client, UUID id, Caller caller) {
    return client.preparedQuery(BY_ID_IN_SCOPE).execute(Scope.args(Tuple.of(id), caller)).compose(rows -> rows.size() == 0
        ? Future.failedFuture(notFound())
        : Future.succeededFuture(json(rows.iterator().next())));
  }

  public Future<JsonObject> create(CarePlanInput in) {
    UUID id = UUID.randomUUID();
    return Constraints.named(pool.withTransaction(tx -> tx.preparedQuery(INSERT).execute(in.tuple(id))
        .compose(r -> find(tx, id))
        .compose(json -> event(tx, "careplan.created", json).map(json))));
  }

  public Future<JsonObject> update(UUID id, CarePlanInput in, Caller caller) {
    return Constraints.named(pool.withTransaction(tx -> findInScope(tx, id, caller)
        .compose(visible -> tx.preparedQuery(LOCK).execute(Tuple.of(id)))
        .compose(rows -> {
          if (rows.size() == 0) return Future.failedFuture(notFound());
          int current = rows.iterator().next().getInteger("version");
          if (in.version() != null && in.version() != current) {
            return Future.failedFuture(ApiError.conflict("version",
                "Planul a fost modificat între timp (versiunea curentă " + current + ").",
                "The care plan was changed meanwhile (current version " + current + ")."));
          }
          return tx.preparedQuery(UPDATE).execute(in.tuple(id));
        })
        .compose(r -> find(tx, id))
        .compose(json -> event(tx, "careplan.updated", json).map(json))));
  }

  public Future<Void> delete(UUID id, Caller caller) {
    return pool.withTransaction(tx -> findInScope(tx, id, caller)
        .compose(json -> tx.preparedQuery(DELETE).execute(Tuple.of(id))
            .compose(r -> event(tx, "careplan.deleted", new JsonObject().put("id", id.toString())
                .put("beneficiaryId", json.getString("beneficiaryId")).put("county", json.getString("county"))))));
  }

  static Future<JsonObject> find(SqlClient client, UUID id) {
    return client.preparedQuery(BY_ID).execute(Tuple.of(id)).compose(rows -> rows.size() == 0
        ? Future.failedFuture(notFound())
        : Future.succeededFuture(json(rows.iterator().next())));
  }

  private static Future<Void> event(SqlClient tx, String type, JsonObject payload) {
    return Outbox.append(tx, OutboxEvent.of(EventType.of(type).orElseThrow(), payload.getString("beneficiaryId"), payload))
        .mapEmpty();
  }

  static ApiError notFound() {
    return ApiError.notFound("id", "Nu există un plan de îngrijire cu acest identificator.", "No care plan with this id.");
  }

  static JsonObject json(Row r) {
    return new JsonObject()
        .put("id", Rows.uuid(r, "id"))
        .put("beneficiaryId", Rows.uuid(r, "beneficiary_id"))
        .put("beneficiaryName", r.getString("first_name") + " " + r.getString("last_name"))
        .put("county", r.getString("county"))
        .put("service", r.getString("service"))
        .put("sessionsPerWeek", r.getInteger("sessions_per_week"))
        .put("intervalWeeks", r.getInteger("interval_weeks"))
        .put("minutes", r.getInteger("minutes"))
        .put("modality", r.getString("modality"))
        .put("centreId", r.getLong("centre_id"))
        .put("centreCode", r.getString("centre_code"))
        .put("validFrom", Rows.date(r, "valid_from"))
        .put("validTo", Rows.date(r, "valid_to"))
        .put("preferredDays", Rows.texts(r, "preferred_days"))
        .put("preferredFrom", Rows.time(r, "preferred_from"))
        .put("preferredTo", Rows.time(r, "preferred_to"))
        .put("version", r.getInteger("version"))
        .put("createdAt", Rows.instant(r, "created_at"))
        .put("updatedAt", Rows.instant(r, "updated_at"));
  }
}
