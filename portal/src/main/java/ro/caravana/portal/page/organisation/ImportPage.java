package ro.caravana.portal.page.organisation;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ro.caravana.portal.page.PageError;
import ro.caravana.portal.page.PageRequest;
import ro.caravana.portal.page.Pages;

/**
 * {@code /import}: a spreadsheet (CSV or XLSX) of beneficiaries or care plans sent to {@code POST /api/imports/...}.
 * "Only check" (the default) is the API's dry run: the report lists every row problem by row and column and nothing
 * is written; an import writes the whole file or, when any row has a problem, nothing.
 */
public final class ImportPage {

  static final long MAX_BYTES = 5L * 1024 * 1024;
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private ImportPage() {}

  public static void mount(Router router, Pages pages) {
    String uploads = Path.of(System.getProperty("java.io.tmpdir"), "caravana-uploads").toString();
    router.post("/import").handler(BodyHandler.create(uploads).setBodyLimit(MAX_BYTES).setDeleteUploadedFilesOnEnd(true));
    router.get("/import").handler(pages.page("import", OrganisationPages.ROLES, req -> Future.succeededFuture(model(req, "beneficiari", true))));
    router.post("/import").handler(pages.page("import", OrganisationPages.ROLES, ImportPage::submit));
  }

  private static Map<String, Object> model(PageRequest req, String kind, boolean dryRun) {
    Map<String, Object> m = new HashMap<>();
    m.put("title", req.t("import.title"));
    m.put("beneficiaries", !"planuri".equals(kind));
    m.put("dryRun", dryRun);
    return m;
  }

  private static Future<Map<String, Object>> submit(PageRequest req) {
    var form = req.ctx().request().formAttributes();
    String kind = "planuri".equals(form.get("tip")) ? "planuri" : "beneficiari";
    boolean dryRun = form.get("doarVerificare") != null;
    Map<String, Object> m = model(req, kind, dryRun);
    List<FileUpload> files = req.ctx().fileUploads();
    FileUpload file = files.isEmpty() ? null : files.get(0);
    if (file == null || file.size() == 0) {
      req.ctx().response().setStatusCode(400);
      m.put("fileError", req.t("import.noFile"));
      return Future.succeededFuture(m);
    }
    String name = file.fileName() == null ? "" : file.fileName().toLowerCase(java.util.Locale.ROOT);
    String type = name.endsWith(".xlsx") ? XLSX : "text/csv";
    String path = "/api/imports/" + ("planuri".equals(kind) ? "care-plans" : "beneficiaries") + "?dryRun=" + dryRun;
    return req.ctx().vertx().fileSystem().readFile(file.uploadedFileName())
        .compose(bytes -> req.api().sendFile(req.ctx(), path, type, bytes))
        .map(a -> {
          if (a.status() == 401 || a.status() == 403) throw PageError.of(a);
          JsonObject body = a.body();
          JsonObject details = body.containsKey("rows") ? body : body.getJsonObject("details", body);
          if (!details.containsKey("rows")) {
            req.ctx().response().setStatusCode(400);
            JsonObject reason = body.getJsonObject("reason");
            m.put("fileError", reason == null ? req.t("import.failed") : reason.getString(req.lang().code()));
            return m;
          }
          if (!a.ok()) req.ctx().response().setStatusCode(422);
          m.put("report", report(req, details, a.ok(), dryRun));
          return m;
        });
  }

  private static JsonObject report(PageRequest req, JsonObject r, boolean ok, boolean dryRun) {
    JsonArray rows = new JsonArray();
    for (Object o : r.getJsonArray("errors", new JsonArray())) {
      JsonObject e = (JsonObject) o;
      JsonObject reason = e.getJsonObject("reason", new JsonObject());
      rows.add(new JsonObject().put("row", e.getValue("row")).put("column", e.getString("column", e.getString("field", "")))
          .put("value", e.getValue("value") == null ? "" : String.valueOf(e.getValue("value")))
          .put("reason", reason.getString(req.lang().code(), reason.getString("ro", ""))));
    }
    String verdict = !rows.isEmpty() ? (dryRun ? req.t("import.checkedWithErrors", rows.size()) : req.t("import.refused", rows.size()))
        : dryRun ? req.t("import.checkedOk") : req.t("import.done", r.getInteger("created", 0));
    return new JsonObject().put("rows", r.getInteger("rows", 0)).put("valid", r.getInteger("valid", 0))
        .put("existing", r.getInteger("existing", 0)).put("errors", rows).put("verdict", verdict)
        .put("good", ok && rows.isEmpty());
  }
}
