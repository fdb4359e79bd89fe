package ro.caravana.scheduler.platform.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reading a request: the JSON body and the common query parameters, with problem answers on bad input. */
public final class Requests {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 2000;

  private Requests() {}

  public static JsonObject body(RoutingContext ctx) {
    Buffer raw = ctx.body() == null ? null : ctx.body().buffer();
    if (raw == null || raw.length() == 0) {
      throw ApiError.badRequest("body", "Lipsește corpul cererii (JSON).", "The request body (JSON) is missing.");
    }
    Object parsed;
    try {
      parsed = Json.decodeValue(raw);
    } catch (DecodeException e) {
      throw ApiError.badRequest("body", "Corpul cererii nu este JSON valid.", "The request body is not valid JSON.");
    }
    if (!(parsed instanceof JsonObject object)) {
      throw ApiError.badRequest("body", "Corpul cererii trebuie să fie un obiect JSON.", "The request body must be a JSON object.");
    }
    return object;
  }

  public static int limit(RoutingContext ctx) {
    return intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
  }

  public static int offset(RoutingContext ctx) {
    return intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
  }

  public static String query(RoutingContext ctx, String name) {
    String v = ctx.request().getParam(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  public static int intParam(RoutingContext ctx, String name, int fallback, int min, int max) {
    String v = query(ctx, name);
    if (v == null) return fallback;
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(name,
          "Parametrul „" + name + "” trebuie să fie un număr întreg între " + min + " și " + max + ".",
          "Parameter '" + name + "' must be an integer between " + min + " and " + max + ".");
    }
  }
}
