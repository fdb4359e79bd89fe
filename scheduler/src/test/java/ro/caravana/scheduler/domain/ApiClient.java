package ro.caravana.scheduler.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeUnit;

/** Blocking HTTP calls against the test app, for short readable tests. */
final class ApiClient {

  private final WebClient client;
  private final int port;

  ApiClient(Vertx vertx, int port) {
    this.client = WebClient.create(vertx);
    this.port = port;
  }

  HttpResponse<Buffer> get(String path) {
    return await(client.get(port, "127.0.0.1", path).send());
  }

  HttpResponse<Buffer> delete(String path) {
    return await(client.delete(port, "127.0.0.1", path).send());
  }

  HttpResponse<Buffer> send(HttpMethod method, String path, JsonObject body) {
    return await(client.request(method, port, "127.0.0.1", path).sendJsonObject(body));
  }

  /** Sends raw text as JSON (for malformed bodies). */
  HttpResponse<Buffer> sendRaw(HttpMethod method, String path, String body) {
    return await(client.request(method, port, "127.0.0.1", path)
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)));
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Asserts a problem+json answer with this status naming this field. */
  static JsonObject assertProblem(HttpResponse<Buffer> r, int status, String field) {
    assertEquals(status, r.statusCode(), r.bodyAsString());
    assertTrue(r.getHeader("Content-Type").startsWith("application/problem+json"), r.getHeader("Content-Type"));
    JsonObject body = r.bodyAsJsonObject();
    assertEquals(field, body.getString("field"), r.bodyAsString());
    JsonObject reason = body.getJsonObject("reason");
    assertTrue(!reason.getString("ro").isBlank() && !reason.getString("en").isBlank(), r.bodyAsString());
    return body;
  }
}
