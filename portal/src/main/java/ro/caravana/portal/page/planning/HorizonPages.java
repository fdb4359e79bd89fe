package ro.caravana.portal.page.planning;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import ro.caravana.portal.page.Lang;
import ro.caravana.portal.page.PageError;
import ro.caravana.portal.page.PageRequest;
import ro.caravana.portal.page.Pages;

/**
 * {@code /orizonturi}: a county's caravan horizons (4 to 13 weeks of visits at each locality's rhythm) and the form to
 * start one; {@code /orizonturi/{id}}: its progress, then per locality the dates of the next visits, the caravan, the
 * gaps against the rhythm asked and the maximum, people covered and waiting, days since the last visit, and the
 * totals. Everything comes from {@code /api/horizons} and the reference APIs, as the signed-in coordinator.
 */
public final class HorizonPages {

  static final int MIN_WEEKS = 4;
  static final int MAX_WEEKS = 13;
  static final int MAX_SECONDS = 600;
  /** How far ahead a horizon may start, in weeks. */
  static final int WEEKS_AHEAD = 26;
  private static final List<String> FIELDS = List.of("county", "fromWeek", "weeks", "seconds");

  private HorizonPages() {}

  public static void mount(Router router, Pages pages) {
    router.post("/orizonturi*").handler(BodyHandler.create(false).setBodyLimit(16 * 1024));
    router.get("/orizonturi").handler(pages.page("horizons", PlanPages.ROLES,
        req -> list(req, new JsonObject(), new JsonObject())));
    router.post("/orizonturi").handler(pages.page("horizons", PlanPages.ROLES, HorizonPages::start));
    router.get("/orizonturi/:horizonId").handler(pages.page("horizon", PlanPages.ROLES, HorizonPages::horizon));
  }

  // ---- /orizonturi

  private static Future<Map<String, Object>> list(PageRequest req, JsonObject form, JsonObject errors) {
    Future<JsonObject> horizons = req.read("/api/horizons?limit=30");
    Future<JsonObject> counties = req.read("/api/counties");
    return Future.all(horizons, counties).map(v -> {
      Map<String, Object> m = new HashMap<>();
      m.put("title", req.t("horizons.title"));
      JsonArray rows = new JsonArray();
      for (Object o : horizons.result().getJsonArray("items", new JsonArray())) {
        JsonObject h = (JsonObject) o;
        rows.add(new JsonObject().put("id", h.getString("id"))
            .put("county", PlanPages.countyName(counties.result(), h.getString("county")))
            .put("period", period(req, h))
            .put("status", req.t("horizon.status." + h.getString("status")))
            .put("statusClass", statusClass(h.getString("status")))
            .put("summary", shortSummary(req, h))
            .put("requested", dateTime(h.getString("createdAt"), req.lang())));
      }
      m.put("horizons", rows);
      List<String> mine = countiesOf(req.account());
      String chosen = form.getString("county", mine.isEmpty() ? null : mine.get(0));
      JsonArray countyOptions = new JsonArray();
      for (Object o : counties.result().getJsonArray("items", new JsonArray())) {
        JsonObject c = (JsonObject) o;
        if (!mine.isEmpty() && !mine.contains(c.getString("code"))) continue;
        countyOptions.add(new JsonObject().put("code", c.getString("code")).put("name", c.getString("name"))
            .put("selected", c.getString("code").equals(chosen)));
      }
      m.put("counties", countyOptions);
      LocalDate thisMonday = LocalDate.now(PlanPages.ZONE).with(DayOfWeek.MONDAY);
      String week = form.getString("fromWeek", WeekDays.isoWeek(thisMonday.plusWeeks(1)));
      JsonArray weeks = new JsonArray();
      for (int i = 0; i <= WEEKS_AHEAD; i++) {
        String w = WeekDays.isoWeek(thisMonday.plusWeeks(i));
        weeks.add(new JsonObject().put("value", w).put("text", PlanPages.weekWords(req, w)).put("selected", w.equals(week)));
      }
      m.put("weekOptions", weeks);
      m.put("weeks", form.getString("weeks", String.valueOf(MAX_WEEKS)));
      m.put("seconds", form.getString("seconds", "30"));
      m.put("errors", PlanPages.errorList(errors));
      m.put("error", errors);
      return m;
    });
  }

  private static Future<Map<String, Object>> start(PageRequest req) {
    RoutingContext ctx = req.ctx();
    JsonObject form = new JsonObject();
    for (String f : FIELDS) {
      String v = ctx.request().getFormAttribute(f);
      if (v != null) form.put(f, v.strip());
    }
    // every mistake at once, in the page's language, before asking the API
    JsonObject errors = new JsonObject();
    String county = form.getString("county", "");
    List<String> mine = countiesOf(req.account());
    if (!county.matches("[A-Z]{1,2}") || (!mine.isEmpty() && !mine.contains(county))) {
      errors.put("county", req.t("horizons.error.county"));
    }
    String fromWeek = form.getString("fromWeek", "");
    LocalDate thisMonday = LocalDate.now(PlanPages.ZONE).with(DayOfWeek.MONDAY);
    LocalDate monday = fromWeek.matches("[0-9]{4}-W[0-9]{2}") ? WeekDays.monday(fromWeek)
        .filter(d -> WeekDays.isoWeek(d).equals(fromWeek)).orElse(null) : null;
    if (monday == null || monday.isBefore(thisMonday) || monday.isAfter(thisMonday.plusWeeks(WEEKS_AHEAD))) {
      errors.put("fromWeek", req.t("horizons.error.fromWeek"));
    }
    Integer weeks = asciiInt(form.getString("weeks"));
    if (weeks == null || weeks < MIN_WEEKS || weeks > MAX_WEEKS) {
      errors.put("weeks", req.t("horizons.error.weeks", MIN_WEEKS, MAX_WEEKS));
    }
    Integer seconds = asciiInt(form.getString("seconds"));
    if (seconds == null || seconds < 1 || seconds > MAX_SECONDS) {
      errors.put("seconds", req.t("horizons.error.seconds", MAX_SECONDS));
    }
    // the form comes back with its mistakes as 400; nothing is asked of the API
    if (!errors.isEmpty()) {
      ctx.response().setStatusCode(400);
      return list(req, form, errors);
    }
    JsonObject body = new JsonObject().put("county", county).put("fromWeek", fromWeek).put("weeks", weeks)
        .put("secondsLimit", seconds);
    return req.send(HttpMethod.POST, "/api/horizons", body).compose(a -> {
      if (a.ok()) {
        ctx.redirect("/orizonturi/" + a.body().getString("id"));
        return Future.succeededFuture(Map.of());
      }
      if (a.status() == 401 || a.status() == 403) return Future.failedFuture(PageError.of(a));
      ctx.response().setStatusCode(a.status() == 409 ? 409 : 400);
      JsonObject apiErrors = PlanPages.problemFields(req.lang(), a.body());
      // the API names its own fields; the form's seconds field is the API's secondsLimit
      if (apiErrors.containsKey("secondsLimit")) apiErrors.put("seconds", apiErrors.remove("secondsLimit"));
      return list(req, form, apiErrors);
    });
  }

  // ---- /orizonturi/{id}

  private static Future<Map<String, Object>> horizon(PageRequest req) {
    String id = req.ctx().pathParam("horizonId");
    if (!PlanPages.canonicalUuid(id)) return Future.failedFuture(new PageError(404, "error.notFound"));
    return req.read("/api/horizons/" + id).compose(h -> {
      String county = h.getString("county");
      Future<JsonObject> caravans = req.read("/api/caravans?county=" + URLEncoder.encode(county, StandardCharsets.UTF_8)
          + "&limit=200");
      Future<JsonObject> counties = req.read("/api/counties");
      Future<JsonObject> plans = "solved".equals(h.getString("status"))
          ? req.read("/api/plans?county=" + URLEncoder.encode(county, StandardCharsets.UTF_8) + "&limit=200")
          : Future.succeededFuture(new JsonObject());
      return Future.all(caravans, counties, plans).map(v -> {
        Map<String, Object> m = model(req, h, caravans.result(), PlanPages.countyName(counties.result(), county));
        List<String> later = publishedLater(h, plans.result());
        if (!later.isEmpty()) {
          m.put("publishedLater", req.t("horizon.publishedLater",
              String.join(", ", later.stream().map(w -> PlanPages.weekWords(req, w)).toList())));
        }
        return m;
      });
    });
  }

  private static Map<String, Object> model(PageRequest req, JsonObject h, JsonObject caravans, String countyName) {
    Lang lang = req.lang();
    BiFunction<String, Object[], String> t = req::t;
    String status = h.getString("status");
    Map<String, Object> m = new HashMap<>();
    m.put("title", req.t("horizon.title", countyName, period(req, h)));
    m.put("horizonId", h.getString("id"));
    m.put("status", req.t("horizon.status." + status));
    m.put("statusClass", statusClass(status));
    m.put("running", "queued".equals(status) || "solving".equals(status));
    m.put("solved", "solved".equals(status));
    if (h.getString("error") != null) m.put("failure", PlanPages.pick(h.getString("error"), lang));
    m.put("requested", dateTime(h.getString("createdAt"), lang));
    m.put("county", h.getString("county"));
    m.put("fromWeek", h.getString("fromWeek"));
    m.put("weeks", h.getInteger("weeks"));
    m.put("seconds", h.getInteger("secondsLimit"));
    // the same weeks can be planned again only while the first one has not passed
    m.put("againPossible", !LocalDate.parse(h.getString("firstDay"))
        .isBefore(LocalDate.now(PlanPages.ZONE).with(DayOfWeek.MONDAY)));
    if (!"solved".equals(status)) return m;

    Map<Long, String> names = new LinkedHashMap<>();
    for (Object o : caravans.getJsonArray("items", new JsonArray())) {
      JsonObject c = (JsonObject) o;
      names.put(c.getLong("id"), c.getString("name"));
    }
    JsonArray localities = HorizonView.localities(h, names, lang, t);
    m.put("localities", localities);
    m.put("levels", HorizonView.levels(localities));
    JsonObject s = h.getJsonObject("summary", new JsonObject());
    NumberFormat one = NumberFormat.getNumberInstance(lang.locale());
    one.setMaximumFractionDigits(1);
    JsonArray figures = new JsonArray();
    figures.add(figure(req.t("horizon.fig.caravanDays", s.getInteger("caravanDaysAvailable", 0)),
        one.format(s.getInteger("caravanDays", 0))));
    figures.add(figure(req.t("horizon.fig.visits", s.getInteger("visits", 0)), one.format(s.getInteger("visitsPlanned", 0))));
    figures.add(figure(req.t("horizon.fig.km"), one.format(s.getDouble("km", 0.0))));
    figures.add(figure(req.t("horizon.fig.driving"), one.format(s.getDouble("drivingHours", 0.0))));
    figures.add(figure(req.t("horizon.fig.service"), one.format(s.getDouble("serviceHours", 0.0))));
    figures.add(figure(req.t("horizon.fig.uncovered"), one.format(s.getInteger("peopleUncovered", 0))));
    figures.add(figure(req.t("horizon.fig.overMax"), one.format(s.getInteger("gapsOverMaximum", 0))));
    if (s.getValue("meanGapDays") != null) figures.add(figure(req.t("horizon.fig.meanGap"), one.format(s.getDouble("meanGapDays"))));
    m.put("figures", figures);
    m.put("roads", HorizonView.roadSources(s.getJsonObject("legs"), t));
    int unreachable = s.getInteger("visitsUnreachable", 0);
    if (unreachable > 0) m.put("unreachable", req.t("horizon.unreachable", unreachable));
    return m;
  }

  // ---- helpers

  /**
   * The weeks of the horizon published after it was solved: this horizon does not show them as published (the pin
   * takes effect when the horizon is planned again), so the page says so.
   */
  static List<String> publishedLater(JsonObject h, JsonObject plans) {
    String finished = h.getString("finishedAt");
    if (finished == null) return List.of();
    OffsetDateTime solvedAt = OffsetDateTime.parse(finished);
    LocalDate first = LocalDate.parse(h.getString("firstDay"));
    LocalDate last = LocalDate.parse(h.getString("lastDay"));
    java.util.TreeSet<String> weeks = new java.util.TreeSet<>();
    for (Object o : plans.getJsonArray("items", new JsonArray())) {
      JsonObject p = (JsonObject) o;
      String at = p.getString("publishedAt");
      if (at == null || !OffsetDateTime.parse(at).isAfter(solvedAt)) continue;
      WeekDays.monday(p.getString("week")).filter(d -> !d.isBefore(first) && !d.isAfter(last))
          .ifPresent(d -> weeks.add(p.getString("week")));
    }
    return new ArrayList<>(weeks);
  }

  private static JsonObject figure(String words, String n) {
    return new JsonObject().put("n", n).put("words", words);
  }

  /** {@code 14 decembrie 2026 – 14 martie 2027 (13 săptămâni)}. */
  static String period(PageRequest req, JsonObject h) {
    DateTimeFormatter f = DateTimeFormatter.ofPattern("d MMMM yyyy", req.lang().locale());
    LocalDate first = LocalDate.parse(h.getString("firstDay"));
    LocalDate last = LocalDate.parse(h.getString("lastDay"));
    return req.t("horizon.period", first.format(f), last.format(f), h.getInteger("weeks"));
  }

  private static String shortSummary(PageRequest req, JsonObject h) {
    JsonObject s = h.getJsonObject("summary");
    if ("failed".equals(h.getString("status"))) {
      return h.getString("error") == null ? "" : PlanPages.pick(h.getString("error"), req.lang());
    }
    if (s == null) return req.t("horizon.summary.none");
    return req.t("horizon.summary", s.getInteger("caravanDays", 0), s.getInteger("visitsPlanned", 0),
        s.getInteger("visits", 0), s.getInteger("peopleUncovered", 0));
  }

  private static String statusClass(String status) {
    return switch (status == null ? "" : status) {
      case "solved" -> "ok";
      case "failed" -> "bad";
      default -> "warn";
    };
  }

  private static String dateTime(String iso, Lang lang) {
    if (iso == null) return "";
    return OffsetDateTime.parse(iso).atZoneSameInstant(PlanPages.ZONE)
        .format(DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", lang.locale()));
  }

  /** A whole number written in ASCII digits only (no sign, no spaces, at most 4 digits); null otherwise. */
  static Integer asciiInt(String s) {
    return s != null && s.matches("[0-9]{1,4}") ? Integer.valueOf(s) : null;
  }

  private static List<String> countiesOf(JsonObject account) {
    List<String> out = new ArrayList<>();
    account.getJsonArray("counties", new JsonArray()).forEach(c -> out.add(String.valueOf(c)));
    return out;
  }
}
