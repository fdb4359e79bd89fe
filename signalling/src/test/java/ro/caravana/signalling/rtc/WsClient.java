package ro.caravana.signalling.rtc;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test participant: a WebSocket whose messages queue up to be awaited in order. */
final class WsClient {

  final WebSocket socket;
  final LinkedBlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
  volatile Short closeCode;

  private WsClient(WebSocket socket) {
    this.socket = socket;
    socket.textMessageHandler(t -> inbox.add(new JsonObject(t)));
    socket.closeHandler(v -> {
      closeCode = socket.closeStatusCode();
      inbox.add(new JsonObject().put("type", "closed").put("code", socket.closeStatusCode()));
    });
  }

  static WsClient connect(WebSocketClient client, int port, String consultationId, String token) throws Exception {
    // handlers are set on the socket's event loop as it opens, so no early message is lost
    return client.connect(port, "127.0.0.1", "/ws/consultations/" + consultationId + "?token=" + token)
        .map(WsClient::new)
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  void send(JsonObject m) {
    socket.writeTextMessage(m.encode());
  }

  /** The next message of this type; earlier messages of other types are skipped. */
  JsonObject await(String type) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      JsonObject m = inbox.poll(100, TimeUnit.MILLISECONDS);
      if (m != null && type.equals(m.getString("type"))) return m;
    }
    assertNotNull(null, "no '" + type + "' message arrived");
    return null;
  }

  /** Nothing of this type arrives within the wait. */
  boolean quietAbout(String type, long millis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < deadline) {
      JsonObject m = inbox.poll(20, TimeUnit.MILLISECONDS);
      if (m != null && type.equals(m.getString("type"))) return false;
    }
    return true;
  }

  void close() {
    socket.close();
  }
}
