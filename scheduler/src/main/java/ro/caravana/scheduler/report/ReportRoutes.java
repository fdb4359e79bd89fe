package ro.caravana.scheduler.report;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.access.Role;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.http.Requests;
import ro.caravana.scheduler.platform.http.Responses;

/**
 * {@code GET /api/reports/attendance?level=locality|county|national&from=&to=&county=&service=} and
 * {@code GET /api/reports/attendance/marks?from=&to=&county=&service=} (the attendance projection by day).
 */
public final class ReportRoutes {

  private static final int MAX_DAYS = 366;

  private final AttendanceReport report;
  private final ZoneId zone;
  private final io.vertx.sqlclient.Pool pool;
  private final CoverageReport coverage;

  public ReportRoutes(AttendanceReport report, ZoneId zone, io.vertx.sqlclient.Pool pool, CoverageReport coverage) {
    this.report = report;
    this.zone = zone;
    this.pool = pool;
    this.coverage = coverage;
  }

  public void mount(Router router) {
    router.get("/api/reports/attendance").handler(this::attendance);
    router.get("/api/reports/attendance/marks").handler(this::marks);
    router.get("/api/reports/coverage").handler(this::coverage);
  }

  /** {@code ?county=BC&on=YYYY-MM-DD}: days since each locality's last caravan visit, gaps flagged. */
  private void coverage(RoutingContext ctx) {
    Caller caller = Caller.orNull(ctx);
    String[] scope = caller == null ? null : caller.countyScope();
    String county = Requests.query(ctx, "county");
    if (county == null && scope != null && scope.length > 0) county = scope[0];
    if (county == null || !county.matches("[A-Z]{1,2}")) {
      throw ApiError.badRequest("county", "Alegeți județul (de exemplu county=BC).", "Choose the county (e.g. county=BC).");
    }
    if (scope != null && !java.util.List.of(scope).contains(county)) {
      throw ApiError.forbidden("Județul nu este în grija contului.", "The county is outside this account's counties.");
    }
    LocalDate on = date(ctx, "on", LocalDate.now(zone));
    boolean suppress = caller != null && caller.role() == Role.SUPERVISOR;
    coverage.run(county, on)
        .map(body -> suppress ? CoverageReport.suppressSmallCounts(body) : body)
        .onSuccess(body -> Responses.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  private void attendance(RoutingContext ctx) {
    AttendanceReport.Level level = level(Requests.query(ctx, "level"));
    LocalDate[] period = period(ctx);
    LocalDate from = period[0];
    LocalDate to = period[1];
    Caller caller = Caller.orNull(ctx);
    // a county coordinator's report covers their counties only, even without a county parameter
    String[] scope = caller == null ? null : caller.countyScope();
    boolean suppress = level == AttendanceReport.Level.LOCALITY && caller != null && caller.role() == Role.SUPERVISOR;
    report.run(level, from, to, Requests.query(ctx, "county"), Requests.query(ctx, "service"), scope)
        .map(body -> suppress ? AttendanceReport.suppressSmallCounts(body) : body)
        .onSuccess(body -> Responses.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  private void marks(RoutingContext ctx) {
    LocalDate[] period = period(ctx);
    Caller caller = Caller.orNull(ctx);
    String[] scope = caller == null ? null : caller.countyScope();
    boolean suppress = caller != null && caller.role() == Role.SUPERVISOR;
    AttendanceProjection.daily(pool, period[0], period[1], ro.caravana.scheduler.common.Params.county(ctx),
            Requests.query(ctx, "service"), scope)
        .map(body -> suppress ? AttendanceProjection.suppressSmallCounts(body) : body)
        .onSuccess(body -> Responses.json(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  /** {@code from} (default the first of this month) and {@code to} (default today), at most a year apart. */
  private LocalDate[] period(RoutingContext ctx) {
    LocalDate today = LocalDate.now(zone);
    LocalDate from = date(ctx, "from", today.withDayOfMonth(1));
    LocalDate to = date(ctx, "to", today);
    if (to.isBefore(from) || from.plusDays(MAX_DAYS).isBefore(to)) {
      throw ApiError.badRequest("to", "Perioada trebuie să înceapă înainte de sfârșit și să țină cel mult un an.",
          "The period must start before it ends and last at most a year.");
    }
    return new LocalDate[] {from, to};
  }

  private static AttendanceReport.Level level(String value) {
    if (value == null) return AttendanceReport.Level.COUNTY;
    try {
      return AttendanceReport.Level.valueOf(value.toUpperCase());
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("level", "Nivelul trebuie să fie locality, county sau national.",
          "level must be locality, county or national.");
    }
  }

  private static LocalDate date(RoutingContext ctx, String name, LocalDate fallback) {
    String v = Requests.query(ctx, name);
    if (v == null) return fallback;
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest(name, "Dată invalidă (AAAA-LL-ZZ): " + v, "Invalid date (YYYY-MM-DD): " + v);
    }
  }
}
