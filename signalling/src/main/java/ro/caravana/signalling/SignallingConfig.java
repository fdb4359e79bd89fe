package ro.caravana.signalling;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Telemedicine settings, read once at start from the application's configuration (keys
 * {@code jitsi.*} and {@code telemedicine.*}; see caravana-defaults.properties for each one).
 *
 * @param jitsiDomain       Jitsi Meet host (empty: only the built-in signalling is offered)
 * @param jitsiAppId        the {@code iss} claim prosody expects ({@code app_id}); JaaS: {@code chat}
 * @param jitsiAudience     the {@code aud} claim
 * @param jitsiSecret       HS256 shared secret (self-hosted prosody {@code app_secret})
 * @param jitsiKeyId        {@code kid} header for RS256 (JaaS API key id)
 * @param jitsiPrivateKey   PKCS#8 PEM private key for RS256 (JaaS)
 * @param jitsiTenant       tenant (JaaS {@code vpaas-magic-cookie-...}); becomes {@code sub} and the room prefix
 * @param tokenSecret       HS256 secret of the built-in signalling's own tokens and of room names
 * @param defaultProvider   provider when a join names none: auto, jitsi or builtin
 */
public record SignallingConfig(
    Optional<String> jitsiDomain,
    String jitsiAppId,
    String jitsiAudience,
    Optional<String> jitsiSecret,
    Optional<String> jitsiKeyId,
    Optional<String> jitsiPrivateKey,
    Optional<String> jitsiTenant,
    byte[] tokenSecret,
    List<String> stunUrls,
    List<String> turnUrls,
    Optional<String> turnUsername,
    Optional<String> turnCredential,
    Duration attendance,
    Duration noShowGrace,
    CandidatePolicy candidatePolicy,
    int maxMessageBytes,
    int messagesPerSecond,
    int messageBurst,
    Duration heartbeat,
    Duration deadAfter,
    int maxRooms,
    String defaultProvider) {

  /** Which ICE candidates the relay lets through. */
  public enum CandidatePolicy {
    /** every candidate (production) */
    ALL,
    /** only 127.0.0.1 / ::1 candidates (tests keep media on loopback) */
    LOOPBACK;

    static CandidatePolicy parse(String v) {
      return switch (v.trim().toLowerCase()) {
        case "", "all" -> ALL;
        case "loopback" -> LOOPBACK;
        default -> throw new IllegalStateException("telemedicine.candidate-filter must be 'all' or 'loopback', got '" + v + "'");
      };
    }
  }

  public SignallingConfig {
    if (tokenSecret.length < 32) throw new IllegalStateException("telemedicine.token-secret needs at least 32 bytes");
    tokenSecret = tokenSecret.clone();
    if (!java.util.Set.of("auto", "jitsi", "builtin").contains(defaultProvider)) {
      throw new IllegalStateException("telemedicine.default-provider must be auto, jitsi or builtin, got '" + defaultProvider + "'");
    }
    stunUrls = List.copyOf(stunUrls);
    turnUrls = List.copyOf(turnUrls);
  }

  @Override
  public byte[] tokenSecret() {
    return tokenSecret.clone();
  }

  /** True when a Jitsi deployment and a way to sign its tokens are configured. */
  public boolean jitsiEnabled() {
    return jitsiDomain.isPresent() && (jitsiSecret.isPresent() || (jitsiKeyId.isPresent() && jitsiPrivateKey.isPresent()));
  }

  /**
   * Reads the settings through {@code lookup} (key to value, null when unset). An empty token
   * secret is replaced by a random one for this process: tokens then stop working at restart.
   */
  public static SignallingConfig from(Function<String, String> lookup) {
    Function<String, Optional<String>> opt = k -> {
      String v = lookup.apply(k);
      return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    };
    Function<String, String> req = k -> opt.apply(k)
        .orElseThrow(() -> new IllegalStateException("missing setting " + k));
    byte[] secret = opt.apply("telemedicine.token-secret")
        .map(s -> s.getBytes(StandardCharsets.UTF_8))
        .orElseGet(SignallingConfig::randomSecret);
    return new SignallingConfig(
        opt.apply("jitsi.domain"),
        opt.apply("jitsi.app-id").orElse("caravana"),
        opt.apply("jitsi.audience").orElse("jitsi"),
        opt.apply("jitsi.secret"),
        opt.apply("jitsi.key-id"),
        opt.apply("jitsi.private-key").map(SignallingConfig::pemOrFile),
        opt.apply("jitsi.tenant"),
        secret,
        list(opt.apply("telemedicine.stun-urls")),
        list(opt.apply("telemedicine.turn-urls")),
        opt.apply("telemedicine.turn-username"),
        opt.apply("telemedicine.turn-credential"),
        minutes(req.apply("telemedicine.attendance-minutes"), "telemedicine.attendance-minutes"),
        minutes(req.apply("telemedicine.noshow-grace-minutes"), "telemedicine.noshow-grace-minutes"),
        CandidatePolicy.parse(opt.apply("telemedicine.candidate-filter").orElse("all")),
        Integer.parseInt(req.apply("telemedicine.max-message-bytes")),
        Integer.parseInt(req.apply("telemedicine.messages-per-second")),
        Integer.parseInt(req.apply("telemedicine.message-burst")),
        Duration.ofSeconds(Long.parseLong(req.apply("telemedicine.heartbeat-seconds"))),
        Duration.ofSeconds(Long.parseLong(req.apply("telemedicine.dead-after-seconds"))),
        Integer.parseInt(req.apply("telemedicine.max-rooms")),
        opt.apply("telemedicine.default-provider").orElse("auto"));
  }

  /** Minutes as a decimal number ("15", or "0.05" = 3 s in tests). */
  static Duration minutes(String value, String key) {
    try {
      double m = Double.parseDouble(value);
      if (m < 0) throw new NumberFormatException();
      return Duration.ofMillis(Math.round(m * 60_000));
    } catch (NumberFormatException e) {
      throw new IllegalStateException("setting " + key + " must be a number of minutes, got '" + value + "'");
    }
  }

  private static List<String> list(Optional<String> v) {
    return v.map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList())
        .orElse(List.of());
  }

  private static String pemOrFile(String value) {
    if (value.contains("-----BEGIN")) return value;
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of(value));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("jitsi.private-key is neither a PEM key nor a readable file: " + value);
    }
  }

  private static byte[] randomSecret() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encode(b);
  }
}
