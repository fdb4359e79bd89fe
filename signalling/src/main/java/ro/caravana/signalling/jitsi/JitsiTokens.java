package ro.caravana.signalling.jitsi;

import io.vertx.core.json.JsonObject;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import ro.caravana.signalling.ConsultationSlot;
import ro.caravana.signalling.Participant;
import ro.caravana.signalling.SignallingConfig;

/**
 * Per-participant tokens in the layout prosody's token authentication (and 8x8 JaaS) reads:
 * {@code iss} app id, {@code aud}, {@code sub} tenant or domain, {@code room}, {@code nbf} and
 * {@code exp} bound to the slot, {@code context.user} with {@code moderator} only for the doctor,
 * {@code context.features} with the lobby bypass only for the doctor. HS256 with the shared
 * secret (self-hosted) or RS256 with {@code kid} (JaaS).
 */
public final class JitsiTokens {

  private final String domain;
  private final String appId;
  private final String audience;
  private final Optional<String> tenant;
  private final Optional<byte[]> secret;
  private final Optional<String> keyId;
  private final Optional<PrivateKey> privateKey;
  private final RoomNames rooms;

  public JitsiTokens(SignallingConfig config) {
    if (!config.jitsiEnabled()) throw new IllegalStateException("Jitsi is not configured (jitsi.domain and a secret or key)");
    this.domain = config.jitsiDomain().orElseThrow();
    this.appId = config.jitsiAppId();
    this.audience = config.jitsiAudience();
    this.tenant = config.jitsiTenant();
    this.keyId = config.jitsiKeyId();
    this.privateKey = config.jitsiKeyId().isPresent() ? config.jitsiPrivateKey().map(JitsiTokens::rsaKey) : Optional.empty();
    this.secret = privateKey.isPresent() ? Optional.empty()
        : config.jitsiSecret().map(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    this.rooms = new RoomNames(config.tokenSecret());
  }

  public String domain() {
    return domain;
  }

  /** The room name the token names (without tenant). */
  public String room(String consultationId) {
    return rooms.roomFor(consultationId);
  }

  /** The room as the page passes it to {@code JitsiMeetExternalAPI}: {@code tenant/room} on JaaS. */
  public String roomPath(String consultationId) {
    return tenant.map(t -> t + "/" + room(consultationId)).orElse(room(consultationId));
  }

  public String token(ConsultationSlot slot, Participant participant) {
    JsonObject user = new JsonObject()
        .put("id", participant.id())
        .put("name", participant.name())
        .put("moderator", participant.moderator())
        // read by the jitsi-contrib token_lobby_bypass prosody module
        .put("lobby_bypass", participant.moderator());
    JsonObject features = new JsonObject()
        .put("lobby-bypass", participant.moderator())
        .put("recording", false)
        .put("livestreaming", false)
        .put("transcription", false)
        .put("outbound-call", false);
    JsonObject claims = new JsonObject()
        .put("iss", appId)
        .put("aud", audience)
        .put("sub", tenant.orElse(domain).toLowerCase(Locale.ROOT))
        .put("room", room(slot.consultationId()))
        .put("iat", java.time.Instant.now().getEpochSecond())
        .put("nbf", slot.notBefore().getEpochSecond())
        .put("exp", slot.expires().getEpochSecond())
        .put("context", new JsonObject().put("user", user).put("features", features));
    if (privateKey.isPresent()) return Jwt.rs256(claims, keyId.orElseThrow(), privateKey.get());
    return Jwt.hs256(claims, secret.orElseThrow());
  }

  static PrivateKey rsaKey(String pem) {
    String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
    if (pem.contains("BEGIN RSA PRIVATE KEY")) {
      throw new IllegalStateException("jitsi.private-key must be PKCS#8 (BEGIN PRIVATE KEY); convert with "
          + "'openssl pkcs8 -topk8 -nocrypt -in key.pem'");
    }
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("jitsi.private-key is not a PKCS#8 RSA private key", e);
    }
  }
}
