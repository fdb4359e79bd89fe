package ro.caravana.scheduler.notice;

import java.time.Duration;
import java.time.ZoneId;
import ro.caravana.scheduler.platform.config.AppConfig;

/** The {@code sms.*} settings the notifier, the sender and the reminder job share. */
public record NoticeSettings(
    boolean enabled,
    String gateway,
    boolean unicode,
    int costBaniPerSegment,
    String defaultLanguage,
    ZoneId zone,
    QuietHours quietHours,
    int perPhonePerHour,
    int retryLimit,
    long retryBackoffMillis,
    long retryBackoffMaxMillis,
    long senderPollMillis,
    int senderBatch,
    long sendingStuckMillis,
    boolean remindersEnabled,
    int reminderDaysBefore,
    int reminderHour,
    int reminderMinGapHours,
    long reminderPollMillis,
    String linkBase,
    String webhookToken,
    String consumerGroup,
    boolean digest,
    long digestSettleMillis) {

  public static NoticeSettings from(AppConfig config) {
    ZoneId zone = ZoneId.of(config.string("zone"));
    return new NoticeSettings(
        config.bool("sms.enabled"),
        config.string("sms.gateway").trim(),
        config.bool("sms.unicode"),
        config.integer("sms.cost-bani-per-segment"),
        config.string("sms.language"),
        zone,
        QuietHours.parse(config.string("sms.quiet-hours"), zone),
        config.integer("sms.per-phone-per-hour"),
        config.integer("sms.retry.limit"),
        config.longValue("sms.retry.backoff-ms"),
        config.longValue("sms.retry.backoff-max-ms"),
        config.longValue("sms.sender.poll-ms"),
        config.integer("sms.sender.batch"),
        config.longValue("sms.sender.stuck-ms"),
        config.bool("sms.reminder.enabled"),
        config.integer("sms.reminder.days-before"),
        config.integer("sms.reminder.hour"),
        config.integer("sms.reminder.min-gap-hours"),
        config.longValue("sms.reminder.poll-ms"),
        config.string("sms.link-base").replaceAll("/+$", ""),
        config.optional("sms.http.webhook-token").orElse(null),
        config.string("sms.notifier.group"),
        config.bool("sms.digest"),
        config.longValue("sms.digest.settle-ms"));
  }

  /** The same settings with other quiet hours. */
  public NoticeSettings withQuietHours(QuietHours hours) {
    return new NoticeSettings(enabled, gateway, unicode, costBaniPerSegment, defaultLanguage, zone, hours,
        perPhonePerHour, retryLimit, retryBackoffMillis, retryBackoffMaxMillis, senderPollMillis, senderBatch,
        sendingStuckMillis, remindersEnabled, reminderDaysBefore, reminderHour, reminderMinGapHours, reminderPollMillis,
        linkBase, webhookToken, consumerGroup, digest, digestSettleMillis);
  }

  /** Wait before the next try after {@code attempts} failed ones: doubling from the base, capped. */
  public Duration backoff(int attempts) {
    long wait = retryBackoffMillis << Math.min(20, Math.max(0, attempts - 1));
    return Duration.ofMillis(Math.min(retryBackoffMaxMillis, wait));
  }
}
