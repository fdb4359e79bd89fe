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

  /**
   * First handler of the router: an address whose percent-encoding cannot be decoded (%ZZ, a lone %,
   * %u0031) is answered 400 here, before any handler asks for the decoded path or parameters and
   * meets the decoder's exception.
   */
  public static void rejectUndecodable(RoutingContext ctx) {
    try {
      ctx.normalizedPath();
      ctx.queryParams();
    } catch (IllegalArgumentException e) {
      Problems.send(ctx, ApiError.badRequest("path", "Adresa cererii conține o codificare procentuală invalidă.",
          "The request address contains an invalid percent-encoding."));
      return;
    }
    ctx.next();
  }

  /**
   * A request must name this server by a Host header Vert.x can read (HTTP/1.1 requires one; an unbracketed IPv6
   * literal, a port out of range or written in other digits, a space: no host). The router itself fails such a
   * request before any handler (it cannot build the absolute address), so {@link Problems#handle} asks this.
   */
  static boolean hostUnreadable(RoutingContext ctx) {
    return ctx.request().version() != io.vertx.core.http.HttpVersion.HTTP_2 && ctx.request().authority() == null;
  }

  static ApiError hostRefused() {
    return ApiError.badRequest("Host", "Antetul Host lipsește sau nu numește un server (o adresă IPv6 se scrie între paranteze drepte).",
        "The Host header is missing or names no server (an IPv6 address is written in square brackets).");
  }

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

  private static final java.util.regex.Pattern ASCII_INTEGER = java.util.regex.Pattern.compile("-?[0-9]{1,19}");

  /**
   * {@link Long#parseLong} restricted to ASCII digits and an optional minus: it also reads Arabic-Indic,
   * fullwidth and Devanagari digits and a plus sign, so "+١" would otherwise name record 1.
   */
  public static long parseLong(String text) {
    if (text == null || !ASCII_INTEGER.matcher(text).matches()) throw new NumberFormatException("not ASCII digits");
    return Long.parseLong(text);
  }

  /** {@link #parseLong} for an int. */
  public static int parseInt(String text) {
    long v = parseLong(text);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) throw new NumberFormatException("out of int range");
    return (int) v;
  }

  public static int limit(RoutingContext ctx) {
    return intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
  }

  public static int offset(RoutingContext ctx) {
    return intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
  }

  public static String query(RoutingContext ctx, String name) {
    String v = ctx.request().getParam(name);
    // strip, not trim: trim also drops control characters, so "V%00" would read as the county code "V"
    return v == null || v.isBlank() ? null : v.strip();
  }

  public static int intParam(RoutingContext ctx, String name, int fallback, int min, int max) {
    String v = query(ctx, name);
    if (v == null) return fallback;
    try {
      int n = parseInt(v);
      if (n < min || n > max) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(name,
          "Parametrul „" + name + "” trebuie să fie un număr întreg între " + min + " și " + max + ".",
          "Parameter '" + name + "' must be an integer between " + min + " and " + max + ".");
    }
  }
}
