package ro.caravana.scheduler.notice;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.access.FamilyLinks;
import ro.caravana.scheduler.access.Scope;
import ro.caravana.scheduler.notice.gateway.DeliveryReport;

/** The notices, receipts and links tables. */
public final class NoticeRepository {

  /**
   * Appointments picked by a condition, with everything a message needs; the domain schema (V2)
   * owns these tables. What the family was last told is read for the whole set in one pass (a
   * correlated subquery per row degrades badly while the notices table is young and unanalysed).
   * The beneficiaries read are key-share locked until the caller's transaction ends, and an erasure
   * locks its beneficiary first ({@code Gdpr.ERASE}): a notice is either written before the erasure,
   * which then scrubs it, or not at all (an erased beneficiary's appointments are left out, the row
   * re-read after the wait); never written with the phone after the erasure.
   */
  private static String facts(String condition, String tail) {
    return facts(condition, tail, true);
  }

  /** {@code family}: the facts are for telling the family (locked, erased left out), not just the slot's. */
  private static String facts(String condition, String tail, boolean family) {
    return """
        WITH picked AS (SELECT * FROM appointments a WHERE %s),
        told AS (
          SELECT n.appointment_id, n.starts_at, n.id
            FROM notices n JOIN picked p ON p.id = n.appointment_id
           WHERE n.status <> 'suppressed' AND n.kind IN ('booked', 'changed', 'reminder')
          UNION ALL
          SELECT i.appointment_id, i.starts_at, n.id
            FROM notice_items i JOIN picked p ON p.id = i.appointment_id JOIN notices n ON n.id = i.notice_id
           WHERE n.status <> 'suppressed' AND n.kind = 'digest'),
        last AS (
          SELECT DISTINCT ON (appointment_id) appointment_id, starts_at FROM told ORDER BY appointment_id, id DESC)
        SELECT a.id, a.beneficiary_id, a.service, a.modality, a.starts_at, a.status,
               b.first_name, b.phone, b.sms_consent, b.preferred_language,
               c.address AS centre_address, sl.name AS stop_name, bl.county,
               last.starts_at AS last_announced,
               EXISTS (SELECT 1 FROM sms_opt_outs o WHERE o.phone = b.phone) AS opted_out
          FROM picked a
          JOIN beneficiaries b ON b.id = a.beneficiary_id
          JOIN localities bl ON bl.siruta = b.locality_siruta
          LEFT JOIN community_centres c ON c.id = a.centre_id
          LEFT JOIN localities sl ON sl.siruta = a.stop_siruta
          LEFT JOIN last ON last.appointment_id = a.id
        %s %s %s
        """.formatted(condition, family ? "WHERE b.erased_at IS NULL" : "", tail, family ? "FOR KEY SHARE OF b" : "");
  }

  private static final String FACTS_BY_ID = facts("a.id = ANY($1)", "");
  /** A slot's service, time and place, whoever holds it (a freed slot offered to others). */
  private static final String SLOT_BY_ID = facts("a.id = $1", "", false);
  /** Booked appointments starting in [$1, $2) with no reminder yet for that start time. */
  private static final String REMINDER_CANDIDATES = facts("""
      a.status = 'booked' AND a.starts_at >= $1 AND a.starts_at < $2
         AND NOT EXISTS (SELECT 1 FROM notices r WHERE r.dedupe_key =
               'reminder:' || a.id || ':' || extract(epoch FROM a.starts_at)::bigint)
         AND NOT EXISTS (SELECT 1 FROM notices r WHERE r.appointment_id = a.id AND r.status <> 'suppressed'
               AND r.starts_at = a.starts_at AND r.created_at > $3)
       ORDER BY a.starts_at, a.id LIMIT $4""", "ORDER BY a.starts_at, a.id");
  private static final String INSERT = """
      INSERT INTO notices (dedupe_key, event_id, appointment_id, beneficiary_id, kind, phone, language, body, encoding,
                           segments, cost_bani, starts_at, status, reason, not_before, county, centre_id)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
              (SELECT l.county FROM beneficiaries b JOIN localities l ON l.siruta = b.locality_siruta WHERE b.id = $4),
              (SELECT b.centre_id FROM beneficiaries b WHERE b.id = $4))
      ON CONFLICT (dedupe_key) DO NOTHING
      """;
  /** The appointment's short code, if it has one, and whether the family link behind it still works. */
  private static final String LINK = """
      SELECT al.token, fl.id IS NOT NULL AND fl.revoked_at IS NULL AND fl.expires_at > now() AS live
        FROM appointment_links al
        LEFT JOIN family_links fl ON fl.id = al.family_link_id AND fl.appointment_id = al.appointment_id
       WHERE al.appointment_id = $1
      """;
  private static final String SET_LINK = """
      INSERT INTO appointment_links (appointment_id, token, family_link_id) VALUES ($1, $2, $3)
      ON CONFLICT (appointment_id) DO UPDATE SET family_link_id = EXCLUDED.family_link_id
      RETURNING token
      """;
  /** The family link a short code stands for, while that link works. */
  private static final String RESOLVE = """
      SELECT fl.id FROM appointment_links al
        JOIN family_links fl ON fl.id = al.family_link_id AND fl.appointment_id = al.appointment_id
       WHERE al.token = $1 AND fl.revoked_at IS NULL AND fl.expires_at > now()
      """;
  /**
   * Claims due notices for sending. A phone that already had its hourly share is deferred by
   * ten minutes instead of being claimed, so it cannot block the queue. Answers to the family's own
   * SMS ({@code reply:} keys) neither count nor wait: the family has just written.
   */
  private static final String CLAIM = """
      WITH due AS (
        SELECT id, phone, dedupe_key LIKE 'reply:%' AS answer FROM notices
         WHERE status IN ('queued', 'held') AND not_before <= now()
         ORDER BY not_before, id LIMIT $1 FOR UPDATE SKIP LOCKED),
      recent AS (
        SELECT s.phone, count(*) AS sent FROM notices s
         WHERE s.sent_at > now() - interval '1 hour' AND s.phone IN (SELECT phone FROM due)
           AND s.dedupe_key NOT LIKE 'reply:%'
         GROUP BY s.phone),
      ranked AS (
        SELECT d.id, d.answer, row_number() OVER (PARTITION BY d.phone, d.answer ORDER BY d.id) + coalesce(r.sent, 0) AS nth,
               o.phone IS NOT NULL AS opted_out
          FROM due d
          LEFT JOIN recent r ON r.phone = d.phone
          LEFT JOIN sms_opt_outs o ON o.phone = d.phone),
      deferred AS (
        UPDATE notices n SET not_before = now() + interval '10 minutes', reason = 'phone_rate_limit', updated_at = now()
          FROM ranked r WHERE n.id = r.id AND r.nth > $2 AND NOT r.answer AND NOT r.opted_out),
      stopped AS (
        UPDATE notices n SET status = 'suppressed', reason = 'opted_out', updated_at = now()
          FROM ranked r WHERE n.id = r.id AND r.opted_out)
      UPDATE notices n SET status = 'sending', attempts = n.attempts + 1, updated_at = now()
        FROM ranked r WHERE n.id = r.id AND (r.nth <= $2 OR r.answer) AND NOT r.opted_out
      RETURNING n.id, n.phone, n.body, n.encoding, n.attempts
      """;
  private static final String MARK_SENT = """
      UPDATE notices SET status = 'sent', gateway_message_id = $2, sent_at = now(), reason = NULL, updated_at = now()
       WHERE id = $1 AND status = 'sending'
      """;
  private static final String APPLY_RECEIPTS = """
      UPDATE notices n
         SET status = CASE WHEN r.delivered THEN 'delivered' ELSE 'failed' END,
             delivered_at = CASE WHEN r.delivered THEN r.received_at END,
             failed_at = CASE WHEN r.delivered THEN NULL ELSE r.received_at END,
             reason = CASE WHEN r.delivered THEN NULL ELSE 'receipt ' || r.state || coalesce(' err ' || r.error, '') END,
             updated_at = now()
        FROM sms_receipts r
       WHERE r.message_id = n.gateway_message_id AND n.status = 'sent'
      """;
  private static final String APPLY_RECEIPT_FOR_ID = APPLY_RECEIPTS + " AND n.id = $1";
  private static final String APPLY_RECEIPT_FOR_MESSAGE = APPLY_RECEIPTS + " AND r.message_id = $1";
  private static final String STORE_RECEIPT = """
      INSERT INTO sms_receipts (message_id, delivered, state, error) VALUES ($1, $2, $3, $4)
      ON CONFLICT (message_id) DO NOTHING
      """;
  private static final String RETRY = """
      UPDATE notices SET status = 'queued', not_before = $2, reason = $3, updated_at = now()
       WHERE id = $1 AND status = 'sending'
      """;
  private static final String FAIL = """
      UPDATE notices SET status = 'failed', failed_at = now(), reason = $2, updated_at = now()
       WHERE id = $1 AND status = 'sending'
      """;
  /** Notices left in 'sending' by a process that stopped mid-send go back to the queue. */
  private static final String RECLAIM = """
      UPDATE notices SET status = 'queued', reason = 'interrupted while sending', updated_at = now()
       WHERE status = 'sending' AND updated_at < now() - $1 * interval '1 millisecond'
      """;
  private static final String COLUMNS = """
      id, dedupe_key, event_id, appointment_id, beneficiary_id, kind, phone, language, body, encoding, segments,
      cost_bani, starts_at, status, reason, attempts, not_before, gateway_message_id, created_at, updated_at,
      sent_at, delivered_at, failed_at, county
      """;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

  private final Pool pool;

  public NoticeRepository(Pool pool) {
    this.pool = pool;
  }

  public Pool pool() {
    return pool;
  }

  private static final String INSERT_PART = """
      INSERT INTO digest_parts (event_id, plan_id, phone, appointment_id, kind, previous_starts_at)
      VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (event_id) DO NOTHING
      """;
  /** A publish whose parts have settled: none arrived for $1 ms. */
  private static final String SETTLED_PLAN = """
      SELECT plan_id FROM digest_parts WHERE consumed_at IS NULL
       GROUP BY plan_id HAVING max(created_at) < now() - $1 * interval '1 millisecond' LIMIT 1
      """;
  private static final String TAKE_PARTS = """
      UPDATE digest_parts SET consumed_at = now()
       WHERE id IN (SELECT id FROM digest_parts WHERE plan_id = $1 AND consumed_at IS NULL FOR UPDATE SKIP LOCKED)
      RETURNING event_id, phone, appointment_id, kind, previous_starts_at
      """;
  private static final String INSERT_ITEM = """
      INSERT INTO notice_items (notice_id, position, appointment_id, starts_at)
      SELECT id, $2, $3, $4 FROM notices WHERE dedupe_key = $1 ON CONFLICT DO NOTHING
      """;

  private static final String CONTACTS = """
      SELECT b.id, b.first_name, b.phone, b.sms_consent, b.preferred_language, l.county,
             EXISTS (SELECT 1 FROM sms_opt_outs o WHERE o.phone = b.phone) AS opted_out
        FROM beneficiaries b JOIN localities l ON l.siruta = b.locality_siruta
       WHERE b.id = ANY($1) AND b.erased_at IS NULL
         FOR KEY SHARE OF b""";

  /** Who the people are and how to reach them (no appointment: the identity part of the facts). */
  public static Future<List<AppointmentFacts>> contacts(SqlClient client, List<UUID> beneficiaries) {
    return client.preparedQuery(CONTACTS).execute(Tuple.of((Object) beneficiaries.toArray(new UUID[0]))).map(rows -> {
      List<AppointmentFacts> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new AppointmentFacts(null, r.getUUID("id"), null, null, null, null, r.getString("first_name"),
            r.getString("phone"), Boolean.TRUE.equals(r.getBoolean("sms_consent")), r.getString("preferred_language"),
            null, null, r.getString("county"), null, Boolean.TRUE.equals(r.getBoolean("opted_out"))));
      }
      return out;
    });
  }

  /** An appointment a publish tells a phone about, waiting for the digest. */
  public record DigestPart(UUID eventId, UUID planId, String phone, UUID appointmentId, NoticeKind kind,
      Instant previousStartsAt) {}

  public static Future<Void> insertParts(SqlClient client, List<DigestPart> parts) {
    if (parts.isEmpty()) return Future.succeededFuture();
    return client.preparedQuery(INSERT_PART).executeBatch(parts.stream().map(p -> Tuple.tuple().addUUID(p.eventId())
        .addUUID(p.planId()).addString(p.phone()).addUUID(p.appointmentId()).addString(p.kind().code())
        .addOffsetDateTime(p.previousStartsAt() == null ? null : utc(p.previousStartsAt()))).toList()).mapEmpty();
  }

  /** The parts of one settled publish, taken (marked used) in the caller's transaction; empty when none is ready. */
  public static Future<List<DigestPart>> takeSettled(SqlClient client, long settleMillis) {
    return client.preparedQuery(SETTLED_PLAN).execute(Tuple.of(settleMillis)).compose(plans -> {
      if (plans.size() == 0) return Future.succeededFuture(List.of());
      UUID plan = plans.iterator().next().getUUID(0);
      return client.preparedQuery(TAKE_PARTS).execute(Tuple.of(plan)).map(rows -> {
        List<DigestPart> out = new ArrayList<>();
        for (Row r : rows) {
          OffsetDateTime previous = r.getOffsetDateTime("previous_starts_at");
          out.add(new DigestPart(r.getUUID("event_id"), plan, r.getString("phone"), r.getUUID("appointment_id"),
              NoticeKind.fromCode(r.getString("kind")), previous == null ? null : previous.toInstant()));
        }
        return out;
      });
    });
  }

  /** The appointments a stored notice lists, in order (after {@link #insertAll}, found by its dedupe key). */
  public static Future<Void> insertItems(SqlClient client, String dedupeKey, List<AppointmentFacts> items) {
    List<Tuple> batch = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      batch.add(Tuple.of(dedupeKey, i + 1, items.get(i).appointmentId(), utc(items.get(i).startsAt())));
    }
    return batch.isEmpty() ? Future.succeededFuture() : client.preparedQuery(INSERT_ITEM).executeBatch(batch).mapEmpty();
  }

  /** A notice claimed for sending. */
  public record Claimed(long id, String phone, String body, String encoding, int attempts) {}

  public static Future<Map<UUID, AppointmentFacts>> facts(SqlClient client, List<UUID> appointmentIds) {
    if (appointmentIds.isEmpty()) return Future.succeededFuture(Map.of());
    return client.preparedQuery(FACTS_BY_ID).execute(Tuple.of(appointmentIds.toArray(new UUID[0])))
        .map(NoticeRepository::factsMap);
  }

  /** The service, time and place of a slot, to tell others about it; empty when there is no such appointment. */
  public static Future<Optional<AppointmentFacts>> slot(SqlClient client, UUID appointmentId) {
    return client.preparedQuery(SLOT_BY_ID).execute(Tuple.of(appointmentId))
        .map(rows -> factsMap(rows).values().stream().findFirst());
  }

  public static Future<List<AppointmentFacts>> reminderCandidates(SqlClient client, Instant from, Instant to,
      Instant announcedAfter, int limit) {
    return client.preparedQuery(REMINDER_CANDIDATES)
        .execute(Tuple.of(utc(from), utc(to), utc(announcedAfter), limit))
        .map(rows -> new ArrayList<>(factsMap(rows).values()));
  }

  private static Map<UUID, AppointmentFacts> factsMap(RowSet<Row> rows) {
    Map<UUID, AppointmentFacts> out = new java.util.LinkedHashMap<>();
    for (Row r : rows) {
      OffsetDateTime last = r.getOffsetDateTime("last_announced");
      out.put(r.getUUID("id"), new AppointmentFacts(r.getUUID("id"), r.getUUID("beneficiary_id"), r.getString("service"),
          r.getString("modality"), r.getOffsetDateTime("starts_at").toInstant(), r.getString("status"),
          r.getString("first_name"), r.getString("phone"), Boolean.TRUE.equals(r.getBoolean("sms_consent")),
          r.getString("preferred_language"), r.getString("centre_address"), r.getString("stop_name"),
          r.getString("county"), last == null ? null : last.toInstant(), Boolean.TRUE.equals(r.getBoolean("opted_out"))));
    }
    return out;
  }

  /**
   * The appointment's short code (made on first use), backed by a working signed family link: when the
   * appointment has none yet, or the one behind the code was revoked or expired, a new one is issued in
   * the same transaction and the code points at it.
   */
  public static Future<String> linkToken(SqlClient client, FamilyLinks links, UUID appointmentId) {
    return client.preparedQuery(LINK).execute(Tuple.of(appointmentId)).compose(rows -> {
      if (rows.size() > 0) {
        Row r = rows.iterator().next();
        if (Boolean.TRUE.equals(r.getBoolean("live"))) return Future.succeededFuture(r.getString("token"));
      }
      return links.issueLink(client, appointmentId, null)
          .compose(linkId -> client.preparedQuery(SET_LINK).execute(Tuple.of(appointmentId, newToken(), linkId)))
          .map(set -> set.iterator().next().getString(0));
    });
  }

  /** The family link a short code stands for, or empty when the code is unknown or its link no longer works. */
  public Future<Optional<UUID>> resolve(String code) {
    if (code == null || !code.matches("[A-Za-z0-9]{8,32}")) return Future.succeededFuture(Optional.empty());
    return pool.preparedQuery(RESOLVE).execute(Tuple.of(code))
        .map(rows -> rows.size() == 0 ? Optional.<UUID>empty() : Optional.of(rows.iterator().next().getUUID(0)));
  }

  static String newToken() {
    char[] c = new char[10];
    for (int i = 0; i < c.length; i++) c[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    return new String(c);
  }

  /** Stores drafts; a draft whose dedupe key exists already is skipped. Answers how many were new. */
  public static Future<Integer> insertAll(SqlClient client, List<NoticeDraft> drafts) {
    if (drafts.isEmpty()) return Future.succeededFuture(0);
    List<Tuple> batch = new ArrayList<>(drafts.size());
    for (NoticeDraft d : drafts) {
      batch.add(Tuple.tuple().addString(d.dedupeKey()).addUUID(d.eventId()).addUUID(d.appointmentId())
          .addUUID(d.beneficiaryId()).addString(d.kind().code()).addString(d.phone()).addString(d.language())
          .addString(d.message().body()).addString(d.message().encoding().label())
          .addInteger(d.message().segments()).addInteger(d.message().costBani())
          .addOffsetDateTime(d.startsAt() == null ? null : utc(d.startsAt())).addString(d.status().code())
          .addString(d.reason()).addOffsetDateTime(utc(d.notBefore())));
    }
    return client.preparedQuery(INSERT).executeBatch(batch).map(rows -> {
      int inserted = 0;
      for (RowSet<Row> r = rows; r != null; r = r.next()) inserted += r.rowCount();
      return inserted;
    });
  }

  public Future<List<Claimed>> claim(int batch, int perPhonePerHour) {
    return pool.withTransaction(tx -> tx.preparedQuery(CLAIM).execute(Tuple.of(batch, perPhonePerHour)))
        .map(rows -> {
          List<Claimed> out = new ArrayList<>(rows.size());
          for (Row r : rows) {
            out.add(new Claimed(r.getLong("id"), r.getString("phone"), r.getString("body"), r.getString("encoding"),
                r.getInteger("attempts")));
          }
          out.sort((a, b) -> Long.compare(a.id(), b.id()));
          return out;
        });
  }

  /** Marks a notice sent, then applies a receipt that may have overtaken the submit response. */
  public Future<Void> markSent(long id, String messageId) {
    return pool.preparedQuery(MARK_SENT).execute(Tuple.of(id, messageId))
        .compose(v -> pool.preparedQuery(APPLY_RECEIPT_FOR_ID).execute(Tuple.of(id)))
        .mapEmpty();
  }

  public Future<Void> retryLater(long id, Instant notBefore, String reason) {
    return pool.preparedQuery(RETRY).execute(Tuple.of(id, utc(notBefore), truncate(reason))).mapEmpty();
  }

  public Future<Void> fail(long id, String reason) {
    return pool.preparedQuery(FAIL).execute(Tuple.of(id, truncate(reason))).mapEmpty();
  }

  /** Stores a receipt (once per message id) and applies it to its notice if that is already marked sent. */
  public Future<Void> receipt(DeliveryReport report) {
    return pool.preparedQuery(STORE_RECEIPT)
        .execute(Tuple.of(report.messageId(), report.delivered(), report.state(), report.error()))
        .compose(v -> pool.preparedQuery(APPLY_RECEIPT_FOR_MESSAGE).execute(Tuple.of(report.messageId())))
        .mapEmpty();
  }

  /** Housekeeping: receipts not yet applied, and notices stuck in 'sending'. */
  public Future<Void> housekeeping(long stuckMillis) {
    return pool.query(APPLY_RECEIPTS).execute()
        .compose(v -> pool.preparedQuery(RECLAIM).execute(Tuple.of(stuckMillis)))
        .mapEmpty();
  }

  /**
   * Rows of {@code notices n} the caller may read, parameters n, n+1, n+2 ({@link #scopeArgs}): their
   * counties, their centre, and nothing for clinicians (notices are not theirs to read; the policy does
   * not admit them either). A notice whose beneficiary is unknown has no county: admins only.
   */
  public static String scopeFilter(int n) {
    return Scope.countyFilter("n.county", n)
        + " AND ($" + (n + 1) + "::bigint IS NULL OR n.centre_id = $" + (n + 1) + ")"
        + " AND $" + (n + 2) + "::bigint IS NULL";
  }

  public static Tuple scopeArgs(Tuple tuple, Caller caller) {
    String[] counties = caller.countyScope();
    return tuple.addArrayOfString(counties).addLong(caller.centreScope()).addLong(caller.staffScope());
  }

  /** What a coordinator filters notices on; every field optional. */
  public record Filter(String status, String county, UUID appointmentId, String kind, UUID beneficiaryId) {}

  /**
   * Filter on status, county, appointment (a notice about it, or a digest listing it) and kind ($1..$4), then
   * the caller's scope ($5..$7), then the beneficiary ($8).
   */
  private static final String WHERE = " WHERE ($1::text IS NULL OR n.status = $1) AND ($2::text IS NULL OR n.county = $2)"
      + " AND ($3::uuid IS NULL OR n.appointment_id = $3"
      + " OR EXISTS (SELECT 1 FROM notice_items i WHERE i.notice_id = n.id AND i.appointment_id = $3))"
      + " AND ($4::text IS NULL OR n.kind = $4)"
      + scopeFilter(5)
      + " AND ($8::uuid IS NULL OR n.beneficiary_id = $8)";

  private static Tuple filterArgs(Filter f, Caller caller) {
    return scopeArgs(Tuple.tuple().addString(f.status()).addString(f.county()).addUUID(f.appointmentId())
        .addString(f.kind()), caller).addUUID(f.beneficiaryId());
  }

  public Future<Long> count(Caller caller, Filter filter) {
    return pool.preparedQuery("SELECT count(*) FROM notices n" + WHERE).execute(filterArgs(filter, caller))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<List<JsonObject>> list(Caller caller, int limit, int offset, Filter filter) {
    String sql = "SELECT " + COLUMNS + " FROM notices n" + WHERE + " ORDER BY n.id DESC LIMIT $9 OFFSET $10";
    return pool.preparedQuery(sql).execute(filterArgs(filter, caller).addInteger(limit).addInteger(offset)).map(rows -> {
      List<JsonObject> out = new ArrayList<>(rows.size());
      for (Row r : rows) out.add(json(r));
      return out;
    });
  }

  /** One notice, empty when it does not exist or is outside the caller's scope (the same 404 for both). */
  public Future<Optional<JsonObject>> get(Caller caller, long id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM notices n WHERE n.id = $1" + scopeFilter(2))
        .execute(scopeArgs(Tuple.tuple().addLong(id), caller))
        .map(rows -> rows.size() == 0 ? Optional.<JsonObject>empty() : Optional.of(json(rows.iterator().next())));
  }

  /** One notice whatever the scope: for the module itself and its tests, never for an API answer. */
  Future<Optional<JsonObject>> get(long id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM notices n WHERE n.id = $1").execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.<JsonObject>empty() : Optional.of(json(rows.iterator().next())));
  }

  static JsonObject json(Row r) {
    Map<String, Object> m = new HashMap<>();
    m.put("id", r.getLong("id"));
    m.put("appointmentId", str(r.getUUID("appointment_id")));
    m.put("county", r.getString("county"));
    m.put("beneficiaryId", str(r.getUUID("beneficiary_id")));
    m.put("eventId", str(r.getUUID("event_id")));
    m.put("kind", r.getString("kind"));
    m.put("phone", r.getString("phone"));
    m.put("language", r.getString("language"));
    m.put("body", r.getString("body"));
    m.put("encoding", r.getString("encoding"));
    m.put("segments", r.getInteger("segments"));
    m.put("cost", r.getInteger("cost_bani"));
    m.put("costCurrency", "RON bani");
    m.put("appointmentStartsAt", time(r.getOffsetDateTime("starts_at")));
    m.put("status", r.getString("status"));
    m.put("reason", r.getString("reason"));
    m.put("attempts", r.getInteger("attempts"));
    m.put("notBefore", time(r.getOffsetDateTime("not_before")));
    m.put("gatewayMessageId", r.getString("gateway_message_id"));
    m.put("createdAt", time(r.getOffsetDateTime("created_at")));
    m.put("updatedAt", time(r.getOffsetDateTime("updated_at")));
    m.put("sentAt", time(r.getOffsetDateTime("sent_at")));
    m.put("deliveredAt", time(r.getOffsetDateTime("delivered_at")));
    m.put("failedAt", time(r.getOffsetDateTime("failed_at")));
    return new JsonObject(m);
  }

  private static String str(UUID id) {
    return id == null ? null : id.toString();
  }

  private static String time(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }

  static OffsetDateTime utc(Instant i) {
    return i.atOffset(ZoneOffset.UTC);
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 500 ? s : s.substring(0, 500);
  }
}
