package ro.caravana.portal.page.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.portal.server.PortalRoutes;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.support.TestSystem;

@DisplayName("The invitation link opens a page where the person sets their password, in Romanian, once")
class AccountLinkPageTest {

  private static Vertx vertx;
  private static SchedulerApp app;
  private static WebClient client;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    app = TestSystem.startApp(vertx, false, TestSystem.config(Map.of("http.host", "0.0.0.0")), PortalRoutes::mount)
        .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() throws Exception {
    if (app != null) app.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static HttpResponse<Buffer> await(io.vertx.core.Future<HttpResponse<Buffer>> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static HttpResponse<Buffer> page(String path) throws Exception {
    return await(client.get(app.port(), "127.0.0.1", path).send());
  }

  private static HttpResponse<Buffer> submit(String path, String password) throws Exception {
    return await(client.post(app.port(), "127.0.0.1", path).sendForm(MultiMap.caseInsensitiveMultiMap().add("password", password)));
  }

  @Test
  @DisplayName("invite -> the page names the account and the rules; a weak password is refused next to its field; "
      + "a good one is saved, signs in, and the link is spent")
  void setPasswordThroughThePage() throws Exception {
    String admin = TestSystem.adminToken(app);
    var invited = await(client.post(app.port(), "127.0.0.1", "/api/accounts").bearerTokenAuthentication(admin)
        .sendJsonObject(new JsonObject().put("email", "maria.popa@dgaspc-bc.ro").put("displayName", "Maria Popa")
            .put("role", "county_coordinator").put("counties", new JsonArray().add("BC"))));
    assertEquals(201, invited.statusCode(), invited.bodyAsString());
    JsonObject link = invited.bodyAsJsonObject().getJsonObject("link");
    String url = link.getString("url");
    assertTrue(url.contains("/cont/"), url);
    String path = url.substring(url.indexOf("/cont/"));

    var form = page(path);
    assertEquals(200, form.statusCode());
    String html = form.bodyAsString();
    assertTrue(html.contains("Alegeți parola contului"), html);
    assertTrue(html.contains("Maria Popa (maria.popa@dgaspc-bc.ro)"), html);
    assertTrue(html.contains("Cel puțin"), "the password rules in Romanian");
    for (String code : new String[] {"county_coordinator", "invite", "purpose"}) {
      assertFalse(html.replaceAll("<[^>]*>", " ").contains(code), code + " shown to the person");
    }

    var weak = submit(path, "scurt");
    assertEquals(422, weak.statusCode());
    assertTrue(weak.bodyAsString().contains("id=\"e-password\""), "the reason next to the field");
    assertTrue(weak.bodyAsString().contains("error-summary"));

    var saved = submit(path, "Caravana pentru Bacău 2026");
    assertEquals(200, saved.statusCode(), saved.bodyAsString());
    assertTrue(saved.bodyAsString().contains("Parola contului maria.popa@dgaspc-bc.ro a fost salvată"), saved.bodyAsString());
    var login = await(client.post(app.port(), "127.0.0.1", "/api/auth/login").sendJsonObject(
        new JsonObject().put("email", "maria.popa@dgaspc-bc.ro").put("password", "Caravana pentru Bacău 2026")));
    assertEquals(200, login.statusCode(), login.bodyAsString());

    // spent: the page says so, and so does a second submission; nothing else changes the password
    var again = page(path);
    assertEquals(404, again.statusCode());
    assertTrue(again.bodyAsString().contains("Linkul nu mai este valabil"));
    assertEquals(404, submit(path, "Altă parolă destul de lungă").statusCode());
    assertEquals(401, await(client.post(app.port(), "127.0.0.1", "/api/auth/login").sendJsonObject(
        new JsonObject().put("email", "maria.popa@dgaspc-bc.ro").put("password", "Altă parolă destul de lungă"))).statusCode());

    // hostile forms of a token are never looked up
    for (String bad : new String[] {"%00abc", "..%2F..%2Fapi%2Faccounts", "x".repeat(200), "abc%20def"}) {
      var r = page("/cont/" + bad);
      assertTrue(r.statusCode() == 404 || r.statusCode() == 400, bad + " -> " + r.statusCode());
      assertFalse(r.bodyAsString().contains("Exception"), bad);
    }
    // a browser that reached the server over IPv6 loopback (localhost as ::1): the page's own API call must work too
    java.net.InetAddress v6 = java.net.InetAddress.getByName("::1");
    boolean reachable;
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(new java.net.InetSocketAddress(v6, app.port()), 2000);
      reachable = true;
    } catch (java.io.IOException e) {
      reachable = false;
    }
    if (reachable) {
      var second = await(client.post(app.port(), "127.0.0.1", "/api/accounts").bearerTokenAuthentication(admin)
          .sendJsonObject(new JsonObject().put("email", "ion.radu@dgaspc-bc.ro").put("displayName", "Ion Radu")
              .put("role", "county_coordinator").put("counties", new JsonArray().add("BC"))));
      String secondUrl = second.bodyAsJsonObject().getJsonObject("link").getString("url");
      // as a browser sends it: to ::1, with the name it was given in the Host header
      var overV6 = await(client.request(io.vertx.core.http.HttpMethod.GET,
          io.vertx.core.net.SocketAddress.inetSocketAddress(app.port(), "::1"), app.port(), "localhost",
          secondUrl.substring(secondUrl.indexOf("/cont/"))).send());
      assertEquals(200, overV6.statusCode(), overV6.bodyAsString());
      assertTrue(overV6.bodyAsString().contains("Ion Radu (ion.radu@dgaspc-bc.ro)"), overV6.bodyAsString());
    } else {
      System.out.println("AccountLinkPageTest: no IPv6 loopback on this machine; the ::1 check was not run");
    }
    // English on request
    assertTrue(page("/cont/" + "A".repeat(43) + "?lang=en").bodyAsString().contains("The link is no longer valid"));
  }
}
