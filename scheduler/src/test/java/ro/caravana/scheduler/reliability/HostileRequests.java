package ro.caravana.scheduler.reliability;

import static ro.caravana.scheduler.reliability.OpenApiOperations.list;
import static ro.caravana.scheduler.reliability.OpenApiOperations.map;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ro.caravana.scheduler.reliability.OpenApiOperations.Operation;
import ro.caravana.scheduler.reliability.OpenApiOperations.Param;

/**
 * Hostile requests for one operation of the OpenAPI document: every parameter and every body
 * property in turn gets wrong types, boundaries, huge strings, Unicode look-alikes, nulls and
 * injection strings while the rest of the request stays plausible (real ids of the fixtures), so
 * the hostile part reaches the handler's validation rather than an earlier refusal. Whole bodies
 * are broken too (not JSON, deep nesting, extra fields, wrong content types) and the credentials.
 */
final class HostileRequests {

  /** One request to send; {@code variant} says what is hostile in it. */
  record Request(String operation, String variant, String method, String uri, Map<String, String> headers, Buffer body,
      boolean mutating) {}

  /** Real records the plausible parts of a request point at. */
  record Fixtures(String token, Map<String, String> uuids, Map<String, Long> numbers) {}

  /** Strings that must never be read as something else: numbers in disguise, injections, odd Unicode. */
  static final List<String> STRINGS = List.of(
      "", " ", "null", "undefined", "0", "-1", "+1", "1.5", "1e309", "-0", "007",
      "2147483648", "9223372036854775808", "-9223372036854775809", "NaN", "Infinity", "0x1F", "1_000",
      "١٢٣", "１２３", "²³", "Ⅻ", "𝟙𝟚𝟛", "true", "[]", "{}", "[1,2]",
      "' OR '1'='1", "\"; DROP TABLE beneficiaries; --", "1; SELECT pg_sleep(5)", "%", "_", "\\", "%00", "\u0000",
      "\uFEFF", "\u202Eabc", "😀", "a\u0301", "Ş", "Ţ", "\uD800", "../../etc/passwd", "<script>alert(1)</script>",
      "${jndi:ldap://x/a}", "%s%n%x", "\r\nX-Injected: 1", "\t", "BC\u0000", "bc", "b c", " BC ", "ZZ", "B",
      "00000000-0000-0000-0000-000000000000", "6F1C2B1E-0000-4000-8000-000000000000",
      "6f1c2b1e000040008000000000000000", "{6f1c2b1e-0000-4000-8000-000000000000}", "6f1c2b1e-0000-4000-8000-00000000000g",
      "2026-02-30", "2026-13-01", "0000-01-01", "99999-01-01", "-2026-01-01", "2026-1-1", "2026-W54", "2026-W00",
      "2026-W1", "2026-W10-1", "2026-01-01T25:00:00Z", "2026-01-01T10:00:00", "2026-01-01T10:00:00+25:00",
      "24:00", "14:60", "-1:00", "12", "+40", "+407221234567890123", "0000000000000",
      "1234567890123", "1960101221144", "x@", "@x", "a".repeat(300), "ș".repeat(1000), "A".repeat(5000));

  /** JSON values of every type, and numbers at and past the edges of int, long and double. */
  static final List<String> JSON_VALUES = List.of(
      "null", "true", "false", "0", "-1", "1.5", "-0.0", "1e308", "-1e308", "1e400", "2147483648", "-2147483649",
      "9223372036854775808", "-9223372036854775809", "123456789012345678901234567890", "\"123\"", "\"\"", "[]", "{}",
      "[1]", "[null]", "{\"a\":1}", "[\"x\"]", "\"" + "x".repeat(100_000) + "\"");

  /** Percent-encodings and paths a URL decoder must survive. */
  private static final List<String> RAW_PATH = List.of(
      "%ZZ", "%", "%2", "%C0%AF", "%C3%28", "%E2%82", "%2e%2e%2f%2e%2e%2f", "..", ".", "a%2Fb", "%20", "%u0031", "%00",
      "1%2F1", "%EF%BC%91");

  private static final List<String[]> CONTENT_TYPES = List.of(
      new String[] {"text/plain", "{\"a\":1}"}, new String[] {"application/xml", "<a>1</a>"},
      new String[] {"application/x-www-form-urlencoded", "a=1&b=2"},
      new String[] {"multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--xyz--\r\n"},
      new String[] {"application/json; charset=utf-16", "{\"a\":1}"}, new String[] {"application/json; charset=nonsense", "{}"},
      new String[] {"application/octet-stream", "\u0000\u0001\u0002"}, new String[] {"", "{}"},
      new String[] {"application/json", "\uFEFF{}"});

  private final Fixtures fixtures;
  private final Random random = new Random(20261201L);

  HostileRequests(Fixtures fixtures) {
    this.fixtures = fixtures;
  }

  List<Request> forOperation(Operation op) {
    List<Request> out = new ArrayList<>();
    Map<String, String> path = new LinkedHashMap<>();
    Map<String, String> query = new LinkedHashMap<>();
    for (Param p : op.params()) {
      if (p.in().equals("path")) path.put(p.name(), encode(goodText(p.name(), p.schema())));
      if (p.in().equals("query") && p.required()) query.put(p.name(), encode(goodText(p.name(), p.schema())));
    }
    String body = op.body() == null ? null : goodBody(op.body());
    boolean mutating = !op.method().equals("GET");

    for (Param p : op.params()) {
      List<String> values = new ArrayList<>();
      for (String s : STRINGS) values.add(encode(s));
      values.addAll(boundaries(p.schema()));
      if (!p.in().equals("header")) values.addAll(RAW_PATH);
      for (String v : values) {
        if (p.in().equals("path")) {
          Map<String, String> pv = new LinkedHashMap<>(path);
          pv.put(p.name(), v);
          out.add(request(op, "path " + p.name() + "=" + clip(v), uri(op.path(), pv, query), json(), body, mutating));
        } else if (p.in().equals("query")) {
          Map<String, String> qv = new LinkedHashMap<>(query);
          qv.put(p.name(), v);
          out.add(request(op, "query " + p.name() + "=" + clip(v), uri(op.path(), path, qv), json(), body, mutating));
        } else if (p.in().equals("header")) {
          Map<String, String> h = json();
          h.put(p.name(), v);
          out.add(request(op, "header " + p.name() + "=" + clip(v), uri(op.path(), path, query), h, body, mutating));
        }
      }
      if (p.in().equals("path")) {
        for (String d : disguised(goodText(p.name(), p.schema()))) {
          Map<String, String> pv = new LinkedHashMap<>(path);
          pv.put(p.name(), d);
          out.add(request(op, DISGUISED + p.name() + "=" + clip(d), uri(op.path(), pv, query), json(), body, mutating));
        }
      }
      if (p.in().equals("query")) {
        String good = encode(goodText(p.name(), p.schema()));
        String base = uri(op.path(), path, query);
        String sep = base.contains("?") ? "&" : "?";
        out.add(request(op, "query " + p.name() + " twice", base + sep + p.name() + "=" + good + "&" + p.name() + "=x", json(), body, mutating));
        out.add(request(op, "query " + p.name() + "[]", base + sep + p.name() + "%5B%5D=" + good, json(), body, mutating));
        out.add(request(op, "query " + p.name() + " empty name", base + sep + "=" + good + "&" + p.name(), json(), body, mutating));
      }
    }
    String plain = uri(op.path(), path, query);
    String sep = plain.contains("?") ? "&" : "?";
    out.add(request(op, "unknown query parameter", plain + sep + "nope=1&__proto__=x", json(), body, mutating));

    if (op.body() != null) out.addAll(bodyVariants(op, plain, mutating));
    if (mutating) out.addAll(wholeBodyVariants(op, plain, mutating));
    out.addAll(credentialVariants(op, plain, body, mutating));
    return out;
  }

  /** Random mixes of the hostile values above (several fields wrong at once), seeded. */
  List<Request> random(Operation op, int count) {
    List<Request> out = new ArrayList<>();
    boolean mutating = !op.method().equals("GET");
    for (int i = 0; i < count; i++) {
      Map<String, String> path = new LinkedHashMap<>();
      Map<String, String> query = new LinkedHashMap<>();
      for (Param p : op.params()) {
        boolean bad = random.nextInt(3) == 0;
        String v = bad ? encode(STRINGS.get(random.nextInt(STRINGS.size()))) : encode(goodText(p.name(), p.schema()));
        if (p.in().equals("path")) path.put(p.name(), v);
        else if (p.in().equals("query") && (bad || p.required() || random.nextBoolean())) query.put(p.name(), v);
      }
      String body = null;
      if (op.body() != null) {
        StringBuilder b = new StringBuilder("{");
        for (var e : map(op.body().get("properties")).entrySet()) {
          int pick = random.nextInt(4);
          if (pick == 0) continue;
          if (b.length() > 1) b.append(',');
          b.append(Json.encode(e.getKey())).append(':');
          if (pick == 1) b.append(JSON_VALUES.get(random.nextInt(JSON_VALUES.size())));
          else if (pick == 2) b.append(Json.encode(STRINGS.get(random.nextInt(STRINGS.size()))));
          else b.append(goodJson(e.getKey(), map(e.getValue())));
        }
        body = b.append('}').toString();
      }
      out.add(request(op, "random mix " + i, uri(op.path(), path, query), json(), body, mutating));
    }
    return out;
  }

  private List<Request> bodyVariants(Operation op, String uri, boolean mutating) {
    List<Request> out = new ArrayList<>();
    Map<String, Object> props = map(op.body().get("properties"));
    for (var prop : props.entrySet()) {
      List<String> values = new ArrayList<>(JSON_VALUES);
      for (String s : STRINGS) values.add(Json.encode(s));
      Map<String, Object> schema = map(prop.getValue());
      if (schema.get("type") != null && (schema.get("type").equals("integer") || schema.get("type").equals("number"))) {
        for (String b : boundaries(schema)) values.add(b);
      }
      if (schema.get("type") != null && schema.get("type").equals("array")) {
        values.add("[" + "\"x\",".repeat(5000) + "\"x\"]");
        values.add("[[[[[[\"MONDAY\"]]]]]]");
        values.add("[\"MONDAY\",\"MONDAY\",\"MONDAY\"]");
      }
      for (String v : values) {
        out.add(request(op, "body " + prop.getKey() + "=" + clip(v), uri, json(), goodBody(op.body(), prop.getKey(), v), mutating));
      }
      out.add(request(op, "body without " + prop.getKey(), uri, json(), goodBody(op.body(), prop.getKey(), null), mutating));
    }
    StringBuilder allNull = new StringBuilder("{");
    for (String k : props.keySet()) allNull.append(allNull.length() > 1 ? "," : "").append(Json.encode(k)).append(":null");
    out.add(request(op, "body all null", uri, json(), allNull.append('}').toString(), mutating));
    String good = goodBody(op.body());
    String inner = good.substring(1, good.length() - 1);
    String comma = inner.isEmpty() ? "" : ",";
    out.add(request(op, "body mass assignment", uri, json(), "{" + inner + comma
        + "\"id\":\"00000000-0000-0000-0000-000000000001\",\"county\":\"VN\",\"version\":-1,\"createdAt\":\"2000-01-01T00:00:00Z\","
        + "\"role\":\"admin\",\"status\":\"fulfilled\",\"deleted\":true,\"anonymised\":true}", mutating));
    StringBuilder extra = new StringBuilder("{" + inner);
    for (int i = 0; i < 500; i++) extra.append(extra.length() > 1 ? "," : "").append("\"extra").append(i).append("\":").append(i);
    out.add(request(op, "body 500 extra fields", uri, json(), extra.append('}').toString(), mutating));
    for (var prop : props.keySet()) {
      out.add(request(op, "body duplicate " + prop, uri, json(), "{" + inner + comma + Json.encode(prop) + ":\"dup\"}", mutating));
    }
    return out;
  }

  private List<Request> wholeBodyVariants(Operation op, String uri, boolean mutating) {
    List<Request> out = new ArrayList<>();
    List<String> bodies = new ArrayList<>(List.of("", "null", "[]", "\"text\"", "123", "true", "{", "}", "{\"a\":}", "{'a':1}",
        "{\"a\":1,}", "{\"a\" 1}", "[{}]", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":0x10}", "{\"a\":01}", "/* c */{}",
        "{\"a\":\"\\uD800\"}", "{\"a\":\"\\u0000\"}", "{}garbage", "{}{}", " \n\t{} "));
    bodies.add("[".repeat(10_000) + "]".repeat(10_000));
    bodies.add("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000));
    bodies.add("[".repeat(200_000));
    bodies.add("{\"a\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}");
    for (String b : bodies) out.add(request(op, "whole body " + clip(b), uri, json(), b, mutating));
    out.add(new Request(op.label(), "whole body invalid UTF-8", op.method(), uri, json(),
        Buffer.buffer(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'}), mutating));
    for (String[] ct : CONTENT_TYPES) {
      Map<String, String> h = auth();
      if (!ct[0].isEmpty()) h.put("Content-Type", ct[0]);
      out.add(request(op, "content type " + (ct[0].isEmpty() ? "none" : ct[0]), uri, h, ct[1], mutating));
    }
    return out;
  }

  private List<Request> credentialVariants(Operation op, String uri, String body, boolean mutating) {
    List<Request> out = new ArrayList<>();
    List<String> values = List.of("", "Bearer", "Bearer ", "Bearer x", "Bearer " + fixtures.token() + "x",
        "Bearer " + fixtures.token().replace('.', '_'), "Basic YWRtaW46ZGVtbw==", "bearer " + fixtures.token(),
        "Bearer " + "a".repeat(6000), "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.");
    for (String v : values) {
      Map<String, String> h = new LinkedHashMap<>();
      h.put("Content-Type", "application/json");
      if (!v.isEmpty()) h.put("Authorization", v);
      out.add(request(op, "credentials " + clip(v), uri, h, body, mutating));
    }
    Map<String, String> cookie = new LinkedHashMap<>();
    cookie.put("Content-Type", "application/json");
    cookie.put("Cookie", "caravana_session=" + "%ZZ;" + "x".repeat(100));
    out.add(request(op, "credentials forged session cookie", uri, cookie, body, mutating));
    return out;
  }

  /** Variants naming a real record in another spelling; they must not find it. */
  static final String DISGUISED = "disguised ";

  /** The id of a real record spelled as Unicode digits, with a sign, a decimal, padding, braces or no dashes. */
  static List<String> disguised(String good) {
    List<String> out = new ArrayList<>();
    if (good.chars().allMatch(Character::isDigit)) {
      out.add(encode(shift(good, '٠')));
      out.add(encode(shift(good, '０')));
      out.add(encode(shift(good, '०')));
      out.add(encode("+" + good));
      out.add(good + ".0");
      out.add(good + "e0");
      out.add("%20" + good);
      out.add(good + "%20");
      out.add(good + "%00");
      out.add(encode("-" + "0".repeat(0) + good).replace("-", "%2D%2D"));
    } else if (good.length() == 36 && good.charAt(8) == '-') {
      out.add(encode("{" + good + "}"));
      out.add(good.replace("-", ""));
      out.add(good + "%00");
      out.add("%20" + good);
      out.add(good.substring(0, 35));
      out.add(good + "0");
      out.add(encode(shift(good.replaceAll("[^0-9]", "").substring(0, 8), '٠')) + good.substring(8));
    }
    return out;
  }

  private static String shift(String digits, char zero) {
    StringBuilder sb = new StringBuilder();
    for (char c : digits.toCharArray()) sb.append((char) (zero + (c - '0')));
    return sb.toString();
  }

  private Request request(Operation op, String variant, String uri, Map<String, String> headers, String body, boolean mutating) {
    return new Request(op.label(), variant, op.method(), uri, headers, body == null ? null : Buffer.buffer(body), mutating);
  }

  private Map<String, String> auth() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Authorization", "Bearer " + fixtures.token());
    return h;
  }

  private Map<String, String> json() {
    Map<String, String> h = auth();
    h.put("Content-Type", "application/json");
    return h;
  }

  /** Values around the schema's limits, and the int and long edges. */
  private static List<String> boundaries(Map<String, Object> schema) {
    List<String> out = new ArrayList<>(List.of("-2147483649", "2147483647", "-9223372036854775808", "9223372036854775807"));
    for (String key : List.of("minimum", "maximum", "minLength", "maxLength")) {
      if (schema.get(key) instanceof Number n) {
        long v = n.longValue();
        out.add(Long.toString(v - 1));
        out.add(Long.toString(v + 1));
      }
    }
    return out;
  }

  private String uri(String template, Map<String, String> path, Map<String, String> query) {
    String uri = template;
    for (var e : path.entrySet()) uri = uri.replace("{" + e.getKey() + "}", e.getValue());
    if (query.isEmpty()) return uri;
    StringBuilder sb = new StringBuilder(uri).append('?');
    query.forEach((k, v) -> sb.append(sb.charAt(sb.length() - 1) == '?' ? "" : "&").append(k).append('=').append(v));
    return sb.toString();
  }

  /** The plausible body: every property with a good value, one replaced (or left out when value is null). */
  private String goodBody(Map<String, Object> schema, String replaced, String value) {
    StringBuilder b = new StringBuilder("{");
    for (var e : map(schema.get("properties")).entrySet()) {
      // a property with a pattern (a CNP) is left out of the plausible body unless it is the hostile one
      boolean patterned = map(e.getValue()).containsKey("pattern");
      String v = e.getKey().equals(replaced) ? value : patterned ? null : goodJson(e.getKey(), map(e.getValue()));
      if (v == null) continue;
      if (b.length() > 1) b.append(',');
      b.append(Json.encode(e.getKey())).append(':').append(v);
    }
    return b.append('}').toString();
  }

  private String goodBody(Map<String, Object> schema) {
    return goodBody(schema, null, null);
  }

  private String goodJson(String name, Map<String, Object> schema) {
    String type = String.valueOf(schema.get("type"));
    return switch (type) {
      case "integer", "number" -> goodText(name, schema);
      case "boolean" -> "true";
      case "array" -> "[" + goodJson(name, map(schema.get("items"))) + "]";
      case "object" -> "{}";
      default -> Json.encode(goodText(name, schema));
    };
  }

  /** A value the handler should accept for this name and schema (real ids of the fixtures). */
  private String goodText(String name, Map<String, Object> schema) {
    String lower = name.toLowerCase();
    List<Object> enums = list(schema.get("enum"));
    if (!enums.isEmpty()) return String.valueOf(enums.get(0));
    String type = String.valueOf(schema.get("type"));
    String format = String.valueOf(schema.get("format"));
    if (type.equals("integer") || type.equals("number")) {
      for (var e : fixtures.numbers().entrySet()) if (lower.contains(e.getKey())) return Long.toString(e.getValue());
      if (schema.get("minimum") instanceof Number n) return Long.toString(n.longValue());
      return "1";
    }
    if (format.equals("uuid") || lower.equals("id")) {
      for (var e : fixtures.uuids().entrySet()) if (lower.contains(e.getKey())) return e.getValue();
      return fixtures.uuids().get("beneficiary");
    }
    if (format.equals("date")) return "2026-12-07";
    if (format.equals("date-time")) return "2026-12-07T10:00:00+02:00";
    if (schema.get("example") != null) return String.valueOf(schema.get("example"));
    if (lower.equals("county")) return "BC";
    if (lower.equals("week")) return "2026-W50";
    if (lower.contains("phone") || lower.equals("from") || lower.equals("to")) return "+40722123456";
    if (lower.contains("email")) return "nobody@caravana.test";
    if (lower.contains("password")) return "not-the-password";
    return "Test";
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…(" + s.length() + ")" : s;
  }
}
