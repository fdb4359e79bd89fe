package ro.caravana.scheduler.access;

import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.platform.config.AppConfig;

/** The access settings ({@code auth.*}, {@code ratelimit.*}, {@code family.*}, {@code gdpr.*}), read once at start. */
public record AccessSettings(
    String jwtSecret,
    int tokenLifetimeSeconds,
    int sessionIdleMinutes,
    int sessionMaxHours,
    int argon2MemoryKb,
    int argon2Iterations,
    int lockoutThreshold,
    int lockoutMinutes,
    int backoffBaseMs,
    int backoffMaxMs,
    int loginPerMinute,
    int loginBurst,
    int publicPerMinute,
    int publicBurst,
    int familyLinkDays,
    int retentionMonths,
    int retentionCheckMinutes,
    int webhookPerMinute,
    int webhookBurst) {

  private static final Logger LOG = LoggerFactory.getLogger(AccessSettings.class);
  public static final int MIN_SECRET_LENGTH = 32;

  public static AccessSettings from(AppConfig config, boolean demo) {
    String secret = config.optional("auth.jwt-secret").orElse(null);
    if (secret == null) {
      if (!demo) {
        throw new IllegalStateException("auth.jwt-secret (CARAVANA_AUTH_JWT_SECRET) is required outside demo mode: "
            + "at least " + MIN_SECRET_LENGTH + " random characters, the same on every instance");
      }
      byte[] random = new byte[48];
      new SecureRandom().nextBytes(random);
      secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      LOG.info("auth.jwt-secret is empty: a random signing key was made for this run (tokens die at restart)");
    } else if (secret.length() < MIN_SECRET_LENGTH) {
      throw new IllegalStateException("auth.jwt-secret must be at least " + MIN_SECRET_LENGTH + " characters");
    }
    return new AccessSettings(secret,
        config.integer("auth.token-lifetime-seconds"),
        config.integer("auth.session-idle-minutes"),
        config.integer("auth.session-max-hours"),
        config.integer("auth.argon2-memory-kb"),
        config.integer("auth.argon2-iterations"),
        config.integer("auth.lockout-threshold"),
        config.integer("auth.lockout-minutes"),
        config.integer("auth.backoff-base-ms"),
        config.integer("auth.backoff-max-ms"),
        config.integer("ratelimit.login-per-minute"),
        config.integer("ratelimit.login-burst"),
        config.integer("ratelimit.public-per-minute"),
        config.integer("ratelimit.public-burst"),
        config.integer("family.link-days"),
        config.integer("gdpr.retention-months"),
        config.integer("gdpr.retention-check-minutes"),
        config.integer("ratelimit.webhook-per-minute"),
        config.integer("ratelimit.webhook-burst"));
  }
}
