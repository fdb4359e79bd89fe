package ro.caravana.scheduler.access;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import ro.caravana.scheduler.common.Fields;
import ro.caravana.scheduler.common.Ids;
import ro.caravana.scheduler.common.Violations;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.http.Requests;
import ro.caravana.scheduler.platform.http.Responses;

/**
 * The accounts API of administrators and county coordinators (docs/security.md, "Accounts"): invite (a one-time,
 * expiring link with which the invitee sets the password), list, read, change role and scope, disable (ends the
 * account's sessions, tokens and links), enable, and password reset (a new one-time link). Sessions and tokens are
 * ended by the accounts table's own trigger (V13_5) whenever a change touches the role, scope, password or
 * {@code disabled}, so no path can forget it. A county coordinator keeps only the centre coordinators and clinicians of its own counties;
 * nobody changes their own role or scope or disables themself. Every change is written to the audit log in the
 * transaction that makes it ({@code record} = {@code accounts:<id>}).
 */
public final class AccountAdmin {

  /** The roles a county coordinator may give and keep, within its counties. */
  static final Set<Role> KEPT_BY_COUNTY = EnumSet.of(Role.CENTRE_COORDINATOR, Role.DOCTOR, Role.THERAPIST, Role.NURSE);
  private static final String[] KEPT_BY_COUNTY_WIRE = KEPT_BY_COUNTY.stream().map(Role::wire).toArray(String[]::new);
  private static final Set<String> ROLES = Arrays.stream(Role.values()).map(Role::wire).collect(Collectors.toSet());
  private static final List<String> SCOPE_FIELDS = List.of("role", "counties", "centreId", "staffId");
  private static final Set<String> STATUSES = Set.of("active", "invited", "disabled");

  /**
   * Accounts the caller keeps, over {@code accounts a}: parameters n (the caller's counties, null = every
   * account) and n+1 (the roles a county coordinator keeps).
   */
  static String keptFilter(int n) {
    return " AND ($" + n + "::text[] IS NULL OR (cardinality(a.counties) > 0 AND a.counties <@ $" + n
        + " AND a.role = ANY($" + (n + 1) + ")))";
  }

  static Tuple keptArgs(Tuple tuple, Caller caller) {
    return tuple.addValue(caller.countyScope()).addValue(KEPT_BY_COUNTY_WIRE);
  }

  static final String VISIBLE = "SELECT 1 FROM accounts a WHERE a.id = $1" + keptFilter(2);

  private static final String STATUS = "CASE WHEN a.disabled THEN 'disabled' WHEN a.password_set_at IS NULL THEN 'invited'"
      + " ELSE 'active' END";
  private static final String COLUMNS = "a.id, a.email, a.display_name, a.role, a.counties, a.centre_id, a.staff_id, "
      + "a.version, a.created_at, a.last_login_at, a.password_set_at, a.disabled_at, " + STATUS + " AS status";
  private static final String LIST = "SELECT " + COLUMNS + ", count(*) OVER () AS total FROM accounts a WHERE true"
      + keptFilter(1)
      + " AND ($3::text IS NULL OR a.role = $3) AND ($4::text IS NULL OR $4 = ANY(a.counties))"
      + " AND ($5::text IS NULL OR " + STATUS + " = $5)"
      + " ORDER BY a.email, a.id LIMIT $6 OFFSET $7";
  private static final String ONE = "SELECT " + COLUMNS + " FROM accounts a WHERE a.id = $1" + keptFilter(2);
  private static final String INSERT = """
      INSERT INTO accounts (email, display_name, role, counties, centre_id, staff_id, password_hash, password_set_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, NULL) RETURNING id""";
  private static final String UPDATE = """
      UPDATE accounts SET display_name = $3, role = $4, counties = $5, centre_id = $6, staff_id = $7, version = version + 1
      WHERE id = $1 AND version = $2 RETURNING id""";
  private static final String DISABLE = """
      UPDATE accounts SET disabled = true, disabled_at = now(), version = version + 1 WHERE id = $1 AND NOT disabled
      RETURNING id""";
  private static final String ENABLE = """
      UPDATE accounts SET disabled = false, disabled_at = NULL, failed_logins = 0, locked_until = NULL,
        version = version + 1 WHERE id = $1 AND disabled RETURNING id""";
  /**
   * The account's live sessions, counted before a change: the change itself ends them together with its tokens
   * (the trigger of V13_5 raises the token generation and revokes the sessions of a disabled account, or of one
   * whose role, scope or password changes).
   */
  private static final String LIVE_SESSIONS =
      "SELECT count(*) FROM sessions WHERE account_id = $1 AND revoked_at IS NULL";
  private static final String REVOKE_LINKS = "UPDATE account_links SET revoked_at = now() WHERE account_id = $1"
      + " AND used_at IS NULL AND revoked_at IS NULL";
  private static final String INSERT_LINK = """
      INSERT INTO account_links (token_hash, account_id, purpose, created_by, expires_at)
      VALUES ($1, $2, $3, $4, now() + make_interval(hours => $5)) RETURNING expires_at""";
  private static final String LINK = """
      SELECT k.purpose, k.expires_at, k.used_at IS NULL AND k.revoked_at IS NULL AND k.expires_at > now()
               AND NOT a.disabled AS usable, a.email, a.display_name
        FROM account_links k JOIN accounts a ON a.id = k.account_id WHERE k.token_hash = $1""";
  /** Uses the link (once: the row is marked in the same statement that checks it). */
  private static final String USE_LINK = """
      UPDATE account_links k SET used_at = now() FROM accounts a
       WHERE k.token_hash = $1 AND a.id = k.account_id AND k.used_at IS NULL AND k.revoked_at IS NULL
         AND k.expires_at > now() AND NOT a.disabled
      RETURNING k.account_id, k.purpose, a.email, a.role""";
  private static final String SET_PASSWORD = """
      UPDATE accounts SET password_hash = $2, password_set_at = now(), failed_logins = 0, locked_until = NULL,
        version = version + 1 WHERE id = $1""";
  private static final String AUDIT = """
      INSERT INTO audit_log (account_id, account_email, role, action, method, path, status, ip, record, filters)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""";

  private final Vertx vertx;
  private final Pool pool;
  private final PasswordHasher hasher;
  private final int inviteHours;
  private final int resetHours;
  private final String linkBase;

  AccountAdmin(Vertx vertx, Pool pool, PasswordHasher hasher, int inviteHours, int resetHours, String linkBase) {
    this.vertx = vertx;
    this.pool = pool;
    this.hasher = hasher;
    this.inviteHours = inviteHours;
    this.resetHours = resetHours;
    this.linkBase = linkBase == null ? "" : linkBase.replaceAll("/+$", "");
  }

  void mount(Router router) {
    router.get("/api/accounts").handler(this::list);
    router.post("/api/accounts").handler(this::invite);
    router.get("/api/accounts/:id").handler(this::read);
    router.patch("/api/accounts/:id").handler(this::change);
    router.post("/api/accounts/:id/disable").handler(this::disable);
    router.post("/api/accounts/:id/enable").handler(this::enable);
    router.post("/api/accounts/:id/password-reset").handler(this::reset);
    router.get("/api/account-links/:token").handler(this::linkInfo);
    router.post("/api/account-links/:token").handler(this::setPassword);
  }

  // ---- reads

  /** {@code GET /api/accounts?role=&county=&status=&limit=&offset=}: the accounts the caller keeps, by e-mail. */
  private void list(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    String role = Requests.query(ctx, "role");
    if (role != null) Fields.checkChoice("role", role, ROLES);
    String status = Requests.query(ctx, "status");
    if (status != null) Fields.checkChoice("status", status, STATUSES);
    String county = Requests.query(ctx, "county");
    Tuple args = keptArgs(Tuple.tuple(), caller).addValue(role)
        .addValue(county == null ? null : county.toUpperCase(java.util.Locale.ROOT)).addValue(status)
        .addValue(Requests.limit(ctx)).addValue(Requests.offset(ctx));
    pool.preparedQuery(LIST).execute(args).onSuccess(rows -> {
      JsonArray items = new JsonArray();
      long total = 0;
      for (Row r : rows) {
        total = r.getLong("total");
        items.add(json(r));
      }
      Responses.page(ctx, items, total);
    }).onFailure(ctx::fail);
  }

  private void read(RoutingContext ctx) {
    long id = Ids.pathNumber(ctx, "id");
    one(pool, Caller.of(ctx), id).onSuccess(a -> Responses.json(ctx, 200, a)).onFailure(ctx::fail);
  }

  // ---- invite and change

  /** {@code POST /api/accounts}: a new account without a password, and its invitation link. */
  private void invite(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    NewAccount account = accountFrom(caller, Requests.body(ctx), null);
    account.check(pool, null)
        .compose(v -> vertx.executeBlocking(() -> hasher.hash(Sessions.randomToken()), false))
        .compose(unknownHash -> pool.withTransaction(tx -> tx.preparedQuery(INSERT)
            .execute(Tuple.tuple().addValue(account.email()).addValue(account.displayName()).addValue(account.role().wire())
                .addValue(account.counties().toArray(String[]::new)).addValue(account.centreId())
                .addValue(account.staffId()).addValue(unknownHash))
            .map(rows -> rows.iterator().next().getLong(0))
            .compose(id -> newLink(tx, ctx, caller, id, "invite")
                .compose(link -> audit(tx, ctx, caller, "account.invite", id, 201, summary(account))
                    .compose(v -> one(tx, caller, id))
                    .map(json -> json.put("link", link))))))
        .onSuccess(json -> {
          ctx.response().putHeader("Location", "/api/accounts/" + json.getLong("id"));
          Responses.json(ctx, 201, json);
        })
        .onFailure(e -> ctx.fail(uniqueEmail(e)));
  }

  /**
   * {@code PATCH /api/accounts/:id} with {@code version} and any of displayName, role, counties, centreId,
   * staffId: the result must pass every rule of a new account and stay within what the caller keeps. A change
   * of role or scope ends the account's portal sessions and tokens (V13_5).
   */
  private void change(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    long id = Ids.pathNumber(ctx, "id");
    JsonObject body = Requests.body(ctx);
    int version = version(body);
    one(pool, caller, id).compose(current -> {
      if (id == caller.accountId() && SCOPE_FIELDS.stream()
          .anyMatch(f -> body.containsKey(f) && !Objects.equals(body.getValue(f), current.getValue(f)))) {
        throw ApiError.conflict("id", "Nu vă puteți schimba propriul rol sau propriile județe; cereți altui administrator.",
            "You cannot change your own role or counties; ask another administrator.");
      }
      NewAccount changed = accountFrom(caller, merge(current, body), current.getString("email"));
      boolean scopeChanged = !changed.role().wire().equals(current.getString("role"))
          || !changed.counties().equals(current.getJsonArray("counties").getList())
          || !Objects.equals(changed.centreId(), current.getLong("centreId"))
          || !Objects.equals(changed.staffId(), current.getLong("staffId"));
      return changed.checkChange(pool).compose(v -> pool.withTransaction(tx -> liveSessions(tx, id)
          .compose(live -> tx.preparedQuery(UPDATE)
              .execute(Tuple.tuple().addValue(id).addValue(version).addValue(changed.displayName())
                  .addValue(changed.role().wire()).addValue(changed.counties().toArray(String[]::new))
                  .addValue(changed.centreId()).addValue(changed.staffId()))
              .compose(rows -> rows.rowCount() == 1 ? Future.succeededFuture(scopeChanged ? live : 0)
                  : Future.<Integer>failedFuture(stale(current.getInteger("version")))))
          .compose(ended -> audit(tx, ctx, caller, "account.change", id, 200, summary(changed))
              .compose(v2 -> oneUnscoped(tx, id)).map(json -> json.put("sessionsEnded", ended)))));
    }).onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
  }

  // ---- disable, enable, reset

  /** Disables the account and ends its sessions and open links; disabling a disabled account changes nothing. */
  private void disable(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    long id = Ids.pathNumber(ctx, "id");
    if (id == caller.accountId()) {
      ctx.fail(ApiError.conflict("id", "Nu vă puteți dezactiva propriul cont.", "You cannot disable your own account."));
      return;
    }
    one(pool, caller, id).compose(current -> pool.withTransaction(tx -> liveSessions(tx, id)
            .compose(ended -> tx.preparedQuery(DISABLE).execute(Tuple.of(id)).compose(rows -> tx.preparedQuery(REVOKE_LINKS)
                .execute(Tuple.of(id))
                .compose(r -> rows.rowCount() == 0 ? Future.succeededFuture()
                    : audit(tx, ctx, caller, "account.disable", id, 200, "sessionsEnded=" + ended))
                .compose(v -> oneUnscoped(tx, id)).map(json -> json.put("sessionsEnded", ended))))))
        .onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
  }

  private void enable(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    long id = Ids.pathNumber(ctx, "id");
    one(pool, caller, id).compose(current -> pool.withTransaction(tx -> tx.preparedQuery(ENABLE).execute(Tuple.of(id))
            .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture()
                : audit(tx, ctx, caller, "account.enable", id, 200, null))
            .compose(v -> oneUnscoped(tx, id))))
        .onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
  }

  /**
   * {@code POST /api/accounts/:id/password-reset}: a new one-time link (an invitation again while the account has no
   * password yet); earlier open links stop working. The current password keeps working until the link is used.
   */
  private void reset(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    long id = Ids.pathNumber(ctx, "id");
    one(pool, caller, id).compose(current -> {
      if ("disabled".equals(current.getString("status"))) {
        throw ApiError.conflict("id", "Contul este dezactivat; activați-l întâi.", "The account is disabled; enable it first.");
      }
      String purpose = "invited".equals(current.getString("status")) ? "invite" : "reset";
      return pool.withTransaction(tx -> tx.preparedQuery(REVOKE_LINKS).execute(Tuple.of(id))
          .compose(r -> newLink(tx, ctx, caller, id, purpose))
          .compose(link -> audit(tx, ctx, caller, "account.reset", id, 201, "purpose=" + purpose).map(link)));
    }).onSuccess(link -> Responses.json(ctx, 201, link)).onFailure(ctx::fail);
  }

  // ---- the link, used by the person it was made for (no sign-in)

  /** What a link is for, so a page can greet its owner; 404 unknown, 410 used, expired, revoked or disabled. */
  private void linkInfo(RoutingContext ctx) {
    byte[] hash = linkHash(ctx);
    pool.preparedQuery(LINK).execute(Tuple.of(Buffer.buffer(hash))).onSuccess(rows -> {
      if (rows.size() == 0) {
        ctx.fail(unknownLink());
        return;
      }
      Row r = rows.iterator().next();
      if (!r.getBoolean("usable")) {
        ctx.fail(goneLink());
        return;
      }
      Responses.json(ctx, 200, new JsonObject().put("purpose", r.getString("purpose")).put("email", r.getString("email"))
          .put("displayName", r.getString("display_name")).put("expiresAt", r.getOffsetDateTime("expires_at").toString())
          .put("passwordRules", new JsonObject()
              .put("ro", "Cel puțin " + PasswordPolicy.MIN_LENGTH + " caractere; nu o parolă des folosită.")
              .put("en", "At least " + PasswordPolicy.MIN_LENGTH + " characters; not a commonly used password.")));
    }).onFailure(ctx::fail);
  }

  /**
   * {@code POST /api/account-links/:token} with {@code password}: sets the password (policy checked first), uses
   * the link up, ends the account's other sessions and open links, and audits the change as the account's own.
   */
  private void setPassword(RoutingContext ctx) {
    byte[] hash = linkHash(ctx);
    JsonObject body = Requests.body(ctx);
    Object raw = body.getValue("password");
    if (!(raw instanceof String password) || password.isEmpty()) {
      ctx.fail(Fields.missing("password"));
      return;
    }
    var problem = PasswordPolicy.standard().check(password);
    if (problem.isPresent()) {
      ctx.fail(ApiError.unprocessable("password", problem.get().ro(), problem.get().en()));
      return;
    }
    vertx.executeBlocking(() -> hasher.hash(password), false)
        .compose(passwordHash -> pool.withTransaction(tx -> tx.preparedQuery(USE_LINK).execute(Tuple.of(Buffer.buffer(hash)))
            .compose(rows -> {
              if (rows.size() == 0) {
                return tx.preparedQuery(LINK).execute(Tuple.of(Buffer.buffer(hash)))
                    .compose(known -> Future.<JsonObject>failedFuture(known.size() == 0 ? unknownLink() : goneLink()));
              }
              Row r = rows.iterator().next();
              long id = r.getLong("account_id");
              Caller self = new Caller(id, r.getString("email"), Role.parse(r.getString("role")).orElseThrow(), List.of(),
                  null, null, Caller.Via.SESSION);
              return tx.preparedQuery(SET_PASSWORD).execute(Tuple.of(id, passwordHash)) // sessions and tokens end (V13_5)
                  .compose(v -> tx.preparedQuery(REVOKE_LINKS).execute(Tuple.of(id)))
                  .compose(v -> audit(tx, ctx, self, "account.password-set", id, 200, "purpose=" + r.getString("purpose")))
                  .map(v -> new JsonObject().put("email", r.getString("email")).put("purpose", r.getString("purpose")));
            })))
        .onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
  }

  // ---- shared steps

  /** The caller keeps accounts of this role in these counties: admin every account; a county coordinator see above. */
  private static void keeps(Caller caller, Role role, List<String> counties) {
    if (caller.role() == Role.ADMIN) return;
    if (role != null && !KEPT_BY_COUNTY.contains(role)) {
      throw new ApiError(403, "role", "Coordonatorul județean poate da doar rolurile centre_coordinator, doctor, therapist "
          + "și nurse.", "A county coordinator may only give the roles centre_coordinator, doctor, therapist and nurse.");
    }
    for (String c : counties) {
      if (!caller.mayAccessCounty(c)) {
        throw new ApiError(403, "counties", "Județul " + c + " nu este printre județele dumneavoastră.",
            "County " + c + " is not one of your counties.");
      }
    }
  }

  /**
   * The account a body describes: first whether the caller keeps such an account (403), then every field problem
   * at once ({@code email} fixed for a change).
   */
  private static NewAccount accountFrom(Caller caller, JsonObject body, String fixedEmail) {
    Violations v = new Violations();
    String email = fixedEmail != null ? fixedEmail : v.read(() -> Fields.text(body, "email"));
    String name = v.read(() -> Fields.optionalText(body, "displayName"));
    String role = v.read(() -> Fields.choice(body, "role", ROLES));
    List<String> counties = v.read(() -> Fields.textList(body, "counties", null));
    Long centre = v.read(() -> Fields.optionalId(body, "centreId"));
    Long staff = v.read(() -> Fields.optionalId(body, "staffId"));
    NewAccount account = new NewAccount(email, name, role == null ? null : Role.parse(role).orElse(null),
        counties == null ? List.of() : counties.stream().map(c -> c.toUpperCase(java.util.Locale.ROOT)).toList(),
        centre, staff);
    keeps(caller, account.role(), account.counties());
    account.checkShape(v);
    v.check();
    return account;
  }

  /** The current account with the fields the request names replaced ({@code version} and the rest ignored). */
  private static JsonObject merge(JsonObject current, JsonObject patch) {
    JsonObject merged = new JsonObject();
    for (String f : List.of("displayName", "role", "counties", "centreId", "staffId")) { // email never changes
      merged.put(f, patch.containsKey(f) ? patch.getValue(f) : current.getValue(f));
    }
    return merged;
  }

  private static int version(JsonObject body) {
    if (!body.containsKey("version")) {
      throw ApiError.badRequest("version", "Lipsește „version”: versiunea contului pe care se bazează schimbarea.",
          "'version' is missing: the version of the account the change is based on.");
    }
    return Fields.integer(body, "version", 1, Integer.MAX_VALUE);
  }

  private static ApiError stale(int current) {
    return ApiError.conflict("version", "Contul a fost schimbat între timp (versiunea curentă: " + current + ").",
        "The account was changed meanwhile (current version: " + current + ").").withDetails(
            new JsonObject().put("currentVersion", current));
  }

  private static Future<JsonObject> one(SqlClient db, Caller caller, long id) {
    return db.preparedQuery(ONE).execute(keptArgs(Tuple.of(id), caller)).compose(rows -> rows.size() == 0
        ? Future.failedFuture(ApiError.notFound("id", "Nu există un cont cu acest identificator.", "No such account."))
        : Future.succeededFuture(json(rows.iterator().next())));
  }

  /** After a change the caller made (the account may have left what the caller keeps only by a rule above). */
  private static Future<JsonObject> oneUnscoped(SqlClient db, long id) {
    return db.preparedQuery(ONE).execute(Tuple.of(id).addValue(null).addValue(KEPT_BY_COUNTY_WIRE))
        .map(rows -> json(rows.iterator().next()));
  }

  private Future<JsonObject> newLink(SqlClient tx, RoutingContext ctx, Caller caller, long accountId, String purpose) {
    String token = Sessions.randomToken();
    int hours = purpose.equals("invite") ? inviteHours : resetHours;
    return tx.preparedQuery(INSERT_LINK)
        .execute(Tuple.of(Buffer.buffer(Sessions.sha256(token)), accountId, purpose, caller.accountId(), hours))
        .map(rows -> {
          OffsetDateTime expires = rows.iterator().next().getOffsetDateTime("expires_at");
          return new JsonObject().put("purpose", purpose).put("token", token)
              .put("url", base(ctx) + "/cont/" + token).put("api", base(ctx) + "/api/account-links/" + token)
              .put("expiresAt", expires.toString());
        });
  }

  private String base(RoutingContext ctx) {
    if (!linkBase.isEmpty()) return linkBase;
    URI uri = URI.create(ctx.request().absoluteURI());
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  private static Future<Integer> liveSessions(SqlClient tx, long id) {
    return tx.preparedQuery(LIVE_SESSIONS).execute(Tuple.of(id)).map(rows -> rows.iterator().next().getLong(0).intValue());
  }

  private static Future<Void> audit(SqlClient tx, RoutingContext ctx, Caller caller, String action, long accountId,
      int status, String facts) {
    return tx.preparedQuery(AUDIT).execute(Tuple.tuple().addValue(caller.accountId()).addValue(caller.email())
        .addValue(caller.role().wire()).addValue(action).addValue(ctx.request().method().name())
        .addValue(ctx.normalizedPath()).addValue(status).addValue(Audit.clientIp(ctx))
        .addValue("accounts:" + accountId).addValue(facts)).mapEmpty();
  }

  /** What changed, for the audit row (no password, no link). */
  private static String summary(NewAccount a) {
    return "role=" + a.role().wire() + "&counties=" + String.join(",", a.counties())
        + (a.centreId() == null ? "" : "&centreId=" + a.centreId()) + (a.staffId() == null ? "" : "&staffId=" + a.staffId());
  }

  /** The link token from the path: 43 URL-safe base64 characters, or 404 (never a hint of what a token looks like). */
  private static byte[] linkHash(RoutingContext ctx) {
    String token = ctx.pathParam("token");
    if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) throw unknownLink();
    return Sessions.sha256(token);
  }

  private static ApiError unknownLink() {
    return ApiError.notFound("token", "Legătura nu există.", "No such link.");
  }

  private static ApiError goneLink() {
    return new ApiError(410, "token", "Legătura a fost deja folosită, a expirat sau a fost anulată; cereți una nouă.",
        "The link was already used, has expired or was revoked; ask for a new one.");
  }

  private static Throwable uniqueEmail(Throwable e) {
    if (e instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
      return ApiError.conflict("email", "Există deja un cont cu această adresă de e-mail.",
          "An account with this e-mail address already exists.");
    }
    return e;
  }

  private static JsonObject json(Row r) {
    String[] counties = r.getArrayOfStrings("counties");
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("email", r.getString("email"))
        .put("displayName", r.getString("display_name"))
        .put("role", r.getString("role"))
        .put("counties", new JsonArray(counties == null ? List.of() : Arrays.asList(counties)))
        .put("centreId", r.getLong("centre_id"))
        .put("staffId", r.getLong("staff_id"))
        .put("status", r.getString("status"))
        .put("version", r.getInteger("version"))
        .put("createdAt", r.getOffsetDateTime("created_at").toString())
        .put("lastLoginAt", time(r, "last_login_at"))
        .put("passwordSetAt", time(r, "password_set_at"))
        .put("disabledAt", time(r, "disabled_at"));
  }

  private static String time(Row r, String column) {
    OffsetDateTime t = r.getOffsetDateTime(column);
    return t == null ? null : t.toString();
  }
}
