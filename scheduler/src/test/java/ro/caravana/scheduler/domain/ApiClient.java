package ro.caravana.scheduler.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeUnit;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.support.TestSystem;

/** Blocking HTTP calls against the test app, for short readable tests. */
final class ApiClient {

  private final WebClient client;
  private final int port;
  private final String token;

  /** Calls as an administrator of the app (access rules are tested in the access package). */
  ApiClient(Vertx vertx, SchedulerApp app) {
    this.client = WebClient.create(vertx);
    this.port = app.port();
    this.token = TestSystem.adminToken(app);
  }

  private HttpRequest<Buffer> request(HttpMethod method, String path) {
    return client.request(method, port, "127.0.0.1", path).putHeader("Authorization", "Bearer " + token);
  }

  HttpResponse<Buffer> get(String path) {
    return await(request(HttpMethod.GET, path).send());
  }

  HttpResponse<Buffer> delete(String path) {
    return await(request(HttpMethod.DELETE, path).send());
  }

  HttpResponse<Buffer> send(HttpMethod method, String path, JsonObject body) {
    return await(request(method, path).sendJsonObject(body));
  }

  /** Sends raw text as JSON (for malformed bodies). */
  HttpResponse<Buffer> sendRaw(HttpMethod method, String path, String body) {
    return await(request(method, path)
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
