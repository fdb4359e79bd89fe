package ro.caravana.scheduler.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.platform.config.AppConfig;
import ro.caravana.scheduler.support.TestSystem;

@DisplayName("Sign-in, tokens, sessions, CSRF, lockout, rate limits and security headers")
class AccessAuthTest {

  private static Vertx vertx;
  private static SchedulerApp app;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    app = DemoApp.get();
    vertx = DemoApp.vertx();
    api = new ApiClient(vertx, app.port());
  }

  @Test
  @DisplayName("every demo account signs in with the password demo and gets a Bearer token for its role")
  void demoAccountsSignIn() {
    Map<String, String> roles = Map.of("admin@caravana.demo", "admin", "coordonator.bc@caravana.demo", "county_coordinator",
        "coordonator.vn@caravana.demo", "county_coordinator", "medic@caravana.demo", "doctor",
        "terapeut@caravana.demo", "therapist", "asistent@caravana.demo", "nurse", "supervizor@caravana.demo", "supervisor");
    roles.forEach((email, role) -> {
      var r = api.login(email, "demo");
      assertEquals(200, r.statusCode(), email + ": " + r.bodyAsString());
      String token = r.bodyAsJsonObject().getString("token");
      assertEquals(3, token.split("\\.").length);
      var me = api.get("/api/auth/me", token);
      assertEquals(200, me.statusCode(), me.bodyAsString());
      assertEquals(role, me.bodyAsJsonObject().getString("role"));
      assertEquals("bearer", me.bodyAsJsonObject().getString("via"));
    });
  }

  @Test
  @DisplayName("a wrong password and an unknown e-mail get the same 401 problem")
  void refusalsLookAlike() {
    var wrong = api.login("medic@caravana.demo", "not-the-password");
    var unknown = api.login("nobody@caravana.demo", "demo");
    assertEquals(401, wrong.statusCode());
    assertEquals(401, unknown.statusCode());
    assertEquals("application/problem+json", wrong.getHeader("Content-Type"));
    assertEquals(wrong.bodyAsJsonObject().getJsonObject("reason"), unknown.bodyAsJsonObject().getJsonObject("reason"));
    assertFalse(wrong.bodyAsJsonObject().containsKey("token"));
  }

  @Test
  @DisplayName("anonymous calls to the API get 401 problem+json with a Bearer challenge; health stays open")
  void anonymousIsRefused() {
    for (String path : List.of("/api/auth/me", "/api/audit", "/api/beneficiaries", "/api/anything/at/all")) {
      var r = api.get(path, null);
      assertEquals(401, r.statusCode(), path);
      assertEquals("application/problem+json", r.getHeader("Content-Type"));
      assertTrue(r.getHeader("WWW-Authenticate").startsWith("Bearer"));
    }
    assertEquals(200, api.get("/health", null).statusCode());
  }

  @Test
  @DisplayName("a token with a changed payload, another key, no signature or a past expiry is refused")
  void tamperedAndExpiredTokens() {
    String good = api.token("medic@caravana.demo");
    String[] parts = good.split("\\.");
    JsonObject payload = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    payload.put("role", "admin").put("sub", "1");
    String forged = parts[0] + "." + b64(payload.encode()) + "." + parts[2];
    assertEquals(401, api.get("/api/auth/me", forged).statusCode());

    String unsigned = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
    assertEquals(401, api.get("/api/auth/me", unsigned).statusCode());

    JWTAuth otherKey = jwt("another-key-another-key-another-key-0000");
    String foreign = otherKey.generateToken(new JsonObject().put("sub", "1"),
        new JWTOptions().setAlgorithm("HS256").setIssuer(Tokens.ISSUER).setAudience(List.of(Tokens.AUDIENCE))
            .setExpiresInSeconds(600));
    assertEquals(401, api.get("/api/auth/me", foreign).statusCode());

    JWTAuth sameKey = jwt(TestSystem.TEST_JWT_SECRET);
    long now = System.currentTimeMillis() / 1000;
    String expired = sameKey.generateToken(new JsonObject().put("sub", "1").put("iat", now - 7200).put("exp", now - 60)
        .put("jti", java.util.UUID.randomUUID().toString()).put("gen", 0),
        new JWTOptions().setAlgorithm("HS256").setIssuer(Tokens.ISSUER).setAudience(List.of(Tokens.AUDIENCE)));
    assertEquals(401, api.get("/api/auth/me", expired).statusCode());
    // the same key and claims with a future expiry work, so the refusal above is the expiry
    JsonObject claims = new JsonObject().put("sub", "1").put("jti", java.util.UUID.randomUUID().toString())
        .put("gen", 0); // account 1 (the demo administrator) is never changed by tests
    String fresh = sameKey.generateToken(claims.copy(),
        new JWTOptions().setAlgorithm("HS256").setIssuer(Tokens.ISSUER).setAudience(List.of(Tokens.AUDIENCE))
            .setExpiresInSeconds(600));
    assertEquals(200, api.get("/api/auth/me", fresh).statusCode());
    // without a jti or a generation a token could not be recalled: refused
    for (String missing : new String[] {"jti", "gen"}) {
      JsonObject less = claims.copy();
      less.remove(missing);
      String token = sameKey.generateToken(less, new JWTOptions().setAlgorithm("HS256").setIssuer(Tokens.ISSUER)
          .setAudience(List.of(Tokens.AUDIENCE)).setExpiresInSeconds(600));
      assertEquals(401, api.get("/api/auth/me", token).statusCode(), "without " + missing);
    }
    String noExpiry = sameKey.generateToken(claims.copy(),
        new JWTOptions().setAlgorithm("HS256").setIssuer(Tokens.ISSUER).setAudience(List.of(Tokens.AUDIENCE)));
    assertEquals(401, api.get("/api/auth/me", noExpiry).statusCode());
    assertEquals(401, api.call(HttpMethod.GET, "/api/auth/me", Map.of("Authorization", "Basic YWRtaW46ZGVtbw=="), null)
        .statusCode());
  }

  @Test
  @DisplayName("after the threshold of failed logins the e-mail is locked from that address, even for the right password; "
      + "another address still signs in")
  void lockout() throws Exception {
    app.access().createAccount("blocat@caravana.test", "Cont de test", Role.NURSE, List.of("VN"), null, null, "parola-buna")
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertEquals(200, api.login("blocat@caravana.test", "parola-buna").statusCode());
    for (int i = 0; i < 3; i++) assertEquals(401, api.login("blocat@caravana.test", "gresit").statusCode());
    assertEquals(401, api.login("blocat@caravana.test", "parola-buna").statusCode());
    var row = app.pool().preparedQuery("SELECT locked_until > now() FROM login_failures WHERE email = $1 AND client = '127.0.0.1'")
        .execute(Tuple.of("blocat@caravana.test")).toCompletionStage().toCompletableFuture().get()
        .iterator().next();
    assertTrue(row.getBoolean(0));
    // the real user, elsewhere, is not locked out by what one address tried
    var elsewhere = app.access().authenticator().login("blocat@caravana.test", "parola-buna", "198.51.100.7")
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertEquals("blocat@caravana.test", elsewhere.email());
    app.pool().preparedQuery("UPDATE login_failures SET locked_until = now() - interval '1 second' WHERE email = $1")
        .execute(Tuple.of("blocat@caravana.test")).toCompletionStage().toCompletableFuture().get();
    assertEquals(200, api.login("blocat@caravana.test", "parola-buna").statusCode());
  }

  @Test
  @DisplayName("an unknown e-mail is counted, delayed and locked exactly like a known one at every failure count")
  void unknownLikeKnown() throws Exception {
    app.access().createAccount("cunoscut@caravana.test", "Cont de test", Role.NURSE, List.of("VN"), null, null, "parola-buna")
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    for (int i = 1; i <= 4; i++) {
      for (String email : new String[] {"cunoscut@caravana.test", "necunoscut@caravana.test"}) {
        var r = api.login(email, "gresit");
        assertEquals(401, r.statusCode());
        assertEquals(Authenticator.refused().reasonEn(), r.bodyAsJsonObject().getString("detail"));
      }
      var rows = app.pool().query("SELECT email, failures, locked_until > now() AS locked FROM login_failures"
          + " WHERE email IN ('cunoscut@caravana.test', 'necunoscut@caravana.test') ORDER BY email")
          .execute().toCompletionStage().toCompletableFuture().get();
      assertEquals(2, rows.size(), "both e-mails are counted");
      var it = rows.iterator();
      var known = it.next();
      var unknown = it.next();
      assertEquals(known.getInteger("failures"), unknown.getInteger("failures"), "after " + i + " failures");
      assertEquals(known.getBoolean("locked"), unknown.getBoolean("locked"), "after " + i + " failures");
    }
  }

  @Test
  @DisplayName("measured: an unknown e-mail is refused in the same time as a known one with a wrong password "
      + "(median of 30 interleaved tries each within a factor of 2)")
  void unknownLikeKnownMeasured() throws Exception {
    // the work of a refusal without the answer delay (which is equal by construction, see unknownLikeKnown): hashing
    // and database reads; a missing decoy hash would make unknown e-mails about ten times faster
    AccessSettings base = app.access().settings();
    AccessSettings noDelay = AccessSettings.from(TestSystem.config(Map.of("auth.backoff-base-ms", "0",
        "auth.backoff-max-ms", "0", "auth.lockout-threshold", "1000")), true);
    Authenticator timed = new Authenticator(vertx, app.access().accounts(), new LoginFailures(app.pool()),
        app.access().hasher(), noDelay);
    assertEquals(base.argon2MemoryKb(), noDelay.argon2MemoryKb(), "the hashing work of the running system");
    app.access().createAccount("cronometrat@caravana.test", "Cont de test", Role.NURSE, List.of("VN"), null, null, "parola-buna")
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    int tries = 30;
    long[] known = new long[tries];
    long[] unknown = new long[tries];
    for (int i = -5; i < tries; i++) { // 5 warm-up pairs, then known/unknown interleaved (order alternating), so load
      String client = "198.51.100." + (i + 10); // falls on both alike; a fresh address each try keeps the count at 1
      boolean knownFirst = (i & 1) == 0;
      long a = refusalNanos(timed, knownFirst ? "cronometrat@caravana.test" : "necunoscut." + i + "@caravana.test", client);
      long b = refusalNanos(timed, knownFirst ? "necunoscut." + i + "@caravana.test" : "cronometrat@caravana.test", client);
      if (i < 0) continue;
      known[i] = knownFirst ? a : b;
      unknown[i] = knownFirst ? b : a;
    }
    double ratio = (double) median(unknown) / median(known);
    String figures = String.format(java.util.Locale.ROOT, "login refusal, median of %d interleaved tries: unknown e-mail %.1f ms,"
        + " known e-mail with a wrong password %.1f ms, ratio %.2f%n", tries, median(unknown) / 1e6, median(known) / 1e6, ratio);
    System.out.print(figures);
    java.nio.file.Files.writeString(java.nio.file.Path.of("target", "login-timing.txt"), figures);
    assertTrue(ratio > 0.5 && ratio < 2.0, String.format("median unknown %.1f ms / known %.1f ms = %.2f",
        median(unknown) / 1e6, median(known) / 1e6, ratio));
  }

  private static long refusalNanos(Authenticator authenticator, String email, String client) throws Exception {
    long start = System.nanoTime();
    var outcome = authenticator.login(email, "gresit", client).toCompletionStage().toCompletableFuture();
    assertThrows(java.util.concurrent.ExecutionException.class, () -> outcome.get(30, TimeUnit.SECONDS));
    return System.nanoTime() - start;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  @Test
  @DisplayName("a portal session is an HttpOnly SameSite=Strict cookie; changes need the CSRF token; logout ends it")
  void sessionAndCsrf() {
    var opened = api.call(HttpMethod.POST, "/api/auth/session", Map.of(),
        new JsonObject().put("email", "coordonator.bc@caravana.demo").put("password", "demo"));
    assertEquals(200, opened.statusCode(), opened.bodyAsString());
    String sessionCookie = setCookie(opened, Sessions.COOKIE);
    assertTrue(sessionCookie.toLowerCase().contains("httponly"), sessionCookie);
    assertTrue(sessionCookie.contains("SameSite=Strict"), sessionCookie);
    assertFalse(sessionCookie.contains("Secure"), "plain HTTP: no Secure flag");
    String session = value(sessionCookie);
    String csrf = opened.bodyAsJsonObject().getString("csrfToken");
    assertEquals(csrf, value(setCookie(opened, Sessions.CSRF_COOKIE)));
    Map<String, String> cookie = Map.of("Cookie", Sessions.COOKIE + "=" + session + "; " + Sessions.CSRF_COOKIE + "=" + csrf);

    var me = api.call(HttpMethod.GET, "/api/auth/me", cookie, null);
    assertEquals(200, me.statusCode());
    assertEquals("session", me.bodyAsJsonObject().getString("via"));

    // a change with the cookie alone (what a forged cross-site form would send) is refused
    assertEquals(403, api.call(HttpMethod.POST, "/api/auth/logout", cookie, new JsonObject()).statusCode());
    Map<String, String> wrong = new java.util.HashMap<>(cookie);
    wrong.put(Sessions.CSRF_HEADER, "not-the-token");
    assertEquals(403, api.call(HttpMethod.POST, "/api/auth/logout", wrong, new JsonObject()).statusCode());
    assertEquals(200, api.call(HttpMethod.GET, "/api/auth/me", cookie, null).statusCode(), "still signed in");

    Map<String, String> right = new java.util.HashMap<>(cookie);
    right.put(Sessions.CSRF_HEADER, csrf);
    var out = api.call(HttpMethod.POST, "/api/auth/logout", right, new JsonObject());
    assertEquals(204, out.statusCode(), out.bodyAsString());
    assertTrue(setCookie(out, Sessions.COOKIE).contains("Max-Age=0"));
    assertEquals(401, api.call(HttpMethod.GET, "/api/auth/me", cookie, null).statusCode(), "session ended");
  }

  @Test
  @DisplayName("an HTML form signs in and out with the CSRF token as a form field; behind TLS cookies are Secure")
  void formSession() {
    var opened = api.call(HttpMethod.POST, "/api/auth/session", Map.of("X-Forwarded-Proto", "https"),
        MultiMap.caseInsensitiveMultiMap().add("email", "terapeut@caravana.demo").add("password", "demo")
            .add("next", "//evil.example/"));
    assertEquals(302, opened.statusCode(), opened.bodyAsString());
    assertEquals("/", opened.getHeader("Location"), "no redirect off the site");
    String sessionCookie = setCookie(opened, Sessions.COOKIE);
    assertTrue(sessionCookie.contains("Secure"), sessionCookie);
    assertNotNull(opened.getHeader("Strict-Transport-Security"));
    String session = value(sessionCookie);
    String csrf = value(setCookie(opened, Sessions.CSRF_COOKIE));
    Map<String, String> cookie = Map.of("Cookie", Sessions.COOKIE + "=" + session);
    assertEquals(403, api.call(HttpMethod.POST, "/api/auth/logout", cookie,
        MultiMap.caseInsensitiveMultiMap().add("_csrf", "x")).statusCode());
    var out = api.call(HttpMethod.POST, "/api/auth/logout", cookie, MultiMap.caseInsensitiveMultiMap().add("_csrf", csrf));
    assertEquals(302, out.statusCode());
    assertEquals(401, api.call(HttpMethod.GET, "/api/auth/me", cookie, null).statusCode());
  }

  @Test
  @DisplayName("every response carries the security headers; HSTS only over TLS; API answers are not cached")
  void securityHeaders() {
    for (var r : List.of(api.get("/health", null), api.get("/api/auth/me", null), api.get("/no-such-page", null),
        api.get("/api/auth/me", api.token("admin@caravana.demo")))) {
      assertNotNull(r.getHeader("Content-Security-Policy"));
      assertTrue(r.getHeader("Content-Security-Policy").contains("frame-ancestors 'none'"));
      assertEquals("nosniff", r.getHeader("X-Content-Type-Options"));
      assertEquals("DENY", r.getHeader("X-Frame-Options"));
      assertEquals("no-referrer", r.getHeader("Referrer-Policy"));
      assertNull(r.getHeader("Strict-Transport-Security"));
    }
    assertEquals("no-store", api.get("/api/auth/me", null).getHeader("Cache-Control"));
    var tls = api.call(HttpMethod.GET, "/health", Map.of("X-Forwarded-Proto", "https"), null);
    assertTrue(tls.getHeader("Strict-Transport-Security").startsWith("max-age="));
  }

  @Test
  @DisplayName("outside demo mode there are no demo accounts, no start without a signing key, and logins are rate-limited")
  void serveMode() throws Exception {
    assertThrows(IllegalStateException.class,
        () -> AccessSettings.from(AppConfig.of(Map.of("auth.jwt-secret", "")), false));
    assertThrows(IllegalStateException.class,
        () -> AccessSettings.from(AppConfig.of(Map.of("auth.jwt-secret", "short")), false));
    Vertx other = Vertx.vertx();
    try {
      AppConfig config = TestSystem.config(Map.of("ratelimit.login-per-minute", "3", "ratelimit.login-burst", "3",
          "auth.backoff-base-ms", "1", "auth.backoff-max-ms", "1"));
      SchedulerApp serve = TestSystem.startApp(other, false, config, (router, ctx) -> { })
          .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
      ApiClient client = new ApiClient(other, serve.port());
      for (int i = 0; i < 3; i++) assertEquals(401, client.login("admin@caravana.demo", "demo").statusCode());
      var limited = client.login("admin@caravana.demo", "demo");
      assertEquals(429, limited.statusCode());
      assertEquals("application/problem+json", limited.getHeader("Content-Type"));
      assertNotNull(limited.getHeader("Retry-After"));
    } finally {
      other.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("the configured Jitsi domain, and only a well-formed one, may serve scripts under the CSP")
  void cspAllowsTheJitsiDomain() {
    String csp = Access.contentSecurityPolicy(AppConfig.of(Map.of("jitsi.domain", "meet.example.org")));
    assertTrue(csp.contains("script-src 'self' https://meet.example.org;"), csp);
    String odd = Access.contentSecurityPolicy(AppConfig.of(Map.of("jitsi.domain", "x; script-src *")));
    assertFalse(odd.contains("x;"), odd);
    assertTrue(Access.contentSecurityPolicy(AppConfig.of(Map.of("jitsi.domain", ""))).contains("script-src 'self';"));
  }

  private static JWTAuth jwt(String secret) {
    return JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret)));
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String setCookie(HttpResponse<Buffer> r, String name) {
    return r.cookies().stream().filter(c -> c.startsWith(name + "=")).findFirst()
        .orElseThrow(() -> new AssertionError("no Set-Cookie " + name + " in " + r.cookies()));
  }

  private static String value(String setCookie) {
    String first = setCookie.split(";")[0];
    return first.substring(first.indexOf('=') + 1);
  }
}
