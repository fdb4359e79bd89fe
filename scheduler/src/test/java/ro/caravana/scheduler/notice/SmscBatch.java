package ro.caravana.scheduler.notice;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import ro.caravana.scheduler.notice.gateway.DeliveryReport;
import ro.caravana.scheduler.notice.gateway.GatewayListener;
import ro.caravana.scheduler.notice.gateway.InboundSms;
import ro.caravana.scheduler.notice.smpp.SmppGateway;
import ro.caravana.scheduler.notice.smpp.SmppSettings;
import ro.caravana.scheduler.platform.config.AppConfig;
import ro.caravana.scheduler.support.TestSystem;

/**
 * The fault tests' SMS rig: a batch of queued notices, and the real sender with the real SMPP gateway against a
 * local SMSC, receipts marking notices delivered. The tests differ only in how they hurt the link.
 */
public final class SmscBatch {

  private SmscBatch() {}

  /** {@code n} queued single-segment notices, keys {@code key:i}, phones {@code phonePrefix} + 7 digits. */
  public static Future<Void> queue(Pool pool, String key, String phonePrefix, String body, int n) {
    return pool.query("INSERT INTO notices (dedupe_key, kind, phone, body, encoding, segments, cost_bani, status) "
        + "SELECT '" + key + ":' || i, 'booked', '" + phonePrefix + "' || lpad(i::text, 7, '0'), '" + body + " ' || i, "
        + "'GSM-7', 1, 6, 'queued' FROM generate_series(1, " + n + ") i").execute().mapEmpty();
  }

  /** The sender's settings for these tests: no quiet hours, fast polling and reconnects; {@code overrides} on top. */
  public static AppConfig config(Map<String, String> overrides) {
    Map<String, String> settings = new HashMap<>(Map.of(
        "sms.quiet-hours", "none",
        "sms.sender.poll-ms", "20",
        "sms.sender.batch", "100",
        "sms.retry.backoff-ms", "200",
        "sms.smpp.password", "secret",
        "sms.smpp.reconnect-min-ms", "200"));
    settings.putAll(overrides);
    return TestSystem.config(settings);
  }

  /** Binds a gateway to the SMSC on {@code smscPort} and deploys the sender; the gateway, for the test to stop. */
  public static Future<SmppGateway> startSender(Vertx vertx, Pool pool, AppConfig config, int smscPort) {
    NoticeRepository notices = new NoticeRepository(pool);
    GatewayListener listener = new GatewayListener() {
      @Override
      public Future<Void> onDeliveryReport(DeliveryReport report) {
        return notices.receipt(report);
      }

      @Override
      public Future<Void> onInbound(InboundSms sms) {
        return Future.succeededFuture();
      }
    };
    SmppGateway gateway = new SmppGateway(vertx, SmppSettings.from(config).withEndpoint("127.0.0.1", smscPort), listener);
    return gateway.start()
        .compose(v -> vertx.deployVerticle(new NoticeSender(notices, gateway, NoticeSettings.from(config), Clock.systemUTC())))
        .map(id -> gateway);
  }
}
