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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ro.caravana.optimizer.routing.score.RoutingConstraintWords;
import ro.caravana.optimizer.timetable.TimetableConstraintWords;
import ro.caravana.portal.page.Lang;
import ro.caravana.portal.page.PageApi;
import ro.caravana.portal.page.PageError;
import ro.caravana.portal.page.PageRequest;
import ro.caravana.portal.page.Pages;
import ro.caravana.scheduler.access.Role;
import ro.caravana.scheduler.common.Ids;
import ro.caravana.scheduler.planning.PlanStatus;

/**
 * {@code /planificare}: the county-weeks' plans and the form to start one; {@code /planificare/{planId}}: one plan as a
 * coordinator reads it (progress, calendar, route map and itinerary, what was not placed and why, the changes
 * families will be told, publish, disruptions). Everything comes from {@code /api/plans} and the reference APIs.
 */
public final class PlanPages {

  /** Plans are county-level work (docs/security.md: {@code /api/plans*}). */
  public static final Set<Role> ROLES = EnumSet.of(Role.ADMIN, Role.COUNTY_COORDINATOR);
  static final ZoneId ZONE = ZoneId.of("Europe/Bucharest");
  /** Price of one SMS segment in bani, as configured for the notifier ({@code sms.cost-bani-per-segment}). */
  private final long baniPerSegment;
  private final Pages pages;

  private PlanPages(Pages pages, long baniPerSegment) {
    this.pages = pages;
    this.baniPerSegment = baniPerSegment;
  }

  public static void mount(Router router, Pages pages, long baniPerSegment) {
    PlanPages p = new PlanPages(pages, baniPerSegment);
    router.post("/planificare*").handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
    router.get("/planificare").handler(pages.page("plans", ROLES, req -> p.list(req, new JsonObject(), new JsonObject())));
    router.post("/planificare").handler(pages.page("plans", ROLES, p::start));
    router.get("/planificare/:planId").handler(pages.page("plan", ROLES, p::plan));
    router.post("/planificare/:planId/oprire").handler(pages.page("plan", ROLES, req -> p.action(req, "stop", null)));
    router.post("/planificare/:planId/publicare").handler(pages.page("plan", ROLES, req -> p.action(req, "publish", null)));
    router.post("/planificare/:planId/perturbare").handler(pages.page("plan", ROLES, p::disruption));
    router.post("/planificare/:planId/reoptimizare").handler(pages.page("plan", ROLES, req -> p.action(req, "resolve", null)));
    router.get("/planificare/:planId/mutare").handler(pages.page("plan-move", ROLES, MovePage::show));
    router.post("/planificare/:planId/mutare").handler(pages.page("plan-move", ROLES, MovePage::submit));
  }

  // ---- /planificare

  private Future<Map<String, Object>> list(PageRequest req, JsonObject form, JsonObject errors) {
    List<String> counties = counties(req.account());
    Future<JsonObject> plans = req.read("/api/plans?limit=30");
    Future<JsonObject> allCounties = req.read("/api/counties");
    return Future.all(plans, allCounties).map(v -> {
      Map<String, Object> m = new HashMap<>();
      m.put("title", req.t("plans.title"));
      JsonArray rows = new JsonArray();
      for (Object o : plans.result().getJsonArray("items", new JsonArray())) {
        JsonObject p = (JsonObject) o;
        rows.add(new JsonObject().put("id", p.getString("id")).put("county", countyName(allCounties.result(), p.getString("county")))
            .put("week", weekWords(req, p.getString("week")))
            .put("status", req.label("planStatus", p.getString("status")))
            .put("summary", summary(req, p)));
      }
      m.put("plans", rows);
      JsonArray countyOptions = new JsonArray();
      String chosen = form.getString("county", counties.isEmpty() ? null : counties.get(0));
      for (Object o : allCounties.result().getJsonArray("items", new JsonArray())) {
        JsonObject c = (JsonObject) o;
        if (!counties.isEmpty() && !counties.contains(c.getString("code"))) continue;
        countyOptions.add(new JsonObject().put("code", c.getString("code")).put("name", c.getString("name"))
            .put("selected", c.getString("code").equals(chosen)));
      }
      m.put("counties", countyOptions);
      LocalDate nextMonday = LocalDate.now(ZONE).plusWeeks(1).with(java.time.DayOfWeek.MONDAY);
      m.put("week", form.getString("week", WeekDays.isoWeek(nextMonday)));
      m.put("seconds", form.getString("seconds", "30"));
      m.put("routes", !form.containsKey("submitted") || form.containsKey("routes"));
      m.put("timetable", !form.containsKey("submitted") || form.containsKey("timetable"));
      m.put("errors", errorList(errors));
      m.put("error", errors);
      return m;
    });
  }

  private Future<Map<String, Object>> start(PageRequest req) {
    RoutingContext ctx = req.ctx();
    JsonObject form = new JsonObject().put("submitted", true);
    for (String f : List.of("county", "week", "seconds", "routes", "timetable")) {
      String v = ctx.request().getFormAttribute(f);
      if (v != null) form.put(f, v.trim());
    }
    JsonArray kinds = new JsonArray();
    if (form.containsKey("routes")) kinds.add("routes");
    if (form.containsKey("timetable")) kinds.add("timetable");
    JsonObject body = new JsonObject().put("county", form.getString("county")).put("week", form.getString("week"))
        .put("kinds", kinds);
    Object seconds = form.getString("seconds");
    try {
      seconds = Integer.parseInt(form.getString("seconds", ""));
    } catch (NumberFormatException keepText) {
      // the API names the field and says why
    }
    body.put("secondsLimit", seconds);
    return req.send(HttpMethod.POST, "/api/plans", body).compose(a -> {
      if (a.ok()) {
        ctx.redirect("/planificare/" + a.body().getString("id"));
        return Future.succeededFuture(Map.of());
      }
      if (a.status() == 401 || a.status() == 403) return Future.failedFuture(PageError.of(a));
      ctx.response().setStatusCode(a.status() == 409 ? 409 : 400);
      return list(req, form, problemFields(req.lang(), a.body()));
    });
  }

  // ---- /planificare/{planId}

  private Future<Map<String, Object>> plan(PageRequest req) {
    String id = req.ctx().pathParam("planId");
    if (!canonicalUuid(id)) return Future.failedFuture(new PageError(404, "error.notFound"));
    return req.read("/api/plans/" + id).compose(plan -> {
      String county = plan.getString("county");
      String q = "?county=" + URLEncoder.encode(county, StandardCharsets.UTF_8);
      Future<JsonObject> items = req.read("/api/plans/" + id + "/items?limit=2000");
      Future<JsonObject> stops = req.read("/api/plans/" + id + "/stops");
      Future<JsonObject> localities = req.read("/api/localities" + q + "&limit=2000");
      Future<JsonObject> caravans = req.read("/api/caravans" + q + "&limit=200");
      Future<JsonObject> centres = req.read("/api/centres" + q + "&limit=200");
      Future<JsonObject> staff = req.read("/api/staff" + q + "&limit=2000");
      Future<JsonObject> people = req.read("/api/beneficiaries" + q + "&limit=2000");
      Future<JsonObject> counties = req.read("/api/counties");
      // the sessions pinned by hand (a draft only: a published plan is not edited)
      Future<JsonObject> sessions = PlanStatus.SOLVED.equals(plan.getString("status"))
          ? req.get("/api/plans/" + id + "/moves").map(a -> a.ok() ? a.body() : new JsonObject())
          : Future.succeededFuture(new JsonObject());
      return Future.all(List.of(items, stops, localities, caravans, centres, staff, people, counties, sessions)).map(v -> {
        Set<String> pinned = new java.util.HashSet<>();
        sessions.result().getJsonArray("items", new JsonArray()).forEach(o -> {
          if (((JsonObject) o).getBoolean("pinned", false)) pinned.add(((JsonObject) o).getString("session"));
        });
        PlanData data = new PlanData(plan, items(items.result()), stops.result().getJsonArray("items", new JsonArray()),
            inCounty(localities.result(), county), inCounty(caravans.result(), county), inCounty(centres.result(), county),
            inCounty(staff.result(), county), inCounty(people.result(), county), pinned);
        return model(req, data, countyName(counties.result(), county));
      });
    });
  }

  /** What a plan page is made of. */
  record PlanData(JsonObject plan, List<JsonObject> items, JsonArray stops, List<JsonObject> localities,
      List<JsonObject> caravans, List<JsonObject> centres, List<JsonObject> staff, List<JsonObject> people,
      Set<String> pinned) {}

  private Map<String, Object> model(PageRequest req, PlanData d, String countyName) {
    JsonObject plan = d.plan();
    Lang lang = req.lang();
    String status = plan.getString("status");
    LocalDate monday = WeekDays.monday(plan.getString("week")).orElse(LocalDate.now(ZONE));
    Map<String, String> dayNames = WeekDays.names(monday, lang);
    Names names = new Names(d, lang);

    Map<String, Object> m = new HashMap<>();
    m.put("title", req.t("plan.title", countyName, weekWords(req, plan.getString("week"))));
    m.put("planId", plan.getString("id"));
    m.put("status", req.label("planStatus", status));
    m.put("running", PlanStatus.QUEUED.equals(status) || PlanStatus.SOLVING.equals(status));
    m.put("solved", PlanStatus.SOLVED.equals(status));
    m.put("publishable", PlanStatus.SOLVED.equals(status));
    m.put("replannable", PlanStatus.SOLVED.equals(status) || PlanStatus.PUBLISHED.equals(status));
    m.put("failed", PlanStatus.FAILED.equals(status));
    if (plan.getString("error") != null) m.put("planError", pick(plan.getString("error"), lang));
    m.put("summary", summary(req, plan));
    m.put("flash", req.param("mesaj").map(k -> req.t("plan.flash." + k.replaceAll("[^a-z]", ""))).orElse(null));
    m.put("motive", req.param("motiv").orElse(null));

    List<JsonObject> placed = d.items().stream().filter(i -> i.getString("start") != null).toList();
    List<JsonObject> unplaced = d.items().stream().filter(i -> i.getString("start") == null).toList();

    // (a) the week calendar, for one centre, room, staff member or caravan
    String view = req.param("vedere").orElse(null);
    m.put("calendar", WeekCalendar.build(placed, d, names, view, monday, lang, req));

    // (b) the routes on a map, and the itinerary
    Map<String, Integer> consultations = new HashMap<>();
    for (JsonObject i : placed) {
      if (i.getValue("caravanId") == null || i.getValue("stopSiruta") == null) continue;
      String day = OffsetDateTime.parse(i.getString("start")).atZoneSameInstant(ZONE).toLocalDate().toString();
      consultations.merge(i.getLong("caravanId") + "/" + day + "/" + i.getInteger("stopSiruta"), 1, Integer::sum);
    }
    List<RouteMap.Place> places = d.localities().stream().map(l -> new RouteMap.Place(l.getInteger("siruta"),
        l.getString("name"), l.getDouble("lat"), l.getDouble("lon"))).toList();
    List<RouteMap.Caravan> caravans = d.caravans().stream().map(c -> new RouteMap.Caravan(c.getLong("id"), c.getString("name"),
        c.getInteger("depotSiruta"))).toList();
    List<RouteMap.Stop> stops = new ArrayList<>();
    for (Object o : d.stops()) {
      JsonObject s = (JsonObject) o;
      stops.add(new RouteMap.Stop(s.getLong("caravanId"), s.getString("day"), s.getInteger("position"), s.getInteger("siruta"),
          s.getString("arrivesAt") == null ? null : OffsetDateTime.parse(s.getString("arrivesAt")),
          s.getString("departsAt") == null ? null : OffsetDateTime.parse(s.getString("departsAt"))));
    }
    JsonObject map = RouteMap.build(places, caravans, stops, consultations, dayNames, ZONE);
    if (lang == Lang.RO) decimalCommas(map);
    m.put("map", map);
    m.put("hasRoutes", !stops.isEmpty());

    // (c) what could not be placed, and why
    Map<String, JsonObject> groups = new LinkedHashMap<>();
    for (JsonObject i : unplaced) {
      JsonObject reason = i.getJsonObject("reason");
      String why = reason == null ? req.t("plan.unplaced.noReason") : pick(reason, lang);
      String key = why + "|" + i.getString("service");
      JsonObject g = groups.computeIfAbsent(key, k -> new JsonObject().put("why", why)
          .put("service", req.label("service", i.getString("service"))).put("count", 0).put("people", new JsonArray()));
      g.put("count", g.getInteger("count") + 1);
      JsonArray people = g.getJsonArray("people");
      if (people.size() < 12) people.add(new JsonObject().put("name", names.person(i.getString("beneficiaryId")))
          .put("href", "/beneficiari/" + i.getString("beneficiaryId")));
    }
    m.put("unplaced", new JsonArray(new ArrayList<>(groups.values())));
    m.put("unplacedCount", unplaced.size());
    JsonArray reasons = new JsonArray();
    for (Object o : plan.getJsonArray("reasons", new JsonArray())) reasons.add(pick((JsonObject) o, lang));
    m.put("reasons", reasons);
    m.put("rules", rules(lang));

    // (e) what families will be told
    m.put("diff", PublishDiff.build(plan, placed, names, lang, req, baniPerSegment));

    // disruptions: the subjects to choose from
    m.put("disruptCaravans", options(d.caravans(), c -> c.getString("name")));
    m.put("disruptStaff", options(d.staff(), s -> s.getString("firstName") + " " + s.getString("lastName") + " — "
        + req.label("staffRole", s.getString("role"))));
    m.put("disruptCentres", options(d.centres(), c -> c.getString("name")));
    m.put("monday", monday.toString());
    m.put("sunday", monday.plusDays(6).toString());
    return m;
  }

  // ---- actions

  private Future<Map<String, Object>> action(PageRequest req, String what, JsonObject body) {
    String id = req.ctx().pathParam("planId");
    if (!canonicalUuid(id)) return Future.failedFuture(new PageError(404, "error.notFound"));
    return req.send(HttpMethod.POST, "/api/plans/" + id + "/" + what, body == null ? new JsonObject() : body).compose(a -> {
      if (a.status() == 404) return Future.failedFuture(PageError.of(a));
      String message = a.ok() ? what : "refused";
      String target = "/planificare/" + id;
      if (a.ok() && ("disruptions".equals(what) || "resolve".equals(what))) target = "/planificare/" + a.body().getString("id");
      String reason = a.ok() ? "" : "&motiv=" + URLEncoder.encode(problemText(req.lang(), a.body()), StandardCharsets.UTF_8);
      req.ctx().redirect(target + "?mesaj=" + message + reason);
      return Future.succeededFuture(Map.of());
    });
  }

  private Future<Map<String, Object>> disruption(PageRequest req) {
    RoutingContext ctx = req.ctx();
    String type = ctx.request().getFormAttribute("type");
    JsonObject body = new JsonObject().put("type", type);
    String subject = switch (type == null ? "" : type) {
      case "caravan_unavailable" -> "caravanId";
      case "staff_absent" -> "staffId";
      case "centre_closed" -> "centreId";
      default -> null;
    };
    if (subject != null) {
      String value = ctx.request().getFormAttribute(subject);
      long id = Ids.numberOrNegative(value); // ASCII digits only: anything else goes as typed, the API names the field
      body.put(subject, id < 0 ? value : id);
    }
    JsonArray dates = new JsonArray();
    try {
      LocalDate from = LocalDate.parse(ctx.request().getFormAttribute("from"));
      LocalDate to = LocalDate.parse(ctx.request().getFormAttribute("to"));
      for (LocalDate day = from; !day.isAfter(to) && dates.size() < 32; day = day.plusDays(1)) dates.add(day.toString());
    } catch (RuntimeException e) {
      // no dates: the API says which field is missing
    }
    body.put("dates", dates);
    return action(req, "disruptions", body);
  }

  // ---- helpers

  static boolean canonicalUuid(String s) {
    return Ids.uuidOrNull(s) != null;
  }

  static String pick(JsonObject words, Lang lang) {
    String s = words.getString(lang.code());
    return s == null ? words.getString("ro", "") : s;
  }

  /** The plan's error is stored as "Romanian / English". */
  static String pick(String both, Lang lang) {
    int slash = both.indexOf(" / ");
    if (slash < 0) return both;
    return lang == Lang.RO ? both.substring(0, slash) : both.substring(slash + 3);
  }

  /** Conflicts, sessions placed and left out, in words. */
  static String summary(PageRequest req, JsonObject plan) {
    JsonObject counts = plan.getJsonObject("counts");
    JsonObject score = plan.getJsonObject("score");
    if (counts == null) return req.t("plan.summary.none");
    long hard = score == null ? 0 : Math.abs(score.getLong("hard", 0L));
    String conflicts = hard == 0 ? req.t("plan.summary.noConflicts") : req.t("plan.summary.conflicts", hard);
    return req.t("plan.summary", counts.getInteger("assigned", 0), counts.getInteger("appointments", 0),
        counts.getInteger("unassigned", 0), conflicts);
  }

  static String weekWords(PageRequest req, String week) {
    return WeekDays.monday(week).map(m -> req.t("week.words", week.substring(week.indexOf('W') + 1), WeekDays.span(m, req.lang())))
        .orElse(week);
  }

  private static List<String> counties(JsonObject account) {
    List<String> out = new ArrayList<>();
    account.getJsonArray("counties", new JsonArray()).forEach(c -> out.add(String.valueOf(c)));
    return out;
  }

  static String countyName(JsonObject counties, String code) {
    for (Object o : counties.getJsonArray("items", new JsonArray())) {
      JsonObject c = (JsonObject) o;
      if (code != null && code.equals(c.getString("code"))) return c.getString("name");
    }
    return code;
  }

  private static List<JsonObject> inCounty(JsonObject page, String county) {
    List<JsonObject> out = new ArrayList<>();
    for (Object o : page.getJsonArray("items", new JsonArray())) {
      JsonObject j = (JsonObject) o;
      if (!j.containsKey("county") || county.equals(j.getString("county"))) out.add(j);
    }
    return out;
  }

  private static List<JsonObject> items(JsonObject page) {
    List<JsonObject> out = new ArrayList<>();
    page.getJsonArray("items", new JsonArray()).forEach(o -> out.add((JsonObject) o));
    return out;
  }

  private static JsonArray options(List<JsonObject> records, java.util.function.Function<JsonObject, String> text) {
    JsonArray out = new JsonArray();
    records.forEach(r -> out.add(new JsonObject().put("id", r.getLong("id")).put("text", text.apply(r))));
    return out;
  }

  /** Every planning rule with its name and what it protects: the page's legend of reasons. */
  private static JsonArray rules(Lang lang) {
    JsonArray out = new JsonArray();
    TimetableConstraintWords.ALL.values().forEach(w -> out.add(new JsonObject().put("name", w.name().in(lang.code()))
        .put("why", w.why().in(lang.code())).put("model", "timetable")));
    RoutingConstraintWords.ALL.values().forEach(w -> out.add(new JsonObject().put("name", w.name().in(lang.code()))
        .put("why", w.why().in(lang.code())).put("model", "routes")));
    return out;
  }

  /** problem+json to field: message, in the page's language; an {@code errors} list when the API sends one. */
  static JsonObject problemFields(Lang lang, JsonObject problem) {
    JsonObject out = new JsonObject();
    JsonArray list = problem.getJsonArray("errors");
    if (list != null) {
      for (Object o : list) {
        JsonObject e = (JsonObject) o;
        out.put(e.getString("field", "form"), reason(lang, e));
      }
    }
    if (out.isEmpty()) out.put(problem.getString("field", "form") == null ? "form" : problem.getString("field", "form"), reason(lang, problem));
    return out;
  }

  static String problemText(Lang lang, JsonObject problem) {
    return String.join(" ", problemFields(lang, problem).getMap().values().stream().map(String::valueOf).toList());
  }

  private static String reason(Lang lang, JsonObject e) {
    Object r = e.getValue("reason");
    if (r instanceof JsonObject words) return pick(words, lang);
    if (r instanceof String s) return s;
    return e.getString("detail", e.getString("title", ""));
  }

  static JsonArray errorList(JsonObject errors) {
    JsonArray out = new JsonArray();
    errors.forEach(e -> out.add(new JsonObject().put("field", e.getKey()).put("message", e.getValue())));
    return out;
  }

  private static void decimalCommas(JsonObject map) {
    for (Object o : map.getJsonArray("itineraries")) {
      JsonObject it = (JsonObject) o;
      it.put("km", it.getString("km").replace('.', ',')).put("backKm", it.getString("backKm").replace('.', ','));
      for (Object s : it.getJsonArray("stops")) ((JsonObject) s).put("km", ((JsonObject) s).getString("km").replace('.', ','));
    }
  }
}
