package ro.caravana.portal.page.report;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import ro.caravana.portal.page.Labels;
import ro.caravana.portal.page.Lang;
import ro.caravana.portal.page.PageError;
import ro.caravana.portal.page.PageRequest;
import ro.caravana.portal.page.Pages;
import ro.caravana.scheduler.access.Role;
import ro.caravana.scheduler.common.Words;

/**
 * {@code /rapoarte}: sessions planned and delivered, attendance and no-show rates and localities reached, by locality,
 * county or nationally, for a period, with SVG charts (by row, and week by week over the last eight weeks) and the
 * table exported as CSV ({@code /rapoarte/export.csv}) or XLSX ({@code /rapoarte/export.xlsx}). Supervisors read
 * counts under five as {@code <5}. Over {@code /api/reports/attendance}.
 */
public final class ReportPages {

  public static final Set<Role> ROLES = EnumSet.of(Role.ADMIN, Role.COUNTY_COORDINATOR, Role.CENTRE_COORDINATOR, Role.SUPERVISOR);
  static final ZoneId ZONE = ZoneId.of("Europe/Bucharest");
  static final int WEEKS = 8;
  static final int MONTHS = 6;
  static final List<String> LEVELS = List.of("county", "locality", "national");

  private ReportPages() {}

  public static void mount(Router router, Pages pages) {
    router.get("/rapoarte").handler(pages.page("reports", ROLES, ReportPages::page));
    router.get("/rapoarte/export.csv").handler(pages.page("reports", ROLES, req -> export(req, false)));
    router.get("/rapoarte/export.xlsx").handler(pages.page("reports", ROLES, req -> export(req, true)));
    router.get("/rapoarte/acoperire.csv").handler(pages.page("reports", ROLES, req -> Coverage.export(req, false)));
    router.get("/rapoarte/acoperire.xlsx").handler(pages.page("reports", ROLES, req -> Coverage.export(req, true)));
  }

  /** The report's choices as read from the query (invalid ones fall back to the defaults). */
  record Query(String level, LocalDate from, LocalDate to, String service) {
    static Query of(PageRequest req) {
      LocalDate today = LocalDate.now(ZONE);
      String level = req.param("nivel").filter(LEVELS::contains).orElse("county");
      LocalDate from = req.param("de-la").map(Query::date).orElse(today.withDayOfMonth(1));
      LocalDate to = req.param("pana-la").map(Query::date).orElse(today);
      if (from == null) from = today.withDayOfMonth(1);
      if (to == null || to.isBefore(from)) to = today.isBefore(from) ? from : today;
      if (to.isAfter(from.plusDays(366))) to = from.plusDays(366);
      String service = req.param("serviciu").flatMap(slug -> Labels.fromSlug("service", slug)).orElse(null);
      return new Query(level, from, to, service);
    }

    static LocalDate date(String s) {
      try {
        return LocalDate.parse(s);
      } catch (RuntimeException e) {
        return null;
      }
    }

    String api(LocalDate f, LocalDate t) {
      return "/api/reports/attendance?level=" + level + "&from=" + f + "&to=" + t + (service == null ? "" : "&service=" + service);
    }

    String query() {
      return "nivel=" + level + "&de-la=" + from + "&pana-la=" + to + (service == null ? "" : "&serviciu=" + Labels.slug("service", service));
    }
  }

  private static Future<Map<String, Object>> page(PageRequest req) {
    Query q = Query.of(req);
    boolean small = req.role() == Role.SUPERVISOR;
    Future<JsonObject> report = req.read(q.api(q.from(), q.to()));
    // week by week: the eight weeks up to the end of the period, each summed over the rows
    LocalDate lastMonday = q.to().with(DayOfWeek.MONDAY);
    List<Future<JsonObject>> weeks = new ArrayList<>();
    for (int i = WEEKS - 1; i >= 0; i--) {
      LocalDate monday = lastMonday.minusWeeks(i);
      // summed over the rows: the county level is enough (and smaller) when the table is by locality
      String level = "locality".equals(q.level()) ? "county" : q.level();
      weeks.add(req.read(new Query(level, monday, monday.plusDays(6), q.service()).api(monday, monday.plusDays(6))));
    }
    // month by month: the six months up to the end of the period
    LocalDate lastMonth = q.to().withDayOfMonth(1);
    List<Future<JsonObject>> months = new ArrayList<>();
    for (int i = MONTHS - 1; i >= 0; i--) {
      LocalDate first = lastMonth.minusMonths(i);
      String level = "locality".equals(q.level()) ? "county" : q.level();
      months.add(req.read(new Query(level, first, first.plusMonths(1).minusDays(1), q.service())
          .api(first, first.plusMonths(1).minusDays(1))));
    }
    Future<JsonObject> counties = req.read("/api/counties");
    Future<JsonObject> coverage = coverageCounty(req).compose(c -> req.read(Coverage.api(c, q.to())));
    List<String> serviceCodes = Words.SERVICES.keySet().stream().sorted().toList();
    List<Future<JsonObject>> byService = new ArrayList<>();
    for (String code : serviceCodes) {
      byService.add(req.read(new Query("national", q.from(), q.to(), code).api(q.from(), q.to())));
    }
    List<Future<?>> all = new ArrayList<>(weeks);
    all.addAll(months);
    all.add(coverage);
    all.addAll(byService);
    all.add(report);
    all.add(counties);
    return Future.all(all).map(v -> {
      Map<String, Object> m = new HashMap<>();
      m.put("title", req.t("reports.title"));
      m.put("from", q.from().toString());
      m.put("to", q.to().toString());
      m.put("small", small);
      m.put("levels", choices(req, LEVELS, q.level(), "reports.level."));
      JsonArray services = new JsonArray();
      Words.SERVICES.keySet().stream().sorted().forEach(s -> services.add(new JsonObject().put("code", Labels.slug("service", s))
          .put("text", req.label("service", s)).put("selected", s.equals(q.service()))));
      m.put("services", services);
      List<Row> rows = rows(report.result(), counties.result());
      m.put("rows", table(req, rows, small));
      m.put("chart", Charts.bars(rows.stream().limit(30).toList(), req, small));
      List<Charts.Week> series = new ArrayList<>();
      for (int i = 0; i < WEEKS; i++) {
        LocalDate monday = lastMonday.minusWeeks(WEEKS - 1 - i);
        series.add(total(monday.format(DateTimeFormatter.ofPattern("d MMM", req.lang().locale())), weeks.get(i).result()));
      }
      m.put("weeks", Charts.weeks(series, req, small).put("id", "weeks").put("title", req.t("reports.weeksChart")));
      List<Charts.Week> monthly = new ArrayList<>();
      for (int i = 0; i < MONTHS; i++) {
        LocalDate first = lastMonth.minusMonths(MONTHS - 1 - i);
        monthly.add(total(first.format(DateTimeFormatter.ofPattern("MMM yyyy", req.lang().locale())), months.get(i).result()));
      }
      m.put("months", Charts.weeks(monthly, req, small).put("id", "months").put("title", req.t("reports.monthsChart")));
      m.put("coverage", Coverage.model(req, coverage.result(), small));
      JsonArray services2 = new JsonArray();
      for (int i = 0; i < serviceCodes.size(); i++) {
        List<Row> r = rows(byService.get(i).result(), counties.result());
        long planned = r.stream().mapToLong(Row::planned).sum();
        long delivered = r.stream().mapToLong(Row::delivered).sum();
        long noShow = r.stream().mapToLong(Row::noShow).sum();
        services2.add(new JsonObject().put("name", req.label("service", serviceCodes.get(i)))
            .put("planned", count(planned, small)).put("delivered", count(delivered, small)).put("noShow", count(noShow, small))
            .put("attendance", percent(delivered + noShow == 0 ? null : (double) delivered / (delivered + noShow), req.lang())));
      }
      m.put("byService", services2);
      m.put("csv", "/rapoarte/export.csv?" + q.query());
      m.put("xlsx", "/rapoarte/export.xlsx?" + q.query());
      m.put("period", req.t("reports.period", date(q.from(), req.lang()), date(q.to(), req.lang())));
      m.put("empty", rows.isEmpty());
      return m;
    });
  }

  /** The rows of one period added up: planned, delivered and no-shows. */
  private static Charts.Week total(String label, JsonObject report) {
    long planned = 0;
    long delivered = 0;
    long noShow = 0;
    for (Object o : report.getJsonArray("items", new JsonArray())) {
      JsonObject it = (JsonObject) o;
      planned += Math.max(0, num(it, "planned"));
      delivered += Math.max(0, num(it, "fulfilled"));
      noShow += Math.max(0, num(it, "noShow"));
    }
    return new Charts.Week(label, planned, delivered, noShow);
  }

  /** The county the coverage table is about: {@code ?judet=}, else the account's first county, else the first served. */
  static Future<String> coverageCounty(PageRequest req) {
    JsonArray mine = req.account().getJsonArray("counties", new JsonArray());
    java.util.Optional<String> asked = req.param("judet").filter(c -> c.matches("[A-Z]{1,2}"))
        .filter(c -> mine.isEmpty() || mine.contains(c));
    if (asked.isPresent()) return Future.succeededFuture(asked.get());
    if (!mine.isEmpty()) return Future.succeededFuture(String.valueOf(mine.getValue(0)));
    return req.read("/api/counties").map(c -> c.getJsonArray("items", new JsonArray()).isEmpty() ? "BC"
        : c.getJsonArray("items").getJsonObject(0).getString("code"));
  }

  /** One row of the report, whatever the level. */
  record Row(String name, long planned, long delivered, long noShow, long cancelled, long people, long localities,
      Double attendance, Double coverage) {}

  static List<Row> rows(JsonObject report, JsonObject counties) {
    Map<String, String> countyNames = new HashMap<>();
    counties.getJsonArray("items", new JsonArray()).forEach(o -> countyNames.put(((JsonObject) o).getString("code"),
        ((JsonObject) o).getString("name")));
    List<Row> out = new ArrayList<>();
    for (Object o : report.getJsonArray("items", new JsonArray())) {
      JsonObject it = (JsonObject) o;
      String name = it.getString("name") != null
          ? it.getString("name") + " (" + countyNames.getOrDefault(it.getString("county"), it.getString("county")) + ")"
          : it.getString("county") != null ? countyNames.getOrDefault(it.getString("county"), it.getString("county")) : null;
      out.add(new Row(name, num(it, "planned"), num(it, "fulfilled"), num(it, "noShow"),
          num(it, "cancelled"), num(it, "beneficiaries"), num(it, "localitiesReached"),
          rate(it, "attendanceRate"), rate(it, "coverage")));
    }
    return out;
  }

  private static JsonArray table(PageRequest req, List<Row> rows, boolean small) {
    JsonArray out = new JsonArray();
    for (Row r : rows) {
      out.add(new JsonObject().put("name", r.name() == null ? req.t("reports.national") : r.name())
          .put("planned", count(r.planned(), small)).put("delivered", count(r.delivered(), small))
          .put("noShow", count(r.noShow(), small)).put("cancelled", count(r.cancelled(), small))
          .put("people", count(r.people(), small)).put("localities", count(r.localities(), small))
          .put("attendance", percent(r.attendance(), req.lang())).put("noShowRate", percent(r.attendance() == null ? null : 1 - r.attendance(), req.lang()))
          .put("coverage", percent(r.coverage(), req.lang()))
          .put("gap", r.coverage() != null && r.coverage() < 0.5));
    }
    return out;
  }

  /** A count as the API gives it; the API's own {@code "<5"} (supervisors' small counts) reads as {@link #SMALL}. */
  static long num(JsonObject it, String key) {
    Object v = it.getValue(key);
    if (v instanceof Number n) return n.longValue();
    return v == null ? 0 : SMALL;
  }

  static Double rate(JsonObject it, String key) {
    return it.getValue(key) instanceof Number n ? n.doubleValue() : null;
  }

  /** A count the API withheld as {@code <5}. */
  static final long SMALL = -1;

  /** Counts under five are shown to supervisors as {@code <5}, so nobody can be recognised in a small place. */
  static String count(long n, boolean small) {
    return n == SMALL || (small && n > 0 && n < 5) ? "<5" : String.valueOf(n);
  }

  static String percent(Double ratio, Lang lang) {
    if (ratio == null) return "—";
    return String.format(lang.locale(), "%.0f%%", ratio * 100);
  }

  static String date(LocalDate d, Lang lang) {
    return d.format(DateTimeFormatter.ofPattern("d MMMM yyyy", lang.locale()));
  }

  private static JsonArray choices(PageRequest req, List<String> codes, String chosen, String prefix) {
    JsonArray out = new JsonArray();
    codes.forEach(c -> out.add(new JsonObject().put("code", c).put("text", req.t(prefix + c)).put("selected", c.equals(chosen))));
    return out;
  }

  // ---- export

  private static Future<Map<String, Object>> export(PageRequest req, boolean xlsx) {
    Query q = Query.of(req);
    boolean small = req.role() == Role.SUPERVISOR;
    Future<JsonObject> report = req.read(q.api(q.from(), q.to()));
    Future<JsonObject> counties = req.read("/api/counties");
    return Future.all(report, counties).compose(v -> {
      List<Row> rows = rows(report.result(), counties.result());
      List<String> header = List.of(req.t("reports.col.name"), req.t("reports.col.planned"), req.t("reports.col.delivered"),
          req.t("reports.col.noShow"), req.t("reports.col.cancelled"), req.t("reports.col.people"),
          req.t("reports.col.localities"), req.t("reports.col.attendance"), req.t("reports.col.coverage"));
      List<List<Object>> lines = new ArrayList<>();
      for (Row r : rows) {
        lines.add(List.of(r.name() == null ? req.t("reports.national") : r.name(), cell(r.planned(), small), cell(r.delivered(), small),
            cell(r.noShow(), small), cell(r.cancelled(), small), cell(r.people(), small), cell(r.localities(), small),
            r.attendance() == null ? "" : r.attendance(), r.coverage() == null ? "" : r.coverage()));
      }
      return download(req, "raport-" + q.level() + "-" + q.from() + "-" + q.to(), req.t("reports.title"), header, lines, xlsx);
    });
  }

  /** Sends a table as a CSV or XLSX attachment (the page itself renders nothing). */
  static Future<Map<String, Object>> download(PageRequest req, String name, String title, List<String> header,
      List<List<Object>> lines, boolean xlsx) {
    RoutingContext ctx = req.ctx();
    Buffer body = xlsx ? Buffer.buffer(Xlsx.sheet(title, header, lines)) : Buffer.buffer(Csv.of(header, lines));
    ctx.response().putHeader("Content-Type", xlsx
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8")
        .putHeader("Content-Disposition", "attachment; filename=\"" + name + (xlsx ? ".xlsx" : ".csv") + "\"")
        .putHeader("Cache-Control", "no-store")
        .end(body);
    return Future.succeededFuture(Map.<String, Object>of());
  }

  /** A count as a spreadsheet cell: a number, or the text {@code <5} for a supervisor's small count. */
  private static Object cell(long n, boolean small) {
    return n == SMALL || (small && n > 0 && n < 5) ? "<5" : (Object) n;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
