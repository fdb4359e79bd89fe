package ro.caravana.scheduler.notice.reply;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.notice.NoticeRepository;

/**
 * The coordinator's queue: phones whose answers nobody could act on ({@code for_coordinator}), each as a thread,
 * the messages to and from that phone in time order (notices sent and answers received), each with the
 * appointments it concerns, and those appointments as they stand now. Only what the caller's scope covers: a
 * notice by its county and centre, an answer by the notice it answered (answers from phones that were told
 * nothing: admins only), as in {@code GET /api/sms/replies}.
 */
public final class ReplyThreads {

  /** At most this many messages per thread, the latest ones. */
  public static final int MESSAGES_PER_THREAD = 50;

  /** $1 county, $2..$4 the caller's scope. */
  private static final String WAITING = """
      FROM sms_replies r LEFT JOIN notices n ON n.id = r.notice_id
      WHERE r.outcome = 'for_coordinator' AND r.phone <> '' AND ($1::text IS NULL OR n.county = $1)"""
      + NoticeRepository.scopeFilter(2);
  private static final String THREADS = "SELECT r.phone, max(r.received_at) AS last_at, count(*) AS waiting " + WAITING
      + " GROUP BY r.phone ORDER BY last_at DESC, r.phone LIMIT $5 OFFSET $6";
  private static final String COUNT = "SELECT count(DISTINCT r.phone) " + WAITING;

  /** $1 the phones, $2..$4 the caller's scope; the appointments listed by a digest in their order. */
  private static final String MESSAGES = """
      SELECT * FROM (
        SELECT 'out' AS direction, n.id, n.phone, n.kind AS what, n.status AS state, n.body,
               coalesce(n.sent_at, n.created_at) AS at, NULL::bigint AS answers,
               coalesce(nullif(array(SELECT i.appointment_id FROM notice_items i WHERE i.notice_id = n.id
                                     ORDER BY i.position), '{}'), array_remove(ARRAY[n.appointment_id], NULL)) AS about
          FROM notices n WHERE n.phone = ANY($1)""" + NoticeRepository.scopeFilter(2) + """

        UNION ALL
        SELECT 'in', r.id, r.phone, r.intent, r.outcome, r.body, r.received_at, r.notice_id,
               CASE WHEN r.appointment_id IS NOT NULL THEN ARRAY[r.appointment_id]
                    ELSE coalesce(nullif(array(SELECT i.appointment_id FROM notice_items i WHERE i.notice_id = n.id
                                               ORDER BY i.position), '{}'), array_remove(ARRAY[n.appointment_id], NULL))
               END
          FROM sms_replies r LEFT JOIN notices n ON n.id = r.notice_id WHERE r.phone = ANY($1)"""
      + NoticeRepository.scopeFilter(2) + """
      ) m ORDER BY m.phone, m.at, m.direction DESC, m.id""";
  private static final String APPOINTMENTS = """
      SELECT id, beneficiary_id, service, modality, starts_at, ends_at, status FROM appointments WHERE id = ANY($1)""";

  private final Pool pool;

  public ReplyThreads(Pool pool) {
    this.pool = pool;
  }

  public Future<Long> count(Caller caller, String county) {
    return pool.preparedQuery(COUNT).execute(NoticeRepository.scopeArgs(Tuple.tuple().addString(county), caller))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** The threads, the one with the latest waiting answer first. */
  public Future<List<JsonObject>> list(Caller caller, String county, int limit, int offset) {
    Tuple args = NoticeRepository.scopeArgs(Tuple.tuple().addString(county), caller).addInteger(limit).addInteger(offset);
    return pool.preparedQuery(THREADS).execute(args).compose(rows -> {
      Map<String, JsonObject> threads = new LinkedHashMap<>();
      for (Row r : rows) {
        threads.put(r.getString("phone"), new JsonObject().put("phone", r.getString("phone"))
            .put("waiting", r.getLong("waiting"))
            .put("lastReplyAt", r.getOffsetDateTime("last_at").toInstant().toString())
            .put("messages", new JsonArray()).put("appointments", new JsonArray()));
      }
      if (threads.isEmpty()) return Future.succeededFuture(List.of());
      String[] phones = threads.keySet().toArray(new String[0]);
      return pool.preparedQuery(MESSAGES).execute(NoticeRepository.scopeArgs(Tuple.tuple().addArrayOfString(phones), caller))
          .compose(messages -> {
            Map<String, List<JsonObject>> byPhone = new LinkedHashMap<>();
            for (Row m : messages) byPhone.computeIfAbsent(m.getString("phone"), p -> new ArrayList<>()).add(message(m));
            Set<UUID> about = new LinkedHashSet<>();
            byPhone.forEach((phone, all) -> {
              List<JsonObject> latest = all.subList(Math.max(0, all.size() - MESSAGES_PER_THREAD), all.size());
              JsonArray out = threads.get(phone).getJsonArray("messages");
              latest.forEach(out::add);
              latest.forEach(j -> j.getJsonArray("appointmentIds").forEach(id -> about.add(UUID.fromString((String) id))));
            });
            return appointments(about).map(known -> {
              for (JsonObject thread : threads.values()) {
                Set<String> ids = new LinkedHashSet<>();
                thread.getJsonArray("messages").forEach(m -> ((JsonObject) m).getJsonArray("appointmentIds")
                    .forEach(id -> ids.add((String) id)));
                JsonArray listed = thread.getJsonArray("appointments");
                ids.stream().map(known::get).filter(a -> a != null).forEach(listed::add);
              }
              return List.copyOf(threads.values());
            });
          });
    });
  }

  private static JsonObject message(Row m) {
    boolean in = "in".equals(m.getString("direction"));
    JsonArray ids = new JsonArray();
    UUID[] about = m.getArrayOfUUIDs("about");
    if (about != null) for (UUID id : about) ids.add(id.toString());
    JsonObject j = new JsonObject().put("direction", in ? "in" : "out").put("id", m.getLong("id"))
        .put(in ? "intent" : "kind", m.getString("what")).put(in ? "outcome" : "status", m.getString("state"))
        .put("body", m.getString("body")).put("at", m.getOffsetDateTime("at").toInstant().toString())
        .put("appointmentIds", ids);
    if (in) j.put("answersNoticeId", m.getLong("answers"));
    return j;
  }

  private Future<Map<String, JsonObject>> appointments(Set<UUID> ids) {
    if (ids.isEmpty()) return Future.succeededFuture(Map.of());
    return pool.preparedQuery(APPOINTMENTS).execute(Tuple.tuple().addArrayOfUUID(ids.toArray(new UUID[0]))).map(rows -> {
      Map<String, JsonObject> out = new LinkedHashMap<>();
      for (Row r : rows) {
        out.put(r.getUUID("id").toString(), new JsonObject().put("id", r.getUUID("id").toString())
            .put("beneficiaryId", r.getUUID("beneficiary_id").toString()).put("service", r.getString("service"))
            .put("modality", r.getString("modality"))
            .put("startsAt", r.getOffsetDateTime("starts_at").toInstant().toString())
            .put("endsAt", r.getOffsetDateTime("ends_at").toInstant().toString())
            .put("status", r.getString("status")));
      }
      return out;
    });
  }
}
