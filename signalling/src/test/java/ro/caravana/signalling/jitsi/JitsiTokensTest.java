package ro.caravana.signalling.jitsi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.signalling.ConsultationSlot;
import ro.caravana.signalling.Participant;
import ro.caravana.signalling.Participant.Role;
import ro.caravana.signalling.SignallingConfig;
import ro.caravana.signalling.TestConfigs;

@DisplayName("Jitsi rooms and tokens")
class JitsiTokensTest {

  private static final String SECRET = "prosody-app-secret-0123456789abcdef";
  private static final Instant START = Instant.parse("2026-11-24T08:00:00Z");
  private static final ConsultationSlot SLOT =
      new ConsultationSlot("6f1c2d9e-0000-4000-8000-000000000001", START, START.plus(30, ChronoUnit.MINUTES));
  private static final Participant DOCTOR = new Participant("staff:12", "Dr. Ioana Mureșan", Role.DOCTOR);
  private static final Participant FAMILY = new Participant("beneficiary:ab12", "Familia Țîrcă", Role.FAMILY);

  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static JitsiTokens selfHosted() {
    return new JitsiTokens(TestConfigs.with(Map.of(
        "jitsi.domain", "meet.dgaspc-bc.ro", "jitsi.app-id", "caravana", "jitsi.secret", SECRET)));
  }

  @Test
  @DisplayName("a self-hosted token carries every claim prosody reads, bound to the slot")
  void selfHostedClaims() {
    JitsiTokens tokens = selfHosted();
    String jwt = tokens.token(SLOT, DOCTOR);
    JsonObject header = Jwt.header(jwt);
    assertEquals("HS256", header.getString("alg"));
    assertEquals("JWT", header.getString("typ"));
    JsonObject c = Jwt.verifiedHs256(jwt, SECRET.getBytes());
    assertEquals("caravana", c.getString("iss"));
    assertEquals("jitsi", c.getString("aud"));
    assertEquals("meet.dgaspc-bc.ro", c.getString("sub"));
    assertEquals(tokens.room(SLOT.consultationId()), c.getString("room"));
    assertEquals(START.minus(10, ChronoUnit.MINUTES).getEpochSecond(), c.getLong("nbf"));
    assertEquals(START.plus(60, ChronoUnit.MINUTES).getEpochSecond(), c.getLong("exp"));
    JsonObject user = c.getJsonObject("context").getJsonObject("user");
    assertEquals("staff:12", user.getString("id"));
    assertEquals("Dr. Ioana Mureșan", user.getString("name"));
    assertEquals(Boolean.TRUE, user.getValue("moderator"));
    assertEquals(Boolean.TRUE, c.getJsonObject("context").getJsonObject("features").getValue("lobby-bypass"));
  }

  @Test
  @DisplayName("the family is neither moderator nor allowed past the lobby")
  void familyIsNotModerator() {
    JsonObject c = Jwt.verifiedHs256(selfHosted().token(SLOT, FAMILY), SECRET.getBytes());
    JsonObject user = c.getJsonObject("context").getJsonObject("user");
    assertEquals("beneficiary:ab12", user.getString("id"));
    assertEquals("Familia Țîrcă", user.getString("name"));
    assertEquals(Boolean.FALSE, user.getValue("moderator"));
    assertEquals(Boolean.FALSE, user.getValue("lobby_bypass"));
    assertEquals(Boolean.FALSE, c.getJsonObject("context").getJsonObject("features").getValue("lobby-bypass"));
  }

  @Test
  @DisplayName("a token names exactly one room: unguessable, stable per consultation, different for another")
  void oneRoomOnly() {
    JitsiTokens tokens = selfHosted();
    JsonObject c = Jwt.claims(tokens.token(SLOT, FAMILY));
    Object room = c.getValue("room");
    assertInstanceOf(String.class, room);
    assertNotEquals("*", room);
    assertFalse(((String) room).contains(SLOT.consultationId()), "the room must not reveal the consultation id");
    assertTrue(((String) room).matches("consultatie-[a-z2-7]{32}"), (String) room);
    assertEquals(room, Jwt.claims(tokens.token(SLOT, DOCTOR)).getString("room"));
    ConsultationSlot other = new ConsultationSlot("6f1c2d9e-0000-4000-8000-000000000002", SLOT.start(), SLOT.end());
    assertNotEquals(room, Jwt.claims(tokens.token(other, FAMILY)).getString("room"));
    JitsiTokens otherSecret = new JitsiTokens(TestConfigs.with(Map.of("jitsi.domain", "meet.dgaspc-bc.ro",
        "jitsi.secret", SECRET, "telemedicine.token-secret", "another-secret-another-secret-another-0")));
    assertNotEquals(room, otherSecret.room(SLOT.consultationId()));
  }

  @Test
  @DisplayName("an independent JWT library accepts the token inside the slot and rejects it before and after")
  void timeBoundsChecked() throws Exception {
    Instant now = Instant.now();
    ConsultationSlot current = new ConsultationSlot("c-now", now.minusSeconds(60), now.plusSeconds(1800));
    JWTAuth auth = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(SECRET))
        .setJWTOptions(new JWTOptions().setIssuer("caravana").addAudience("jitsi")));
    var user = auth.authenticate(new TokenCredentials(selfHosted().token(current, DOCTOR)))
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertEquals("caravana", user.principal().getString("iss"));

    ConsultationSlot future = new ConsultationSlot("c-future", now.plusSeconds(11 * 60), now.plusSeconds(3600));
    assertThrows(Exception.class, () -> auth.authenticate(new TokenCredentials(selfHosted().token(future, DOCTOR)))
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS), "nbf in the future");
    ConsultationSlot past = new ConsultationSlot("c-past", now.minusSeconds(7200), now.minusSeconds(31 * 60));
    assertThrows(Exception.class, () -> auth.authenticate(new TokenCredentials(selfHosted().token(past, DOCTOR)))
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS), "exp in the past");
  }

  @Test
  @DisplayName("a forged or altered token fails verification")
  void forgedTokenRejected() {
    String jwt = selfHosted().token(SLOT, FAMILY);
    assertThrows(Jwt.InvalidToken.class, () -> Jwt.verifiedHs256(jwt, "wrong-secret".getBytes()));
    String[] p = jwt.split("\\.");
    JsonObject c = Jwt.claims(jwt);
    c.getJsonObject("context").getJsonObject("user").put("moderator", true);
    String altered = p[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(c.encode().getBytes()) + "." + p[2];
    assertThrows(Jwt.InvalidToken.class, () -> Jwt.verifiedHs256(altered, SECRET.getBytes()));
  }

  @Test
  @DisplayName("8x8 JaaS: RS256 with kid, tenant as sub and room prefix, verified with the public key")
  void jaasRs256() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair kp = g.generateKeyPair();
    String pem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(kp.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    String tenant = "vpaas-magic-cookie-0123456789abcdef";
    SignallingConfig config = TestConfigs.with(Map.of("jitsi.domain", "8x8.vc", "jitsi.app-id", "chat",
        "jitsi.key-id", tenant + "/4f7a1b", "jitsi.private-key", pem, "jitsi.tenant", tenant));
    JitsiTokens tokens = new JitsiTokens(config);
    Instant now = Instant.now();
    ConsultationSlot current = new ConsultationSlot("c-jaas", now, now.plusSeconds(1200));
    String jwt = tokens.token(current, DOCTOR);
    JsonObject header = Jwt.header(jwt);
    assertEquals("RS256", header.getString("alg"));
    assertEquals(tenant + "/4f7a1b", header.getString("kid"));
    JsonObject c = Jwt.claims(jwt);
    assertEquals("chat", c.getString("iss"));
    assertEquals("jitsi", c.getString("aud"));
    assertEquals(tenant, c.getString("sub"));
    assertEquals(tokens.room("c-jaas"), c.getString("room"));
    assertEquals(tenant + "/" + tokens.room("c-jaas"), tokens.roomPath("c-jaas"));
    assertEquals(current.start().minusSeconds(600).getEpochSecond(), c.getLong("nbf"));
    assertEquals(current.end().plusSeconds(1800).getEpochSecond(), c.getLong("exp"));

    String publicPem = "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(kp.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    JWTAuth auth = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("RS256").setBuffer(publicPem))
        .setJWTOptions(new JWTOptions().setIssuer("chat").addAudience("jitsi")));
    var user = auth.authenticate(new TokenCredentials(jwt)).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertEquals(tenant, user.principal().getString("sub"));
  }

  @Test
  @DisplayName("without a domain and a secret or key Jitsi is not offered")
  void notConfigured() {
    assertFalse(TestConfigs.with(Map.of()).jitsiEnabled());
    assertFalse(TestConfigs.with(Map.of("jitsi.domain", "meet.example.org")).jitsiEnabled());
    assertThrows(IllegalStateException.class, () -> new JitsiTokens(TestConfigs.with(Map.of())));
  }
}
