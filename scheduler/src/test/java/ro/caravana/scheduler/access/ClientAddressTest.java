package ro.caravana.scheduler.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.http.HttpMethod;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.SchedulerApp;

/** The client address the audit log records: the TCP peer, X-Forwarded-For only from trusted proxies, the person behind a page. */
@DisplayName("Client address: trusted proxies only, and the person behind a portal page")
class ClientAddressTest {

  @Test
  @DisplayName("X-Forwarded-For is read only when the peer is a trusted proxy: the right-most hop that is not one")
  void forwardedForFromTrustedProxiesOnly() {
    ClientAddress none = ClientAddress.trusting("");
    assertEquals("127.0.0.1", none.resolve("127.0.0.1", List.of("203.0.113.9"), null, null), "nobody trusted: the peer");
    ClientAddress proxies = ClientAddress.trusting("10.0.0.0/8, 127.0.0.1, ::1");
    assertEquals("203.0.113.9", proxies.resolve("127.0.0.1", List.of("203.0.113.9"), null, null));
    assertEquals("203.0.113.9", proxies.resolve("10.2.3.4", List.of("198.51.100.1, 203.0.113.9, 10.9.9.9"), null, null),
        "entries left of the first untrusted hop are the client's own claims: ignored");
    assertEquals("203.0.113.9", proxies.resolve("::1", List.of("198.51.100.1", "203.0.113.9"), null, null), "several headers");
    assertEquals("198.51.100.20", proxies.resolve("198.51.100.20", List.of("203.0.113.9"), null, null),
        "an untrusted peer cannot choose its address");
    assertEquals("10.1.1.1", proxies.resolve("127.0.0.1", List.of("evil.example, 10.1.1.1"), null, null),
        "not an address: nothing left of it is believed");
    assertEquals("127.0.0.1", proxies.resolve("127.0.0.1", List.of("not-an-ip"), null, null));
    assertEquals("2001:db8::7", proxies.resolve("127.0.0.1", List.of("2001:db8::7"), null, null));
    assertEquals("127.0.0.1", proxies.resolve("127.0.0.1", List.of(""), null, null));
    assertThrows(IllegalStateException.class, () -> ClientAddress.trusting("proxy.example"));
    assertThrows(IllegalStateException.class, () -> ClientAddress.trusting("10.0.0.0/33"));
  }

  @Test
  @DisplayName("a page call names the person's address only with this process's key")
  void pageCalls() {
    ClientAddress none = ClientAddress.trusting("");
    Map<String, String> page = ClientAddress.pageCallHeaders("198.51.100.7");
    assertEquals("198.51.100.7", none.resolve("127.0.0.1", List.of(), page.get(ClientAddress.PAGE_CLIENT),
        page.get(ClientAddress.PAGE_KEY)));
    assertEquals("127.0.0.1", none.resolve("127.0.0.1", List.of(), "198.51.100.7", "guessed"));
    assertEquals("127.0.0.1", none.resolve("127.0.0.1", List.of(), "not an address", page.get(ClientAddress.PAGE_KEY)));
  }

  @Test
  @DisplayName("over HTTP: a forged X-Forwarded-For or page key is ignored; a page call of this process is audited with the person's address")
  void auditedAddressOverHttp() throws Exception {
    SchedulerApp app = DemoApp.get();
    ApiClient api = new ApiClient(DemoApp.vertx(), app.port());
    String bc = api.token("coordonator.bc@caravana.demo");
    long account = api.get("/api/auth/me", bc).bodyAsJsonObject().getLong("id");

    String forged = UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> spoof = new HashMap<>(ApiClient.bearer(bc));
    spoof.put("X-Forwarded-For", "203.0.113.9");
    spoof.put(ClientAddress.PAGE_CLIENT, "203.0.113.10");
    spoof.put(ClientAddress.PAGE_KEY, "guessed");
    assertEquals(200, api.call(HttpMethod.GET, "/api/appointments?limit=1&m=" + forged, spoof, null).statusCode());

    String viaPage = UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> page = new HashMap<>(ApiClient.bearer(bc));
    page.putAll(ClientAddress.pageCallHeaders("198.51.100.7"));
    assertEquals(200, api.call(HttpMethod.GET, "/api/appointments?limit=1&m=" + viaPage, page, null).statusCode());
    Thread.sleep(300); // rows are written once the answer is sent

    assertEquals("127.0.0.1", ip(app, account, forged), "the peer, whatever the headers say");
    assertEquals("198.51.100.7", ip(app, account, viaPage), "the person behind the page");
  }

  private static String ip(SchedulerApp app, long account, String marker) throws Exception {
    var rows = app.pool().preparedQuery("SELECT ip FROM audit_log WHERE account_id = $1 AND filters LIKE $2")
        .execute(Tuple.of(account, "%m=" + marker + "%")).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertEquals(1, rows.size(), marker);
    return rows.iterator().next().getString(0);
  }
}
