package ro.caravana.scheduler.access;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.common.Ids;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.http.Requests;
import ro.caravana.scheduler.platform.http.Responses;

/**
 * The audit log: who read or changed which beneficiary record, when and from where. The table refuses
 * UPDATE, DELETE and TRUNCATE (a trigger), so a row once written stays. Routes whose policy line is
 * {@code audited(...)} are recorded by the access handler; handlers call {@link #record} for anything else
 * (each beneficiary touched by a bulk change, for example).
 */
public final class Audit {

  private static final Logger LOG = LoggerFactory.getLogger(Audit.class);
  private static final String INSERT = "INSERT INTO audit_log (account_id, account_email, role, action, beneficiary_id, "
      + "method, path, status, ip) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
  private static final String LIST = """
      SELECT id, at, account_id, account_email, role, action, beneficiary_id, method, path, status, ip, record, filters,
             count(*) OVER () AS total
        FROM audit_log
       WHERE ($1::uuid IS NULL OR beneficiary_id = $1)
         AND ($2::bigint IS NULL OR account_id = $2)
         AND ($3::text IS NULL OR action = $3)
         AND ($4::timestamptz IS NULL OR at >= $4)
         AND ($5::timestamptz IS NULL OR at < $5)
         AND ($6::text IS NULL OR ip = $6)
       ORDER BY id DESC
       LIMIT $7 OFFSET $8""";

  private final Pool pool;

  public Audit(Pool pool) {
    this.pool = pool;
  }

  private static final String INSERT_READ = "INSERT INTO audit_log (account_id, account_email, role, action, beneficiary_id, "
      + "method, path, status, ip, record, filters) VALUES ($1, $2, $3, $4, COALESCE($5, CASE $12"
      + " WHEN 'appointments' THEN (SELECT beneficiary_id FROM appointments WHERE id::text = $13)"
      + " WHEN 'consultations' THEN (SELECT beneficiary_id FROM appointments WHERE id::text = $13)"
      + " WHEN 'care-plans' THEN (SELECT beneficiary_id FROM care_plans WHERE id::text = $13)"
      + " WHEN 'notifications' THEN (SELECT beneficiary_id FROM notices WHERE id::text = $13) END),"
      + " $6, $7, $8, $9, $10, $11)";

  /**
   * Records a read of personal data: the record ({@code resource:id}, its beneficiary found in SQL when
   * the record is an appointment, consultation, care plan or notice) or, for a list, the filters used.
   */
  public Future<Void> recordRead(RoutingContext ctx, String action, UUID beneficiaryId, String resource, String id,
      String filters) {
    return recordRead(ctx, action, beneficiaryId, resource, id, filters, ctx.response().getStatusCode());
  }

  /** The same with the answer's status given (a refusal is recorded before its answer is written). */
  public Future<Void> recordRead(RoutingContext ctx, String action, UUID beneficiaryId, String resource, String id,
      String filters, int status) {
    Caller caller = Caller.orNull(ctx);
    return pool.preparedQuery(INSERT_READ)
        .execute(Tuple.tuple()
            .addValue(caller == null ? null : caller.accountId())
            .addValue(caller == null ? null : text(caller.email()))
            .addValue(caller == null ? null : caller.role().wire())
            .addValue(action)
            .addValue(beneficiaryId)
            .addValue(ctx.request().method().name())
            .addValue(text(ctx.normalizedPath()))
            .addValue(status)
            .addValue(text(clientIp(ctx)))
            .addValue(id == null ? null : text(resource + ":" + id))
            .addValue(text(filters))
            .addValue(resource)
            .addValue(text(id)))
        .onFailure(e -> LOG.error("audit row not written (action {}): {}", action, e.toString()))
        .mapEmpty();
  }

  /** Records that the caller of this request did {@code action} on a beneficiary (or on a list, when null). */
  public Future<Void> record(RoutingContext ctx, String action, UUID beneficiaryId) {
    return record(pool, Caller.orNull(ctx), action, beneficiaryId, ctx.request().method().name(),
        ctx.normalizedPath(), ctx.response().getStatusCode(), clientIp(ctx));
  }

  /** The same inside a transaction, so the change and its audit row commit together. */
  public static Future<Void> record(SqlClient db, Caller caller, String action, UUID beneficiaryId, String method,
      String path, Integer status, String ip) {
    return db.preparedQuery(INSERT)
        .execute(Tuple.tuple()
            .addValue(caller == null ? null : caller.accountId())
            .addValue(caller == null ? null : text(caller.email()))
            .addValue(caller == null ? null : caller.role().wire())
            .addValue(action)
            .addValue(beneficiaryId)
            .addValue(text(method))
            .addValue(text(path))
            .addValue(status)
            .addValue(text(ip)))
        .onFailure(e -> LOG.error("audit row not written (action {}): {}", action, e.toString()))
        .mapEmpty();
  }

  /** Longest text kept in one audit column; the rest is counted, not stored. */
  static final int MAX_TEXT = 2000;

  /**
   * {@code value} as text PostgreSQL always accepts, so no request can keep its row out of the log: a NUL, other
   * control characters and unpaired surrogates are written as a backslash, {@code u} and four hex digits (a
   * backslash itself as two, so the escape cannot be forged), and text past {@value #MAX_TEXT} characters is cut with its length noted.
   */
  static String text(String value) {
    if (value == null) return null;
    StringBuilder out = null;
    int n = Math.min(value.length(), MAX_TEXT);
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      boolean paired = Character.isHighSurrogate(c) ? i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))
          : !Character.isLowSurrogate(c) || (i > 0 && Character.isHighSurrogate(value.charAt(i - 1)));
      boolean plain = c != '\\' && c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0) && paired;
      if (plain && out == null) continue;
      if (out == null) out = new StringBuilder(n + 16).append(value, 0, i);
      if (plain) out.append(c);
      else if (c == '\\') out.append("\\\\");
      else out.append(String.format("\\u%04X", (int) c));
    }
    if (value.length() > MAX_TEXT) {
      if (out == null) out = new StringBuilder(value.substring(0, MAX_TEXT));
      out.append("…(+").append(value.length() - MAX_TEXT).append(')');
    }
    return out == null ? value : out.toString();
  }

  /** The request's client address as {@link ClientAddress} worked it out (trusted proxies, page calls), else the TCP peer. */
  public static String clientIp(RoutingContext ctx) {
    String resolved = ctx.get(ClientAddress.KEY);
    if (resolved != null) return resolved;
    var address = ctx.request().remoteAddress();
    return address == null ? null : address.hostAddress();
  }

  public void mount(Router router) {
    router.get("/api/audit").handler(this::list);
  }

  /** {@code GET /api/audit?beneficiaryId=&accountId=&action=&from=&to=&ip=&limit=&offset=}, newest first. */
  private void list(RoutingContext ctx) {
    Tuple args = Tuple.tuple()
        .addValue(uuidParam(ctx, "beneficiaryId"))
        .addValue(longParam(ctx, "accountId"))
        .addValue(Requests.query(ctx, "action"))
        .addValue(timeParam(ctx, "from"))
        .addValue(timeParam(ctx, "to"))
        .addValue(Requests.query(ctx, "ip"))
        .addValue(Requests.limit(ctx))
        .addValue(Requests.offset(ctx));
    pool.preparedQuery(LIST).execute(args).onSuccess(rows -> {
      JsonArray items = new JsonArray();
      long total = 0;
      for (Row r : rows) {
        total = r.getLong("total");
        items.add(new JsonObject()
            .put("id", r.getLong("id"))
            .put("at", r.getOffsetDateTime("at").toString())
            .put("accountId", r.getLong("account_id"))
            .put("accountEmail", r.getString("account_email"))
            .put("role", r.getString("role"))
            .put("action", r.getString("action"))
            .put("beneficiaryId", r.getUUID("beneficiary_id") == null ? null : r.getUUID("beneficiary_id").toString())
            .put("method", r.getString("method"))
            .put("path", r.getString("path"))
            .put("status", r.getInteger("status"))
            .put("ip", r.getString("ip"))
            .put("record", r.getString("record"))
            .put("filters", r.getString("filters")));
      }
      Responses.page(ctx, items, total);
    }).onFailure(ctx::fail);
  }

  static UUID uuidParam(RoutingContext ctx, String name) {
    return Ids.queryUuid(ctx, name);
  }

  private static Long longParam(RoutingContext ctx, String name) {
    return Ids.queryNumber(ctx, name);
  }

  private static OffsetDateTime timeParam(RoutingContext ctx, String name) {
    String v = Requests.query(ctx, name);
    if (v == null) return null;
    try {
      return OffsetDateTime.parse(v);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(name, "„" + name + "” trebuie să fie o dată ISO-8601 cu fus orar (2026-11-22T10:00:00+02:00).",
          "'" + name + "' must be an ISO-8601 date-time with offset (2026-11-22T10:00:00+02:00).");
    }
  }
}
