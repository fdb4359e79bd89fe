package ro.caravana.scheduler.notice;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import ro.caravana.scheduler.appointment.StatusReason;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.platform.kafka.BatchConsumer;
import ro.caravana.scheduler.platform.kafka.KafkaClients;
import ro.caravana.scheduler.platform.outbox.Topics;

/**
 * Turns appointment events into notices. Consumer group {@code notifier} on
 * {@code caravana.appointments}; each poll is written in one transaction (the appointment, the
 * beneficiary's contact and consent and the place are read by id, after the producer committed),
 * and the offsets are committed only after that transaction. The notice's unique dedupe key
 * ({@code event:<event id>}) makes a redelivered event a no-op, so one event is one SMS.
 */
public final class Notifier extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
  public static final String GROUP = "notifier";


  private final Pool pool;
  private final Map<String, String> consumerConfig;
  private final NoticeComposer composer;
  private final NoticeSettings settings;
  private final Clock clock;
  private final AtomicLong created = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong batchNanos = new AtomicLong();
  private BatchConsumer reader;

  public Notifier(Pool pool, String bootstrap, NoticeSettings settings, NoticeComposer composer, Clock clock) {
    this.pool = pool;
    this.composer = composer;
    this.settings = settings;
    this.clock = clock;
    // one poll = one transaction; 500 keeps template work per event-loop turn short
    this.consumerConfig = KafkaClients.quickConsumer(bootstrap, settings.consumerGroup(), 500);
  }

  /** Polls that brought records, and the time spent storing them (for the benchmark and metrics). */
  public long batches() {
    return batches.get();
  }

  public long batchNanos() {
    return batchNanos.get();
  }

  /** Notices written since start. */
  public long created() {
    return created.get();
  }

  @Override
  public Future<?> start() {
    reader = new BatchConsumer(vertx, consumerConfig, Topics.APPOINTMENTS, "notifier", this::handle);
    return reader.start();
  }


  Future<Void> handle(KafkaConsumerRecords<String, String> records) {
    List<HeardEvent> events = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      KafkaConsumerRecord<String, String> r = records.recordAt(i);
      HeardEvent.of(r.value()).ifPresent(events::add);
    }
    if (events.isEmpty()) return Future.succeededFuture();
    long t0 = System.nanoTime();
    return pool.withTransaction(tx -> write(tx, events)).onSuccess(n -> {
      created.addAndGet(n);
      batches.incrementAndGet();
      batchNanos.addAndGet(System.nanoTime() - t0);
    }).mapEmpty();
  }

  private Future<Integer> write(SqlConnection tx, List<HeardEvent> events) {
    Set<UUID> ids = new LinkedHashSet<>();
    events.forEach(e -> ids.add(e.appointmentId()));
    return NoticeRepository.facts(tx, List.copyOf(ids)).compose(facts -> composer.links(tx, facts.values())
        .compose(tokens -> {
          Planned planned = plan(events, facts, tokens);
          return NoticeRepository.insertParts(tx, planned.parts())
              .compose(v -> NoticeRepository.insertAll(tx, planned.drafts()));
        }));
  }

  /** What a batch of events becomes: notices now, and parts of a publish's digest per phone (sent by DigestJob). */
  private record Planned(List<NoticeDraft> drafts, List<NoticeRepository.DigestPart> parts) {}

  /**
   * One notice per event that tells the family something new. A cancellation the family asked for by SMS is
   * not announced here: the answer to its SMS says it. What a publish or a re-plan books or moves for a phone
   * that will receive it waits as a digest part, so the phone gets one message for the whole publish.
   */
  private Planned plan(List<HeardEvent> events, Map<UUID, AppointmentFacts> facts, Map<UUID, String> tokens) {
    Instant now = clock.instant();
    Map<UUID, Instant> announced = new HashMap<>(); // within this batch, before it is stored
    List<NoticeDraft> out = new ArrayList<>();
    List<NoticeRepository.DigestPart> parts = new ArrayList<>();
    for (HeardEvent e : events) {
      AppointmentFacts f = facts.get(e.appointmentId());
      if (f == null) {
        LOG.warn("notifier: appointment {} of event {} not found, or its beneficiary erased; no notice", e.appointmentId(), e.eventId());
        continue;
      }
      Instant last = announced.containsKey(f.appointmentId()) ? announced.get(f.appointmentId()) : f.lastAnnounced();
      NoticeKind kind = e.kind();
      Instant previous = null;
      switch (kind) {
        case NOSHOW -> {
          if (last == null) continue; // never told about it: nothing to say about missing it
        }
        case CANCELLED -> {
          if (last == null) continue; // never told: a cancellation would only confuse
          if ("sms_reply".equals(e.event().actor())) continue; // the answer to the family's SMS tells it
          // an excused absence marked by the crew: the family sent word itself; nothing to tell it
          if (StatusReason.Kind.ATTENDANCE_MARK.wire().equals(e.event().reason())) continue;
        }
        case CHANGED -> {
          if (!"booked".equals(f.status())) continue;
          if (last == null) {
            kind = NoticeKind.BOOKED; // the family has not heard of it yet: announce it
          } else if (last.equals(f.startsAt()) && !e.event().placeChanged()) {
            continue; // staff or room changed: nothing the family needs to know
          } else {
            previous = e.event().previousStartsAt() != null ? e.event().previousStartsAt() : last;
          }
        }
        case BOOKED -> {
          if (!"booked".equals(f.status())) continue; // cancelled or moved on since: a later event tells
          if ("sms_reply".equals(e.event().actor())) continue; // a freed slot taken by SMS: the answer tells it
          if (f.startsAt().equals(last)) continue; // already announced (e.g. published twice)
          if (last != null) { // announced before at another time: say it moved
            kind = NoticeKind.CHANGED;
            previous = last;
          }
        }
        default -> { }
      }
      if (kind != NoticeKind.CANCELLED && e.event().planId() != null && settings.digest() && composer.willSend(f)) {
        parts.add(new NoticeRepository.DigestPart(e.eventId(), e.event().planId(), f.phone(), f.appointmentId(), kind,
            previous));
        announced.put(f.appointmentId(), f.startsAt());
        continue;
      }
      NoticeDraft draft = composer.compose("event:" + e.eventId(), e.eventId(), kind, f, previous,
          tokens.get(f.appointmentId()), kind == NoticeKind.CANCELLED ? e.event().reason() : null, now);
      if (draft.status() != NoticeStatus.SUPPRESSED && (kind == NoticeKind.BOOKED || kind == NoticeKind.CHANGED)) {
        announced.put(f.appointmentId(), f.startsAt());
      }
      out.add(draft);
    }
    return new Planned(out, parts);
  }

  @Override
  public Future<?> stop() {
    return reader.stop();
  }
}
