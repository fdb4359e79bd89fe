package ro.caravana.scheduler.access;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlClient;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.common.Ids;
import ro.caravana.scheduler.platform.http.ApiError;

/**
 * The one gate in front of every {@code /api} route: finds the policy line for the request, lets public
 * lines through (rate-limited), otherwise authenticates the caller from a Bearer token or the session
 * cookie, checks the CSRF token of cookie-authenticated changes, checks the role against the line and
 * puts the {@link Caller} into the context. No line, no entry.
 */
public final class AccessHandler {

  private static final Logger LOG = LoggerFactory.getLogger(AccessHandler.class);
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  private final Policy policy;
  private final SqlClient db;
  private final Router router;
  private final Tokens tokens;
  private final Sessions sessions;
  private final Accounts accounts;
  private final Audit audit;
  private final RateLimiter loginLimit;
  private final RateLimiter publicLimit;
  private final RateLimiter webhookLimit;

  public AccessHandler(Policy policy, SqlClient db, Router router, Tokens tokens, Sessions sessions, Accounts accounts, Audit audit,
      RateLimiter loginLimit, RateLimiter publicLimit, RateLimiter webhookLimit) {
    this.policy = policy;
    this.db = db;
    this.router = router;
    this.tokens = tokens;
    this.sessions = sessions;
    this.accounts = accounts;
    this.audit = audit;
    this.loginLimit = loginLimit;
    this.publicLimit = publicLimit;
    this.webhookLimit = webhookLimit;
  }

  static ApiError unauthenticated() {
    return ApiError.unauthorized("Autentificare necesară.", "Authentication required.");
  }

  static ApiError denied() {
    return ApiError.forbidden("Nu aveți dreptul să accesați această resursă.", "You are not allowed to access this resource.");
  }

  public void handle(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    String path = ctx.normalizedPath();
    Optional<Policy.Match> match = policy.match(method, path);
    if (match.isPresent() && match.get().rule().open()) {
      Policy.Rule rule = match.get().rule();
      RateLimiter limiter = switch (rule.limit()) {
        case LOGIN -> loginLimit;
        case PUBLIC -> publicLimit;
        case WEBHOOK -> webhookLimit;
        case NONE -> null;
      };
      if (limiter != null && !limiter.tryAcquire(Audit.clientIp(ctx))) {
        ctx.response().putHeader("Retry-After", Long.toString(limiter.retryAfterSeconds()));
        ctx.fail(new ApiError(429, null, "Prea multe cereri; încercați mai târziu.", "Too many requests; try later."));
        return;
      }
      ctx.next();
      return;
    }
    authenticate(ctx).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      Caller caller = ar.result();
      if (caller == null) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"caravana\"");
        ctx.fail(unauthenticated());
        return;
      }
      if (match.isEmpty()) {
        if (routeExists(method, path)) {
          LOG.warn("refused {} {}: the route has no line in the access policy", method, patternOf(method, path));
          ctx.fail(denied());
        } else {
          ctx.next(); // nothing is there: the router answers 404 or 405
        }
        return;
      }
      Policy.Rule rule = match.get().rule();
      ctx.put(Caller.KEY, caller);
      if (!rule.admits(caller.role()) || (rule.names() && !caller.seesNames())) {
        auditRefusal(ctx, rule, match.get(), denied());
        ctx.fail(denied());
        return;
      }
      inScope(ctx, caller, match.get()).onComplete(scoped -> {
        if (scoped.failed()) {
          auditRefusal(ctx, rule, match.get(), scoped.cause());
          ctx.fail(scoped.cause());
          return;
        }
        if (rule.auditAction() != null) auditOnAnswer(ctx, rule, match.get());
        ctx.next();
      });
    });
  }

  /**
   * The scope checks of the policy line, and one for every request: a {@code county} query parameter
   * outside the caller's counties is refused, so no list can be widened by asking.
   */
  private Future<Void> inScope(RoutingContext ctx, Caller caller, Policy.Match match) {
    String county = ctx.request().getParam("county");
    if (county != null && !county.isBlank() && !caller.mayAccessCounty(county.trim().toUpperCase(java.util.Locale.ROOT))) {
      return Future.failedFuture(new ApiError(403, "county", "Nu aveți acces la datele acestui județ.",
          "You have no access to the records of this county."));
    }
    Future<Void> chain = Future.succeededFuture();
    for (Policy.ScopeCheck check : match.rule().scope()) {
      Object id;
      try {
        id = ScopedId.read(check, switch (check.where()) {
          case PATH -> ScopedId.decodedSegment(match.params().get(check.name()));
          case BODY -> bodyField(ctx, check.name());
          case QUERY -> ctx.request().getParam(check.name());
        });
      } catch (ApiError unreadable) {
        return Future.failedFuture(unreadable); // an id the gate cannot read is refused, never "in scope"
      }
      chain = chain.compose(v -> {
        return Scope.visible(db, caller, check.subject(), id).compose(ok -> {
          if (ok) return Future.<Void>succeededFuture();
          return Future.<Void>failedFuture(check.where() != Policy.Where.PATH
              ? ApiError.forbidden("„" + check.name() + "” este în afara județelor sau centrului dumneavoastră.",
                  "'" + check.name() + "' is outside your counties or centre.")
              : ApiError.notFound(check.name(), "Înregistrarea nu există.", "No such record."));
        });
      });
    }
    return chain;
  }

  private static Object bodyField(RoutingContext ctx, String field) {
    try {
      var body = ctx.body() == null ? null : ctx.body().asJsonObject();
      return body == null ? null : body.getValue(field);
    } catch (RuntimeException e) {
      return null; // not a JSON object: the handler answers 400
    }
  }

  /** The caller from the Authorization header or else the session cookie; null when neither is there or valid. */
  private Future<Caller> authenticate(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization != null) {
      if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return Future.succeededFuture(null);
      String token = authorization.substring(7).trim();
      // a token that does not verify is no caller (401); a database that cannot answer is not (503)
      return tokens.verify(token)
          .otherwise(e -> { LOG.debug("bearer token refused: {}", e.toString()); return null; })
          .compose(claims -> claims == null ? Future.succeededFuture(null) : accounts.forToken(claims).map(account -> {
            if (account.isEmpty()) return null; // disabled, changed since the token was issued, or logged out
            ctx.put(Tokens.CLAIMS_KEY, claims);
            return account.get().caller(Caller.Via.BEARER);
          }));
    }
    Cookie cookie = ctx.request().getCookie(Sessions.COOKIE);
    if (cookie == null || cookie.getValue().isEmpty()) return Future.succeededFuture(null);
    return sessions.find(cookie.getValue()).compose(live -> {
      if (live.isEmpty()) return Future.succeededFuture(null);
      if (!SAFE.contains(ctx.request().method()) && !csrfMatches(ctx, live.get().csrfToken())) {
        return Future.failedFuture(ApiError.forbidden(
            "Token CSRF lipsă sau greșit; reîncărcați pagina.", "Missing or wrong CSRF token; reload the page."));
      }
      return accounts.byId(live.get().accountId())
          .map(account -> account.filter(a -> !a.disabled()).map(a -> a.caller(Caller.Via.SESSION)).orElse(null));
    });
  }

  /** Double submit: the token of the session must come back in a header or a form field, not only in a cookie. */
  private static boolean csrfMatches(RoutingContext ctx, String expected) {
    String sent = ctx.request().getHeader(Sessions.CSRF_HEADER);
    if (sent == null) sent = ctx.request().getFormAttribute(Sessions.CSRF_FIELD);
    return Sessions.sameSecret(expected, sent);
  }

  private void auditOnAnswer(RoutingContext ctx, Policy.Rule rule, Policy.Match match) {
    String resource = resourceOf(rule.pattern());
    boolean beneficiaryRecord = rule.auditParam() == null
        ? !"list".equals(rule.auditAction())
        : rule.scope().stream().anyMatch(c -> c.where() == Policy.Where.PATH && c.name().equals(rule.auditParam())
            && c.subject() == Policy.Subject.BENEFICIARY);
    if (!beneficiaryRecord) {
      auditRead(ctx, rule, match, resource);
      return;
    }
    UUID beneficiary = null;
    if (rule.auditParam() != null) {
      beneficiary = Ids.uuidOrNull(ScopedId.decodedSegment(match.params().get(rule.auditParam())));
      if (beneficiary == null) return; // not an id: the handler answers 400 and nothing was read
    }
    UUID fromPath = beneficiary;
    ctx.addHeadersEndHandler(v -> {
      int status = ctx.response().getStatusCode();
      if (status >= 400) return;
      UUID subject = fromPath;
      String location = ctx.response().headers().get("Location");
      if (subject == null && location != null && location.startsWith("/api/beneficiaries/")) {
        subject = Ids.uuidOrNull(location.substring(location.lastIndexOf('/') + 1));
      }
      audit.record(ctx, rule.auditAction(), subject);
    });
  }

  /**
   * A refused request to an audited route (wrong role, an unreadable id, a record out of scope) is recorded
   * too, as {@code denied} with the status and the values the request named, so probing leaves a trace.
   */
  private void auditRefusal(RoutingContext ctx, Policy.Rule rule, Policy.Match match, Throwable cause) {
    if (rule.auditAction() == null) return;
    int status = cause instanceof ApiError e ? e.status() : 500;
    StringBuilder named = new StringBuilder(queryFilters(ctx));
    for (Policy.ScopeCheck check : rule.scope()) {
      Object value = switch (check.where()) {
        case PATH -> ScopedId.decodedSegment(match.params().get(check.name()));
        case BODY -> bodyField(ctx, check.name());
        case QUERY -> null; // already among the query filters
      };
      if (value == null) continue;
      if (named.length() > 0) named.append('&');
      named.append(check.name()).append('=').append(value);
    }
    audit.recordRead(ctx, "denied", null, resourceOf(rule.pattern()), null, named.length() == 0 ? null : named.toString(),
        status);
  }

  /** The query parameters as {@code name=value&...}; a name search ({@code q}) without the name. */
  private static String queryFilters(RoutingContext ctx) {
    StringBuilder filters = new StringBuilder();
    ctx.request().params().forEach(p -> {
      if (filters.length() > 0) filters.append('&');
      filters.append(p.getKey()).append('=').append(p.getKey().equals("q") ? "(name search)" : p.getValue());
    });
    return filters.toString();
  }

  /** {@code /api/appointments/:id} -> {@code appointments}; {@code /fhir/r4/Appointment/:id} -> {@code Appointment}. */
  private static String resourceOf(String pattern) {
    String rest = pattern.startsWith("/fhir/r4/") ? pattern.substring("/fhir/r4/".length())
        : pattern.startsWith("/api/") ? pattern.substring("/api/".length()) : pattern;
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  /**
   * A read of a record that is not a beneficiary's own (appointment, care plan, consultation, notice ...):
   * the record id, or for a list the filters used; a name search ({@code q}) is recorded without the name.
   */
  private void auditRead(RoutingContext ctx, Policy.Rule rule, Policy.Match match, String resource) {
    String id = null;
    if (rule.auditParam() != null) {
      id = ScopedId.decodedSegment(match.params().get(rule.auditParam()));
      // unreadable: 400, nothing read (FHIR's typed ids, such as Communication/reply-7, are read)
      boolean typed = id != null && id.matches("[a-z]+-[1-9][0-9]{0,17}");
      if (Ids.uuidOrNull(id) == null && Ids.numberOrNegative(id) < 0 && !typed) return;
    }
    UUID beneficiary = Ids.uuidOrNull(ctx.request().getParam("beneficiary") != null
        ? ctx.request().getParam("beneficiary") : ctx.request().getParam("beneficiaryId"));
    String filters = queryFilters(ctx);
    String recordId = id;
    String action = ctx.request().getParam("q") != null ? "search" : rule.auditAction();
    ctx.addHeadersEndHandler(v -> {
      if (ctx.response().getStatusCode() >= 400) return;
      audit.recordRead(ctx, action, beneficiary, resource, recordId, filters.isEmpty() ? null : filters);
    });
  }

  /**
   * Is there a route that could serve this method and path? Parameterised and exact routes are matched
   * segment by segment; a prefix route ({@code /api/exports/*}) matches what it covers, and a regex
   * route is assumed to match (so an unlisted route is refused rather than served). Only the handlers
   * on {@code /} and {@code /api/*} (headers, body limit, this gate, the portal's static files) are
   * ignored, and so are the FHIR API's (its body, failure and "not supported" handlers). When nothing could serve the request, the router answers 404 or 405 as usual.
   */
  private boolean routeExists(HttpMethod method, String path) {
    return patternOf(method, path) != null;
  }

  private String patternOf(HttpMethod method, String path) {
    for (Route route : router.getRoutes()) {
      Set<HttpMethod> methods = route.methods();
      boolean methodOk = methods == null || methods.isEmpty() || methods.contains(method)
          || (method == HttpMethod.HEAD && methods.contains(HttpMethod.GET));
      if (!methodOk) continue;
      String resource = Policy.resourcePattern(route);
      if (resource != null) {
        if (Policy.PathPattern.match(resource, path) != null) return resource;
        continue;
      }
      // routes with :params are regex routes inside the router too; only a true pathRegex(...) has no path
      if (route.isRegexPath()) return "(regular expression route)";
      String prefix = route.getPath();
      if (prefix == null || prefix.equals("/") || prefix.equals("/api/") || prefix.startsWith("/fhir/")) continue;
      if (path.startsWith(prefix)) return prefix + "*";
    }
    return null;
  }
}
