package ro.caravana.scheduler.notice.reply;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.appointment.Actor;
import ro.caravana.scheduler.appointment.AppointmentLifecycle;
import ro.caravana.scheduler.appointment.AppointmentStatus;
import ro.caravana.scheduler.appointment.StatusReason;
import ro.caravana.scheduler.notice.NoticeRepository;
import ro.caravana.scheduler.notice.gateway.InboundSms;

/**
 * Acts on a family's answer, in one transaction with its record: DA confirms the appointment
 * the phone was last told about (it stays booked), NU cancels it through the appointment's lifecycle
 * (which writes {@code appointment.cancelled} and {@code slot.freed}), STOP records the opt-out and
 * suppresses what is still waiting, anything else is kept for a coordinator.
 */
public final class ReplyService {

  private static final Logger LOG = LoggerFactory.getLogger(ReplyService.class);

  /** The appointment this phone was last told about that can still be answered. */
  private static final String LATEST_NOTICE = """
      SELECT id, appointment_id FROM notices
       WHERE phone = $1 AND appointment_id IS NOT NULL AND kind <> 'cancelled'
         AND status IN ('sent', 'delivered') AND (starts_at IS NULL OR starts_at > now())
       ORDER BY sent_at DESC NULLS LAST, id DESC LIMIT 1
      """;
  private static final String INSERT_REPLY = """
      INSERT INTO sms_replies (phone, body, intent, appointment_id, notice_id, outcome)
      VALUES ($1, $2, $3, $4, $5, 'received') RETURNING id
      """;
  private static final String SET_OUTCOME = "UPDATE sms_replies SET outcome = $2 WHERE id = $1";
  private static final String OPT_OUT = """
      INSERT INTO sms_opt_outs (phone, reply_id) VALUES ($1, $2) ON CONFLICT (phone) DO NOTHING
      """;
  private static final String SUPPRESS_WAITING = """
      UPDATE notices SET status = 'suppressed', reason = 'opted_out', updated_at = now()
       WHERE phone = $1 AND status IN ('queued', 'held')
      """;
  private static final String IS_OPEN =
      "SELECT 1 FROM appointments WHERE id = $1 AND status IN ('proposed', 'booked') AND starts_at > now()";
  /**
   * Replies the caller may read: a reply belongs to the county and centre of the notice it answered
   * (one from a phone that was told nothing has none: admins only). Filter on intent ($1), county ($2),
   * then the caller's scope ($3..$5).
   */
  private static final String SCOPED = """
       FROM sms_replies r LEFT JOIN notices n ON n.id = r.notice_id
      WHERE ($1::text IS NULL OR r.intent = $1) AND ($2::text IS NULL OR n.county = $2)""" + NoticeRepository.scopeFilter(3);
  private static final String LIST = "SELECT r.id, r.phone, r.body, r.intent, r.appointment_id, r.notice_id, r.outcome,"
      + " r.received_at" + SCOPED + " ORDER BY r.id DESC LIMIT $6 OFFSET $7";

  private final Pool pool;

  public ReplyService(Pool pool) {
    this.pool = pool;
  }

  /** The outcome of one answer. */
  public record Handled(long replyId, ReplyIntent intent, UUID appointmentId, String outcome) {}

  public Future<Handled> handle(InboundSms sms) {
    ReplyIntent intent = ReplyParser.parse(sms.text());
    String phone = sms.from();
    return pool.withTransaction(tx -> tx.preparedQuery(LATEST_NOTICE).execute(Tuple.of(phone)).compose(rows -> {
      Long noticeId = rows.size() == 0 ? null : rows.iterator().next().getLong("id");
      UUID appointmentId = rows.size() == 0 ? null : rows.iterator().next().getUUID("appointment_id");
      return tx.preparedQuery(INSERT_REPLY)
          .execute(Tuple.of(phone, sms.text(), intent.name().toLowerCase(Locale.ROOT), appointmentId, noticeId))
          .compose(r -> {
            long replyId = r.iterator().next().getLong(0);
            return act(tx, intent, phone, appointmentId, replyId)
                .compose(outcome -> tx.preparedQuery(SET_OUTCOME).execute(Tuple.of(replyId, outcome))
                    .map(v -> new Handled(replyId, intent, appointmentId, outcome)));
          });
    })).onSuccess(h -> LOG.info("SMS reply {} from {}: {} -> {}", h.replyId(), mask(phone), h.intent(), h.outcome()));
  }

  private Future<String> act(SqlConnection tx, ReplyIntent intent, String phone, UUID appointmentId, long replyId) {
    switch (intent) {
      case STOP:
        return tx.preparedQuery(OPT_OUT).execute(Tuple.of(phone, replyId))
            .compose(v -> tx.preparedQuery(SUPPRESS_WAITING).execute(Tuple.of(phone)))
            .map("opted_out");
      case CONFIRM:
        if (appointmentId == null) return Future.succeededFuture("no_appointment");
        return ifOpen(tx, appointmentId, () -> AppointmentLifecycle.confirm(tx, appointmentId, new Actor.SmsReply(replyId))
            .map("confirmed"));
      case CANCEL:
        if (appointmentId == null) return Future.succeededFuture("no_appointment");
        return ifOpen(tx, appointmentId, () -> AppointmentLifecycle.move(tx, new AppointmentLifecycle.Change(appointmentId,
            AppointmentStatus.CANCELLED, new Actor.SmsReply(replyId), StatusReason.of(StatusReason.Kind.FAMILY_DECLINED)))
            .map("cancelled"));
      default:
        return Future.succeededFuture("for_coordinator");
    }
  }

  /** Acts only on an appointment the family can still answer about; otherwise the reply is kept as "not_booked". */
  private static Future<String> ifOpen(SqlConnection tx, UUID appointmentId, java.util.function.Supplier<Future<String>> act) {
    return tx.preparedQuery(IS_OPEN).execute(Tuple.of(appointmentId))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture("not_booked") : act.get());
  }

  public Future<Long> count(Caller caller, String intent, String county) {
    return pool.preparedQuery("SELECT count(*)" + SCOPED)
        .execute(NoticeRepository.scopeArgs(Tuple.tuple().addString(intent).addString(county), caller))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<List<JsonObject>> list(Caller caller, int limit, int offset, String intent, String county) {
    Tuple args = NoticeRepository.scopeArgs(Tuple.tuple().addString(intent).addString(county), caller)
        .addInteger(limit).addInteger(offset);
    return pool.preparedQuery(LIST).execute(args).map(rows -> {
      List<JsonObject> out = new ArrayList<>(rows.size());
      for (Row r : rows) {
        out.add(new JsonObject()
            .put("id", r.getLong("id"))
            .put("phone", r.getString("phone"))
            .put("body", r.getString("body"))
            .put("intent", r.getString("intent"))
            .put("appointmentId", r.getUUID("appointment_id") == null ? null : r.getUUID("appointment_id").toString())
            .put("noticeId", r.getLong("notice_id"))
            .put("outcome", r.getString("outcome"))
            .put("receivedAt", r.getOffsetDateTime("received_at").toInstant().toString()));
      }
      return out;
    });
  }

  private static String mask(String phone) {
    return phone == null || phone.length() < 6 ? "?" : phone.substring(0, phone.length() - 4) + "****";
  }
}
