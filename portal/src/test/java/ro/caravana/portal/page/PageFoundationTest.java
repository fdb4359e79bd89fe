package ro.caravana.portal.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import ro.caravana.portal.server.PortalRoutes;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.support.TestSystem;

@DisplayName("Pages: sign-in, the layout, the language switch")
class PageFoundationTest {

  private static Vertx vertx;
  private static SchedulerApp app;
  private static WebClient client;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    app = TestSystem.startApp(vertx, true, TestSystem.config(java.util.Map.of()), PortalRoutes::mount)
        .toCompletionStage().toCompletableFuture().get(180, TimeUnit.SECONDS);
    client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  static HttpResponse<Buffer> get(String uri, String cookies) throws Exception {
    var r = client.get(app.port(), "127.0.0.1", uri);
    if (cookies != null) r.putHeader("Cookie", cookies);
    return r.send().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Signs in through the form, as the sign-in page does; returns the cookies to send back. */
  static HttpResponse<Buffer> signIn(String email, String password) throws Exception {
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("email", email).add("password", password).add("next", "/rapoarte");
    return client.post(app.port(), "127.0.0.1", "/api/auth/session").sendForm(form)
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  static String cookies(HttpResponse<Buffer> r) {
    return String.join("; ", r.cookies().stream().map(c -> c.substring(0, c.indexOf(';'))).toList());
  }

  @Test
  @Timeout(60)
  @DisplayName("an anonymous visitor is sent to the sign-in page, which is in Romanian and comes back with a wrong password")
  void signInPage() throws Exception {
    var home = get("/", null);
    assertEquals(302, home.statusCode());
    assertEquals("/intrare?next=%2F", home.getHeader("Location"));
    var page = get("/intrare?next=%2F", null);
    assertEquals(200, page.statusCode());
    assertTrue(page.bodyAsString().contains("<html lang=\"ro\">"));
    assertTrue(page.bodyAsString().contains("Parola"));
    var wrong = signIn("coordonator.bc@caravana.demo", "not-the-password");
    assertEquals(302, wrong.statusCode());
    assertEquals("/intrare?eroare=1&next=%2Frapoarte", wrong.getHeader("Location"));
    assertTrue(get(wrong.getHeader("Location"), null).bodyAsString().contains("nu sunt corecte"));
  }

  @Test
  @Timeout(60)
  @DisplayName("a coordinator signs in, gets Romanian pages with their navigation; ?lang=en switches and is remembered")
  void layoutAndLanguage() throws Exception {
    var signed = signIn("coordonator.bc@caravana.demo", "demo");
    assertEquals(302, signed.statusCode());
    assertEquals("/rapoarte", signed.getHeader("Location"));
    String cookies = cookies(signed);
    String ro = get("/", cookies).bodyAsString();
    assertTrue(ro.contains("<html lang=\"ro\">"), ro);
    assertTrue(ro.contains("Coordonator județean"), "the role in words");
    assertTrue(ro.contains("href=\"/planificare\""));
    assertTrue(ro.contains("aria-current=\"page\">Acasă"), ro);
    assertFalse(ro.contains("county_coordinator"));
    var switched = get("/?lang=en", cookies);
    assertTrue(switched.bodyAsString().contains("<html lang=\"en\">"));
    String langCookie = switched.cookies().stream().filter(c -> c.startsWith(Lang.COOKIE + "=")).findFirst().orElseThrow();
    assertTrue(langCookie.startsWith(Lang.COOKIE + "=en;"), langCookie);
    String en = get("/", cookies + "; " + Lang.COOKIE + "=en").bodyAsString();
    assertTrue(en.contains("County coordinator") && en.contains(">Planning<"), en);
  }

  @Test
  @Timeout(60)
  @DisplayName("a supervisor does not get the records page; its link is not in their navigation")
  void roleCheck() throws Exception {
    String cookies = cookies(signIn("supervizor@caravana.demo", "demo"));
    var home = get("/", cookies);
    assertEquals(200, home.statusCode(), home.bodyAsString());
    assertFalse(home.bodyAsString().contains("href=\"/beneficiari\""));
  }

  @Test
  @Timeout(60)
  @DisplayName("a form sent back with its mistakes answers 400 with the mistakes in Romanian, not 200")
  void refusedFormStatus() throws Exception {
    String cookies = cookies(signIn("coordonator.vn@caravana.demo", "demo"));
    String csrf = java.util.Arrays.stream(cookies.split("; "))
        .filter(c -> c.startsWith(ro.caravana.scheduler.access.Sessions.CSRF_COOKIE + "="))
        .map(c -> c.substring(c.indexOf('=') + 1)).findFirst().orElseThrow();
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add(ro.caravana.scheduler.access.Sessions.CSRF_FIELD, csrf)
        .add("county", "VN").add("week", "2026-W99").add("seconds", "abc").add("routes", "on");
    var answer = client.post(app.port(), "127.0.0.1", "/planificare").putHeader("Cookie", cookies).sendForm(form)
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertEquals(400, answer.statusCode(), answer.bodyAsString());
    assertEquals("text/html; charset=utf-8", answer.getHeader("Content-Type"));
    assertTrue(answer.bodyAsString().contains("ă") || answer.bodyAsString().contains("ț"), "the page in Romanian");
    assertEquals(200, get("/planificare", cookies).statusCode(), "the same page without a form: 200");
  }
}
