package ro.caravana.scheduler.access;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.platform.http.Responses;
import ro.caravana.scheduler.platform.outbox.EventType;
import ro.caravana.scheduler.platform.outbox.Outbox;
import ro.caravana.scheduler.platform.outbox.OutboxEvent;

/**
 * GDPR duties for beneficiaries: export everything held about one person (art. 15, 20), anonymise them
 * on request (art. 17) or when the retention period has passed, while the counts behind reports stay
 * right: appointments and attendance remain, with sex, birth year, category, locality and centre,
 * but nothing that names or reaches the person.
 *
 * <p>Features that store more about a beneficiary (SMS notices, consultations ...) add a part to
 * {@link #EXPORT} and a statement to {@link #ERASE}, so export and erasure stay complete.
 */
public final class Gdpr {

  private static final Logger LOG = LoggerFactory.getLogger(Gdpr.class);

  /** Export parts: name -> SQL returning one jsonb value for beneficiary $1. */
  public static final Map<String, String> EXPORT;
  /** Erasure statements, each taking the beneficiary id as $1, run in one transaction. */
  public static final List<String> ERASE;

  static {
    Map<String, String> export = new LinkedHashMap<>();
    List<String> erase = new ArrayList<>();
    export.put("beneficiary", "SELECT to_jsonb(b) FROM beneficiaries b WHERE b.id = $1");
    export.put("carePlans", "SELECT COALESCE(jsonb_agg(to_jsonb(c) ORDER BY c.valid_from, c.id), '[]') "
        + "FROM care_plans c WHERE c.beneficiary_id = $1");
    export.put("appointments", "SELECT COALESCE(jsonb_agg(to_jsonb(a) ORDER BY a.starts_at, a.id), '[]') "
        + "FROM appointments a WHERE a.beneficiary_id = $1");
    export.put("attendance", "SELECT COALESCE(jsonb_agg(to_jsonb(m) ORDER BY m.recorded_at, m.id), '[]') "
        + "FROM attendance_marks m JOIN appointments a ON a.id = m.appointment_id WHERE a.beneficiary_id = $1");
    export.put("consentHistory", "SELECT COALESCE(jsonb_agg(jsonb_build_object('kind', e.kind, 'granted', e.granted, "
        + "'at', e.at) ORDER BY e.at, e.id), '[]') FROM consent_events e WHERE e.beneficiary_id = $1");
    export.put("familyLinks", "SELECT COALESCE(jsonb_agg(jsonb_build_object('appointmentId', f.appointment_id, "
        + "'createdAt', f.created_at, 'expiresAt', f.expires_at, 'revokedAt', f.revoked_at, 'response', f.response, "
        + "'respondedAt', f.responded_at) ORDER BY f.created_at), '[]') FROM family_links f "
        + "JOIN appointments a ON a.id = f.appointment_id WHERE a.beneficiary_id = $1");
    export.put("accessLog", "SELECT COALESCE(jsonb_agg(jsonb_build_object('at', l.at, 'role', l.role, "
        + "'action', l.action) ORDER BY l.id), '[]') FROM audit_log l WHERE l.beneficiary_id = $1");
    export.put("erasure", "SELECT to_jsonb(e) FROM erasures e WHERE e.beneficiary_id = $1");
    export.put("notices", "SELECT COALESCE(jsonb_agg(jsonb_build_object('id', n.id, 'appointmentId', n.appointment_id, "
        + "'kind', n.kind, 'phone', n.phone, 'language', n.language, 'body', n.body, 'status', n.status, "
        + "'createdAt', n.created_at, 'sentAt', n.sent_at, 'deliveredAt', n.delivered_at) ORDER BY n.id), '[]') "
        + "FROM notices n WHERE n.beneficiary_id = $1");
    export.put("smsReplies", "SELECT COALESCE(jsonb_agg(jsonb_build_object('id', r.id, 'phone', r.phone, 'body', r.body, "
        + "'intent', r.intent, 'appointmentId', r.appointment_id, 'outcome', r.outcome, 'receivedAt', r.received_at) "
        + "ORDER BY r.id), '[]') FROM sms_replies r WHERE r.notice_id IN (SELECT id FROM notices WHERE beneficiary_id = $1) "
        + "OR r.appointment_id IN (SELECT id FROM appointments WHERE beneficiary_id = $1)");
    export.put("consultations", "SELECT COALESCE(jsonb_agg(jsonb_build_object('appointmentId', c.appointment_id, "
        + "'state', c.state, 'familyJoinedAt', c.family_joined_at, 'doctorJoinedAt', c.doctor_joined_at, "
        + "'startedAt', c.started_at, 'endedAt', c.ended_at, 'togetherSeconds', c.together_seconds, "
        + "'attended', c.attended) ORDER BY c.appointment_id), '[]') FROM consultations c "
        + "JOIN appointments a ON a.id = c.appointment_id WHERE a.beneficiary_id = $1");

    // the beneficiary's row first: whoever composes a message about them (NoticeRepository's facts,
    // key-share locked) has either finished, so what it wrote is scrubbed below, or waits and reads the erased row
    erase.add("SELECT 1 FROM beneficiaries WHERE id = $1 FOR UPDATE");
    // SMS records next, while the beneficiary's phone still says which replies were theirs
    erase.add("""
        UPDATE sms_replies SET phone = '', body = '', erased_at = now()
         WHERE erased_at IS NULL
           AND (notice_id IN (SELECT id FROM notices WHERE beneficiary_id = $1)
             OR appointment_id IN (SELECT id FROM appointments WHERE beneficiary_id = $1)
             OR phone = (SELECT phone FROM beneficiaries WHERE id = $1))""");
    erase.add("""
        UPDATE notices SET phone = NULL, body = '', erased_at = now(), updated_at = now(),
               status = CASE WHEN status IN ('queued', 'held') THEN 'suppressed' ELSE status END,
               reason = CASE WHEN status IN ('queued', 'held') THEN 'erased' ELSE reason END
         WHERE beneficiary_id = $1 AND erased_at IS NULL""");
    // what a publish gathers per phone for one message (kept once used)
    erase.add("UPDATE digest_parts SET phone = '' WHERE phone <> '' "
        + "AND appointment_id IN (SELECT id FROM appointments WHERE beneficiary_id = $1)");
    erase.add("DELETE FROM appointment_links WHERE appointment_id IN (SELECT id FROM appointments WHERE beneficiary_id = $1)");
    erase.add("""
        UPDATE outbox SET payload = scrub_personal_data(payload)
         WHERE (event_key = $1::uuid::text OR payload->>'id' = $1::uuid::text OR payload->>'beneficiaryId' = $1::uuid::text)
           AND payload <> scrub_personal_data(payload)""");

    erase.add("""
        UPDATE beneficiaries
           SET first_name = 'Anonim', last_name = 'Anonim', cnp = NULL, phone = NULL, guardian_name = NULL,
               birth_date = make_date(extract(year FROM birth_date)::int, 1, 1), household_id = NULL,
               sms_consent = false, sms_consent_date = NULL, data_consent = false, data_consent_date = NULL,
               version = version + 1, updated_at = now(), erased_at = coalesce(erased_at, now())
         WHERE id = $1""");
    erase.add("UPDATE attendance_marks SET note = NULL WHERE note IS NOT NULL "
        + "AND appointment_id IN (SELECT id FROM appointments WHERE beneficiary_id = $1)");
    erase.add("UPDATE family_links SET revoked_at = now() WHERE revoked_at IS NULL "
        + "AND appointment_id IN (SELECT id FROM appointments WHERE beneficiary_id = $1)");
    EXPORT = java.util.Collections.unmodifiableMap(export);
    ERASE = List.copyOf(erase);
  }

  private static final String REGISTER =
      "INSERT INTO erasures (beneficiary_id, reason, account_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
  private static final String EXPIRED = """
      SELECT b.id FROM beneficiaries b
       WHERE NOT EXISTS (SELECT 1 FROM erasures e WHERE e.beneficiary_id = b.id)
         AND b.updated_at < now() - make_interval(months => $1)
         AND NOT EXISTS (SELECT 1 FROM appointments a
                          WHERE a.beneficiary_id = b.id AND a.ends_at >= now() - make_interval(months => $1))
       ORDER BY b.updated_at
       LIMIT 500""";

  private final Pool pool;

  public Gdpr(Pool pool) {
    this.pool = pool;
  }

  public void mount(Router router) {
    router.get("/api/beneficiaries/:id/export").handler(this::export);
    router.post("/api/beneficiaries/:id/erase").handler(this::erase);
  }

  private void export(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = Scope.uuid(ctx.pathParam("id"), "id");
    Scope.requireBeneficiary(pool, caller, id).compose(v -> export(pool, id))
        .onSuccess(doc -> {
          ctx.response().putHeader("Content-Disposition", "attachment; filename=\"beneficiar-" + id + ".json\"");
          Responses.json(ctx, 200, doc);
        })
        .onFailure(ctx::fail);
  }

  /** Everything held about one beneficiary, one JSON document. */
  public static Future<JsonObject> export(SqlClient db, UUID id) {
    JsonObject doc = new JsonObject().put("beneficiaryId", id.toString())
        .put("exportedAt", java.time.OffsetDateTime.now().toString());
    Future<Void> chain = Future.succeededFuture();
    for (var part : EXPORT.entrySet()) {
      chain = chain.compose(v -> db.preparedQuery("SELECT (" + part.getValue() + ")::text").execute(Tuple.of(id))
          .map(rows -> {
            String json = rows.iterator().next().getString(0);
            doc.put(part.getKey(), json == null ? null : new io.vertx.core.json.JsonArray("[" + json + "]").getValue(0));
            return null;
          }));
    }
    return chain.map(doc);
  }

  private void erase(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    UUID id = Scope.uuid(ctx.pathParam("id"), "id");
    pool.withTransaction(tx -> Scope.requireBeneficiary(tx, caller, id)
            .compose(v -> erase(tx, id, "request", caller.accountId())))
        .onSuccess(v -> Responses.json(ctx, 200,
            new JsonObject().put("beneficiaryId", id.toString()).put("erased", true)))
        .onFailure(ctx::fail);
  }

  /** Anonymises one beneficiary inside the caller's transaction and announces it. */
  public static Future<Void> erase(SqlClient tx, UUID id, String reason, Long accountId) {
    Future<Void> chain = Future.succeededFuture();
    for (String statement : ERASE) {
      chain = chain.compose(v -> tx.preparedQuery(statement).execute(Tuple.of(id)).mapEmpty());
    }
    return chain
        .compose(v -> tx.preparedQuery(REGISTER).execute(Tuple.of(id, reason, accountId)))
        .compose(v -> Outbox.append(tx, OutboxEvent.of(EventType.BENEFICIARY_ERASED, id.toString(),
            new JsonObject().put("beneficiaryId", id.toString()).put("reason", reason))))
        .mapEmpty();
  }

  /** Anonymises beneficiaries with no activity for {@code months} months (500 per run); the count erased. */
  public Future<Integer> applyRetention(int months) {
    if (months <= 0) return Future.succeededFuture(0);
    return pool.preparedQuery(EXPIRED).execute(Tuple.of(months)).compose(rows -> {
      List<UUID> ids = new ArrayList<>();
      for (Row r : rows) ids.add(r.getUUID(0));
      Future<Integer> chain = Future.succeededFuture(0);
      for (UUID id : ids) {
        chain = chain.compose(n -> pool.withTransaction(tx -> erase(tx, id, "retention", null)).map(v -> n + 1));
      }
      return chain;
    });
  }

  /** Runs the retention job now and every {@code minutes}. */
  public void scheduleRetention(Vertx vertx, int months, int minutes) {
    if (months <= 0 || minutes <= 0) return;
    Runnable run = () -> applyRetention(months)
        .onSuccess(n -> { if (n > 0) LOG.info("retention: {} beneficiaries inactive for {} months anonymised", n, months); })
        .onFailure(e -> LOG.warn("retention job failed: {}", e.toString()));
    vertx.setTimer(5_000, id -> run.run());
    vertx.setPeriodic(minutes * 60_000L, id -> run.run());
  }
}
