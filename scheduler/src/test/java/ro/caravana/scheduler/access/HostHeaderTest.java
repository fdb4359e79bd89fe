package ro.caravana.scheduler.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;
import ro.caravana.scheduler.SchedulerApp;

/** A Host header that names no host is the client's mistake: 400 problem+json on every kind of route, never a 500. */
@DisplayName("Hostile Host headers: 400, never a 500")
class HostHeaderTest {

  @ParameterizedTest(name = "Host: {0}")
  @ValueSource(strings = {"::1", "::1:8080", "2001:db8::7", "[::1", "::1]", "a b", "localhost:99999", "localhost:-1",
      "localhost:+80", "localhost:٨٠", "[zz", "a/b"})
  void rejected(String host) throws Exception {
    // the same request with a good Host is answered (so the 400 below is about the header, nothing else)
    assertEquals("HTTP/1.1 200 OK", statusLine(raw(DemoApp.get().port(), "GET /api/openapi.yaml HTTP/1.1\r\nHost: [::1]:8080\r\nConnection: close\r\n\r\n")));
    SchedulerApp app = DemoApp.get();
    for (String path : new String[] {"/api/appointments?limit=1", "/api/openapi.yaml", "/health", "/api/auth/login"}) {
      String answer = raw(app.port(), "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
      String status = statusLine(answer);
      assertEquals("HTTP/1.1 400 Bad Request", status, path + " with Host " + host);
      assertTrue(answer.contains("application/problem+json") && answer.contains("\"Host\""), answer);
      assertFalse(answer.contains("Exception"), answer);
    }
  }

  @org.junit.jupiter.api.Test
  @DisplayName("an HTTP/1.1 request without a Host header: 400 naming the header")
  void missing() throws Exception {
    String answer = raw(DemoApp.get().port(), "GET /api/appointments?limit=1 HTTP/1.1\r\nConnection: close\r\n\r\n");
    assertEquals("HTTP/1.1 400 Bad Request", statusLine(answer));
    assertTrue(answer.contains("\"Host\""), answer);
  }

  private static String statusLine(String answer) {
    return answer.isEmpty() ? "" : answer.substring(0, answer.indexOf("\r\n"));
  }

  private static String raw(int port, String request) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(15_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      for (int n; (n = in.read(buf)) > 0; ) all.write(buf, 0, n);
      return all.toString(StandardCharsets.UTF_8);
    }
  }
}
