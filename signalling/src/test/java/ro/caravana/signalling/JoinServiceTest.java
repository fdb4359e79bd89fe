package ro.caravana.signalling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.signalling.jitsi.Jwt;

@DisplayName("Join tickets asked for over the event bus")
class JoinServiceTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private JsonObject request(String as, String provider) {
    Instant start = Instant.parse("2026-11-24T08:00:00Z");
    return new JsonObject().put("consultationId", "3b7c0f3e-5a3c-4f7e-9a6e-0c2d3e4f5a6b")
        .put("start", start.toString()).put("end", start.plusSeconds(1800).toString())
        .put("as", as).put("provider", provider)
        .put("participant", new JsonObject().put("id", "staff:4").put("name", "Dr. Radu Ciobanu"));
  }

  private JsonObject ask(JsonObject request) throws Exception {
    return vertx.eventBus().<JsonObject>request(JoinService.ADDRESS, request).map(m -> m.body())
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("without Jitsi: built-in tickets by default, jitsi refused with 400")
  void builtinOnly() throws Exception {
    JoinService.register(vertx, new JoinTickets(TestConfigs.with(Map.of())));
    JsonObject t = ask(request("doctor", null));
    assertEquals("builtin", t.getString("provider"));
    assertTrue(t.getString("url").startsWith("/consultatie/3b7c0f3e-5a3c-4f7e-9a6e-0c2d3e4f5a6b#provider=builtin&token="));
    assertEquals("/ws/consultations/3b7c0f3e-5a3c-4f7e-9a6e-0c2d3e4f5a6b", t.getString("websocket"));
    assertEquals(Boolean.TRUE, Jwt.claims(t.getString("jwt")).getJsonObject("context").getJsonObject("user").getValue("moderator"));
    assertEquals("stun:stun.example.org:3478", t.getJsonArray("iceServers").getJsonObject(0).getJsonArray("urls").getString(0));
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> ask(request("family", "jitsi")));
    assertEquals(400, ((ReplyException) e.getCause()).failureCode());
    e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> ask(request("nurse", "builtin")));
    assertEquals(400, ((ReplyException) e.getCause()).failureCode());
  }

  @Test
  @DisplayName("with Jitsi: the ticket carries the domain, the room, the external API and the token in the page url")
  void jitsi() throws Exception {
    JoinService.register(vertx, new JoinTickets(TestConfigs.with(Map.of(
        "jitsi.domain", "meet.dgaspc-vn.ro", "jitsi.secret", "prosody-secret-prosody-secret-0123"))));
    JsonObject t = ask(request("family", null).put("participant", new JsonObject().put("id", "beneficiary:x").put("name", "Ana Lungu")));
    assertEquals("jitsi", t.getString("provider"));
    assertEquals("https://meet.dgaspc-vn.ro/external_api.js", t.getString("externalApi"));
    assertEquals(t.getString("room"), Jwt.claims(t.getString("jwt")).getString("room"));
    assertTrue(t.getString("url").contains("#provider=jitsi&domain=meet.dgaspc-vn.ro&room=" + t.getString("room") + "&jwt="));
    assertEquals(Boolean.FALSE, Jwt.claims(t.getString("jwt")).getJsonObject("context").getJsonObject("user").getValue("moderator"));
    assertEquals("builtin", ask(request("family", "builtin")).getString("provider"));
  }

  @Test
  @DisplayName("default-provider builtin: calls default to the built-in signalling even with Jitsi configured")
  void defaultProviderBuiltin() throws Exception {
    JoinService.register(vertx, new JoinTickets(TestConfigs.with(Map.of("jitsi.domain", "meet.demo.invalid",
        "jitsi.secret", "prosody-secret-prosody-secret-0123", "telemedicine.default-provider", "builtin"))));
    assertEquals("builtin", ask(request("family", null)).getString("provider"));
    assertEquals("jitsi", ask(request("family", "jitsi")).getString("provider"));
  }
}
