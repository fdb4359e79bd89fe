package ro.caravana.scheduler.imports;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.common.Blocking;
import ro.caravana.scheduler.common.InvalidValue;
import ro.caravana.scheduler.common.Rows;
import ro.caravana.scheduler.geo.ServedCounties;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.http.Responses;

/**
 * {@code POST /api/imports/beneficiaries} and {@code /api/imports/care-plans}: the body is the file itself
 * ({@code text/csv} or the XLSX type). With {@code ?dryRun=true} the answer is the report (200) and nothing is
 * written; without it the file is written whole (201) or, when any row has a problem, not at all (422 with
 * the same report).
 */
public final class ImportRoutes {

  private final BeneficiaryImport beneficiaries;
  private final CarePlanImport carePlans;

  private ImportRoutes(Pool pool, ServedCounties served) {
    this.beneficiaries = new BeneficiaryImport(pool, served);
    this.carePlans = new CarePlanImport(pool);
  }

  public static void mount(Router router, Pool pool, ServedCounties served) {
    ImportRoutes routes = new ImportRoutes(pool, served);
    router.post("/api/imports/beneficiaries").handler(routes::beneficiaries);
    router.post("/api/imports/care-plans").handler(routes::carePlans);
  }

  private void beneficiaries(RoutingContext ctx) {
    boolean dryRun = dryRun(ctx);
    LocalDate today = LocalDate.now(Rows.ZONE);
    run(ctx, dryRun, sheet -> beneficiaries.check(sheet, Caller.of(ctx), today, dryRun)
        .compose(checked -> finish(dryRun, checked.report(), () -> beneficiaries.write(checked.toWrite(), today))));
  }

  private void carePlans(RoutingContext ctx) {
    boolean dryRun = dryRun(ctx);
    LocalDate today = LocalDate.now(Rows.ZONE);
    run(ctx, dryRun, sheet -> carePlans.check(sheet, Caller.of(ctx), today, dryRun)
        .compose(checked -> finish(dryRun, checked.report(), () -> carePlans.write(checked.toWrite()))));
  }

  private static Future<ImportReport> finish(boolean dryRun, ImportReport report,
      java.util.function.Supplier<Future<Integer>> write) {
    if (dryRun) return Future.succeededFuture(report);
    if (!report.errors().isEmpty()) {
      JsonObject json = report.toJson();
      return Future.failedFuture(ApiError.unprocessable("file", report.errors().size()
              + " probleme în fișier; nu s-a scris nimic. Corectați rândurile și încercați din nou.",
          report.errors().size() + " problems in the file; nothing was written. Correct the rows and try again.")
          .withDetails(new JsonObject().put("rows", json.getInteger("rows")).put("valid", json.getInteger("valid"))
              .put("errors", json.getJsonArray("errors")).put("existing", json.getInteger("existing"))));
    }
    return write.get().map(report::committed);
  }

  private void run(RoutingContext ctx, boolean dryRun, Function<Sheet, Future<ImportReport>> work) {
    if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() <= 0) {
      ctx.fail(ApiError.badRequest("body", "Trimiteți fișierul (CSV sau XLSX) în corpul cererii.",
          "Send the file (CSV or XLSX) as the request body."));
      return;
    }
    byte[] bytes = ctx.body().buffer().getBytes();
    String type = ctx.request().getHeader("Content-Type");
    if (type != null && !acceptable(type)) {
      ctx.fail(new ApiError(415, "Content-Type", "Trimiteți un fișier text/csv sau XLSX.", "Send a text/csv or XLSX file."));
      return;
    }
    Blocking.run(() -> SpreadsheetReader.read(bytes, type))
        .compose(work)
        .onSuccess(report -> Responses.json(ctx, dryRun ? 200 : 201, report.toJson()))
        .onFailure(e -> ctx.fail(e instanceof InvalidValue iv
            ? ApiError.unprocessable("file", iv.reasonRo(), iv.reasonEn()) : e));
  }

  private static boolean acceptable(String contentType) {
    String t = contentType.toLowerCase(java.util.Locale.ROOT);
    for (String ok : List.of("text/csv", "text/plain", "application/csv", "application/vnd.ms-excel",
        SpreadsheetReader.XLSX, "application/octet-stream")) {
      if (t.startsWith(ok)) return true;
    }
    return false;
  }

  private static boolean dryRun(RoutingContext ctx) {
    String v = ctx.request().getParam("dryRun");
    if (v == null || v.equals("false")) return false;
    if (v.equals("true") || v.isEmpty()) return true;
    throw ApiError.badRequest("dryRun", "dryRun este true sau false.", "dryRun is true or false.");
  }
}
