package ro.caravana.scheduler.common;

import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.http.Requests;

/** Typed query and path parameters, with a 400 naming the parameter on bad input. */
public final class Params {

  private Params() {}

  public static UUID pathId(RoutingContext ctx, String name) {
    return Ids.pathUuid(ctx, name);
  }

  public static long pathLong(RoutingContext ctx, String name) {
    return Ids.pathNumber(ctx, name);
  }

  /** A query parameter naming a record by a number that fits an {@code int} (a SIRUTA code), read strictly by {@link Ids}. */
  public static Integer integer(RoutingContext ctx, String name) {
    Long v = Ids.queryNumber(ctx, name);
    if (v == null) return null;
    if (v > Integer.MAX_VALUE) throw Ids.notAnId(name);
    return v.intValue();
  }

  /** A query parameter naming a record by number (staff, centre, SIRUTA code), read strictly by {@link Ids}. */
  public static Long id(RoutingContext ctx, String name) {
    return Ids.queryNumber(ctx, name);
  }

  public static String choice(RoutingContext ctx, String name, Set<String> allowed) {
    String v = Requests.query(ctx, name);
    if (v == null) return null;
    if (!allowed.contains(v)) {
      throw ApiError.badRequest(name, "Valoare necunoscută pentru parametrul „" + name + "”: „" + v + "”.",
          "Unknown value for parameter '" + name + "': '" + v + "'.");
    }
    return v;
  }

  public static String county(RoutingContext ctx) {
    String v = Requests.query(ctx, "county");
    if (v == null) return null;
    String code = v.toUpperCase();
    if (!code.matches("[A-Z]{1,2}")) {
      throw ApiError.badRequest("county", "Codul de județ are una sau două litere (de exemplu BC).",
          "A county code has one or two letters (for example BC).");
    }
    return code;
  }

  public static UUID uuid(RoutingContext ctx, String name) {
    return Ids.queryUuid(ctx, name);
  }

  public static LocalDate date(RoutingContext ctx, String name) {
    String v = Requests.query(ctx, name);
    return v == null ? null : Fields.date(name, v);
  }
}
