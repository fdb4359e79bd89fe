package ro.caravana.scheduler.access;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.http.Requests;
import ro.caravana.scheduler.platform.http.Responses;

/**
 * Consent to SMS notices and to data processing: the current state lives on the beneficiary row, every
 * change is kept in {@code consent_events}. Nothing may send an SMS to a beneficiary unless
 * {@link #smsAllowed} says so (or the query reads the {@code sms_recipients} view).
 */
public final class Consent {

  private static final String SMS_ALLOWED = "SELECT true FROM sms_recipients WHERE beneficiary_id = $1";
  private static final String SET_SMS = "UPDATE beneficiaries SET sms_consent = $2, "
      + "sms_consent_date = CASE WHEN $2 THEN current_date ELSE NULL END, version = version + 1, updated_at = now() "
      + "WHERE id = $1";
  private static final String SET_DATA = "UPDATE beneficiaries SET data_consent = $2, "
      + "data_consent_date = CASE WHEN $2 THEN current_date ELSE NULL END, version = version + 1, updated_at = now() "
      + "WHERE id = $1";
  private static final String EVENT = "INSERT INTO consent_events (beneficiary_id, kind, granted, account_id) VALUES ($1, $2, $3, $4)";
  private static final String CURRENT = "SELECT sms_consent, sms_consent_date, data_consent, data_consent_date FROM beneficiaries WHERE id = $1";

  private final Pool pool;

  public Consent(Pool pool) {
    this.pool = pool;
  }

  /** True only when the beneficiary consented to SMS, has a phone number and was not erased. */
  public static Future<Boolean> smsAllowed(SqlClient db, UUID beneficiaryId) {
    return db.preparedQuery(SMS_ALLOWED).execute(Tuple.of(beneficiaryId)).map(rows -> {
      var it = rows.iterator();
      return it.hasNext() && Boolean.TRUE.equals(it.next().getBoolean(0));
    });
  }

  public void mount(Router router) {
    router.post("/api/beneficiaries/:id/consent").handler(this::record);
    router.get("/api/beneficiaries/:id/consent").handler(this::history);
  }

  private static final String HISTORY = "SELECT kind, granted, at FROM consent_events WHERE beneficiary_id = $1 ORDER BY at DESC, id DESC";

  /** {@code GET /api/beneficiaries/{id}/consent}: every consent change, newest first ({@code kind}, {@code granted}, {@code at}). */
  private void history(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = Scope.uuid(ctx.pathParam("id"), "id");
    Scope.requireBeneficiary(pool, caller, id).compose(v -> pool.preparedQuery(HISTORY).execute(Tuple.of(id)))
        .onSuccess(rows -> {
          io.vertx.core.json.JsonArray items = new io.vertx.core.json.JsonArray();
          rows.forEach(r -> items.add(new JsonObject().put("kind", r.getString("kind")).put("granted", r.getBoolean("granted"))
              .put("at", r.getOffsetDateTime("at").toInstant().toString())));
          Responses.json(ctx, 200, new JsonObject().put("beneficiaryId", id.toString()).put("items", items)
              .put("total", items.size()));
        })
        .onFailure(ctx::fail);
  }

  /** {@code POST /api/beneficiaries/{id}/consent {"sms": true|false, "data": true|false}} (either or both). */
  private void record(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = Scope.uuid(ctx.pathParam("id"), "id");
    JsonObject body = Requests.body(ctx);
    Boolean sms = bool(body, "sms");
    Boolean data = bool(body, "data");
    if (sms == null && data == null) {
      throw ApiError.unprocessable("sms", "Indicați „sms” și/sau „data” (true sau false).", "Give 'sms' and/or 'data' (true or false).");
    }
    pool.withTransaction(tx -> Scope.requireBeneficiary(tx, caller, id)
            .compose(v -> sms == null ? Future.succeededFuture() : tx.preparedQuery(SET_SMS).execute(Tuple.of(id, sms))
                .compose(r -> tx.preparedQuery(EVENT).execute(Tuple.of(id, "sms", sms, caller.accountId()))))
            .compose(v -> data == null ? Future.succeededFuture() : tx.preparedQuery(SET_DATA).execute(Tuple.of(id, data))
                .compose(r -> tx.preparedQuery(EVENT).execute(Tuple.of(id, "data", data, caller.accountId()))))
            .compose(v -> tx.preparedQuery(CURRENT).execute(Tuple.of(id))))
        .onSuccess(rows -> {
          var r = rows.iterator().next();
          Responses.json(ctx, 200, new JsonObject()
              .put("beneficiaryId", id.toString())
              .put("smsConsent", r.getBoolean("sms_consent"))
              .put("smsConsentDate", text(r.getLocalDate("sms_consent_date")))
              .put("dataConsent", r.getBoolean("data_consent"))
              .put("dataConsentDate", text(r.getLocalDate("data_consent_date"))));
        })
        .onFailure(ctx::fail);
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static Boolean bool(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) return null;
    if (v instanceof Boolean b) return b;
    throw ApiError.unprocessable(field, "„" + field + "” trebuie să fie true sau false.", "'" + field + "' must be true or false.");
  }
}
