package ro.caravana.scheduler.access;

import io.vertx.core.internal.net.RFC3986;
import ro.caravana.scheduler.common.Ids;
import ro.caravana.scheduler.platform.http.ApiError;

/**
 * The gate's reading of the id a scope check names, from the very value the handler will read: a path
 * segment decoded as the router decodes it, the query parameter, the JSON body field. Read strictly with
 * {@link Ids}; what cannot be read is a 400 naming the parameter, before any scope is looked at.
 */
final class ScopedId {

  private ScopedId() {}

  /** A path segment as the router hands it to the handler ({@code ctx.pathParam}); null when it is not decodable. */
  static String decodedSegment(String raw) {
    if (raw == null) return null;
    try {
      return RFC3986.decodeURIComponent(raw, false);
    } catch (RuntimeException e) {
      return raw; // malformed percent-encoding: kept as sent (with its '%'), so never an id
    }
  }

  /**
   * The typed id (UUID, Long, Integer for a SIRUTA code, county code) named by {@code raw}, or null when the
   * request does not name one (absent, JSON null, empty query parameter).
   */
  static Object read(Policy.ScopeCheck check, Object raw) {
    if (raw == null) return null;
    String name = check.name();
    boolean body = check.where() == Policy.Where.BODY;
    if (!body && raw instanceof String s && s.isEmpty() && check.where() == Policy.Where.QUERY) return null;
    return switch (check.subject()) {
      case COUNTY -> {
        if (!(raw instanceof String s) || !s.matches("[A-Za-z]{1,2}")) throw county(name);
        yield s.toUpperCase(java.util.Locale.ROOT);
      }
      case BENEFICIARY, APPOINTMENT, CARE_PLAN, PLAN, HORIZON -> {
        if (!(raw instanceof String s)) throw Ids.notAnId(name);
        yield Ids.uuid(name, s);
      }
      case STAFF, CENTRE, CARAVAN, ACCOUNT -> body ? number(name, raw) : Ids.number(name, (String) raw);
      case LOCALITY -> {
        long siruta = body ? number(name, raw) : Ids.number(name, (String) raw);
        if (siruta > Integer.MAX_VALUE) throw Ids.notAnId(name);
        yield (int) siruta;
      }
    };
  }

  private static long number(String name, Object json) {
    long id = Ids.jsonNumberOrNegative(json);
    if (id < 0) throw Ids.notAnId(name);
    return id;
  }

  private static ApiError county(String name) {
    return ApiError.badRequest(name, "Codul de județ are una sau două litere (de exemplu BC).",
        "A county code has one or two letters (for example BC).");
  }
}
