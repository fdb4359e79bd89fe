package ro.caravana.scheduler.platform.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.VertxException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Which failures mean the database is away (503 with Retry-After) rather than a fault (500)")
class DatabaseUnavailableTest {

  @Test
  @DisplayName("a pooled connection closed under the statement, a pool wait timeout, a closed pool, a refused connect, one suppressed")
  void unavailable() {
    assertTrue(Problems.databaseUnavailable(new VertxException("Connection is not active now, current status: CLOSED")));
    assertTrue(Problems.databaseUnavailable(new VertxException("Timeout waiting for connection")));
    // the pool closed as this process shuts down, as Vert.x's SQL client reports it
    assertTrue(Problems.databaseUnavailable(new io.vertx.core.impl.NoStackTraceThrowable("Pool closed")));
    assertTrue(Problems.databaseUnavailable(new RuntimeException("wrapped", new java.net.ConnectException("refused"))));
    RuntimeException withSuppressed = new RuntimeException("commit failed");
    withSuppressed.addSuppressed(new java.net.SocketException("Connection reset"));
    assertTrue(Problems.databaseUnavailable(withSuppressed));
  }

  @Test
  @DisplayName("other failures stay faults")
  void faults() {
    assertFalse(Problems.databaseUnavailable(new IllegalStateException("bug")));
    assertFalse(Problems.databaseUnavailable(new VertxException("Connection was closed by the peer of the HTTP client")));
    assertFalse(Problems.databaseUnavailable(new RuntimeException("outer", new NullPointerException())));
    assertFalse(Problems.databaseUnavailable(new io.vertx.core.impl.NoStackTraceThrowable("Invalid UUID")));
  }
}
