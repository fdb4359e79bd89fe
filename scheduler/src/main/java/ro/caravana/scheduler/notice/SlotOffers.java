package ro.caravana.scheduler.notice;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.appointment.FreedSlot;
import ro.caravana.scheduler.notice.text.AnswerText;
import ro.caravana.scheduler.platform.kafka.BatchConsumer;
import ro.caravana.scheduler.platform.kafka.KafkaClients;
import ro.caravana.scheduler.platform.outbox.EventEnvelope;
import ro.caravana.scheduler.platform.outbox.ProcessedEvents;
import ro.caravana.scheduler.platform.outbox.Topics;

/**
 * A freed slot is offered, not lost. Reads {@code slot.freed} (group {@code slot-offers} on
 * {@code caravana.plans}); for each, in one transaction, picks up to {@code sms.offer.candidates} families who
 * fit it (a care plan for the same service and modality, the same centre for centre sessions, valid that day,
 * in the county; the care plan's preferred days and hours, when it states them, cover the slot; nothing else
 * booked at that time; a phone with consent and no STOP; not the family who gave it up), families who missed a session of that service in the last two weeks first (the no-show follow-up), then
 * those with the fewest sessions of that service that week (the ones the plan could not place), and
 * writes an offer and its SMS ("Un loc s-a eliberat ... DA pentru a-l primi"). The first DA takes the slot
 * ({@code reply.ReplyService}); the others are told it is taken. Each event is applied once.
 */
public final class SlotOffers extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(SlotOffers.class);
  /** The name this consumer records the events it applied under (its Kafka group is configured). */
  public static final String GROUP = "slot-offers";

  private static final String CANDIDATES = """
      WITH slot AS (SELECT a.id, a.beneficiary_id, a.service, a.modality, a.centre_id, a.starts_at, a.ends_at,
                           to_char(a.starts_at AT TIME ZONE 'Europe/Bucharest', 'FMDAY') AS weekday,
                           (a.starts_at AT TIME ZONE 'Europe/Bucharest')::time AS from_time,
                           (a.ends_at AT TIME ZONE 'Europe/Bucharest')::time AS to_time
                      FROM appointments a WHERE a.id = $1)
      SELECT b.id AS beneficiary_id, cp.id AS care_plan_id
        FROM slot s
        JOIN care_plans cp ON cp.service = s.service AND cp.modality = s.modality
             AND (s.centre_id IS NULL OR cp.centre_id = s.centre_id)
             AND cp.valid_from <= (s.starts_at AT TIME ZONE 'Europe/Bucharest')::date
             AND (cp.valid_to IS NULL OR cp.valid_to >= (s.starts_at AT TIME ZONE 'Europe/Bucharest')::date)
             AND (cardinality(cp.preferred_days) = 0 OR s.weekday = ANY (cp.preferred_days))
             AND (cp.preferred_from IS NULL OR s.from_time >= cp.preferred_from)
             AND (cp.preferred_to IS NULL OR s.to_time <= cp.preferred_to)
        JOIN beneficiaries b ON b.id = cp.beneficiary_id
        JOIN localities l ON l.siruta = b.locality_siruta
       WHERE l.county = $2 AND b.id <> s.beneficiary_id AND b.phone IS NOT NULL AND b.sms_consent
         AND NOT EXISTS (SELECT 1 FROM sms_opt_outs o WHERE o.phone = b.phone)
         AND NOT EXISTS (SELECT 1 FROM appointments x WHERE x.beneficiary_id = b.id
               AND x.status IN ('proposed', 'booked', 'arrived') AND x.starts_at < s.ends_at AND x.ends_at > s.starts_at)
         AND NOT EXISTS (SELECT 1 FROM slot_offers o WHERE o.freed_appointment_id = s.id AND o.beneficiary_id = b.id)
       ORDER BY EXISTS (SELECT 1 FROM appointments m WHERE m.beneficiary_id = b.id AND m.status = 'noshow'
                   AND m.service = s.service AND m.starts_at > now() - interval '14 days') DESC,
                (SELECT count(*) FROM appointments w WHERE w.beneficiary_id = b.id AND w.service = s.service
                   AND w.status IN ('booked', 'arrived', 'fulfilled')
                   AND date_trunc('week', w.starts_at AT TIME ZONE 'Europe/Bucharest')
                     = date_trunc('week', s.starts_at AT TIME ZONE 'Europe/Bucharest')), b.id
       LIMIT $3""";
  private static final String INSERT_OFFER = """
      INSERT INTO slot_offers (freed_appointment_id, beneficiary_id, care_plan_id) VALUES ($1, $2, $3)
      ON CONFLICT DO NOTHING""";

  private final Pool pool;
  private final NoticeComposer composer;
  private final Clock clock;
  private final int candidates;
  private final java.util.Map<String, String> consumerConfig;
  private BatchConsumer reader;

  public SlotOffers(Pool pool, String bootstrap, String group, NoticeComposer composer, Clock clock, int candidates) {
    this.pool = pool;
    this.composer = composer;
    this.clock = clock;
    this.candidates = candidates;
    this.consumerConfig = KafkaClients.quickConsumer(bootstrap, group, 100);
  }

  @Override
  public Future<?> start() {
    reader = new BatchConsumer(vertx, consumerConfig, Topics.PLANS, "slot offers", this::handle);
    return reader.start();
  }

  @Override
  public Future<?> stop() {
    return reader.stop();
  }


  private Future<Void> handle(KafkaConsumerRecords<String, String> records) {
    List<EventEnvelope> freed = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      EventEnvelope.decode(records.recordAt(i).value()).filter(e -> FreedSlot.from(e).isPresent()).ifPresent(freed::add);
    }
    if (freed.isEmpty()) return Future.succeededFuture();
    return pool.withTransaction(tx -> {
      Future<Void> chain = Future.succeededFuture();
      for (EventEnvelope e : freed) {
        chain = chain.compose(v -> ProcessedEvents.firstTime(tx, GROUP, e.eventId())
            .compose(first -> first ? offer(tx, FreedSlot.from(e).orElseThrow()) : Future.succeededFuture()));
      }
      return chain;
    });
  }

  /** Offers one freed slot to the families who fit it, with one SMS each. */
  Future<Void> offer(SqlConnection tx, FreedSlot slot) {
    if (!slot.startsAt().isAfter(clock.instant())) return Future.succeededFuture();
    return tx.preparedQuery(CANDIDATES).execute(Tuple.of(slot.appointmentId(), slot.county(), candidates)).compose(rows -> {
      List<Tuple> offers = new ArrayList<>();
      List<java.util.UUID> people = new ArrayList<>();
      for (Row r : rows) {
        offers.add(Tuple.of(slot.appointmentId(), r.getUUID("beneficiary_id"), r.getUUID("care_plan_id")));
        people.add(r.getUUID("beneficiary_id"));
      }
      if (offers.isEmpty()) {
        LOG.info("freed slot {}: nobody fits it", slot.appointmentId());
        return Future.succeededFuture();
      }
      return tx.preparedQuery(INSERT_OFFER).executeBatch(offers)
          .compose(v -> NoticeRepository.slot(tx, slot.appointmentId()))
          .compose(found -> NoticeRepository.contacts(tx, people).compose(contacts -> {
            AppointmentFacts freed = found.orElseThrow();
            List<NoticeDraft> drafts = new ArrayList<>();
            for (AppointmentFacts person : contacts) {
              AppointmentFacts about = freed.forPerson(person);
              drafts.add(composer.composeAnswer("offer:" + slot.appointmentId() + ":" + person.beneficiaryId(),
                  NoticeKind.OFFER, AnswerText.Said.OFFER, List.of(about), clock.instant()));
            }
            return NoticeRepository.insertAll(tx, drafts).mapEmpty();
          }));
    });
  }
}
