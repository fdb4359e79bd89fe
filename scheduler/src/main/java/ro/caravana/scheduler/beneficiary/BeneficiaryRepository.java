package ro.caravana.scheduler.beneficiary;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
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

/** Beneficiaries in PostgreSQL; every change writes its event to the outbox in the same transaction. */
public final class BeneficiaryRepository {

  /** List filters; null means "any". */
  public record Filter(String county, Integer locality, String centre, String category, String q) {}

  private static final String VIEW = """
      SELECT b.id, b.first_name, b.last_name, b.cnp, b.birth_date, b.sex, b.locality_siruta, l.name AS locality_name,
        l.county, b.household_id, b.centre_id, c.code AS centre_code, b.category, b.flags, b.guardian_name, b.phone,
        b.sms_consent, b.sms_consent_date, b.data_consent, b.data_consent_date, b.preferred_language, b.version,
        b.created_at, b.updated_at
      FROM beneficiaries b
        JOIN localities l ON l.siruta = b.locality_siruta
        LEFT JOIN community_centres c ON c.id = b.centre_id""";
  private static final String FILTER = "\n" + """
       WHERE ($1::text IS NULL OR l.county = $1)
         AND ($2::int IS NULL OR b.locality_siruta = $2)
         AND ($3::text IS NULL OR c.code = $3 OR c.id::text = $3)
         AND ($4::text IS NULL OR b.category = $4)
         AND ($5::text IS NULL OR b.cnp = $5
                               OR translate(lower(b.last_name || ' ' || b.first_name), 'ăâîșşțţ', 'aaisstt')
                                  LIKE '%' || translate(lower($5), 'ăâîșşțţ', 'aaisstt') || '%')"""
      + Scope.beneficiaryFilter(6);
  static final String LIST = VIEW + FILTER + " ORDER BY b.last_name, b.first_name, b.id LIMIT $9 OFFSET $10";
  static final String COUNT = """
      SELECT count(*) FROM beneficiaries b
        JOIN localities l ON l.siruta = b.locality_siruta
        LEFT JOIN community_centres c ON c.id = b.centre_id""" + FILTER;
  static final String BY_ID = VIEW + " WHERE b.id = $1";
  /** By id within the caller's scope: a mistake of the gate still reads as 404, not data. */
  static final String BY_ID_IN_SCOPE = BY_ID + Scope.beneficiaryFilter(2);
  static final String BY_ID_FOR_UPDATE = "SELECT version, sms_consent, data_consent FROM beneficiaries WHERE id = $1 FOR UPDATE";
  /** A consent changed by editing the record is kept in the consent history, as one given through the consent route. */
  static final String CONSENT_EVENT = "INSERT INTO consent_events (beneficiary_id, kind, granted, account_id) VALUES ($1, $2, $3, $4)";
  static final String INSERT = """
      INSERT INTO beneficiaries (id, first_name, last_name, cnp, birth_date, sex, locality_siruta, household_id,
        centre_id, category, flags, guardian_name, phone, sms_consent, sms_consent_date, data_consent,
        data_consent_date, preferred_language)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)""";
  static final String UPDATE = """
      UPDATE beneficiaries SET first_name = $2, last_name = $3, cnp = $4, birth_date = $5, sex = $6,
        locality_siruta = $7, household_id = $8, centre_id = $9, category = $10, flags = $11, guardian_name = $12,
        phone = $13, sms_consent = $14, sms_consent_date = $15, data_consent = $16, data_consent_date = $17,
        preferred_language = $18, version = version + 1, updated_at = now()
      WHERE id = $1""";
  static final String DELETE = "DELETE FROM beneficiaries WHERE id = $1";

  private final Pool pool;

  public BeneficiaryRepository(Pool pool) {
    this.pool = pool;
  }

  /** The page of beneficiaries matching the filter within the caller's scope (counties, centre, own people). */
  public Future<Page> list(Filter f, Caller caller, int limit, int offset) {
    Tuple filter = Scope.args(Tuple.of(f.county(), f.locality(), f.centre(), f.category(), f.q()), caller);
    Tuple page = Scope.args(Tuple.of(f.county(), f.locality(), f.centre(), f.category(), f.q()), caller)
        .addValue(limit).addValue(offset);
    return Page.query(pool, LIST, page, COUNT, filter, BeneficiaryRepository::json);
  }

  /** The beneficiary if the caller may see them, else 404. */
  public Future<JsonObject> find(UUID id, Caller caller) {
    return findInScope(pool, id, caller);
  }

  static Future<JsonObject> findInScope(SqlClient client, UUID id, Caller caller) {
    return client.preparedQuery(BY_ID_IN_SCOPE).execute(Scope.args(Tuple.of(id), caller)).compose(rows -> rows.size() == 0
        ? Future.failedFuture(notFound())
        : Future.succeededFuture(json(rows.iterator().next())));
  }

  public Future<JsonObject> create(BeneficiaryInput in) {
    UUID id = UUID.randomUUID();
    return Constraints.named(pool.withTransaction(tx -> tx.preparedQuery(INSERT).execute(in.tuple(id))
        .compose(r -> find(tx, id))
        .compose(json -> event(tx, "beneficiary.created", facts(json)).map(json))));
  }

  /** Replaces a beneficiary; with a version in the input, refuses (409) when someone changed it meanwhile. */
  public Future<JsonObject> update(UUID id, BeneficiaryInput in, Caller caller) {
    return Constraints.named(pool.withTransaction(tx -> findInScope(tx, id, caller)
        .compose(visible -> tx.preparedQuery(BY_ID_FOR_UPDATE).execute(Tuple.of(id)))
        .compose(rows -> {
          if (rows.size() == 0) return Future.failedFuture(notFound());
          var row = rows.iterator().next();
          int current = row.getInteger("version");
          if (in.version() != null && in.version() != current) {
            return Future.failedFuture(ApiError.conflict("version",
                "Beneficiarul a fost modificat între timp (versiunea curentă " + current + ").",
                "The beneficiary was changed meanwhile (current version " + current + ")."));
          }
          List<Tuple> consents = new java.util.ArrayList<>();
          if (!Boolean.valueOf(in.smsConsent()).equals(row.getBoolean("sms_consent"))) {
            consents.add(Tuple.of(id, "sms", in.smsConsent(), caller.accountId()));
          }
          if (!Boolean.valueOf(in.dataConsent()).equals(row.getBoolean("data_consent"))) {
            consents.add(Tuple.of(id, "data", in.dataConsent(), caller.accountId()));
          }
          return tx.preparedQuery(UPDATE).execute(in.tuple(id)).compose(r -> consents.isEmpty() ? Future.succeededFuture()
              : tx.preparedQuery(CONSENT_EVENT).executeBatch(consents).mapEmpty());
        })
        .compose(r -> find(tx, id))
        .compose(json -> event(tx, "beneficiary.updated", facts(json)).map(json))));
  }

  public Future<Void> delete(UUID id, Caller caller) {
    return pool.withTransaction(tx -> findInScope(tx, id, caller)
        .compose(json -> tx.preparedQuery(DELETE).execute(Tuple.of(id))
            .compose(r -> event(tx, "beneficiary.deleted", new JsonObject().put("id", id.toString())
                .put("county", json.getString("county"))))));
  }

  static Future<JsonObject> find(SqlClient client, UUID id) {
    return client.preparedQuery(BY_ID).execute(Tuple.of(id)).compose(rows -> rows.size() == 0
        ? Future.failedFuture(notFound())
        : Future.succeededFuture(json(rows.iterator().next())));
  }

  private static Future<Void> event(SqlClient tx, String type, JsonObject payload) {
    return Outbox.append(tx, OutboxEvent.of(EventType.of(type).orElseThrow(), payload.getString("county"), payload))
        .mapEmpty();
  }

  /**
   * What {@code beneficiary.created|updated} tell consumers: ids and the facts planning and reporting use, never
   * a name, CNP, phone, birth date, sex or household (docs/events.md).
   */
  static JsonObject facts(JsonObject record) {
    JsonObject out = new JsonObject();
    for (String key : java.util.List.of("id", "county", "localitySiruta", "centreId", "category", "flags", "smsConsent",
        "dataConsent", "preferredLanguage", "version")) {
      out.put(key, record.getValue(key));
    }
    return out;
  }

  static ApiError notFound() {
    return ApiError.notFound("id", "Nu există un beneficiar cu acest identificator.", "No beneficiary with this id.");
  }

  static JsonObject json(Row r) {
    return new JsonObject()
        .put("id", Rows.uuid(r, "id"))
        .put("firstName", r.getString("first_name"))
        .put("lastName", r.getString("last_name"))
        .put("cnp", r.getString("cnp"))
        .put("birthDate", Rows.date(r, "birth_date"))
        .put("sex", r.getString("sex"))
        .put("localitySiruta", r.getInteger("locality_siruta"))
        .put("localityName", r.getString("locality_name"))
        .put("county", r.getString("county"))
        .put("householdId", Rows.uuid(r, "household_id"))
        .put("centreId", r.getLong("centre_id"))
        .put("centreCode", r.getString("centre_code"))
        .put("category", r.getString("category"))
        .put("flags", Rows.texts(r, "flags"))
        .put("guardianName", r.getString("guardian_name"))
        .put("phone", r.getString("phone"))
        .put("smsConsent", r.getBoolean("sms_consent"))
        .put("smsConsentDate", Rows.date(r, "sms_consent_date"))
        .put("dataConsent", r.getBoolean("data_consent"))
        .put("dataConsentDate", Rows.date(r, "data_consent_date"))
        .put("preferredLanguage", r.getString("preferred_language"))
        .put("version", r.getInteger("version"))
        .put("createdAt", Rows.instant(r, "created_at"))
        .put("updatedAt", Rows.instant(r, "updated_at"));
  }
}
