package ro.caravana.scheduler.access;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.platform.http.Responses;
import ro.caravana.scheduler.support.TestSystem;

/**
 * One demo-mode app (demo accounts and scenario) shared by the access tests of a test JVM, so the
 * scenario loads once. Rate limits are raised (the tests sign in often from one address) and failed
 * logins are answered without delay; a test-only route is mounted that the policy does not list.
 */
final class DemoApp {

  static final String UNLISTED = "/api/test-only/unlisted";
  static final String UNLISTED_PREFIX = "/api/test-only/prefix/";

  private static Vertx vertx;
  private static SchedulerApp app;

  private DemoApp() {}

  static synchronized SchedulerApp get() {
    if (app != null) return app;
    vertx = Vertx.vertx();
    var config = TestSystem.config(Map.of(
        "auth.backoff-base-ms", "1", "auth.backoff-max-ms", "5", "auth.lockout-threshold", "3",
        "ratelimit.login-per-minute", "100000", "ratelimit.login-burst", "100000",
        "ratelimit.public-per-minute", "100000", "ratelimit.public-burst", "100000"));
    try {
      app = TestSystem.startApp(vertx, true, config, (router, ctx) -> {
            router.get(UNLISTED).handler(rc -> Responses.json(rc, 200, new JsonObject().put("secret", 42)));
            router.get(UNLISTED_PREFIX + "*").handler(rc -> Responses.json(rc, 200, new JsonObject().put("secret", 42)));
          })
          .toCompletionStage().toCompletableFuture().get(180, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("demo app did not start", e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close()));
    return app;
  }

  static Vertx vertx() {
    get();
    return vertx;
  }
}
