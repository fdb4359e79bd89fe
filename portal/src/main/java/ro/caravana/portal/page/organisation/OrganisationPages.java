package ro.caravana.portal.page.organisation;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import ro.caravana.portal.page.Lang;
import ro.caravana.portal.page.PageError;
import ro.caravana.portal.page.PageRequest;
import ro.caravana.portal.page.Pages;
import ro.caravana.scheduler.access.Role;

/**
 * {@code /organizare}: the county's centres with their rooms, its staff and its caravans; and the forms that add a
 * centre, a room, a staff member or a caravan, over the organisation API ({@code POST /api/centres},
 * {@code /api/centres/{id}/rooms}, {@code /api/staff}, {@code /api/caravans}). The API answers every invalid field at
 * once; each reason is shown next to its input, with a summary on top and what was typed kept.
 */
public final class OrganisationPages {

  /** Organisation writes are for administrators and county coordinators (docs/security.md). */
  public static final Set<Role> ROLES = EnumSet.of(Role.ADMIN, Role.COUNTY_COORDINATOR);
  private static final List<String> WEEKDAYS = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY");
  private static final List<String> SERVICES = List.of("kinetotherapy", "speech_therapy", "counselling", "support_group",
      "parental_education", "medical_consultation", "telemedicine");
  private static final List<String> ROLES_OF_STAFF = List.of("doctor", "nurse", "kinetotherapist", "speech_therapist",
      "psychologist", "social_worker", "school_mediator", "coordinator");
  private static final List<String> EQUIPMENT = List.of("telemedicine_station", "kinetotherapy", "speech_therapy", "group_room");
  private static final List<String> ROOM_KINDS = List.of("therapy", "consultation", "group", "telemedicine");

  private OrganisationPages() {}

  public static void mount(Router router, Pages pages) {
    router.post("/organizare*").handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
    router.get("/organizare").handler(pages.page("organisation", ROLES, OrganisationPages::overview));
    form(router, pages, "/organizare/centru-nou", OrganisationPages::centreForm);
    form(router, pages, "/organizare/centre/:centreId/sala-noua", OrganisationPages::roomForm);
    form(router, pages, "/organizare/personal-nou", OrganisationPages::staffForm);
    form(router, pages, "/organizare/caravana-noua", OrganisationPages::caravanForm);
  }

  /** What a form page knows: its title, fields, the API call it makes from the typed values, where it goes after. */
  record Form(String titleKey, FormSpec spec, String apiPath, BiFunction<JsonObject, PageRequest, JsonObject> body,
      Map<String, String> apiToField, JsonObject defaults) {}

  private static void form(Router router, Pages pages, String path, java.util.function.Function<PageRequest, Future<Form>> make) {
    router.get(path).handler(pages.page("org-form", ROLES, req -> make.apply(req)
        .map(f -> model(req, f, f.defaults(), new JsonObject()))));
    router.post(path).handler(pages.page("org-form", ROLES, req -> make.apply(req).compose(f -> {
      JsonObject typed = f.spec().typed(req.ctx().request().formAttributes());
      return req.send(HttpMethod.POST, f.apiPath(), f.body().apply(typed, req)).map(a -> {
        if (a.ok()) {
          req.ctx().redirect("/organizare?mesaj=" + URLEncoder.encode(req.t("org.saved"), StandardCharsets.UTF_8));
          return Map.<String, Object>of();
        }
        if (a.status() == 401 || a.status() == 403 || a.status() == 404) throw PageError.of(a);
        req.ctx().response().setStatusCode(a.status() == 409 ? 409 : 400);
        return model(req, f, typed, errors(req, a.body(), f));
      });
    })));
  }

  private static Map<String, Object> model(PageRequest req, Form f, JsonObject typed, JsonObject errors) {
    Map<String, Object> m = new HashMap<>();
    m.put("title", req.t(f.titleKey()));
    m.put("fields", f.spec().model(req, typed, errors));
    JsonArray summary = new JsonArray();
    errors.forEach(e -> summary.add(new JsonObject().put("field", "f-" + e.getKey()).put("message", e.getValue())));
    m.put("errors", summary);
    m.put("formError", errors.getString("form"));
    m.put("action", req.ctx().request().path());
    return m;
  }

  /**
   * problem+json to reasons by form field; a field the form does not show goes to the form's own line. The API names
   * fields by their code ({@code „firstName”}): on the page that is the field's label.
   */
  static JsonObject errors(PageRequest req, JsonObject problem, Form form) {
    Lang lang = req.lang();
    Map<String, String> apiToField = form.apiToField();
    Map<String, String> labels = new HashMap<>();
    form.spec().fields().forEach(x -> labels.put(x.name(), req.t(x.labelKey())));
    JsonObject out = new JsonObject();
    JsonArray list = problem.getJsonArray("errors");
    List<JsonObject> all = new ArrayList<>();
    if (list != null && !list.isEmpty()) list.forEach(o -> all.add((JsonObject) o));
    else all.add(problem);
    for (JsonObject e : all) {
      String api = e.getString("field", "form");
      String field = apiToField.getOrDefault(api, "form");
      JsonObject reason = e.getJsonObject("reason");
      String text = reason == null ? "" : reason.getString(lang.code(), reason.getString("ro", ""));
      String label = labels.get(field);
      if (label != null) text = text.replace("„" + api + "”", "„" + label + "”").replace("'" + api + "'", "'" + label + "'");
      out.put(field, out.containsKey(field) ? out.getString(field) + " " + text : text);
    }
    return out;
  }

  // ---- the overview

  private static Future<Map<String, Object>> overview(PageRequest req) {
    String county = county(req);
    String q = county == null ? "" : "?county=" + county;
    Future<JsonObject> centres = req.read("/api/centres" + q + (q.isEmpty() ? "?" : "&") + "limit=500");
    Future<JsonObject> staff = req.read("/api/staff" + q + (q.isEmpty() ? "?" : "&") + "limit=2000");
    Future<JsonObject> caravans = req.read("/api/caravans" + q + (q.isEmpty() ? "?" : "&") + "limit=200");
    return Future.all(centres, staff, caravans).map(v -> {
      Map<String, Object> m = new HashMap<>();
      m.put("title", req.t("org.title"));
      m.put("flash", req.param("mesaj").map(x -> req.t("org.saved")).orElse(null));
      Map<Long, String> centreNames = new HashMap<>();
      JsonArray cs = new JsonArray();
      for (JsonObject c : items(centres.result(), county)) {
        centreNames.put(c.getLong("id"), c.getString("name"));
        JsonArray rooms = new JsonArray();
        for (Object o : c.getJsonArray("rooms", new JsonArray())) {
          JsonObject r = (JsonObject) o;
          List<String> eq = new ArrayList<>();
          r.getJsonArray("equipment", new JsonArray()).forEach(e -> eq.add(req.label("equipment", String.valueOf(e))));
          rooms.add(new JsonObject().put("name", r.getString("name")).put("capacity", r.getValue("capacity"))
              .put("equipment", String.join(", ", eq)));
        }
        cs.add(new JsonObject().put("name", c.getString("name")).put("code", c.getString("code"))
            .put("locality", c.getString("localityName")).put("hours", hours(req, c.getJsonObject("openingHours")))
            .put("rooms", rooms).put("roomHref", "/organizare/centre/" + c.getLong("id") + "/sala-noua"));
      }
      m.put("centres", cs);
      JsonArray ss = new JsonArray();
      for (JsonObject s : items(staff.result(), county)) {
        List<String> skills = new ArrayList<>();
        int others = 0;
        for (Object k : s.getJsonArray("skills", new JsonArray())) {
          var words = ro.caravana.scheduler.common.Words.of("skill", String.valueOf(k));
          if (words.isPresent()) skills.add(words.get().in(req.lang().code()));
          else others++;
        }
        if (others > 0) skills.add(req.t("org.otherSkills", others));
        ss.add(new JsonObject().put("name", s.getString("firstName") + " " + s.getString("lastName"))
            .put("role", req.label("staffRole", s.getString("role"))).put("skills", String.join(", ", skills))
            .put("centre", centreNames.getOrDefault(s.getLong("centreId"), "—")));
      }
      m.put("staff", ss);
      m.put("staffCount", ss.size());
      JsonArray vs = new JsonArray();
      for (JsonObject c : items(caravans.result(), county)) {
        vs.add(new JsonObject().put("name", c.getString("name")).put("code", c.getString("code"))
            .put("depot", c.getString("depotName")).put("perDay", c.getValue("consultationsPerDay"))
            .put("shift", c.getString("shiftStart") + "–" + c.getString("shiftEnd")));
      }
      m.put("caravans", vs);
      return m;
    });
  }

  private static String hours(PageRequest req, JsonObject hours) {
    if (hours == null || hours.isEmpty()) return req.t("org.hours.none");
    List<String> parts = new ArrayList<>();
    for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
      JsonObject h = hours.getJsonObject(day);
      if (h != null) parts.add(req.label("weekday", day) + " " + h.getString("open") + "–" + h.getString("close"));
    }
    return String.join(", ", parts);
  }

  // ---- the forms

  private static Future<Form> centreForm(PageRequest req) {
    String county = county(req);
    return localities(req, county).map(places -> new Form("org.centre.title", new FormSpec(List.of(
            FormSpec.text("code", "org.field.code", "org.hint.centreCode"),
            FormSpec.text("name", "org.field.name"),
            FormSpec.select("localitySiruta", "org.field.locality", places),
            FormSpec.text("address", "org.field.address"),
            FormSpec.time("open", "org.field.open", "org.hint.weekdays"),
            FormSpec.time("close", "org.field.close", "org.hint.weekdays"))),
        "/api/centres",
        (t, r) -> {
          JsonObject b = new JsonObject().put("code", t.getString("code")).put("name", t.getString("name"))
              .put("localitySiruta", number(t.getString("localitySiruta"))).put("address", t.getString("address"));
          if (!blank(t.getString("open")) || !blank(t.getString("close"))) {
            JsonObject hours = new JsonObject();
            WEEKDAYS.forEach(d -> hours.put(d, new JsonObject().put("open", t.getString("open", "")).put("close", t.getString("close", ""))));
            b.put("openingHours", hours);
          }
          return b;
        },
        Map.of("code", "code", "name", "name", "localitySiruta", "localitySiruta", "address", "address", "openingHours", "open"),
        new JsonObject().put("open", "08:00").put("close", "18:00")));
  }

  private static Future<Form> roomForm(PageRequest req) {
    String centre = req.ctx().pathParam("centreId");
    if (centre == null || !centre.matches("[0-9]{1,12}")) return Future.failedFuture(new PageError(404, "error.notFound"));
    return req.read("/api/centres/" + centre).map(c -> new Form("org.room.title", new FormSpec(List.of(
            FormSpec.text("name", "org.field.roomName"),
            FormSpec.select("kind", "org.field.roomKind", words(req, ROOM_KINDS, k -> req.t("org.roomKind." + k))),
            FormSpec.checks("equipment", "org.field.equipment", words(req, EQUIPMENT, e -> req.label("equipment", e))),
            FormSpec.number("capacity", "org.field.capacity"))),
        "/api/centres/" + centre + "/rooms",
        (t, r) -> new JsonObject().put("name", t.getString("name")).put("kind", t.getString("kind"))
            .put("equipment", t.getJsonArray("equipment", new JsonArray())).put("capacity", number(t.getString("capacity"))),
        Map.of("name", "name", "kind", "kind", "equipment", "equipment", "capacity", "capacity"),
        new JsonObject().put("capacity", "6").put("kind", "therapy")));
  }

  private static Future<Form> staffForm(PageRequest req) {
    String county = county(req);
    Future<JsonObject> centres = req.read("/api/centres" + (county == null ? "?limit=500" : "?county=" + county + "&limit=500"));
    return centres.map(cs -> {
      Map<String, String> centreOptions = new LinkedHashMap<>();
      items(cs, county).forEach(c -> centreOptions.put(String.valueOf(c.getLong("id")), c.getString("name")));
      return new Form("org.staff.title", new FormSpec(List.of(
              FormSpec.text("code", "org.field.code", "org.hint.staffCode"),
              FormSpec.text("firstName", "org.field.firstName"),
              FormSpec.text("lastName", "org.field.lastName"),
              FormSpec.select("role", "org.field.role", words(req, ROLES_OF_STAFF, k -> req.label("staffRole", k))),
              FormSpec.checks("skills", "org.field.skills", words(req, SERVICES, k -> req.label("service", k))),
              FormSpec.select("centreId", "org.field.centre", centreOptions),
              FormSpec.text("phone", "org.field.phone", "org.hint.phone"),
              FormSpec.time("from", "org.field.from", "org.hint.weekdays"),
              FormSpec.time("to", "org.field.to", "org.hint.weekdays"))),
          "/api/staff",
          (t, r) -> {
            JsonObject b = new JsonObject().put("code", t.getString("code")).put("firstName", t.getString("firstName"))
                .put("lastName", t.getString("lastName")).put("role", t.getString("role"))
                .put("skills", t.getJsonArray("skills", new JsonArray())).put("county", county == null ? "BC" : county)
                .put("centreId", number(t.getString("centreId")));
            if (!blank(t.getString("phone"))) b.put("phone", t.getString("phone"));
            JsonObject week = new JsonObject();
            WEEKDAYS.forEach(d -> week.put(d, new JsonArray().add(new JsonObject().put("from", t.getString("from", ""))
                .put("to", t.getString("to", "")))));
            return b.put("weeklyAvailability", week);
          },
          Map.of("code", "code", "firstName", "firstName", "lastName", "lastName", "role", "role", "skills", "skills",
              "centreId", "centreId", "phone", "phone", "weeklyAvailability", "from"),
          new JsonObject().put("from", "08:00").put("to", "16:00"));
    });
  }

  private static Future<Form> caravanForm(PageRequest req) {
    String county = county(req);
    return localities(req, county).map(places -> new Form("org.caravan.title", new FormSpec(List.of(
            FormSpec.text("code", "org.field.code", "org.hint.caravanCode"),
            FormSpec.text("name", "org.field.name"),
            FormSpec.select("depotSiruta", "org.field.depot", places),
            FormSpec.text("crew", "org.field.crew", "org.hint.crew"),
            FormSpec.number("consultationsPerDay", "org.field.perDay"),
            FormSpec.time("shiftStart", "org.field.shiftStart", null),
            FormSpec.time("shiftEnd", "org.field.shiftEnd", null),
            FormSpec.checks("equipment", "org.field.equipment", words(req, EQUIPMENT, e -> req.label("equipment", e))))),
        "/api/caravans",
        (t, r) -> {
          JsonArray crew = new JsonArray();
          for (String c : t.getString("crew", "").split(",")) if (!c.isBlank()) crew.add(c.trim());
          return new JsonObject().put("code", t.getString("code")).put("name", t.getString("name"))
              .put("county", county == null ? "BC" : county).put("depotSiruta", number(t.getString("depotSiruta")))
              .put("crew", crew).put("consultationsPerDay", number(t.getString("consultationsPerDay")))
              .put("shiftStart", t.getString("shiftStart")).put("shiftEnd", t.getString("shiftEnd"))
              .put("equipment", t.getJsonArray("equipment", new JsonArray()));
        },
        Map.of("code", "code", "name", "name", "depotSiruta", "depotSiruta", "crew", "crew",
            "consultationsPerDay", "consultationsPerDay", "shiftStart", "shiftStart", "shiftEnd", "shiftEnd",
            "equipment", "equipment"),
        new JsonObject().put("consultationsPerDay", "40").put("shiftStart", "08:00").put("shiftEnd", "16:00")));
  }

  // ---- helpers

  /** The county the account works in (the first of its counties); null for an administrator of every county. */
  static String county(PageRequest req) {
    JsonArray counties = req.account().getJsonArray("counties", new JsonArray());
    return counties.isEmpty() ? null : String.valueOf(counties.getValue(0));
  }

  private static Future<Map<String, String>> localities(PageRequest req, String county) {
    return req.read("/api/localities?county=" + (county == null ? "BC" : county) + "&limit=2000").map(page -> {
      List<JsonObject> all = items(page, null);
      all.sort(java.util.Comparator.comparing(l -> l.getString("name"), java.text.Collator.getInstance(java.util.Locale.forLanguageTag("ro"))));
      Map<String, String> out = new LinkedHashMap<>();
      all.forEach(l -> out.put(String.valueOf(l.getInteger("siruta")), l.getString("name")));
      return out;
    });
  }

  private static Map<String, String> words(PageRequest req, List<String> codes, java.util.function.Function<String, String> word) {
    Map<String, String> out = new LinkedHashMap<>();
    codes.forEach(c -> out.put(c, word.apply(c)));
    return out;
  }

  private static List<JsonObject> items(JsonObject page, String county) {
    List<JsonObject> out = new ArrayList<>();
    for (Object o : page.getJsonArray("items", new JsonArray())) {
      JsonObject j = (JsonObject) o;
      if (county == null || !j.containsKey("county") || county.equals(j.getString("county"))) out.add(j);
    }
    return out;
  }

  private static Object number(String v) {
    if (v == null || v.isBlank()) return null;
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return v;
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
