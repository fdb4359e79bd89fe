package ro.caravana.scheduler.access;

import io.vertx.ext.web.RoutingContext;
import java.util.List;
import ro.caravana.scheduler.platform.http.ApiError;

/**
 * Who is calling, as established by {@link AccessHandler} for every {@code /api} request that is not
 * public. Handlers and repositories take their scope from here, never from request parameters.
 *
 * @param counties county codes the account works in; empty means every county (admin, national supervisor)
 */
public record Caller(long accountId, String email, Role role, List<String> counties, Long centreId, Long staffId,
    Via via) {

  /** How the caller proved who they are. */
  public enum Via { BEARER, SESSION }

  static final String KEY = "caravana.caller";

  public Caller {
    counties = List.copyOf(counties);
  }

  /** The caller of this request; 401 when there is none (a handler on a public route asked for one). */
  public static Caller of(RoutingContext ctx) {
    Caller caller = ctx.get(KEY);
    if (caller == null) throw AccessHandler.unauthenticated();
    return caller;
  }

  /** The caller if the request carried valid credentials (public routes), else null. */
  public static Caller orNull(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  /**
   * The counties this caller may see, for SQL: {@code AND ($n::text[] IS NULL OR county = ANY($n))}.
   * Null means every county.
   */
  public String[] countyScope() {
    if (role == Role.ADMIN || counties.isEmpty()) return null;
    return counties.toArray(String[]::new);
  }

  /** The centre a centre coordinator is bound to, for SQL; null means no centre restriction. */
  public Long centreScope() {
    return role == Role.CENTRE_COORDINATOR ? centreId : null;
  }

  /** The staff member whose appointments a clinician sees, for SQL; null means not restricted to one person. */
  public Long staffScope() {
    return role.isClinician() ? (staffId == null ? -1L : staffId) : null;
  }

  public boolean mayAccessCounty(String county) {
    String[] scope = countyScope();
    if (scope == null) return true;
    for (String c : scope) if (c.equals(county)) return true;
    return false;
  }

  /**
   * A county asked for in a request (for example {@code ?county=BC}) checked against the scope:
   * outside the scope is 403, so a list can never be widened by a parameter.
   */
  public String requireCounty(String requested) {
    if (requested != null && !mayAccessCounty(requested)) {
      throw ApiError.forbidden("Nu aveți acces la datele județului " + requested + ".",
          "You have no access to the records of county " + requested + ".");
    }
    return requested;
  }

  public boolean seesNames() {
    return role != Role.SUPERVISOR;
  }

  public boolean is(Role... roles) {
    for (Role r : roles) if (r == role) return true;
    return false;
  }
}
