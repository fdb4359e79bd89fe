package ro.caravana.scheduler.access;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.common.Ids;

/**
 * Hostile forms of real Bacău ids sent by the Vrancea coordinator to every route that takes an id (path
 * parameters of every route the router knows, the query parameters and body fields the policy scopes):
 * Unicode digits of several scripts, full-width letters, percent- and double-percent-encoding, signs,
 * leading zeros, upper case, whitespace, overlong values, decimals and strings for numbers. Whatever the
 * form: never 500, and never 2xx on a route that names people or changes anything (reference data that
 * every role may read, such as a locality, may still answer 200).
 */
@Label("Hostile id forms against every route, as a wrong-county coordinator")
class HostileIdPropertyTest {

  private static SchedulerApp app;
  private static ApiClient api;
  private static String vn;
  private static final AtomicInteger SENT = new AtomicInteger();
  /** Bacău ids by what they name: the canonical form the mutations start from. */
  private static final Map<Policy.Subject, String> BACAU = new EnumMap<>(Policy.Subject.class);
  private static final List<Target> PATH_TARGETS = new ArrayList<>();
  private static final List<Target> QUERY_TARGETS = new ArrayList<>();
  private static final List<Target> BODY_TARGETS = new ArrayList<>();

  /** One place an id goes: a route, the parameter or field, and the Bacău id it should name. */
  record Target(HttpMethod method, String pattern, String name, String id, boolean changesOrNames) {
    boolean numeric() {
      return id.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    @Override
    public String toString() {
      return method + " " + pattern + " [" + name + "]";
    }
  }

  /** The ways an id is disguised. */
  enum Mutation {
    FULL_WIDTH, ARABIC_INDIC_DIGIT, DEVANAGARI_DIGIT, THAI_DIGIT, MATH_BOLD_DIGIT, PERCENT, DOUBLE_PERCENT,
    PLUS, MINUS, PLUS_ENCODED, LEADING_ZERO, UPPER_CASE, SPACE_AROUND, TAB, OVERLONG, DECIMAL, EXPONENT, BRACES,
    NUL, TRUNCATED, DOUBLED
  }

  @BeforeContainer
  static void start() throws Exception {
    app = DemoApp.get();
    api = new ApiClient(DemoApp.vertx(), app.port());
    vn = api.token("coordonator.vn@caravana.demo");
    BACAU.put(Policy.Subject.BENEFICIARY, one("SELECT b.id::text FROM beneficiaries b JOIN localities l "
        + "ON l.siruta = b.locality_siruta WHERE l.county = 'BC' ORDER BY b.id LIMIT 1"));
    BACAU.put(Policy.Subject.CARE_PLAN, one("SELECT p.id::text FROM care_plans p JOIN beneficiaries b ON b.id = p.beneficiary_id "
        + "JOIN localities l ON l.siruta = b.locality_siruta WHERE l.county = 'BC' ORDER BY p.id LIMIT 1"));
    BACAU.put(Policy.Subject.STAFF, one("SELECT id::text FROM staff WHERE county = 'BC' ORDER BY id LIMIT 1"));
    BACAU.put(Policy.Subject.LOCALITY, one("SELECT siruta::text FROM localities WHERE county = 'BC' AND siruta > 10000 "
        + "ORDER BY siruta LIMIT 1"));
    String plan = java.util.UUID.randomUUID().toString();
    await(app.pool().preparedQuery("INSERT INTO plans (id, county, week, kinds, seconds_limit, status) "
        + "VALUES ($1::uuid, 'BC', '2031-W01', '{routes}', 1, 'failed')").execute(io.vertx.sqlclient.Tuple.of(plan)));
    BACAU.put(Policy.Subject.PLAN, plan);
    String appointment = one("SELECT a.id::text FROM appointments a JOIN beneficiaries b ON b.id = a.beneficiary_id "
        + "JOIN localities l ON l.siruta = b.locality_siruta WHERE l.county = 'BC' ORDER BY a.id LIMIT 1");
    if (appointment == null) {
      appointment = java.util.UUID.randomUUID().toString();
      await(app.pool().preparedQuery("INSERT INTO appointments (id, beneficiary_id, service, modality, starts_at, ends_at, status) "
          + "VALUES ($1::uuid, $2::uuid, 'counselling', 'remote', now() + interval '3 days', now() + interval '3 days 1 hour', 'booked')")
          .execute(io.vertx.sqlclient.Tuple.of(appointment, BACAU.get(Policy.Subject.BENEFICIARY))));
    }
    BACAU.put(Policy.Subject.APPOINTMENT, appointment);
    // a Bacău notice of its own: the ids of notices other tests wrote depend on the order the tests ran in
    String notice = one("INSERT INTO notices (dedupe_key, beneficiary_id, kind, language, body, encoding, segments, cost_bani, "
        + "status, reason, county) VALUES ('hostile-id-test:' || gen_random_uuid(), '" + BACAU.get(Policy.Subject.BENEFICIARY)
        + "'::uuid, 'booked', 'ro', 'x', 'GSM-7', 1, 0, 'suppressed', 'no_consent', 'BC') RETURNING id::text");
    String centre = one("SELECT c.id::text FROM community_centres c JOIN localities l ON l.siruta = c.locality_siruta "
        + "WHERE l.county = 'BC' ORDER BY c.id LIMIT 1");
    String caravan = one("SELECT id::text FROM caravans WHERE county = 'BC' ORDER BY id LIMIT 1");
    String room = one("SELECT r.id::text FROM rooms r ORDER BY r.id LIMIT 1");

    for (var route : AccessMatrixTest.apiRoutes(app)) {
      if (route.getValue().equals(DemoApp.UNLISTED)) continue;
      HttpMethod method = route.getKey();
      String pattern = route.getValue();
      var match = app.access().policy().match(method, AccessMatrixTest.sample(pattern));
      if (match.isEmpty()) continue;
      Policy.Rule rule = match.get().rule();
      boolean strict = rule.names() || method != HttpMethod.GET;
      for (String segment : pattern.split("/")) {
        if (!segment.startsWith(":")) continue;
        String name = segment.substring(1);
        var check = rule.scope().stream().filter(c -> c.where() == Policy.Where.PATH && c.name().equals(name)).findFirst();
        String id = check.map(c -> subjectId(c.subject(), centre, caravan)).orElseGet(() -> switch (name) {
          case "siruta" -> BACAU.get(Policy.Subject.LOCALITY);
          case "roomId" -> room;
          case "id" -> pattern.startsWith("/api/centres") ? centre : pattern.startsWith("/api/caravans") ? caravan
              : pattern.startsWith("/api/notifications") ? notice : null;
          default -> null; // family-link tokens and short codes are signed, not ids
        });
        if (id != null) PATH_TARGETS.add(new Target(method, pattern, name, id, strict));
      }
      for (Policy.ScopeCheck check : rule.scope()) {
        String id = subjectId(check.subject(), centre, caravan);
        if (id == null || pattern.contains(":")) continue;
        if (check.where() == Policy.Where.QUERY) QUERY_TARGETS.add(new Target(method, pattern, check.name(), id, true));
        if (check.where() == Policy.Where.BODY) BODY_TARGETS.add(new Target(method, pattern, check.name(), id, true));
      }
    }
    assertTrue(PATH_TARGETS.size() >= 30, PATH_TARGETS.toString());
    assertTrue(QUERY_TARGETS.size() >= 3, QUERY_TARGETS.toString());
    assertTrue(BODY_TARGETS.size() >= 3, BODY_TARGETS.toString());
  }

  private static String subjectId(Policy.Subject subject, String centre, String caravan) {
    return switch (subject.name()) {
      case "CENTRE" -> centre;
      case "CARAVAN" -> caravan;
      case "COUNTY" -> "BC";
      default -> BACAU.get(subject);
    };
  }

  @AfterContainer
  static void report() throws Exception {
    String line = "hostile requests sent: " + SENT.get();
    System.out.println(line);
    Path out = Path.of("target", "hostile-id-requests.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, line + "\n");
  }

  private static String one(String sql) throws Exception {
    var rows = await(app.pool().query(sql).execute());
    return rows.size() == 0 ? null : rows.iterator().next().getString(0);
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Provide
  Arbitrary<Target> pathTargets() {
    return Arbitraries.of(PATH_TARGETS);
  }

  @Provide
  Arbitrary<Target> queryTargets() {
    return Arbitraries.of(QUERY_TARGETS);
  }

  @Provide
  Arbitrary<Target> bodyTargets() {
    return Arbitraries.of(BODY_TARGETS);
  }

  @Property(tries = 1500)
  @Label("a disguised Bacău id in a path: never 500, never served where names or changes are at stake")
  void pathIds(@ForAll("pathTargets") Target target, @ForAll Mutation mutation, @ForAll @IntRange(min = 0, max = 40) int at) {
    String segment = encode(mutate(target.id(), mutation, at));
    Assume.that(!namesAnotherRecord(target, segment));
    String path = target.pattern().replace(":" + target.name(), segment).replaceAll("/:[A-Za-z]+", "/1");
    Object body = target.method() == HttpMethod.GET || target.method() == HttpMethod.DELETE ? null
        : new JsonObject().put("reason", "probe").put("status", "arrived");
    check(target, path, body);
  }

  @Property(tries = 500)
  @Label("a disguised Bacău id in a query parameter: never 500, never 2xx")
  void queryIds(@ForAll("queryTargets") Target target, @ForAll Mutation mutation, @ForAll @IntRange(min = 0, max = 40) int at) {
    String value = encode(mutate(target.id(), mutation, at));
    Assume.that(!namesAnotherRecord(target, value));
    check(target, target.pattern() + "?" + target.name() + "=" + value, null);
  }

  @Property(tries = 500)
  @Label("a disguised Bacău id in a JSON body (strings for numbers, decimals, exponents, arrays): never 500, never 2xx")
  void bodyIds(@ForAll("bodyTargets") Target target, @ForAll Mutation mutation, @ForAll @IntRange(min = 0, max = 40) int at,
      @ForAll @IntRange(min = 0, max = 6) int shape) {
    String raw = target.id();
    Object value = switch (shape) {
      case 0 -> mutate(raw, mutation, at);                                     // a disguised string
      case 1 -> target.numeric() ? Double.valueOf(raw) : raw.toUpperCase(Locale.ROOT); // 21016.0 / upper-case UUID
      case 2 -> target.numeric() ? raw : mutate(raw, Mutation.FULL_WIDTH, at);   // "21016" as a string
      case 3 -> new JsonArray().add(raw);
      case 4 -> new JsonObject().put("id", raw);
      case 5 -> target.numeric() ? (Object) (-Long.parseLong(raw)) : (Object) Boolean.TRUE;
      default -> target.numeric() ? new java.math.BigDecimal(raw).scaleByPowerOfTen(-4) : raw + " ";
    };
    JsonObject body = new JsonObject().put("firstName", "Ion").put("lastName", "Popa").put("category", "child")
        .put("service", "counselling").put("modality", "remote").put("week", "2031-W02")
        .put("startsAt", "2031-01-07T10:00:00+02:00").put("endsAt", "2031-01-07T11:00:00+02:00");
    if (shape == 6 && target.numeric()) {
      // 2.1016e4 exactly as written on the wire (a one-digit id as 7.0e0: JSON wants a digit after the point)
      String json = body.encode();
      String mantissa = raw.charAt(0) + "." + (raw.length() == 1 ? "0" : raw.substring(1));
      String encoded = json.substring(0, json.length() - 1) + ",\"" + target.name() + "\":" + mantissa
          + "e" + (raw.length() - 1) + "}";
      check(target, target.pattern(), new JsonObject(encoded));
      return;
    }
    check(target, target.pattern(), body.put(target.name(), value));
  }

  /** The plain forms: Bacău ids as written, to the same routes: refused (404 in a path, 403 elsewhere). */
  @Example
  @Label("the plain Bacău ids are refused as well")
  void plainForms() {
    List<String> failures = new ArrayList<>();
    for (Target t : PATH_TARGETS) {
      if (!t.changesOrNames()) continue;
      String path = t.pattern().replace(":" + t.name(), t.id()).replaceAll("/:[A-Za-z]+", "/1");
      int status = send(t.method(), path, t.method() == HttpMethod.GET ? null : new JsonObject()).statusCode();
      if (status / 100 == 2 || status >= 500) failures.add(t + " -> " + status);
    }
    assertTrue(failures.isEmpty(), failures.toString());
  }

  /**
   * A mutation that happens to write another well-formed id (a truncated or doubled number, say) names a
   * different record, possibly one of the caller's own: that is no disguise, and the answer may be 200.
   */
  private static boolean namesAnotherRecord(Target target, String sent) {
    String received;
    try {
      received = io.vertx.core.internal.net.RFC3986.decodeURIComponent(sent, false);
    } catch (RuntimeException e) {
      return false;
    }
    if (target.numeric()) {
      long n = Ids.numberOrNegative(received);
      return n > 0 && n != Long.parseLong(target.id());
    }
    java.util.UUID u = Ids.uuidOrNull(received);
    return u != null && !u.equals(java.util.UUID.fromString(target.id()));
  }

  private static void check(Target target, String path, Object body) {
    var r = send(target.method(), path, body);
    int status = r.statusCode();
    assertTrue(status < 500, target + " " + path + " answered " + status + ": " + r.bodyAsString());
    if (target.changesOrNames()) {
      assertTrue(status / 100 != 2, target + " " + path + " was served (" + status + "): " + r.bodyAsString());
    }
  }

  private static io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> send(HttpMethod method, String path, Object body) {
    SENT.incrementAndGet();
    return api.call(method, path, ApiClient.bearer(vn), body);
  }

  /** The id disguised: one character changed at position {@code at} (modulo the length), or the whole id reshaped. */
  static String mutate(String id, Mutation m, int at) {
    int i = at % id.length();
    int digit = nthDigit(id, at);
    return switch (m) {
      case FULL_WIDTH -> replace(id, i, fullWidth(id.charAt(i)));
      case ARABIC_INDIC_DIGIT -> digit < 0 ? id + "\u0660" : replace(id, digit, script(0x0660, id.charAt(digit)));
      case DEVANAGARI_DIGIT -> digit < 0 ? id + "\u0966" : replace(id, digit, script(0x0966, id.charAt(digit)));
      case THAI_DIGIT -> digit < 0 ? id + "\u0E50" : replace(id, digit, script(0x0E50, id.charAt(digit)));
      case MATH_BOLD_DIGIT -> digit < 0 ? id + new String(Character.toChars(0x1D7CE))
          : replace(id, digit, new String(Character.toChars(0x1D7CE + (id.charAt(digit) - '0'))));
      case PERCENT -> replace(id, i, String.format("%%%02X", (int) id.charAt(i)));
      case DOUBLE_PERCENT -> replace(id, i, String.format("%%25%02X", (int) id.charAt(i)));
      case PLUS -> "+" + id;
      case MINUS -> "-" + id;
      case PLUS_ENCODED -> "%2B" + id;
      case LEADING_ZERO -> "0" + id;
      case UPPER_CASE -> id.toUpperCase(Locale.ROOT);
      case SPACE_AROUND -> " " + id + " ";
      case TAB -> id + "\t";
      case OVERLONG -> id + "0".repeat(1 + at * 10);
      case DECIMAL -> id + ".0";
      case EXPONENT -> id + "e0";
      case BRACES -> "{" + id + "}";
      case NUL -> id + "\u0000";
      case TRUNCATED -> id.substring(0, Math.max(1, id.length() - 1));
      case DOUBLED -> id + id;
    };
  }

  private static int nthDigit(String id, int n) {
    List<Integer> digits = new ArrayList<>();
    for (int i = 0; i < id.length(); i++) if (Character.isDigit(id.charAt(i))) digits.add(i);
    return digits.isEmpty() ? -1 : digits.get(n % digits.size());
  }

  private static String replace(String s, int i, String with) {
    return s.substring(0, i) + with + s.substring(i + 1);
  }

  private static String script(int zero, char asciiDigit) {
    return String.valueOf((char) (zero + (asciiDigit - '0')));
  }

  private static String fullWidth(char c) {
    if (c >= '!' && c <= '~') return String.valueOf((char) (c - '!' + 0xFF01));
    return String.valueOf(c);
  }

  /**
   * A segment or query value as sent: ASCII that is safe in a URL stays as it is (so "%2B", "%25" and
   * "%61" arrive as written), anything else is percent-encoded as UTF-8.
   */
  static String encode(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~' || c == '%' || c == '+';
      sb.append(plain ? String.valueOf((char) c) : String.format("%%%02X", c));
    }
    return sb.toString();
  }
}
