package ro.caravana.portal.page.beneficiary;

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
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ro.caravana.portal.page.Labels;
import ro.caravana.portal.page.Lang;
import ro.caravana.portal.page.PageApi;
import ro.caravana.portal.page.PageError;
import ro.caravana.portal.page.PageRequest;
import ro.caravana.portal.page.Pages;
import ro.caravana.portal.page.planning.PlanPages;
import ro.caravana.scheduler.access.Role;
import ro.caravana.scheduler.common.Ids;
import ro.caravana.scheduler.common.Words;

/**
 * {@code /beneficiari}: search by name, CNP, locality and category; {@code /beneficiari/{id}}: the record (details,
 * consent, care plans, appointments and attendance), its edit form with every invalid field shown next to its input,
 * and a new care plan. All over {@code /api/beneficiaries}, {@code /api/care-plans} and {@code /api/appointments}.
 */
public final class BeneficiaryPages {

  public static final Set<Role> ROLES = EnumSet.of(Role.ADMIN, Role.COUNTY_COORDINATOR, Role.CENTRE_COORDINATOR);
  static final ZoneId ZONE = ZoneId.of("Europe/Bucharest");
  static final int PAGE = 25;
  /** The record's fields in the edit form, as the API names them. */
  static final List<String> FIELDS = List.of("firstName", "lastName", "cnp", "birthDate", "sex", "localitySiruta", "category",
      "guardianName", "phone", "smsConsent", "dataConsent");
  static final List<String> PLAN_FIELDS = List.of("service", "sessionsPerWeek", "minutes", "modality", "centreId", "validFrom",
      "validTo");

  private BeneficiaryPages() {}

  public static void mount(Router router, Pages pages) {
    router.post("/beneficiari*").handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
    router.get("/beneficiari").handler(pages.page("beneficiaries", ROLES, BeneficiaryPages::search));
    router.get("/beneficiari/:id").handler(pages.page("beneficiary", ROLES, req -> record(req, null, new JsonObject(), null, new JsonObject())));
    router.post("/beneficiari/:id").handler(pages.page("beneficiary", ROLES, BeneficiaryPages::update));
    router.post("/beneficiari/:id/planuri").handler(pages.page("beneficiary", ROLES, BeneficiaryPages::addCarePlan));
    router.post("/beneficiari/:id/planuri/:planId").handler(pages.page("beneficiary", ROLES, BeneficiaryPages::addCarePlan));
    router.get("/beneficiari/:id/export").handler(pages.page("beneficiary", RecordExtras.GDPR_ROLES, RecordExtras::export));
    router.post("/beneficiari/:id/stergere").handler(pages.page("beneficiary", RecordExtras.GDPR_ROLES,
        req -> RecordExtras.erase(req, BeneficiaryPages::record)));
  }

  // ---- search

  private static Future<Map<String, Object>> search(PageRequest req) {
    String q = req.param("q").orElse(null);
    String category = req.param("categorie").flatMap(slug -> Labels.fromSlug("category", slug)).orElse(null);
    String locality = req.param("localitate").filter(s -> s.matches("[0-9]{1,9}")).orElse(null);
    int offset = req.param("de-la").filter(s -> s.matches("[0-9]{1,6}")).map(Integer::parseInt).orElse(0);
    StringBuilder api = new StringBuilder("/api/beneficiaries?limit=" + PAGE + "&offset=" + offset);
    if (q != null) {
      // a CNP typed with spaces is still a CNP
      String digits = q.replace(" ", "");
      api.append("&q=").append(enc(digits.matches("[0-9]{13}") ? digits : q));
    }
    if (category != null) api.append("&category=").append(category);
    if (locality != null) api.append("&locality=").append(locality);
    List<String> counties = counties(req.account());
    Future<JsonObject> found = req.read(api.toString());
    Future<JsonObject> localities = req.read("/api/localities?limit=2000" + (counties.size() == 1 ? "&county=" + enc(counties.get(0)) : ""));
    // the services each person is in care for (one read for the page, not one per row)
    Future<JsonObject> plans = req.read("/api/care-plans?limit=2000" + (counties.size() == 1 ? "&county=" + enc(counties.get(0)) : ""));
    return Future.all(found, localities, plans).map(v -> {
      Map<String, java.util.SortedSet<String>> services = new HashMap<>();
      for (Object o : plans.result().getJsonArray("items", new JsonArray())) {
        JsonObject p = (JsonObject) o;
        services.computeIfAbsent(p.getString("beneficiaryId"), k -> new java.util.TreeSet<>()).add(req.label("service", p.getString("service")));
      }
      Map<String, Object> m = new HashMap<>();
      m.put("title", req.t("people.title"));
      m.put("q", q);
      JsonArray rows = new JsonArray();
      for (Object o : found.result().getJsonArray("items", new JsonArray())) {
        JsonObject b = (JsonObject) o;
        rows.add(new JsonObject().put("href", "/beneficiari/" + b.getString("id"))
            .put("name", b.getString("lastName") + " " + b.getString("firstName"))
            .put("age", age(b.getString("birthDate"), req))
            .put("locality", b.getString("localityName"))
            .put("category", req.label("category", b.getString("category")))
            .put("services", String.join(", ", services.getOrDefault(b.getString("id"), new java.util.TreeSet<>())))
            .put("sms", b.getBoolean("smsConsent", false) ? req.t("people.yes") : req.t("people.no")));
      }
      m.put("rows", rows);
      long total = found.result().getLong("total", 0L);
      m.put("total", total);
      m.put("found", req.t("people.found", total));
      JsonArray categories = new JsonArray();
      Words.CATEGORIES.keySet().stream().sorted().forEach(c -> categories.add(new JsonObject().put("code", Labels.slug("category", c))
          .put("text", req.label("category", c)).put("selected", c.equals(category))));
      m.put("categories", categories);
      m.put("localities", localityOptions(localities.result(), counties, locality));
      String base = "/beneficiari?" + (q == null ? "" : "q=" + enc(q) + "&")
          + (category == null ? "" : "categorie=" + Labels.slug("category", category) + "&")
          + (locality == null ? "" : "localitate=" + locality + "&");
      if (offset > 0) m.put("previous", base + "de-la=" + Math.max(0, offset - PAGE));
      if (offset + PAGE < total) m.put("next", base + "de-la=" + (offset + PAGE));
      m.put("range", req.t("people.range", total == 0 ? 0 : offset + 1, Math.min(total, offset + PAGE), total));
      return m;
    });
  }

  // ---- record

  static Future<Map<String, Object>> record(PageRequest req, JsonObject typed, JsonObject errors, JsonObject typedPlanOrNull,
      JsonObject planErrors) {
    String id = req.ctx().pathParam("id");
    if (!canonical(id)) return Future.failedFuture(new PageError(404, "error.notFound"));
    return req.read("/api/beneficiaries/" + id).compose(b -> {
      Future<JsonObject> plans = req.read("/api/beneficiaries/" + id + "/care-plans?limit=200");
      Future<JsonObject> appointments = req.read("/api/appointments?beneficiary=" + id + "&limit=500");
      Future<JsonObject> localities = req.read("/api/localities?limit=2000&county=" + enc(b.getString("county")));
      Future<JsonObject> centres = req.read("/api/centres?limit=200&county=" + enc(b.getString("county")));
      Future<JsonObject> extras = RecordExtras.read(req, id);
      return Future.all(plans, appointments, localities, centres, extras).map(v -> {
        Map<String, Object> m = new HashMap<>();
        m.put("title", b.getString("firstName") + " " + b.getString("lastName"));
        m.put("id", id);
        m.put("flash", req.param("mesaj").map(k -> req.t("person.flash." + k.replaceAll("[^a-z]", ""))).orElse(null));
        m.put("facts", facts(req, b));
        // the edit form: what the person typed when it was refused, otherwise the record
        JsonObject form = typed != null ? typed : formOf(b);
        m.put("form", form);
        m.put("version", b.getInteger("version"));
        m.put("errors", errorList(req, errors));
        m.put("error", errors);
        m.put("sexes", choices(req, "sex", Words.SEXES.keySet(), form.getString("sex")));
        m.put("categoryChoices", choices(req, "category", Words.CATEGORIES.keySet(), form.getString("category")));
        m.put("localityChoices", localityOptions(localities.result(), List.of(), form.getString("localitySiruta")));
        m.put("carePlans", carePlans(req, plans.result(), id));
        RecordExtras.model(m, req, extras.result());
        // editing a care plan: the form holds that plan (or what was typed when it was refused)
        String editing = req.ctx().pathParam("planId") != null ? req.ctx().pathParam("planId") : req.param("plan").orElse(null);
        JsonObject edited = editing == null ? null : plans.result().getJsonArray("items", new JsonArray()).stream()
            .map(o -> (JsonObject) o).filter(p -> editing.equals(p.getString("id"))).findFirst().orElse(null);
        if (edited != null) {
          m.put("planAction", "/beneficiari/" + id + "/planuri/" + editing);
          m.put("planTitle", req.t("person.editPlan", req.label("service", edited.getString("service"))));
          m.put("planSubmit", req.t("person.plan.save"));
          if (typedPlanOrNull == null) m.put("editedPlan", RecordExtras.planForm(edited));
        } else {
          m.put("planAction", "/beneficiari/" + id + "/planuri");
          m.put("planTitle", req.t("person.newPlan"));
          m.put("planSubmit", req.t("person.plan.add"));
        }
        m.put("appointments", appointments(req, appointments.result()));
        JsonObject plan = typedPlanOrNull != null ? typedPlanOrNull : m.containsKey("editedPlan") ? (JsonObject) m.remove("editedPlan")
            : new JsonObject().put("validFrom", LocalDate.now(ZONE).toString()).put("sessionsPerWeek", "1").put("minutes", "45");
        m.put("plan", plan);
        m.put("planErrors", errorList(req, planErrors));
        m.put("planError", planErrors);
        m.put("services", choices(req, "service", Words.SERVICES.keySet(), plan.getString("service")));
        m.put("modalities", choices(req, "modality", Words.MODALITIES.keySet(), plan.getString("modality")));
        JsonArray centreChoices = new JsonArray();
        for (Object o : centres.result().getJsonArray("items", new JsonArray())) {
          JsonObject c = (JsonObject) o;
          centreChoices.add(new JsonObject().put("code", String.valueOf(c.getLong("id"))).put("text", c.getString("name"))
              .put("selected", String.valueOf(c.getLong("id")).equals(plan.getString("centreId"))));
        }
        m.put("centres", centreChoices);
        return m;
      });
    });
  }

  private static Future<Map<String, Object>> update(PageRequest req) {
    String id = req.ctx().pathParam("id");
    if (!canonical(id)) return Future.failedFuture(new PageError(404, "error.notFound"));
    RoutingContext ctx = req.ctx();
    JsonObject typed = new JsonObject();
    for (String f : FIELDS) {
      String v = ctx.request().getFormAttribute(f);
      if (v != null) typed.put(f, v.trim());
    }
    JsonObject body = new JsonObject();
    for (String f : List.of("firstName", "lastName", "cnp", "birthDate", "guardianName", "phone")) {
      String v = typed.getString(f);
      if (v != null && !v.isEmpty()) body.put(f, v);
    }
    // the selects send words without diacritics; an unknown one goes as typed so the API names the field
    body.put("sex", Labels.fromSlug("sex", typed.getString("sex")).orElse(typed.getString("sex")));
    body.put("category", Labels.fromSlug("category", typed.getString("category")).orElse(typed.getString("category")));
    body.put("localitySiruta", number(typed.getString("localitySiruta")));
    body.put("smsConsent", typed.containsKey("smsConsent"));
    body.put("dataConsent", typed.containsKey("dataConsent"));
    body.put("version", number(ctx.request().getFormAttribute("version")));
    return req.read("/api/beneficiaries/" + id).compose(current -> {
      // what the form does not edit stays as it is
      for (String keep : List.of("householdId", "centreId", "flags", "preferredLanguage", "smsConsentDate", "dataConsentDate")) {
        if (current.getValue(keep) != null) body.put(keep, current.getValue(keep));
      }
      return req.send(HttpMethod.PUT, "/api/beneficiaries/" + id, body);
    }).compose(a -> {
      if (a.ok()) {
        ctx.redirect("/beneficiari/" + id + "?mesaj=salvat");
        return Future.succeededFuture(Map.of());
      }
      if (a.status() == 401 || a.status() == 403 || a.status() == 404) return Future.failedFuture(PageError.of(a));
      ctx.response().setStatusCode(a.status() == 409 ? 409 : 422);
      return record(req, typed, named(req, fieldErrors(req.lang(), a.body())), null, new JsonObject());
    });
  }

  private static Future<Map<String, Object>> addCarePlan(PageRequest req) {
    String id = req.ctx().pathParam("id");
    if (!canonical(id)) return Future.failedFuture(new PageError(404, "error.notFound"));
    RoutingContext ctx = req.ctx();
    JsonObject typed = new JsonObject();
    for (String f : PLAN_FIELDS) {
      String v = ctx.request().getFormAttribute(f);
      if (v != null) typed.put(f, v.trim());
    }
    JsonObject body = new JsonObject();
    for (String f : List.of("validFrom", "validTo")) {
      String v = typed.getString(f);
      if (v != null && !v.isEmpty()) body.put(f, v);
    }
    body.put("service", Labels.fromSlug("service", typed.getString("service")).orElse(typed.getString("service")));
    body.put("modality", Labels.fromSlug("modality", typed.getString("modality")).orElse(typed.getString("modality")));
    body.put("sessionsPerWeek", number(typed.getString("sessionsPerWeek")));
    body.put("minutes", number(typed.getString("minutes")));
    if ("centre".equals(body.getString("modality")) && typed.getString("centreId") != null) {
      body.put("centreId", number(typed.getString("centreId")));
    }
    String planId = ctx.pathParam("planId");
    if (planId != null && !canonical(planId)) return Future.failedFuture(new PageError(404, "error.notFound"));
    Future<PageApi.Answer> sent = planId == null ? req.send(HttpMethod.POST, "/api/beneficiaries/" + id + "/care-plans", body)
        : req.read("/api/care-plans/" + planId).compose(current -> {
          // what the form does not edit stays as it is
          for (String keep : List.of("intervalWeeks", "preferredDays", "preferredFrom", "preferredTo", "version")) {
            if (current.getValue(keep) != null) body.put(keep, current.getValue(keep));
          }
          return req.send(HttpMethod.PUT, "/api/care-plans/" + planId, body.put("beneficiaryId", id));
        });
    return sent.compose(a -> {
      if (a.ok()) {
        ctx.redirect("/beneficiari/" + id + "?mesaj=" + (planId == null ? "plan" : "planmodificat") + "#planuri");
        return Future.succeededFuture(Map.of());
      }
      if (a.status() == 401 || a.status() == 403 || a.status() == 404) return Future.failedFuture(PageError.of(a));
      ctx.response().setStatusCode(422);
      return record(req, null, new JsonObject(), typed, named(req, fieldErrors(req.lang(), a.body())));
    });
  }

  // ---- helpers

  /** A number typed in a form stays text when it is not one, so the API names the field. */
  static Object number(String typed) {
    if (typed == null || typed.isBlank()) return null;
    long id = Ids.numberOrNegative(typed.trim()); // ASCII digits only: other scripts' digits stay text (400 from the API)
    return id < 0 ? typed : id;
  }

  static JsonObject fieldErrors(Lang lang, JsonObject problem) {
    JsonObject out = new JsonObject();
    JsonArray list = problem.getJsonArray("errors");
    if (list != null) {
      for (Object o : list) {
        JsonObject e = (JsonObject) o;
        out.put(e.getString("field", "form"), reason(lang, e));
      }
    } else {
      out.put(problem.getString("field") == null ? "form" : problem.getString("field"), reason(lang, problem));
    }
    return out;
  }

  /** The API names a field by its code ({@code „minutes”}); on the page that is the field's label. */
  static JsonObject named(PageRequest req, JsonObject errors) {
    JsonObject out = new JsonObject();
    errors.forEach(e -> {
      String label = req.t("person.field." + e.getKey());
      out.put(e.getKey(), String.valueOf(e.getValue()).replace("„" + e.getKey() + "”", "„" + label + "”")
          .replace("'" + e.getKey() + "'", "'" + label + "'"));
    });
    return out;
  }

  private static String reason(Lang lang, JsonObject e) {
    JsonObject r = e.getJsonObject("reason");
    return r == null ? e.getString("detail", "") : r.getString(lang.code(), r.getString("ro", ""));
  }

  private static JsonArray errorList(PageRequest req, JsonObject errors) {
    JsonArray out = new JsonArray();
    errors.forEach(e -> out.add(new JsonObject().put("field", e.getKey()).put("message", e.getValue())
        .put("label", req.t("person.field." + e.getKey()))));
    return out;
  }

  private static JsonObject formOf(JsonObject b) {
    JsonObject f = new JsonObject();
    for (String k : FIELDS) {
      Object v = b.getValue(k);
      if (v instanceof Boolean bool) {
        if (bool) f.put(k, "on");
      } else if (v != null) {
        f.put(k, String.valueOf(v));
      }
    }
    return f;
  }

  private static JsonArray facts(PageRequest req, JsonObject b) {
    JsonArray out = new JsonArray();
    fact(out, req.t("person.field.cnp"), b.getString("cnp"));
    fact(out, req.t("person.field.birthDate"), date(b.getString("birthDate"), req) + " (" + age(b.getString("birthDate"), req) + ")");
    fact(out, req.t("person.field.sex"), req.label("sex", b.getString("sex")));
    fact(out, req.t("person.field.localitySiruta"), b.getString("localityName"));
    fact(out, req.t("person.field.category"), req.label("category", b.getString("category")));
    fact(out, req.t("person.centre"), b.getString("centreCode") == null ? null : b.getString("centreCode"));
    fact(out, req.t("person.field.guardianName"), b.getString("guardianName"));
    fact(out, req.t("person.field.phone"), b.getString("phone"));
    fact(out, req.t("person.field.smsConsent"), b.getBoolean("smsConsent", false)
        ? req.t("person.consentSince", date(b.getString("smsConsentDate"), req)) : req.t("people.no"));
    fact(out, req.t("person.field.dataConsent"), b.getBoolean("dataConsent", false)
        ? req.t("person.consentSince", date(b.getString("dataConsentDate"), req)) : req.t("people.no"));
    return out;
  }

  private static void fact(JsonArray out, String name, String value) {
    if (value != null && !value.isBlank()) out.add(new JsonObject().put("name", name).put("value", value));
  }

  private static JsonArray carePlans(PageRequest req, JsonObject page, String beneficiaryId) {
    JsonArray out = new JsonArray();
    for (Object o : page.getJsonArray("items", new JsonArray())) {
      JsonObject p = (JsonObject) o;
      out.add(new JsonObject().put("service", req.label("service", p.getString("service")))
          .put("editHref", "/beneficiari/" + beneficiaryId + "?plan=" + p.getString("id") + "#newplan-h")
          .put("rhythm", req.t("person.rhythm", p.getInteger("sessionsPerWeek"), p.getInteger("minutes"), p.getInteger("intervalWeeks", 1)))
          .put("modality", req.label("modality", p.getString("modality")))
          .put("period", date(p.getString("validFrom"), req) + (p.getString("validTo") == null ? "" : " – " + date(p.getString("validTo"), req))));
    }
    return out;
  }

  private static JsonObject appointments(PageRequest req, JsonObject page) {
    DateTimeFormatter f = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", req.lang().locale());
    JsonArray upcoming = new JsonArray();
    JsonArray history = new JsonArray();
    int attended = 0;
    int missed = 0;
    OffsetDateTime now = OffsetDateTime.now(ZONE);
    List<JsonObject> all = new ArrayList<>();
    page.getJsonArray("items", new JsonArray()).forEach(o -> all.add((JsonObject) o));
    all.sort((a, b) -> b.getString("startsAt", "").compareTo(a.getString("startsAt", "")));
    for (JsonObject a : all) {
      OffsetDateTime start = OffsetDateTime.parse(a.getString("startsAt"));
      String where = a.getValue("caravanId") != null ? req.t("person.atCaravan", a.getString("stopName", ""))
          : "remote".equals(a.getString("modality")) ? req.label("modality", "remote") : a.getString("centreCode", "");
      JsonObject row = new JsonObject().put("when", start.atZoneSameInstant(ZONE).format(f))
          .put("service", req.label("service", a.getString("service")))
          .put("status", req.label("appointmentStatus", a.getString("status")))
          .put("statusClass", "st-" + a.getString("status", "").replaceAll("[^a-z]", ""))
          .put("staff", a.getString("staffName")).put("where", where);
      if ("fulfilled".equals(a.getString("status")) || "arrived".equals(a.getString("status"))) attended++;
      if ("noshow".equals(a.getString("status"))) missed++;
      if (start.isAfter(now) && !"cancelled".equals(a.getString("status"))) upcoming.add(row);
      else history.add(row);
    }
    return new JsonObject().put("upcoming", upcoming).put("history", history)
        .put("attendance", req.t("person.attendance", attended, missed));
  }

  private static JsonArray choices(PageRequest req, String list, java.util.Collection<String> codes, String chosen) {
    JsonArray out = new JsonArray();
    codes.stream().sorted().forEach(c -> out.add(new JsonObject().put("code", Labels.slug(list, c)).put("text", req.label(list, c))
        .put("selected", Labels.slug(list, c).equals(chosen) || c.equals(chosen))));
    return out;
  }

  private static JsonArray localityOptions(JsonObject page, List<String> counties, String chosen) {
    JsonArray out = new JsonArray();
    List<JsonObject> all = new ArrayList<>();
    page.getJsonArray("items", new JsonArray()).forEach(o -> all.add((JsonObject) o));
    all.sort((a, b) -> a.getString("name").compareTo(b.getString("name")));
    for (JsonObject l : all) {
      if (!counties.isEmpty() && !counties.contains(l.getString("county"))) continue;
      String code = String.valueOf(l.getInteger("siruta"));
      String text = l.getString("name") + (l.getString("parentName") != null && !l.getString("parentName").equals(l.getString("name"))
          ? " (" + l.getString("parentName") + ")" : "");
      out.add(new JsonObject().put("code", code).put("text", text).put("selected", code.equals(chosen)));
    }
    return out;
  }

  private static List<String> counties(JsonObject account) {
    List<String> out = new ArrayList<>();
    account.getJsonArray("counties", new JsonArray()).forEach(c -> out.add(String.valueOf(c)));
    return out;
  }

  static String age(String birthDate, PageRequest req) {
    if (birthDate == null) return "";
    int years = Period.between(LocalDate.parse(birthDate), LocalDate.now(ZONE)).getYears();
    return req.t("people.age", years);
  }

  static String date(String iso, PageRequest req) {
    if (iso == null) return "";
    return LocalDate.parse(iso.substring(0, 10)).format(DateTimeFormatter.ofPattern("d MMMM yyyy", req.lang().locale()));
  }

  static boolean canonical(String id) {
    java.util.UUID parsed = Ids.uuidOrNull(id);
    return parsed != null && parsed.toString().equals(id);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
