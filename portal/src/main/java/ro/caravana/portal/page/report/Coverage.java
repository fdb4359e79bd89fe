package ro.caravana.portal.page.report;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import ro.caravana.portal.page.PageRequest;
import ro.caravana.scheduler.access.Role;

/**
 * The caravan coverage table of the reports page and its exports, over {@code /api/reports/coverage}: each
 * locality's last and next caravan visit and the days since the last one, coverage gaps first and highlighted.
 */
final class Coverage {

  /** Rows shown on the page; the exports carry them all. */
  static final int SHOWN = 40;

  private Coverage() {}

  static String api(String county, LocalDate on) {
    return "/api/reports/coverage?county=" + county + "&on=" + on;
  }

  /** Gaps first (never visited, then the longest wait), then the rest by days since the last visit. */
  static List<JsonObject> sorted(JsonObject report) {
    List<JsonObject> rows = new ArrayList<>();
    report.getJsonArray("items", new JsonArray()).forEach(o -> rows.add((JsonObject) o));
    rows.sort(Comparator.<JsonObject, Boolean>comparing(r -> !r.getBoolean("gap", false))
        .thenComparing(r -> r.getLong("daysSince") == null ? Long.MIN_VALUE : -r.getLong("daysSince"))
        .thenComparing(r -> r.getString("name", "")));
    return rows;
  }

  static JsonObject model(PageRequest req, JsonObject report, boolean small) {
    List<JsonObject> rows = sorted(report);
    JsonArray shown = new JsonArray();
    rows.stream().limit(SHOWN).forEach(r -> shown.add(new JsonObject().put("name", r.getString("name"))
        .put("people", people(r, small)).put("last", day(req, r.getString("lastVisit"), "reports.coverage.never"))
        .put("days", r.getValue("daysSince") == null ? "—" : String.valueOf(r.getValue("daysSince")))
        .put("next", day(req, r.getString("nextVisit"), "reports.coverage.noneBooked")).put("gap", r.getBoolean("gap", false))));
    LocalDate on = LocalDate.parse(report.getString("on"));
    String county = report.getString("county");
    return new JsonObject().put("rows", shown)
        .put("lead", req.t("reports.coverage.lead", report.getInteger("localities", 0), report.getInteger("gaps", 0),
            report.getInteger("defaultMaxGapDays", 0)))
        .put("caption", req.t("reports.coverage.caption", ReportPages.date(on, req.lang())))
        .put("more", rows.size() > SHOWN ? req.t("reports.coverage.more", rows.size() - SHOWN) : null)
        .put("csv", "/rapoarte/acoperire.csv?judet=" + county + "&pana-la=" + on)
        .put("xlsx", "/rapoarte/acoperire.xlsx?judet=" + county + "&pana-la=" + on);
  }

  static Future<Map<String, Object>> export(PageRequest req, boolean xlsx) {
    LocalDate on = req.param("pana-la").map(ReportPages.Query::date).orElse(null);
    LocalDate day = on == null ? LocalDate.now(ReportPages.ZONE) : on;
    boolean small = req.role() == Role.SUPERVISOR;
    return ReportPages.coverageCounty(req).compose(county -> req.read(api(county, day))).compose(report -> {
      List<String> header = List.of(req.t("reports.col.locality"), req.t("reports.col.people"), req.t("reports.col.lastVisit"),
          req.t("reports.col.daysSince"), req.t("reports.col.nextVisit"), req.t("reports.col.maxGap"), req.t("reports.coverage.gap"));
      List<List<Object>> lines = new ArrayList<>();
      for (JsonObject r : sorted(report)) {
        lines.add(List.of(r.getString("name"), small ? people(r, true) : (Object) r.getValue("beneficiaries"),
            r.getString("lastVisit") == null ? "" : r.getString("lastVisit"),
            r.getValue("daysSince") == null ? "" : r.getValue("daysSince"),
            r.getString("nextVisit") == null ? "" : r.getString("nextVisit"), r.getValue("maxGapDays"),
            r.getBoolean("gap", false) ? req.t("reports.yes") : req.t("reports.no")));
      }
      return ReportPages.download(req, "acoperire-" + report.getString("county") + "-" + day, req.t("reports.coverage"), header,
          lines, xlsx);
    });
  }

  private static String people(JsonObject r, boolean small) {
    Object v = r.getValue("beneficiaries");
    if (v instanceof Number n) return ReportPages.count(n.longValue(), small);
    return v == null ? "0" : String.valueOf(v);
  }

  private static String day(PageRequest req, String iso, String noneKey) {
    return iso == null ? req.t(noneKey) : ReportPages.date(LocalDate.parse(iso), req.lang());
  }
}
