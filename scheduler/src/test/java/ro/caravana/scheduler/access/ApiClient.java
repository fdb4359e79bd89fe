package ro.caravana.scheduler.access;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Blocking HTTP calls against a test app, for tests that read as a sequence of requests. */
final class ApiClient {

  private final WebClient client;
  private final int port;

  ApiClient(Vertx vertx, int port) {
    this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    this.port = port;
  }

  HttpResponse<Buffer> call(HttpMethod method, String path, Map<String, String> headers, Object body) {
    HttpRequest<Buffer> request = client.request(method, port, "127.0.0.1", path);
    headers.forEach(request::putHeader);
    try {
      var future = body == null ? request.send()
          : body instanceof MultiMap form ? request.sendForm(form)
          : request.sendJsonObject((JsonObject) body);
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + ": " + e, e);
    }
  }

  HttpResponse<Buffer> get(String path, String token) {
    return call(HttpMethod.GET, path, bearer(token), null);
  }

  HttpResponse<Buffer> post(String path, String token, JsonObject body) {
    return call(HttpMethod.POST, path, bearer(token), body);
  }

  HttpResponse<Buffer> login(String email, String password) {
    return call(HttpMethod.POST, "/api/auth/login", Map.of(),
        new JsonObject().put("email", email).put("password", password));
  }

  String token(String email) {
    var r = login(email, Access.DEMO_PASSWORD);
    if (r.statusCode() != 200) throw new IllegalStateException("login of " + email + ": " + r.bodyAsString());
    return r.bodyAsJsonObject().getString("token");
  }

  static Map<String, String> bearer(String token) {
    return token == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
  }
}
