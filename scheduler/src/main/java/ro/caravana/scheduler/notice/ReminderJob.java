package ro.caravana.scheduler.notice;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reminders the day before: from {@code sms.reminder.hour} (local time), every booked appointment
 * starting {@code sms.reminder.days-before} days later (tomorrow by default) gets one reminder. The dedupe key {@code reminder:<appointment>:<start epoch>} makes the job
 * idempotent per appointment and start (a moved appointment is reminded again for its new time);
 * an appointment announced in the last {@code min-gap-hours} is not reminded at all.
 */
public final class ReminderJob extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ReminderJob.class);
  private static final int BATCH = 500;

  private final Pool pool;
  private final NoticeSettings settings;
  private final NoticeComposer composer;
  private final Clock clock;
  private long timer;
  private boolean busy;

  public ReminderJob(Pool pool, NoticeSettings settings, NoticeComposer composer, Clock clock) {
    this.pool = pool;
    this.settings = settings;
    this.composer = composer;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(settings.reminderPollMillis(), id -> {
      if (busy) return;
      busy = true;
      runOnce().onComplete(ar -> {
        busy = false;
        if (ar.failed()) LOG.warn("reminders: {}", ar.cause().toString());
      });
    });
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  /** Writes the reminders due now; answers how many new notices it stored. */
  public Future<Integer> runOnce() {
    Instant now = clock.instant();
    ZonedDateTime local = now.atZone(settings.zone());
    if (local.getHour() < settings.reminderHour()) return Future.succeededFuture(0);
    LocalDate day = local.toLocalDate().plusDays(settings.reminderDaysBefore());
    Instant from = day.atStartOfDay(settings.zone()).toInstant();
    Instant to = day.plusDays(1).atStartOfDay(settings.zone()).toInstant();
    Instant announcedAfter = now.minus(Duration.ofHours(settings.reminderMinGapHours()));
    return batch(from, to, announcedAfter, now, 0);
  }

  private Future<Integer> batch(Instant from, Instant to, Instant announcedAfter, Instant now, int soFar) {
    return pool.withTransaction(tx -> NoticeRepository.reminderCandidates(tx, from, to, announcedAfter, BATCH)
        .compose(candidates -> {
          return composer.links(tx, candidates).compose(tokens -> {
            List<NoticeDraft> drafts = new ArrayList<>(candidates.size());
            for (AppointmentFacts f : candidates) {
              String key = "reminder:" + f.appointmentId() + ":" + f.startsAt().getEpochSecond();
              drafts.add(composer.compose(key, null, NoticeKind.REMINDER, f, null, tokens.get(f.appointmentId()), now));
            }
            return NoticeRepository.insertAll(tx, drafts).map(n -> new int[] {n, candidates.size()});
          });
        }))
        .compose(r -> r[1] == BATCH ? batch(from, to, announcedAfter, now, soFar + r[0])
            : Future.succeededFuture(soFar + r[0]));
  }
}
