package ro.caravana.scheduler.notice.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.concurrent.atomic.AtomicLong;
import ro.caravana.scheduler.notice.gateway.OutgoingSms;
import ro.caravana.scheduler.notice.gateway.SendFailure;
import ro.caravana.scheduler.notice.gateway.SmsGateway;

/**
 * An HTTP SMS API: each message is one JSON POST
 * {@code {"reference","to","from","text","encoding"}} with a bearer token; a 2xx answer carries
 * the provider's {@code messageId} (or {@code id}). 429 and 5xx are retried later, other 4xx are
 * permanent. Status reports and inbound messages arrive on Caravana's webhooks
 * ({@code POST /api/sms/status}, {@code POST /api/sms/inbound}), see {@link SmsWebhooks}.
 */
public final class HttpSmsGateway implements SmsGateway {

  private final WebClient client;
  private final String url;
  private final String token;
  private final String source;
  private final int ratePerSecond;
  private final Vertx vertx;
  private final AtomicLong nextSlotMillis = new AtomicLong();

  public HttpSmsGateway(Vertx vertx, String url, String token, String source, int ratePerSecond, int timeoutMillis) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(timeoutMillis)
        .setIdleTimeout(30).setKeepAlive(true));
    this.url = url;
    this.token = token;
    this.source = source;
    this.ratePerSecond = ratePerSecond;
  }

  @Override
  public Future<Void> start() {
    return Future.succeededFuture();
  }

  @Override
  public boolean ready() {
    return true;
  }

  @Override
  public Future<String> send(OutgoingSms sms) {
    long wait = waitForSlot();
    return wait <= 0 ? post(sms) : vertx.timer(wait).compose(v -> post(sms));
  }

  private Future<String> post(OutgoingSms sms) {
    JsonObject body = new JsonObject()
        .put("reference", Long.toString(sms.noticeId()))
        .put("to", sms.to())
        .put("from", source)
        .put("text", sms.body())
        .put("encoding", sms.encoding().label());
    var request = client.postAbs(url).timeout(10_000);
    if (token != null && !token.isBlank()) request.bearerTokenAuthentication(token);
    return request.sendJsonObject(body)
        .recover(e -> Future.failedFuture(SendFailure.transientFailure("HTTP gateway unreachable: " + e, e)))
        .compose(response -> {
          int status = response.statusCode();
          if (status >= 200 && status < 300) {
            JsonObject answer;
            try {
              answer = response.bodyAsJsonObject();
            } catch (RuntimeException e) {
              answer = null;
            }
            String id = answer == null ? null : answer.getString("messageId", answer.getString("id"));
            if (id == null || id.isBlank()) {
              return Future.failedFuture(SendFailure.permanent("HTTP gateway answered without a message id", null));
            }
            return Future.succeededFuture(id);
          }
          boolean retry = status == 429 || status >= 500;
          return Future.failedFuture(new SendFailure("HTTP gateway answered " + status, retry, null));
        });
  }

  /** Milliseconds until this message's turn: messages are spaced evenly to the provider's rate, never refused. */
  private long waitForSlot() {
    if (ratePerSecond <= 0) return 0;
    long interval = Math.max(1, 1000 / ratePerSecond);
    long now = System.currentTimeMillis();
    long slot = nextSlotMillis.getAndUpdate(prev -> Math.max(prev, now) + interval);
    return Math.max(0, Math.max(slot, now) - now);
  }

  @Override
  public Future<Void> stop() {
    client.close();
    return Future.succeededFuture();
  }
}
