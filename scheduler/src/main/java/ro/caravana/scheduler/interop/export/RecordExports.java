package ro.caravana.scheduler.interop.export;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import ro.caravana.optimizer.text.Label;
import ro.caravana.scheduler.access.Audit;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.access.Scope;
import ro.caravana.scheduler.common.Words;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.http.Requests;

/**
 * The records of a county as spreadsheets, for the directorate's own files: {@code GET /api/exports/beneficiaries},
 * {@code /api/exports/care-plans} (optional {@code county}) and {@code /api/exports/week} ({@code county} and
 * {@code week} required: the appointments of that week's published plan). {@code ?format=csv|xlsx} or the
 * {@code Accept} header picks the file ({@link RecordSheet}); CSV when neither says. Every row is within the caller's
 * scope (the same SQL filters as the lists), headers and values are Romanian (the beneficiaries' and care plans'
 * headers are those the spreadsheet import reads), and every export is written to the audit log with its filters
 * and row count.
 */
public final class RecordExports {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

  private static final String BENEFICIARIES = """
      SELECT b.last_name, b.first_name, b.cnp, b.birth_date, b.sex, l.name AS locality, u.name AS unit, l.county,
             b.locality_siruta, b.phone, b.category, b.guardian_name, b.sms_consent, b.data_consent, c.code AS centre
        FROM beneficiaries b JOIN localities l ON l.siruta = b.locality_siruta
        JOIN administrative_units u ON u.siruta = l.parent_siruta
        LEFT JOIN community_centres c ON c.id = b.centre_id
       WHERE ($1::text IS NULL OR l.county = $1)""" + Scope.beneficiaryFilter(2) + """

       ORDER BY l.county, b.last_name, b.first_name, b.id""";

  private static final String CARE_PLANS = """
      SELECT b.cnp, b.last_name, b.first_name, l.county, cp.service, cp.sessions_per_week, cp.interval_weeks, cp.minutes,
             cp.modality, c.code AS centre, cp.valid_from, cp.valid_to, cp.preferred_days, cp.preferred_from,
             cp.preferred_to
        FROM care_plans cp JOIN beneficiaries b ON b.id = cp.beneficiary_id
        JOIN localities l ON l.siruta = b.locality_siruta
        LEFT JOIN community_centres c ON c.id = cp.centre_id
       WHERE ($1::text IS NULL OR l.county = $1)""" + Scope.beneficiaryFilter(2) + """

       ORDER BY l.county, b.last_name, b.first_name, cp.service, cp.valid_from""";

  /** The latest published plan of the county and week. */
  private static final String PUBLISHED = """
      SELECT id FROM plans WHERE county = $1 AND week = $2 AND status = 'published'
       ORDER BY published_at DESC NULLS LAST, created_at DESC LIMIT 1""";

  private static final String WEEK = """
      SELECT a.starts_at, a.ends_at, a.service, a.modality, a.status, b.last_name, b.first_name, l.name AS locality,
             c.name AS centre, r.name AS room, v.code AS caravan, sl.name AS stop,
             s.first_name AS staff_first, s.last_name AS staff_last, s.role AS staff_role
        FROM appointments a JOIN beneficiaries b ON b.id = a.beneficiary_id
        JOIN localities l ON l.siruta = b.locality_siruta
        LEFT JOIN community_centres c ON c.id = a.centre_id
        LEFT JOIN rooms r ON r.id = a.room_id
        LEFT JOIN caravans v ON v.id = a.caravan_id
        LEFT JOIN localities sl ON sl.siruta = a.stop_siruta
        LEFT JOIN staff s ON s.id = a.staff_id
       WHERE a.plan_id = $1""" + Scope.appointmentFilter(2) + """

       ORDER BY a.starts_at, v.code NULLS FIRST, c.name NULLS FIRST, b.last_name, a.id""";

  private static final List<String> BENEFICIARY_HEADERS = List.of("Nume", "Prenume", "CNP", "Data nașterii", "Sex",
      "Localitate", "Comuna/UAT", "Județ", "Cod SIRUTA localitate", "Telefon", "Categorie", "Reprezentant legal",
      "Acord SMS", "Acord prelucrare date", "Centru");
  private static final List<String> CARE_PLAN_HEADERS = List.of("CNP", "Nume", "Prenume", "Județ", "Serviciu",
      "Ședințe pe săptămână", "O dată la (săptămâni)", "Durată (minute)", "Mod", "Centru", "De la", "Până la",
      "Zile/ore preferate");
  private static final List<String> WEEK_HEADERS = List.of("Data", "Ziua", "Ora început", "Ora sfârșit", "Serviciu", "Mod",
      "Stare", "Nume", "Prenume", "Localitate beneficiar", "Centru", "Sala", "Caravana", "Oprire", "Specialist",
      "Rol specialist");

  private final Vertx vertx;
  private final Pool pool;
  private final Audit audit;
  private final ZoneId zone;

  public RecordExports(Vertx vertx, Pool pool, ZoneId zone) {
    this.vertx = vertx;
    this.pool = pool;
    this.audit = new Audit(pool);
    this.zone = zone;
  }

  public void mount(Router router) {
    router.get("/api/exports/beneficiaries").handler(this::beneficiaries);
    router.get("/api/exports/care-plans").handler(this::carePlans);
    router.get("/api/exports/week").handler(this::week);
  }

  private void beneficiaries(RoutingContext ctx) {
    countyList(ctx, BENEFICIARIES, "Beneficiari", BENEFICIARY_HEADERS, "beneficiari", r -> Arrays.<Object>asList(
        r.getString("last_name"), r.getString("first_name"), text(r.getString("cnp")), day(r.getLocalDate("birth_date")),
        label(Words.SEXES, r.getString("sex")), r.getString("locality"), r.getString("unit"), r.getString("county"),
        r.getInteger("locality_siruta"), text(r.getString("phone")), label(Words.CATEGORIES, r.getString("category")),
        text(r.getString("guardian_name")), yesNo(r.getBoolean("sms_consent")), yesNo(r.getBoolean("data_consent")),
        text(r.getString("centre"))));
  }

  private void carePlans(RoutingContext ctx) {
    countyList(ctx, CARE_PLANS, "Planuri de îngrijire", CARE_PLAN_HEADERS, "planuri-ingrijire", r -> Arrays.<Object>asList(
        text(r.getString("cnp")), r.getString("last_name"), r.getString("first_name"), r.getString("county"),
        label(Words.SERVICES, r.getString("service")), r.getInteger("sessions_per_week"), r.getInteger("interval_weeks"),
        r.getInteger("minutes"), label(Words.MODALITIES, r.getString("modality")), text(r.getString("centre")),
        day(r.getLocalDate("valid_from")), text(day(r.getLocalDate("valid_to"))),
        preferences(r.getArrayOfStrings("preferred_days"), r.getLocalTime("preferred_from"), r.getLocalTime("preferred_to"))));
  }

  /** A list of the caller's records, optionally of one county ($1), the scope's parameters after it. */
  private void countyList(RoutingContext ctx, String sql, String title, List<String> headers, String name,
      Function<Row, List<Object>> cells) {
    boolean xlsx = xlsx(ctx);
    String county = county(ctx, false);
    pool.preparedQuery(sql).execute(Scope.args(Tuple.of(county), Caller.of(ctx)))
        .map(rows -> sheet(title, headers, rows, cells))
        .compose(sheet -> send(ctx, sheet, name + suffix(county), xlsx, "county=" + county))
        .onFailure(ctx::fail);
  }

  private void week(RoutingContext ctx) {
    boolean xlsx = xlsx(ctx);
    String county = county(ctx, true);
    String week = Requests.query(ctx, "week");
    if (week == null || !week.matches("[0-9]{4}-W[0-9]{2}")) {
      throw ApiError.badRequest("week", "Săptămâna se scrie AAAA-Www (de exemplu 2026-W50).",
          "The week is written YYYY-Www (for example 2026-W50).");
    }
    Caller caller = Caller.of(ctx);
    pool.preparedQuery(PUBLISHED).execute(Tuple.of(county, week)).compose(plans -> {
      if (plans.size() == 0) {
        return Future.failedFuture(ApiError.notFound("week", "Nu există un plan publicat pentru " + county + " în săptămâna "
            + week + ".", "There is no published plan for " + county + " in week " + week + "."));
      }
      return pool.preparedQuery(WEEK).execute(Scope.args(Tuple.of(plans.iterator().next().getUUID("id")), caller));
    }).map(rows -> sheet("Săptămâna " + week, WEEK_HEADERS, rows, r -> {
      OffsetDateTime start = r.getOffsetDateTime("starts_at");
      var local = start.atZoneSameInstant(zone);
      var end = r.getOffsetDateTime("ends_at").atZoneSameInstant(zone);
      String staff = r.getString("staff_last") == null ? null : r.getString("staff_last") + " " + r.getString("staff_first");
      return Arrays.<Object>asList(local.toLocalDate().format(DAY), label(Words.WEEKDAYS, local.getDayOfWeek().name()),
          local.toLocalTime().format(TIME), end.toLocalTime().format(TIME), label(Words.SERVICES, r.getString("service")),
          label(Words.MODALITIES, r.getString("modality")), label(Words.APPOINTMENT_STATUSES, r.getString("status")),
          r.getString("last_name"), r.getString("first_name"), r.getString("locality"), r.getString("centre"),
          r.getString("room"), r.getString("caravan"), r.getString("stop"), staff,
          r.getString("staff_role") == null ? null : label(Words.STAFF_ROLES, r.getString("staff_role")));
    })).compose(sheet -> send(ctx, sheet, "saptamana-" + county + "-" + week, xlsx, "county=" + county + "&week=" + week))
        .onFailure(ctx::fail);
  }

  // ---- shared steps

  private Future<Void> send(RoutingContext ctx, RecordSheet sheet, String name, boolean xlsx, String filters) {
    Future<byte[]> bytes = xlsx ? vertx.executeBlocking(sheet::xlsx, false) : Future.succeededFuture(sheet.csv());
    return bytes.compose(content -> {
      ctx.response().setStatusCode(200)
          .putHeader("Content-Type", xlsx ? RecordSheet.XLSX_TYPE : RecordSheet.CSV_TYPE)
          .putHeader("Content-Disposition", "attachment; filename=\"" + name + (xlsx ? ".xlsx" : ".csv") + "\"")
          .putHeader("Cache-Control", "no-store");
      String resource = ctx.normalizedPath().substring("/api/".length());
      return audit.recordRead(ctx, "export", null, resource, null, filters + "&format=" + (xlsx ? "xlsx" : "csv")
          + "&rows=" + sheet.size()).compose(v -> ctx.response().end(Buffer.buffer(content)));
    });
  }

  private static RecordSheet sheet(String title, List<String> headers, Iterable<Row> rows, Function<Row, List<Object>> cells) {
    List<List<Object>> out = new ArrayList<>();
    for (Row r : rows) out.add(cells.apply(r));
    return new RecordSheet(title, headers, out);
  }

  /** {@code ?format=} first, then the Accept header; CSV when neither names a spreadsheet type. */
  static boolean xlsx(RoutingContext ctx) {
    String format = Requests.query(ctx, "format");
    if (format != null) {
      return switch (format) {
        case "csv" -> false;
        case "xlsx" -> true;
        default -> throw ApiError.badRequest("format", "Formatul este csv sau xlsx.", "The format is csv or xlsx.");
      };
    }
    String accept = ctx.request().getHeader("Accept");
    return accept != null && accept.contains("spreadsheetml");
  }

  /** The county asked for (the access handler has already refused one outside the caller's counties). */
  private static String county(RoutingContext ctx, boolean required) {
    String county = Requests.query(ctx, "county");
    if (county == null) {
      if (required) throw ApiError.badRequest("county", "Județul este obligatoriu (de exemplu county=BC).",
          "The county is required (for example county=BC).");
      return null;
    }
    if (!county.matches("[A-Z]{1,2}")) {
      throw ApiError.badRequest("county", "Codul de județ are una sau două litere mari (de exemplu BC).",
          "A county code is one or two capital letters (for example BC).");
    }
    return county;
  }

  private static String suffix(String county) {
    return county == null ? "" : "-" + county.toLowerCase(Locale.ROOT);
  }

  private static Object text(String value) {
    return value == null ? "" : value;
  }

  private static String day(LocalDate date) {
    return date == null ? null : date.format(DAY);
  }

  private static String yesNo(Boolean value) {
    return Boolean.TRUE.equals(value) ? "Da" : "Nu";
  }

  private static String label(Map<String, Label> words, String code) {
    Label l = words.get(code);
    return l == null ? code : l.ro();
  }

  /** "Luni, Miercuri 14:00-16:00", as the import reads it. */
  private static String preferences(String[] days, LocalTime from, LocalTime to) {
    List<String> parts = new ArrayList<>();
    if (days != null) {
      for (String d : days) parts.add(label(Words.WEEKDAYS, d));
    }
    String text = String.join(", ", parts);
    if (from != null && to != null) text = (text.isEmpty() ? "" : text + " ") + from.format(TIME) + "-" + to.format(TIME);
    return text;
  }
}
