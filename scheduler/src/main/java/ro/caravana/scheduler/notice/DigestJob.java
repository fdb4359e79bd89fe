package ro.caravana.scheduler.notice;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what one publish (or re-plan) tells each phone as one message. The notifier stores the publish's
 * booked and moved appointments as digest parts; once no part of that publish arrived for
 * {@code sms.digest.settle-ms}, this job takes them in one transaction and writes one notice per phone:
 * the usual single message for one appointment, a numbered digest for several (its items are kept for the
 * answer, "NU 2"). Appointments no longer booked by then are left out. Parts are marked used, not deleted,
 * so a redelivered event cannot make a second message.
 */
public final class DigestJob extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(DigestJob.class);

  private final Pool pool;
  private final NoticeSettings settings;
  private final NoticeComposer composer;
  private final Clock clock;
  private long timer;
  private boolean busy;

  public DigestJob(Pool pool, NoticeSettings settings, NoticeComposer composer, Clock clock) {
    this.pool = pool;
    this.settings = settings;
    this.composer = composer;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(Math.max(100, settings.digestSettleMillis() / 3), id -> {
      if (busy) return;
      busy = true;
      runOnce().onComplete(ar -> {
        busy = false;
        if (ar.failed()) LOG.warn("digest: will retry: {}", ar.cause().toString());
      });
    });
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  /** Writes the notices of every settled publish; answers how many it stored. */
  public Future<Integer> runOnce() {
    return pool.withTransaction(this::onePublish).compose(n -> n < 0 ? Future.succeededFuture(0)
        : runOnce().map(more -> more + n));
  }

  /** The notices of one settled publish, or -1 when none is ready. */
  private Future<Integer> onePublish(SqlConnection tx) {
    return NoticeRepository.takeSettled(tx, settings.digestSettleMillis()).compose(parts -> {
      if (parts.isEmpty()) return Future.succeededFuture(-1);
      List<UUID> ids = parts.stream().map(NoticeRepository.DigestPart::appointmentId).distinct().toList();
      return NoticeRepository.facts(tx, ids).compose(facts -> composer.links(tx, facts.values()).compose(tokens -> {
        Instant now = clock.instant();
        Map<String, List<NoticeRepository.DigestPart>> byPhone = new LinkedHashMap<>();
        parts.forEach(p -> byPhone.computeIfAbsent(p.phone(), k -> new ArrayList<>()).add(p));
        List<NoticeDraft> drafts = new ArrayList<>();
        Map<String, List<AppointmentFacts>> items = new LinkedHashMap<>();
        for (var entry : byPhone.entrySet()) {
          List<NoticeRepository.DigestPart> open = entry.getValue().stream()
              .filter(p -> facts.containsKey(p.appointmentId()) && "booked".equals(facts.get(p.appointmentId()).status()))
              .sorted(Comparator.comparing(p -> facts.get(p.appointmentId()).startsAt()))
              .toList();
          if (open.isEmpty()) continue;
          String key = "digest:" + open.get(0).planId() + ":" + entry.getKey();
          if (open.size() == 1) {
            NoticeRepository.DigestPart p = open.get(0);
            AppointmentFacts f = facts.get(p.appointmentId());
            drafts.add(composer.compose(key, p.eventId(), p.kind(), f, p.previousStartsAt(),
                tokens.get(f.appointmentId()), now));
          } else {
            List<AppointmentFacts> listed = open.stream().map(p -> facts.get(p.appointmentId())).toList();
            drafts.add(composer.composeDigest(key, listed, tokens, now));
            items.put(key, listed);
          }
        }
        Future<Void> chain = NoticeRepository.insertAll(tx, drafts).mapEmpty();
        for (var e : items.entrySet()) {
          chain = chain.compose(v -> NoticeRepository.insertItems(tx, e.getKey(), e.getValue()));
        }
        return chain.map(drafts.size());
      }));
    });
  }
}
