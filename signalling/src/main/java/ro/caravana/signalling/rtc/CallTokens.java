package ro.caravana.signalling.rtc;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import ro.caravana.signalling.ConsultationSlot;
import ro.caravana.signalling.Participant;
import ro.caravana.signalling.jitsi.Jwt;
import ro.caravana.signalling.jitsi.Jwt.InvalidToken;
import ro.caravana.signalling.jitsi.RoomNames;

/**
 * Tokens of the built-in signalling: the same claims as the Jitsi tokens (room, slot-bound
 * {@code nbf}/{@code exp}, {@code context.user} with {@code moderator} for the doctor), signed
 * with the signalling's own secret, and checked when a socket opens.
 */
public final class CallTokens {

  public static final String ISSUER = "caravana";
  public static final String AUDIENCE = "caravana-signalling";

  private final byte[] secret;
  private final RoomNames rooms;

  public CallTokens(byte[] secret) {
    this.secret = secret.clone();
    this.rooms = new RoomNames(secret);
  }

  public String room(String consultationId) {
    return rooms.roomFor(consultationId);
  }

  public String issue(ConsultationSlot slot, Participant p) {
    JsonObject claims = new JsonObject()
        .put("iss", ISSUER)
        .put("aud", AUDIENCE)
        .put("sub", ISSUER)
        .put("room", room(slot.consultationId()))
        .put("iat", Instant.now().getEpochSecond())
        .put("nbf", slot.notBefore().getEpochSecond())
        .put("exp", slot.expires().getEpochSecond())
        .put("context", new JsonObject()
            .put("user", new JsonObject().put("id", p.id()).put("name", p.name()).put("moderator", p.moderator()))
            .put("features", new JsonObject().put("lobby-bypass", p.moderator())));
    return Jwt.hs256(claims, secret);
  }

  /** What a verified token grants: this participant, in this consultation's slot. */
  public record Grant(Participant participant, ConsultationSlot slot) {}

  /** Checks signature, issuer, audience, time bounds and that the token names this consultation's room. */
  public Grant verify(String token, String consultationId, Instant now) {
    JsonObject c = Jwt.verifiedHs256(token, secret);
    if (!ISSUER.equals(c.getString("iss")) || !AUDIENCE.equals(c.getValue("aud"))) throw new InvalidToken("wrong issuer or audience");
    if (!room(consultationId).equals(c.getString("room"))) throw new InvalidToken("token is for another consultation");
    Long nbf = number(c, "nbf");
    Long exp = number(c, "exp");
    if (now.getEpochSecond() < nbf) throw new InvalidToken("too early: the consultation room opens 10 minutes before the start");
    if (now.getEpochSecond() >= exp) throw new InvalidToken("expired");
    JsonObject user = c.getJsonObject("context", new JsonObject()).getJsonObject("user");
    if (user == null || user.getString("id") == null || user.getString("name") == null) throw new InvalidToken("no user");
    Participant.Role role = Boolean.TRUE.equals(user.getValue("moderator")) ? Participant.Role.DOCTOR : Participant.Role.FAMILY;
    ConsultationSlot slot = new ConsultationSlot(consultationId,
        Instant.ofEpochSecond(nbf).plus(ConsultationSlot.EARLY_JOIN),
        Instant.ofEpochSecond(exp).minus(ConsultationSlot.LATE_LEAVE));
    return new Grant(new Participant(user.getString("id"), user.getString("name"), role), slot);
  }

  private static Long number(JsonObject c, String name) {
    Object v = c.getValue(name);
    if (!(v instanceof Number n)) throw new InvalidToken("missing " + name);
    return n.longValue();
  }
}
