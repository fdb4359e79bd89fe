package ro.caravana.signalling;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import ro.caravana.signalling.jitsi.JitsiTokens;
import ro.caravana.signalling.rtc.CallTokens;

/**
 * What a participant needs to join a consultation: which provider, the page to open, the token,
 * the room and the ICE servers. The scheduler's consultation API answers with this.
 */
public final class JoinTickets {

  public enum Provider {
    JITSI, BUILTIN;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Provider> parse(String v) {
      if (v == null) return Optional.empty();
      return switch (v.trim().toLowerCase(Locale.ROOT)) {
        case "jitsi" -> Optional.of(JITSI);
        case "builtin", "built-in" -> Optional.of(BUILTIN);
        default -> throw new IllegalArgumentException("unknown provider " + v);
      };
    }
  }

  private final SignallingConfig config;
  private final Optional<JitsiTokens> jitsi;
  private final CallTokens callTokens;

  public JoinTickets(SignallingConfig config) {
    this.config = config;
    this.jitsi = config.jitsiEnabled() ? Optional.of(new JitsiTokens(config)) : Optional.empty();
    this.callTokens = new CallTokens(config.tokenSecret());
  }

  public boolean jitsiAvailable() {
    return jitsi.isPresent();
  }

  /** As {@code telemedicine.default-provider} says; {@code auto}: Jitsi when configured, the built-in signalling otherwise. */
  public Provider defaultProvider() {
    return switch (config.defaultProvider()) {
      case "builtin" -> Provider.BUILTIN;
      default -> jitsi.isPresent() ? Provider.JITSI : Provider.BUILTIN;
    };
  }

  /**
   * The join answer. {@code url} is the portal's call page with everything it needs in the
   * fragment (never sent to a server, so tokens stay out of access logs).
   */
  public JsonObject join(ConsultationSlot slot, Participant participant, Provider provider) {
    String id = slot.consultationId();
    JsonObject out = new JsonObject()
        .put("provider", provider.wire())
        .put("consultationId", id)
        .put("role", participant.role().wire())
        .put("notBefore", slot.notBefore().toString())
        .put("expires", slot.expires().toString());
    String page = "/consultatie/" + enc(id);
    if (provider == Provider.JITSI) {
      JitsiTokens t = jitsi.orElseThrow(() -> new IllegalStateException("Jitsi is not configured"));
      String jwt = t.token(slot, participant);
      out.put("jwt", jwt)
          .put("room", t.roomPath(id))
          .put("domain", t.domain())
          .put("externalApi", "https://" + t.domain() + "/external_api.js")
          .put("meetingUrl", "https://" + t.domain() + "/" + t.roomPath(id) + "?jwt=" + jwt)
          .put("url", page + "#provider=jitsi&domain=" + enc(t.domain()) + "&room=" + enc(t.roomPath(id))
              + "&jwt=" + jwt + "&as=" + participant.role().wire());
    } else {
      String jwt = callTokens.issue(slot, participant);
      out.put("jwt", jwt)
          .put("room", callTokens.room(id))
          .put("websocket", "/ws/consultations/" + enc(id))
          .put("url", page + "#provider=builtin&token=" + jwt + "&as=" + participant.role().wire());
    }
    return out.put("iceServers", iceServers(config));
  }

  /** RTCPeerConnection's {@code iceServers}: STUN and TURN from the configuration. */
  public static JsonArray iceServers(SignallingConfig config) {
    JsonArray servers = new JsonArray();
    if (!config.stunUrls().isEmpty()) servers.add(new JsonObject().put("urls", new JsonArray(config.stunUrls())));
    if (!config.turnUrls().isEmpty()) {
      JsonObject turn = new JsonObject().put("urls", new JsonArray(config.turnUrls()));
      config.turnUsername().ifPresent(u -> turn.put("username", u));
      config.turnCredential().ifPresent(c -> turn.put("credential", c));
      servers.add(turn);
    }
    return servers;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
