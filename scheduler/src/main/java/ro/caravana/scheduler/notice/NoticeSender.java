package ro.caravana.scheduler.notice;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.notice.gateway.OutgoingSms;
import ro.caravana.scheduler.notice.gateway.SendFailure;
import ro.caravana.scheduler.notice.gateway.SmsGateway;
import ro.caravana.scheduler.notice.text.SmsEncoding;

/**
 * Sends due notices through the gateway. Each tick claims a batch (skipping phones over their
 * hourly share and phones that answered STOP), hands the messages to the gateway, which spaces
 * them to its rate, and records the outcome: sent with the gateway's id, back to the queue with
 * exponential backoff after a transient failure, or failed after a permanent one or too many
 * tries. Nothing is claimed during quiet hours or while the gateway is not connected, so an
 * outage of minutes costs no attempts and loses nothing.
 */
public final class NoticeSender extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(NoticeSender.class);
  private static final long HOUSEKEEPING_MILLIS = 2000;

  private final NoticeRepository notices;
  private final SmsGateway gateway;
  private final NoticeSettings settings;
  private final Clock clock;
  private final AtomicLong sent = new AtomicLong();
  private long timer;
  private long housekeepingTimer;
  private boolean busy;

  public NoticeSender(NoticeRepository notices, SmsGateway gateway, NoticeSettings settings, Clock clock) {
    this.notices = notices;
    this.gateway = gateway;
    this.settings = settings;
    this.clock = clock;
  }

  public long sent() {
    return sent.get();
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(settings.senderPollMillis(), id -> tick());
    housekeepingTimer = vertx.setPeriodic(HOUSEKEEPING_MILLIS, id -> notices.housekeeping(settings.sendingStuckMillis())
        .onFailure(e -> LOG.warn("notice housekeeping: {}", e.toString())));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    vertx.cancelTimer(housekeepingTimer);
    return Future.succeededFuture();
  }

  private void tick() {
    if (busy || !gateway.ready() || settings.quietHours().isQuiet(clock.instant())) return;
    busy = true;
    sendBatch().onComplete(ar -> {
      busy = false;
      if (ar.failed()) {
        LOG.warn("notice sender: {}", ar.cause().toString());
      } else if (ar.result() == settings.senderBatch()) {
        vertx.runOnContext(v -> tick()); // more waiting
      }
    });
  }

  /** Sends one batch; answers how many notices it claimed. */
  Future<Integer> sendBatch() {
    return notices.claim(settings.senderBatch(), settings.perPhonePerHour()).compose(claimed -> {
      List<Future<Void>> outcomes = new ArrayList<>(claimed.size());
      for (NoticeRepository.Claimed c : claimed) {
        OutgoingSms sms = new OutgoingSms(c.id(), c.phone(), c.body(), SmsEncoding.fromLabel(c.encoding()));
        outcomes.add(gateway.send(sms).transform(ar -> ar.succeeded()
            ? notices.markSent(c.id(), ar.result()).onSuccess(v -> sent.incrementAndGet())
            : failed(c, ar.cause())));
      }
      return Future.join(outcomes).transform(ar -> Future.succeededFuture(claimed.size()));
    });
  }

  private Future<Void> failed(NoticeRepository.Claimed c, Throwable cause) {
    boolean retry = !(cause instanceof SendFailure f) || f.isTransient();
    String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    if (retry && c.attempts() < settings.retryLimit()) {
      Instant next = clock.instant().plus(settings.backoff(c.attempts()));
      return notices.retryLater(c.id(), next, reason);
    }
    LOG.info("notice {} failed after {} attempt(s): {}", c.id(), c.attempts(), reason);
    return notices.fail(c.id(), reason);
  }
}
