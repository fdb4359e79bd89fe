package ro.caravana.scheduler.common;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import ro.caravana.scheduler.platform.http.ApiError;

/**
 * The one strict reading of record ids, used by the access gate and by the handlers on the same value
 * (the decoded path segment, the query parameter, the JSON body field). Parse at the edge, then trust the
 * type: after this no code re-reads an id string.
 *
 * <ul>
 *   <li>a UUID only in canonical form: 36 ASCII characters, hex digits {@code [0-9a-fA-F]} with dashes at
 *       positions 8, 13, 18 and 23 (no Unicode digits, no full-width letters, no braces, no whitespace);</li>
 *   <li>a numeric id (staff, centre, caravan, room, SIRUTA code) only as ASCII digits, without sign or
 *       leading zeros, at most 18 digits, greater than zero; in a JSON body only as a JSON integer
 *       ({@code 21016}, never {@code 21016.0}, {@code "21016"} or {@code 2.1016e4}).</li>
 * </ul>
 *
 * Anything else is a 400 problem naming the field, answered before any scope is looked at.
 */
public final class Ids {

  private static final int MAX_DIGITS = 18;

  private Ids() {}

  /** The UUID written canonically in {@code raw}, or null when {@code raw} is anything else. */
  public static UUID uuidOrNull(String raw) {
    if (raw == null || raw.length() != 36) return null;
    for (int i = 0; i < 36; i++) {
      char c = raw.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : !isHex(c)) return null;
    }
    return UUID.fromString(raw); // only ASCII hex and dashes in place: the JDK reads it as written
  }

  /** The positive number written canonically in {@code raw}, or -1 when {@code raw} is anything else. */
  public static long numberOrNegative(String raw) {
    if (raw == null || raw.isEmpty() || raw.length() > MAX_DIGITS || raw.charAt(0) == '0') return -1;
    long v = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < '0' || c > '9') return -1;
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** A numeric id from a JSON value: a JSON integer (Integer or Long as decoded) above zero, else -1. */
  public static long jsonNumberOrNegative(Object value) {
    if (value instanceof Integer i) return i > 0 ? i : -1;
    if (value instanceof Long l) return l > 0 ? l : -1;
    return -1;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  // ---- with 400 answers

  public static ApiError notAnId(String field) {
    return ApiError.badRequest(field,
        "„" + field + "” nu este un identificator valid (UUID canonic sau număr fără semn și fără zerouri în față).",
        "'" + field + "' is not a valid id (a canonical UUID, or a number without sign or leading zeros).");
  }

  public static UUID uuid(String field, String raw) {
    UUID id = uuidOrNull(raw);
    if (id == null) throw notAnId(field);
    return id;
  }

  public static long number(String field, String raw) {
    long id = numberOrNegative(raw);
    if (id < 0) throw notAnId(field);
    return id;
  }

  /** A path parameter holding a UUID, as the router decoded it. */
  public static UUID pathUuid(RoutingContext ctx, String name) {
    return uuid(name, ctx.pathParam(name));
  }

  /** A path parameter holding a numeric id, as the router decoded it. */
  public static long pathNumber(RoutingContext ctx, String name) {
    return number(name, ctx.pathParam(name));
  }

  /** An optional query parameter holding a UUID (absent or empty: null). */
  public static UUID queryUuid(RoutingContext ctx, String name) {
    String raw = ctx.request().getParam(name);
    return raw == null || raw.isEmpty() ? null : uuid(name, raw);
  }

  /** An optional query parameter holding a numeric id (absent or empty: null). */
  public static Long queryNumber(RoutingContext ctx, String name) {
    String raw = ctx.request().getParam(name);
    return raw == null || raw.isEmpty() ? null : number(name, raw);
  }

  /** An optional JSON body field holding a UUID: a JSON string in canonical form. */
  public static UUID bodyUuid(JsonObject body, String field) {
    if (!Fields.present(body, field)) return null;
    if (!(body.getValue(field) instanceof String s)) throw notAnId(field);
    return uuid(field, s);
  }

  /** An optional JSON body field holding a numeric id: a JSON integer above zero. */
  public static Long bodyNumber(JsonObject body, String field) {
    if (!Fields.present(body, field)) return null;
    long id = jsonNumberOrNegative(body.getValue(field));
    if (id < 0) throw notAnId(field);
    return id;
  }
}
