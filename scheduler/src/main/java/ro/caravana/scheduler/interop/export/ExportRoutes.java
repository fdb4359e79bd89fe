package ro.caravana.scheduler.interop.export;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Set;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.common.Blocking;
import ro.caravana.scheduler.common.Vocabulary;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.http.Requests;
import ro.caravana.scheduler.report.AttendanceReport;

/**
 * The ministry's spreadsheets: {@code GET /api/exports/report.csv} and {@code .xlsx} with
 * {@code level=locality|county|national}, {@code period=week|month|quarter}, {@code date} (a day in the
 * period, default today), optional {@code county} and {@code service}. Aggregates only, within the
 * caller's counties; the same figures as {@code /api/reports/attendance} and the FHIR MeasureReport.
 */
public final class ExportRoutes {

  private final AttendanceReport report;
  private final ZoneId zone;

  public ExportRoutes(AttendanceReport report, ZoneId zone) {
    this.report = report;
    this.zone = zone;
  }

  public void mount(Router router) {
    router.get("/api/exports/report.csv").handler(ctx -> export(ctx, false));
    router.get("/api/exports/report.xlsx").handler(ctx -> export(ctx, true));
  }

  /** What a request asks for, checked: the level, the period and the filters. */
  public record Request(AttendanceReport.Level level, ReportPeriod period, String county, String service) {}

  /** Reads level, period, date, county and service (400 naming the parameter when one is wrong). */
  public static Request request(RoutingContext ctx, ZoneId zone) {
    String level = Requests.query(ctx, "level");
    AttendanceReport.Level l;
    try {
      l = level == null ? AttendanceReport.Level.COUNTY : AttendanceReport.Level.valueOf(level.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("level", "Nivelul este locality, county sau national.", "level is locality, county or national.");
    }
    if (level != null && !Set.of("locality", "county", "national").contains(level)) {
      throw ApiError.badRequest("level", "Nivelul este locality, county sau national.", "level is locality, county or national.");
    }
    String date = Requests.query(ctx, "date");
    LocalDate day;
    try {
      day = date == null ? LocalDate.now(zone) : LocalDate.parse(date);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest("date", "Data are forma AAAA-LL-ZZ.", "The date is YYYY-MM-DD.");
    }
    if (date != null && !date.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
      throw ApiError.badRequest("date", "Data are forma AAAA-LL-ZZ.", "The date is YYYY-MM-DD.");
    }
    String county = Requests.query(ctx, "county");
    if (county != null && !county.matches("[A-Z]{1,2}")) {
      throw ApiError.badRequest("county", "Codul de județ are una sau două litere mari (de exemplu BC).",
          "A county code is one or two capital letters (for example BC).");
    }
    String service = Requests.query(ctx, "service");
    if (service != null && !Vocabulary.SERVICES.contains(service)) {
      throw ApiError.badRequest("service", "Serviciu necunoscut.", "Unknown service.");
    }
    return new Request(l, ReportPeriod.of(Requests.query(ctx, "period"), day), county, service);
  }

  /** The report for a checked request, within the caller's counties. */
  public static Future<JsonObject> run(AttendanceReport report, Request r, Caller caller) {
    return report.run(r.level(), r.period().from(), r.period().to(), r.county(), r.service(), caller.countyScope());
  }

  private void export(RoutingContext ctx, boolean xlsx) {
    Request r = request(ctx, zone);
    // the workbook is built on a worker: POI takes seconds of CPU (more on first use), which on the event
    // loop would stall every connection and pooled database session that loop serves
    run(report, r, Caller.of(ctx)).compose(json -> Blocking.run(() -> {
      ReportTable table = new ReportTable(json, r.period());
      return xlsx ? table.xlsx() : table.csv();
    })).onSuccess(bytes -> {
      String name = "raport-" + r.level().name().toLowerCase() + "-" + r.period().label() + (xlsx ? ".xlsx" : ".csv");
      ctx.response()
          .putHeader("Content-Type", xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              : "text/csv; charset=utf-8")
          .putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"")
          .end(Buffer.buffer(bytes));
    }).onFailure(ctx::fail);
  }
}
