package ro.caravana.scheduler.access;

import static ro.caravana.scheduler.access.Role.ADMIN;
import static ro.caravana.scheduler.access.Role.CENTRE_COORDINATOR;
import static ro.caravana.scheduler.access.Role.COUNTY_COORDINATOR;

import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call which {@code /api} route: one line per method and path pattern, with the roles allowed,
 * whether the answer carries names (then supervisors are refused whatever the line says), the rate
 * limit of public routes and what the audit log records. A route that is not in the table is refused
 * to everyone (fail closed): adding a route means adding its line here, and the authorization-matrix
 * test fails until it is added.
 */
public final class Policy {

  /** Which token bucket a public route draws from. */
  public enum Limit { NONE, LOGIN, PUBLIC, WEBHOOK }

  /** A record a request names, whose county (centre, staff member) must be in the caller's scope. */
  public enum Subject { BENEFICIARY, APPOINTMENT, CARE_PLAN, PLAN, STAFF, LOCALITY, COUNTY, CENTRE, CARAVAN,
    HORIZON, ACCOUNT }

  /** Where a scope check finds the id: a path parameter, a JSON body field or a query parameter. */
  public enum Where { PATH, BODY, QUERY }

  /**
   * A scope check: {@code name} names a {@code subject}. Out of scope is 404 for a path parameter (the
   * record stays invisible) and 403 for a body field or query parameter.
   */
  public record ScopeCheck(Subject subject, String name, Where where) {}

  /**
   * One line of the table.
   *
   * @param roles     allowed roles; empty with {@code open} true means anonymous callers too
   * @param names     the answer identifies people; supervisors never get it
   * @param auditAction when non-null, every answered call is written to the audit log with this action
   * @param auditParam  the path parameter holding the beneficiary id, or null
   */
  public record Rule(Set<HttpMethod> methods, String pattern, boolean open, Set<Role> roles, boolean names,
      Limit limit, String auditAction, String auditParam, List<ScopeCheck> scope) {

    public Rule {
      methods = Set.copyOf(methods);
      scope = List.copyOf(scope);
      roles = roles.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(roles));
      if (names && roles.contains(Role.SUPERVISOR)) {
        throw new IllegalArgumentException(pattern + ": a route that returns names cannot admit supervisors");
      }
      if (!open && roles.isEmpty()) throw new IllegalArgumentException(pattern + ": no role admitted");
    }

    public boolean admits(Role role) {
      return open || roles.contains(role);
    }

    public Rule limited(Limit l) {
      return new Rule(methods, pattern, open, roles, names, l, auditAction, auditParam, scope);
    }

    /**
     * Write every answered call to the audit log; {@code param} names the beneficiary id in the path, or is
     * null (then the id of a created record is taken from the Location header, if any).
     */
    public Rule audited(String action, String param) {
      return new Rule(methods, pattern, open, roles, names, limit, action, param, scope);
    }

    /** The path parameter {@code param} names a record of this kind: out of the caller's scope it does not exist. */
    public Rule scoped(Subject subject, String param) {
      return withCheck(new ScopeCheck(subject, param, Where.PATH));
    }

    /** The JSON body field {@code field}, when present, names a record of this kind that must be in scope. */
    public Rule bodyScoped(Subject subject, String field) {
      return withCheck(new ScopeCheck(subject, field, Where.BODY));
    }

    /** The query parameter {@code name}, when present, names a record of this kind that must be in scope. */
    public Rule queryScoped(Subject subject, String name) {
      return withCheck(new ScopeCheck(subject, name, Where.QUERY));
    }

    private Rule withCheck(ScopeCheck check) {
      List<ScopeCheck> all = new ArrayList<>(scope);
      all.add(check);
      return new Rule(methods, pattern, open, roles, names, limit, auditAction, auditParam, all);
    }
  }

  /** The rule that matched a request and the path parameters it captured. */
  public record Match(Rule rule, Map<String, String> params) {}

  /** Everybody who signs in (the rule's own roles may still be narrower). */
  public static final Set<Role> EVERY_ROLE = EnumSet.allOf(Role.class);
  /** Everybody who may see names: every role but supervisor. */
  public static final Set<Role> NAMED_ROLES = EnumSet.complementOf(EnumSet.of(Role.SUPERVISOR));
  /** Those who keep the records of a county: admin, county and centre coordinators. */
  public static final Set<Role> COORDINATORS = EnumSet.of(ADMIN, COUNTY_COORDINATOR, CENTRE_COORDINATOR);

  private final List<Rule> rules;

  public Policy(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  public List<Rule> rules() {
    return rules;
  }

  public Policy with(Rule... more) {
    List<Rule> all = new ArrayList<>(rules);
    all.addAll(List.of(more));
    return new Policy(all);
  }

  public static Rule open(HttpMethod method, String pattern) {
    return new Rule(Set.of(method), pattern, true, Set.of(), false, Limit.NONE, null, null, List.of());
  }

  /** A route whose answer carries no names (aggregates, reference data, the caller's own account). */
  public static Rule aggregate(HttpMethod method, String pattern, Set<Role> roles) {
    return new Rule(Set.of(method), pattern, false, roles, false, Limit.NONE, null, null, List.of());
  }

  /** A route whose answer or effect concerns named people. */
  public static Rule named(HttpMethod method, String pattern, Set<Role> roles) {
    return new Rule(Set.of(method), pattern, false, roles, true, Limit.NONE, null, null, List.of());
  }

  /** The first rule that matches, or empty (the route is then refused). HEAD is checked as GET. */
  public Optional<Match> match(HttpMethod method, String path) {
    HttpMethod m = method == HttpMethod.HEAD ? HttpMethod.GET : method;
    for (Rule rule : rules) {
      if (!rule.methods().contains(m)) continue;
      Map<String, String> params = PathPattern.match(rule.pattern(), path);
      if (params != null) return Optional.of(new Match(rule, params));
    }
    return Optional.empty();
  }

  /**
   * The path pattern a route serves, or null for handlers mounted on a prefix ({@code /api/*}) or a
   * regular expression, which serve no resource of their own.
   */
  public static String resourcePattern(io.vertx.ext.web.Route route) {
    String p = route.getPath();
    if (p == null) return null;
    if (p.contains("/:")) return p; // a parameterised route: not "exact", but matched segment by segment
    if (route.isRegexPath() || !route.isExactPath()) return null;
    return p;
  }

  /** Path patterns in the router's syntax: {@code :name} is one segment, a final {@code *} is the rest. */
  static final class PathPattern {

    private PathPattern() {}

    static Map<String, String> match(String pattern, String path) {
      String[] want = split(pattern);
      String[] got = split(path);
      Map<String, String> params = new HashMap<>();
      for (int i = 0; i < want.length; i++) {
        if (want[i].equals("*") && i == want.length - 1) return params;
        if (i >= got.length) return null;
        if (want[i].startsWith(":")) {
          if (got[i].isEmpty()) return null;
          params.put(want[i].substring(1), got[i]);
        } else if (!want[i].equals(got[i])) {
          return null;
        }
      }
      return want.length == got.length ? params : null;
    }

    private static String[] split(String path) {
      String p = path;
      while (p.length() > 1 && p.endsWith("/")) p = p.substring(0, p.length() - 1);
      if (p.startsWith("/")) p = p.substring(1);
      return p.isEmpty() ? new String[0] : p.split("/", -1);
    }
  }
}
