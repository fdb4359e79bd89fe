package ro.caravana.scheduler.access;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.platform.config.AppConfig;

/**
 * Access control and privacy, assembled once at start: settings, password hashing, tokens, sessions,
 * the policy, the audit log. {@link #prepare} seeds the demo accounts in demo mode;
 * {@link #mountHeaders} installs the security headers, {@link #mountGate} the access handler, {@link #mountRoutes} the
 * access routes (sign-in, audit).
 */
public final class Access {

  private static final Logger LOG = LoggerFactory.getLogger(Access.class);
  public static final String DEMO_PASSWORD = "demo";

  private final Vertx vertx;
  private final Pool pool;
  private final AccessSettings settings;
  private final PasswordHasher hasher;
  private final Tokens tokens;
  private final Sessions sessions;
  private final Accounts accounts;
  private final Audit audit;
  private final Policy policy;
  private final SecurityHeaders headers;
  private final FamilyLinks familyLinks;
  private final Gdpr gdpr;
  private final AccountAdmin accountAdmin;
  private final RevokedTokens revokedTokens;
  private Authenticator authenticator;

  private Access(Vertx vertx, Pool pool, AppConfig config, AccessSettings settings, Policy policy) {
    this.vertx = vertx;
    this.pool = pool;
    this.settings = settings;
    this.hasher = new PasswordHasher(settings.argon2MemoryKb(), settings.argon2Iterations(), 1);
    this.tokens = new Tokens(vertx, settings.jwtSecret(), settings.tokenLifetimeSeconds());
    this.sessions = new Sessions(pool, settings.sessionIdleMinutes(), settings.sessionMaxHours());
    this.accounts = new Accounts(pool);
    this.audit = new Audit(pool);
    this.policy = policy;
    this.headers = new SecurityHeaders(contentSecurityPolicy(config));
    this.familyLinks = new FamilyLinks(pool, settings.jwtSecret(), settings.familyLinkDays(),
        java.time.ZoneId.of(config.string("zone")));
    this.gdpr = new Gdpr(pool);
    this.accountAdmin = new AccountAdmin(vertx, pool, hasher, config.integer("accounts.invite-hours"),
        config.integer("accounts.reset-hours"), config.optional("accounts.link-base").orElse(""));
    this.revokedTokens = new RevokedTokens(pool);
  }

  /**
   * The configured CSP, with the configured Jitsi domain (and only that one) allowed to serve
   * {@code external_api.js}: the call page loads it from the domain it is given.
   */
  static String contentSecurityPolicy(AppConfig config) {
    String csp = config.string("http.content-security-policy");
    var jitsi = config.optional("jitsi.domain").filter(d -> d.matches("[A-Za-z0-9.-]+(:[0-9]+)?"));
    if (jitsi.isPresent() && csp.contains("script-src 'self'")) {
      csp = csp.replace("script-src 'self'", "script-src 'self' https://" + jitsi.get());
    }
    return csp;
  }

  /** Reads the settings (serve mode refuses to start without a signing key) and seeds demo accounts in demo mode. */
  public static Future<Access> prepare(Vertx vertx, Pool pool, AppConfig config, boolean demo) {
    AccessSettings settings;
    try {
      settings = AccessSettings.from(config, demo);
    } catch (IllegalStateException e) {
      return Future.failedFuture(e);
    }
    Access access = new Access(vertx, pool, config, settings, AccessPolicy.standard());
    return (demo ? access.seedDemoAccounts() : Future.<Void>succeededFuture()).map(v -> {
      access.gdpr.scheduleRetention(vertx, settings.retentionMonths(), settings.retentionCheckMinutes());
      vertx.setPeriodic(3_600_000L, id -> access.sessions.purge()
          .onFailure(e -> LOG.warn("session purge failed: {}", e.toString())));
      vertx.setPeriodic(3_600_000L, id -> access.revokedTokens.purge()
          .onFailure(e -> LOG.warn("revoked token purge failed: {}", e.toString())));
      return access;
    });
  }

  public Policy policy() { return policy; }
  public Tokens tokens() { return tokens; }
  public Accounts accounts() { return accounts; }
  public Audit audit() { return audit; }
  /** Sign-in checks (set once the routes are mounted). */
  public Authenticator authenticator() { return authenticator; }
  public PasswordHasher hasher() { return hasher; }
  public AccessSettings settings() { return settings; }

  /** Security headers on every response: mount before any route that answers. */
  public void mountHeaders(Router router) {
    router.route().handler(headers::handle);
  }

  /** The access handler on {@code /api/*} and on the FHIR API {@code /fhir/*}: mount before any API route. */
  public void mountGate(Router router) {
    AccessHandler gate = new AccessHandler(policy, pool, router, tokens, sessions, accounts, audit,
        new RateLimiter(settings.loginPerMinute(), settings.loginBurst()),
        new RateLimiter(settings.publicPerMinute(), settings.publicBurst()),
        new RateLimiter(settings.webhookPerMinute(), settings.webhookBurst()));
    router.route("/api/*").handler(gate::handle);
    router.route("/fhir/*").handler(gate::handle);
  }

  public void mountRoutes(Router router) {
    authenticator = new Authenticator(vertx, accounts, new LoginFailures(pool), hasher, settings);
    new AuthRoutes(authenticator, tokens, sessions, revokedTokens).mount(router);
    audit.mount(router);
    familyLinks.mount(router);
    new Consent(pool).mount(router);
    gdpr.mount(router);
    accountAdmin.mount(router);
  }

  /** Links for SMS notices: {@code access.familyLinks().issue(tx, appointmentId, null)}. */
  public FamilyLinks familyLinks() { return familyLinks; }
  public Gdpr gdpr() { return gdpr; }
  /** The deny list of logged-out Bearer tokens (cleaned hourly). */
  public RevokedTokens revokedTokens() { return revokedTokens; }

  /** A new account with an Argon2id hash of the password (hashing runs off the event loop). */
  public Future<Account> createAccount(String email, String displayName, Role role, List<String> counties,
      Long centreId, Long staffId, String password) {
    return vertx.executeBlocking(() -> hasher.hash(password), false)
        .compose(hash -> accounts.create(email, displayName, role, counties, centreId, staffId, hash));
  }

  /**
   * An account that passes every rule of {@link NewAccount} (the password policy included), with an Argon2id
   * hash of the password; fails with every problem at once.
   */
  public Future<Account> createChecked(NewAccount account, String password) {
    return account.check(pool, password)
        .compose(v -> createAccount(account.email(), account.displayName(), account.role(), account.counties(),
            account.centreId(), account.staffId(), password));
  }

  /** A demo account; {@code link} picks its staff member or centre from the demo scenario. */
  private record DemoAccount(String email, String name, Role role, List<String> counties, String link) {}

  private static final List<DemoAccount> DEMO = List.of(
      new DemoAccount("admin@caravana.demo", "Administrator", Role.ADMIN, List.of(), null),
      new DemoAccount("coordonator.bc@caravana.demo", "Coordonator Bacău", Role.COUNTY_COORDINATOR, List.of("BC"), null),
      new DemoAccount("coordonator.vn@caravana.demo", "Coordonator Vrancea", Role.COUNTY_COORDINATOR, List.of("VN"), null),
      new DemoAccount("coordonator.centru@caravana.demo", "Coordonator centru comunitar", Role.CENTRE_COORDINATOR,
          List.of("BC"), "centre"),
      new DemoAccount("medic@caravana.demo", "Medic", Role.DOCTOR, List.of("BC"), "doctor"),
      new DemoAccount("terapeut@caravana.demo", "Terapeut", Role.THERAPIST, List.of("BC"), "therapist"),
      new DemoAccount("asistent@caravana.demo", "Asistent medical comunitar", Role.NURSE, List.of("BC"), "nurse"),
      new DemoAccount("supervizor@caravana.demo", "Supervizor național", Role.SUPERVISOR, List.of(), null));

  /** The first Bacău staff member of each kind and the first Bacău centre of the demo scenario (null when absent). */
  private static final String DEMO_LINKS = """
      SELECT (SELECT id FROM staff WHERE county = 'BC' AND role = 'doctor' ORDER BY id LIMIT 1) AS doctor,
             (SELECT id FROM staff WHERE county = 'BC' AND role IN ('kinetotherapist', 'speech_therapist', 'psychologist')
               ORDER BY id LIMIT 1) AS therapist,
             (SELECT id FROM staff WHERE county = 'BC' AND role = 'nurse' ORDER BY id LIMIT 1) AS nurse,
             (SELECT c.id FROM community_centres c JOIN localities l ON l.siruta = c.locality_siruta
               WHERE l.county = 'BC' ORDER BY c.id LIMIT 1) AS centre""";

  /**
   * One account per role with the password {@value #DEMO_PASSWORD}, only in demo mode and only into an
   * empty table; clinicians are linked to staff members of the demo scenario so they see their own day.
   */
  private Future<Void> seedDemoAccounts() {
    return accounts.count().compose(n -> {
      if (n > 0) return Future.succeededFuture();
      return pool.query(DEMO_LINKS).execute().compose(rows -> {
        var links = rows.iterator().next();
        Future<Void> chain = Future.succeededFuture();
        StringBuilder sb = new StringBuilder("demo accounts (password \"" + DEMO_PASSWORD + "\"):");
        for (DemoAccount d : DEMO) {
          Long centre = "centre".equals(d.link()) ? links.getLong("centre") : null;
          Long staff = d.link() != null && !"centre".equals(d.link()) ? links.getLong(d.link()) : null;
          if (d.role() == Role.CENTRE_COORDINATOR && centre == null) continue;
          sb.append("\n  ").append(String.format("%-34s %s", d.email(), d.role().wire()));
          chain = chain.compose(v -> createAccount(d.email(), d.name(), d.role(), d.counties(), centre, staff,
              DEMO_PASSWORD).mapEmpty());
        }
        return chain.onSuccess(v -> LOG.info(sb.toString()));
      });
    });
  }
}
