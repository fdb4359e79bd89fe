package ro.caravana.portal.page.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import ro.caravana.portal.page.PageRequest;

/** View models of the reports' SVG charts: coordinates computed here, drawn by the template. */
final class Charts {

  static final int WIDTH = 720;
  static final int LABEL = 210;
  static final int BAR = 14;

  /** Planned and delivered sessions of one week. */
  record Week(String label, long planned, long delivered, long noShow) {}

  private Charts() {}

  /** Horizontal bars per row: planned (light) and delivered (dark), on one scale. */
  static JsonObject bars(List<ReportPages.Row> rows, PageRequest req, boolean small) {
    long max = Math.max(1, rows.stream().mapToLong(ReportPages.Row::planned).max().orElse(1));
    double scale = (WIDTH - LABEL - 60.0) / max;
    JsonArray bars = new JsonArray();
    int y = 10;
    for (ReportPages.Row r : rows) {
      bars.add(new JsonObject().put("y", y).put("textY", y + BAR - 2).put("name", r.name() == null ? req.t("reports.national") : r.name())
          .put("plannedW", Math.max(1, Math.round(r.planned() * scale))).put("deliveredW", Math.round(r.delivered() * scale))
          .put("deliveredY", y + 4).put("valueX", LABEL + Math.round(r.planned() * scale) + 6)
          .put("value", ReportPages.count(r.delivered(), small) + " / " + ReportPages.count(r.planned(), small)));
      y += BAR + 10;
    }
    return new JsonObject().put("bars", bars).put("height", y + 10).put("width", WIDTH).put("labelX", LABEL - 6)
        .put("barX", LABEL).put("empty", rows.isEmpty());
  }

  /** Week by week: planned and delivered as two lines, no-shows as bars. */
  static JsonObject weeks(List<Week> weeks, PageRequest req, boolean small) {
    long max = Math.max(1, weeks.stream().mapToLong(Week::planned).max().orElse(1));
    int left = 40;
    int top = 15;
    int height = 150;
    double step = (WIDTH - left - 40.0) / Math.max(1, weeks.size() - 1); // room for the last label, centred on its point
    StringBuilder planned = new StringBuilder();
    StringBuilder delivered = new StringBuilder();
    JsonArray points = new JsonArray();
    for (int i = 0; i < weeks.size(); i++) {
      Week w = weeks.get(i);
      double x = left + i * step;
      double yp = top + height - height * (double) w.planned() / max;
      double yd = top + height - height * (double) w.delivered() / max;
      double yn = top + height - height * (double) w.noShow() / max;
      planned.append(round(x)).append(',').append(round(yp)).append(' ');
      delivered.append(round(x)).append(',').append(round(yd)).append(' ');
      points.add(new JsonObject().put("x", round(x)).put("label", w.label()).put("yp", round(yp)).put("yd", round(yd))
          .put("noShowY", round(yn)).put("noShowH", round(top + height - yn)).put("noShowX", round(x - 6))
          .put("title", req.t("reports.weekTitle", w.label(), ReportPages.count(w.planned(), small),
              ReportPages.count(w.delivered(), small), ReportPages.count(w.noShow(), small))));
    }
    return new JsonObject().put("planned", planned.toString().trim()).put("delivered", delivered.toString().trim())
        .put("points", points).put("width", WIDTH).put("height", top + height + 30).put("axisY", top + height)
        .put("labelY", top + height + 18).put("left", left).put("max", ReportPages.count(max, small)).put("top", top);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
