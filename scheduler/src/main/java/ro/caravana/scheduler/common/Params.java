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
    return Fields.uuid(name, ctx.pathParam(name));
  }

  public static long pathLong(RoutingContext ctx, String name) {
    try {
      String raw = ctx.pathParam(name);
      // ASCII digits only: Long.parseLong would also take "+1" and other scripts' digits
      if (raw == null || !raw.matches("[1-9][0-9]{0,17}")) throw new NumberFormatException();
      long v = Long.parseLong(raw);
      return v;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(name, "„" + name + "” trebuie să fie un număr pozitiv.", "'" + name + "' must be a positive number.");
    }
  }

  public static Integer integer(RoutingContext ctx, String name) {
    String v = Requests.query(ctx, name);
    if (v == null) return null;
    try {
      return Integer.valueOf(v);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(name, "Parametrul „" + name + "” trebuie să fie un număr întreg.",
          "Parameter '" + name + "' must be an integer.");
    }
  }

  public static Long id(RoutingContext ctx, String name) {
    Integer v = integer(ctx, name);
    return v == null ? null : v.longValue();
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
    String v = Requests.query(ctx, name);
    return v == null ? null : Fields.uuid(name, v);
  }

  public static LocalDate date(RoutingContext ctx, String name) {
    String v = Requests.query(ctx, name);
    return v == null ? null : Fields.date(name, v);
  }
}
