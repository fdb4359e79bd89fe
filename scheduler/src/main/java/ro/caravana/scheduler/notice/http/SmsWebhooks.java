package ro.caravana.scheduler.notice.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;
import ro.caravana.scheduler.notice.gateway.DeliveryReport;
import ro.caravana.scheduler.notice.gateway.GatewayListener;
import ro.caravana.scheduler.notice.gateway.InboundSms;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.http.Requests;
import ro.caravana.scheduler.platform.http.Responses;

/**
 * What an HTTP SMS provider calls: {@code POST /api/sms/status}
 * {@code {"messageId","status": "delivered"|"failed"|..., "error"}} and {@code POST /api/sms/inbound}
 * {@code {"from","to","text"}}. Mounted only with the HTTP gateway, which refuses to start without
 * {@code sms.http.webhook-token}: the caller must send it as {@code Authorization: Bearer <token>}
 * (compared in constant time); the access policy rate-limits both routes per client address.
 */
public final class SmsWebhooks {

  /** Shortest webhook token accepted at start. */
  public static final int MIN_TOKEN_LENGTH = 24;

  private static final Set<String> DELIVERED = Set.of("delivered", "delivrd", "ok", "success");
  private static final Set<String> FAILED = Set.of("failed", "undelivered", "undeliv", "expired", "rejected",
      "rejectd", "deleted", "error");

  private final GatewayListener listener;
  private final String token;

  public SmsWebhooks(GatewayListener listener, String token) {
    this.listener = listener;
    this.token = token;
  }

  public void mount(Router router) {
    router.post("/api/sms/status").handler(this::status);
    router.post("/api/sms/inbound").handler(this::inbound);
  }

  private void status(RoutingContext ctx) {
    authorize(ctx);
    JsonObject body = Requests.body(ctx);
    String messageId = required(body, "messageId");
    String status = required(body, "status").toLowerCase(Locale.ROOT);
    boolean delivered = DELIVERED.contains(status);
    if (!delivered && !FAILED.contains(status)) {
      Responses.noContent(ctx); // an intermediate state (accepted, en route): nothing final yet
      return;
    }
    listener.onDeliveryReport(new DeliveryReport(messageId, delivered, status.toUpperCase(Locale.ROOT),
            body.getString("error")))
        .onSuccess(v -> Responses.noContent(ctx))
        .onFailure(ctx::fail);
  }

  private void inbound(RoutingContext ctx) {
    authorize(ctx);
    JsonObject body = Requests.body(ctx);
    String from = required(body, "from");
    if (!from.matches("^\\+?[1-9][0-9]{6,14}$")) {
      throw ApiError.unprocessable("from", "Numărul expeditorului nu este în format internațional.",
          "The sender's number is not in international (E.164) format.");
    }
    String text = body.getString("text", "");
    listener.onInbound(new InboundSms(from.startsWith("+") ? from : "+" + from, body.getString("to"), text))
        .onSuccess(v -> Responses.noContent(ctx))
        .onFailure(ctx::fail);
  }

  /** Fail closed: no configured token refuses everything; the comparison does not depend on where the texts differ. */
  private void authorize(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (token == null || token.isEmpty() || header == null || !MessageDigest.isEqual(sha256(header), sha256("Bearer " + token))) {
      throw ApiError.unauthorized("Token lipsă sau greșit.", "Missing or wrong token.");
    }
  }

  /** Digests of equal length, so neither the length nor a common prefix of the sent token shows in the timing. */
  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String required(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null || v.toString().isBlank()) {
      throw ApiError.unprocessable(field, "Câmpul „" + field + "” este obligatoriu.", "Field '" + field + "' is required.");
    }
    return v.toString();
  }
}
