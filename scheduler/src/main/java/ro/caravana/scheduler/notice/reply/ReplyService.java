package ro.caravana.scheduler.notice.reply;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.appointment.Actor;
import ro.caravana.scheduler.appointment.AppointmentLifecycle;
import ro.caravana.scheduler.appointment.AppointmentStatus;
import ro.caravana.scheduler.appointment.StatusReason;
import ro.caravana.scheduler.notice.AppointmentFacts;
import ro.caravana.scheduler.notice.NoticeComposer;
import ro.caravana.scheduler.notice.NoticeDraft;
import ro.caravana.scheduler.notice.NoticeKind;
import ro.caravana.scheduler.notice.NoticeRepository;
import ro.caravana.scheduler.notice.text.AnswerText;
import ro.caravana.scheduler.notice.gateway.InboundSms;

/**
 * Acts on a family's answer, in one transaction with its record and the answer SMS. The answer is about
 * the latest message the phone was sent that asks for one (for a digest, all it lists; "NU 2" the second).
 * DA confirms; NU cancels through the appointment's lifecycle (which writes {@code appointment.cancelled}
 * and {@code slot.freed}), except that NU to a list first asks "all of them?" (a question notice whose
 * DA cancels them all); STOP records the opt-out and suppresses what is still waiting; anything else, or a
 * number not on the list, is kept for a coordinator. The answer SMS says what was done.
 */
public final class ReplyService {

  private static final Logger LOG = LoggerFactory.getLogger(ReplyService.class);

  /**
   * The notice this phone is answering: the latest one it was sent that asks for an answer (a single message, a
   * digest, a question, an offer), and the appointments it lists in order (a single message: its one).
   */
  private static final String LATEST_NOTICE = """
      SELECT n.id, n.kind, n.appointment_id, n.beneficiary_id FROM notices n
       WHERE n.phone = $1 AND n.kind IN ('booked', 'changed', 'reminder', 'digest', 'question', 'offer')
         AND n.status IN ('sent', 'delivered')
       ORDER BY n.sent_at DESC NULLS LAST, n.id DESC LIMIT 1
      """;
  private static final String ITEMS = "SELECT appointment_id FROM notice_items WHERE notice_id = $1 ORDER BY position";
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
  private static final String OPEN =
      "SELECT id FROM appointments WHERE id = ANY($1) AND status IN ('proposed', 'booked') AND starts_at > now()";
  /**
   * Replies the caller may read: a reply belongs to the county and centre of the notice it answered
   * (one from a phone that was told nothing has none: admins only). Filter on intent ($1), county ($2),
   * then the caller's scope ($3..$5).
   */
  private static final String SCOPED = """
       FROM sms_replies r LEFT JOIN notices n ON n.id = r.notice_id
      WHERE ($1::text IS NULL OR r.intent = $1) AND ($2::text IS NULL OR n.county = $2)""" + NoticeRepository.scopeFilter(3)
      + " AND ($6::uuid IS NULL OR n.beneficiary_id = $6)";
  private static final String LIST = "SELECT r.id, r.phone, r.body, r.intent, r.appointment_id, r.notice_id, r.outcome,"
      + " r.received_at" + SCOPED + " ORDER BY r.id DESC LIMIT $7 OFFSET $8";

  private final Pool pool;
  private final NoticeComposer composer;
  private final Clock clock;

  /** {@code composer}: writes the answer SMS (null: answers are acted on but not answered, for tools). */
  public ReplyService(Pool pool, NoticeComposer composer, Clock clock) {
    this.pool = pool;
    this.composer = composer;
    this.clock = clock;
  }

  /** The outcome of one answer. */
  public record Handled(long replyId, ReplyIntent intent, UUID appointmentId, String outcome) {}

  /** What an answer did, and what the family is told back (none when {@code said} is null). */
  private record Acted(String outcome, AnswerText.Said said, NoticeKind kind, List<UUID> about) {
    static Acted silently(String outcome) {
      return new Acted(outcome, null, null, List.of());
    }
  }

  public Future<Handled> handle(InboundSms sms) {
    ReplyParser.Reading reading = ReplyParser.read(sms.text());
    String phone = sms.from();
    return pool.withTransaction(tx -> tx.preparedQuery(LATEST_NOTICE).execute(Tuple.of(phone)).compose(rows -> {
      if (rows.size() == 0) return store(tx, phone, sms.text(), reading, null, null, List.of());
      Row notice = rows.iterator().next();
      long noticeId = notice.getLong("id");
      String kind = notice.getString("kind");
      UUID single = notice.getUUID("appointment_id");
      return tx.preparedQuery(ITEMS).execute(Tuple.of(noticeId)).compose(items -> {
        List<UUID> listed = new ArrayList<>();
        items.forEach(r -> listed.add(r.getUUID(0)));
        if (listed.isEmpty() && single != null) listed.add(single);
        if ("offer".equals(kind) && single != null) {
          return storeAnswerToOffer(tx, phone, sms.text(), reading, noticeId, single, notice.getUUID("beneficiary_id"));
        }
        return store(tx, phone, sms.text(), reading, noticeId, kind, listed);
      });
    })).onSuccess(h -> LOG.info("SMS reply {} from {}: {} -> {}", h.replyId(), mask(phone), h.intent(), h.outcome()));
  }

  private Future<Handled> store(SqlConnection tx, String phone, String text, ReplyParser.Reading reading, Long noticeId,
      String noticeKind, List<UUID> listed) {
    ReplyIntent intent = reading.intent();
    UUID named = reading.position() != null && reading.position() <= listed.size() ? listed.get(reading.position() - 1)
        : listed.size() == 1 ? listed.get(0) : null;
    return tx.preparedQuery(INSERT_REPLY)
        .execute(Tuple.of(phone, text, intent.name().toLowerCase(Locale.ROOT), named, noticeId))
        .compose(r -> {
          long replyId = r.iterator().next().getLong(0);
          return act(tx, reading, phone, noticeKind, listed, replyId)
              .compose(acted -> answer(tx, replyId, acted).map(acted))
              .compose(acted -> tx.preparedQuery(SET_OUTCOME).execute(Tuple.of(replyId, acted.outcome()))
                  .map(v -> new Handled(replyId, intent, named, acted.outcome())));
        });
  }

  private Future<Acted> act(SqlConnection tx, ReplyParser.Reading reading, String phone, String noticeKind,
      List<UUID> listed, long replyId) {
    Actor actor = new Actor.SmsReply(replyId);
    boolean question = "question".equals(noticeKind);
    switch (reading.intent()) {
      case STOP:
        return tx.preparedQuery(OPT_OUT).execute(Tuple.of(phone, replyId))
            .compose(v -> tx.preparedQuery(SUPPRESS_WAITING).execute(Tuple.of(phone)))
            .map(Acted.silently("opted_out"));
      case CONFIRM: {
        if (listed.isEmpty()) return Future.succeededFuture(Acted.silently("no_appointment"));
        List<UUID> targets = targets(reading, listed);
        if (targets == null) return Future.succeededFuture(Acted.silently("for_coordinator"));
        if (question) return cancel(tx, targets, actor); // "cancel all of them?" - "DA"
        return open(tx, targets).compose(open -> {
          if (open.isEmpty()) return Future.succeededFuture(nothingToChange(listed));
          Future<Void> chain = Future.succeededFuture();
          for (UUID id : open) chain = chain.compose(v -> AppointmentLifecycle.confirm(tx, id, actor).mapEmpty());
          return chain.map(new Acted("confirmed", AnswerText.Said.CONFIRMED, NoticeKind.REPLY, open));
        });
      }
      case CANCEL: {
        if (listed.isEmpty()) return Future.succeededFuture(Acted.silently("no_appointment"));
        if (question && reading.position() == null) {
          return Future.succeededFuture(new Acted("kept", AnswerText.Said.KEPT, NoticeKind.REPLY, listed));
        }
        List<UUID> targets = targets(reading, listed);
        if (targets == null) return Future.succeededFuture(Acted.silently("for_coordinator"));
        if (targets.size() > 1 && !reading.all()) {
          return open(tx, targets).compose(open -> open.size() > 1
              ? Future.succeededFuture(new Acted("asked", AnswerText.Said.ASK_CANCEL_ALL, NoticeKind.QUESTION, open))
              : cancel(tx, targets, actor));
        }
        return cancel(tx, targets, actor);
      }
      default:
        return Future.succeededFuture(Acted.silently("for_coordinator"));
    }
  }

  private static final String LOCK_FREED = "SELECT starts_at FROM appointments WHERE id = $1 FOR UPDATE";
  private static final String OFFER_OF = """
      SELECT id, status, care_plan_id FROM slot_offers WHERE freed_appointment_id = $1 AND beneficiary_id = $2 FOR UPDATE""";
  private static final String ALREADY_TAKEN = "SELECT 1 FROM slot_offers WHERE freed_appointment_id = $1 AND status = 'taken'";
  private static final String SET_OFFER = """
      UPDATE slot_offers SET status = $2, new_appointment_id = $3, answered_at = now() WHERE id = $1""";
  private static final String OTHERS_LOST = """
      UPDATE slot_offers SET status = 'lost', answered_at = now()
       WHERE freed_appointment_id = $1 AND status = 'offered' RETURNING beneficiary_id""";

  /**
   * An answer to a freed slot's offer. DA takes it if nobody did: the freed appointment's row is locked first, so
   * of two families answering at once exactly one gets it (and the unique index on taken offers stands behind
   * that); the others are told it is taken. NU declines. Anything else goes to a coordinator.
   */
  private Future<Handled> storeAnswerToOffer(SqlConnection tx, String phone, String text, ReplyParser.Reading reading,
      long noticeId, UUID freed, UUID beneficiary) {
    ReplyIntent intent = reading.intent();
    return tx.preparedQuery(INSERT_REPLY)
        .execute(Tuple.of(phone, text, intent.name().toLowerCase(Locale.ROOT), freed, noticeId))
        .compose(r -> {
          long replyId = r.iterator().next().getLong(0);
          Future<Acted> acted = switch (intent) {
            case CONFIRM -> take(tx, freed, beneficiary, replyId);
            case CANCEL -> tx.preparedQuery(OFFER_OF).execute(Tuple.of(freed, beneficiary)).compose(rows ->
                rows.size() == 0 ? Future.succeededFuture(Acted.silently("no_offer"))
                    : tx.preparedQuery(SET_OFFER).execute(Tuple.of(rows.iterator().next().getLong("id"), "declined", null))
                        .map(Acted.silently("declined")));
            default -> act(tx, reading, phone, "offer", List.of(), replyId);
          };
          return acted.compose(a -> answer(tx, replyId, a).map(a))
              .compose(a -> tx.preparedQuery(SET_OUTCOME).execute(Tuple.of(replyId, a.outcome()))
                  .map(v -> new Handled(replyId, intent, freed, a.outcome())));
        });
  }

  private Future<Acted> take(SqlConnection tx, UUID freed, UUID beneficiary, long replyId) {
    return tx.preparedQuery(LOCK_FREED).execute(Tuple.of(freed))
        .compose(slot -> tx.preparedQuery(OFFER_OF).execute(Tuple.of(freed, beneficiary)).compose(offers -> {
          if (slot.size() == 0 || offers.size() == 0) return Future.succeededFuture(Acted.silently("no_offer"));
          Row offer = offers.iterator().next();
          long offerId = offer.getLong("id");
          if (!"offered".equals(offer.getString("status"))) return tellLost(tx, freed, List.of(beneficiary), "offer_closed");
          boolean past = !slot.iterator().next().getOffsetDateTime("starts_at").toInstant().isAfter(clock.instant());
          return tx.preparedQuery(ALREADY_TAKEN).execute(Tuple.of(freed)).compose(taken -> {
            if (taken.size() > 0 || past) {
              return tx.preparedQuery(SET_OFFER).execute(Tuple.of(offerId, "lost", null))
                  .compose(v -> tellLost(tx, freed, List.of(beneficiary), "offer_lost"));
            }
            UUID booked = UUID.randomUUID();
            return AppointmentLifecycle.bookFreedSlot(tx, freed, booked, beneficiary, offer.getUUID("care_plan_id"),
                    new Actor.SmsReply(replyId))
                .compose(e -> tx.preparedQuery(SET_OFFER).execute(Tuple.of(offerId, "taken", booked)))
                .compose(v -> tx.preparedQuery(OTHERS_LOST).execute(Tuple.of(freed)))
                .compose(others -> {
                  List<UUID> lost = new ArrayList<>();
                  others.forEach(o -> lost.add(o.getUUID(0)));
                  return tellLost(tx, freed, lost, "took_offer");
                })
                .map(a -> new Acted("took_offer", AnswerText.Said.OFFER_TAKEN, NoticeKind.REPLY, List.of(booked)));
          });
        }));
  }

  /** Tells these families the freed slot is no longer free (no names of anyone else: their own name, the slot). */
  private Future<Acted> tellLost(SqlConnection tx, UUID freed, List<UUID> people, String outcome) {
    if (people.isEmpty() || composer == null) return Future.succeededFuture(Acted.silently(outcome));
    return NoticeRepository.slot(tx, freed).compose(slot -> NoticeRepository.contacts(tx, people)
        .compose(contacts -> {
          List<NoticeDraft> drafts = new ArrayList<>();
          for (AppointmentFacts person : contacts) {
            drafts.add(composer.composeAnswer("offer-lost:" + freed + ":" + person.beneficiaryId(), NoticeKind.REPLY,
                AnswerText.Said.OFFER_LOST, List.of(slot.orElseThrow().forPerson(person)), clock.instant()));
          }
          return NoticeRepository.insertAll(tx, drafts).map(Acted.silently(outcome));
        }));
  }

  /** The appointments an answer names: the numbered one, or all listed; null when the number is not on the list. */
  private static List<UUID> targets(ReplyParser.Reading reading, List<UUID> listed) {
    if (reading.position() == null) return listed;
    return reading.position() <= listed.size() ? List.of(listed.get(reading.position() - 1)) : null;
  }

  private static Future<Acted> cancel(SqlConnection tx, List<UUID> targets, Actor actor) {
    return open(tx, targets).compose(open -> {
      if (open.isEmpty()) return Future.succeededFuture(nothingToChange(targets));
      List<AppointmentLifecycle.Change> changes = open.stream().map(id -> new AppointmentLifecycle.Change(id,
          AppointmentStatus.CANCELLED, actor, StatusReason.of(StatusReason.Kind.FAMILY_DECLINED))).toList();
      return AppointmentLifecycle.moveAll(tx, changes)
          .map(done -> new Acted("cancelled", AnswerText.Said.CANCELLED, NoticeKind.CANCELLED, open));
    });
  }

  private static Acted nothingToChange(List<UUID> about) {
    return new Acted("not_booked", AnswerText.Said.NOTHING_TO_CHANGE, NoticeKind.REPLY, about.subList(0, 1));
  }

  /** Those of the appointments the family can still answer about (not started, proposed or booked), in order. */
  private static Future<List<UUID>> open(SqlConnection tx, List<UUID> ids) {
    return tx.preparedQuery(OPEN).execute(Tuple.of((Object) ids.toArray(new UUID[0]))).map(rows -> {
      Set<UUID> found = new HashSet<>();
      rows.forEach(r -> found.add(r.getUUID(0)));
      return ids.stream().filter(found::contains).toList();
    });
  }

  /** Stores the answer SMS (and, for a question, the appointments it asks about) in the reply's transaction. */
  private Future<Void> answer(SqlConnection tx, long replyId, Acted acted) {
    if (acted.said() == null || composer == null) return Future.succeededFuture();
    String key = "reply:" + replyId;
    return NoticeRepository.facts(tx, acted.about()).compose(facts -> {
      List<AppointmentFacts> about = acted.about().stream().map(facts::get).filter(java.util.Objects::nonNull).toList();
      if (about.isEmpty()) return Future.succeededFuture();
      NoticeDraft draft = composer.composeAnswer(key, acted.kind(), acted.said(), about, clock.instant());
      return NoticeRepository.insertAll(tx, List.of(draft))
          .compose(n -> acted.kind() == NoticeKind.QUESTION ? NoticeRepository.insertItems(tx, key, about)
              : Future.<Void>succeededFuture());
    });
  }

  public Future<Long> count(Caller caller, String intent, String county) {
    return count(caller, intent, county, null);
  }

  /** {@code beneficiary}: only replies to notices sent to this beneficiary (null: any). */
  public Future<Long> count(Caller caller, String intent, String county, UUID beneficiary) {
    return pool.preparedQuery("SELECT count(*)" + SCOPED)
        .execute(NoticeRepository.scopeArgs(Tuple.tuple().addString(intent).addString(county), caller).addUUID(beneficiary))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<List<JsonObject>> list(Caller caller, int limit, int offset, String intent, String county) {
    return list(caller, limit, offset, intent, county, null);
  }

  public Future<List<JsonObject>> list(Caller caller, int limit, int offset, String intent, String county, UUID beneficiary) {
    Tuple args = NoticeRepository.scopeArgs(Tuple.tuple().addString(intent).addString(county), caller).addUUID(beneficiary)
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
