package ro.caravana.portal.page.planning;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ro.caravana.portal.page.Lang;
import ro.caravana.portal.page.PageError;
import ro.caravana.portal.page.PageRequest;

/**
 * {@code /planificare/{planId}/mutare?sesiune=KEY}: one session of a draft plan moved by hand. The form (day, hour,
 * specialist, room) is checked by the solver's own rules through {@code POST /api/plans/{id}/moves}: "check" is a dry
 * run, "move" stores the move and pins the session; the answer says what the move breaks and what it improves.
 * {@code /assets/move.js} asks for the same dry run each time a field changes, so the feedback comes before any click.
 */
final class MovePage {

  private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm");

  private MovePage() {}

  static Future<Map<String, Object>> show(PageRequest req) {
    return render(req, null, new JsonObject(), new JsonObject(), null);
  }

  static Future<Map<String, Object>> submit(PageRequest req) {
    RoutingContext ctx = req.ctx();
    String id = ctx.pathParam("planId");
    String session = form(ctx, "sesiune");
    String action = form(ctx, "actiune");
    if (!PlanPages.canonicalUuid(id) || session == null) return Future.failedFuture(new PageError(404, "error.notFound"));
    String back = "/planificare/" + id + "/mutare?sesiune=" + URLEncoder.encode(session, StandardCharsets.UTF_8);
    if ("fixeaza".equals(action) || "elibereaza".equals(action)) {
      boolean pinned = "fixeaza".equals(action);
      return req.send(HttpMethod.POST, "/api/plans/" + id + "/pins", new JsonObject().put("session", session).put("pinned", pinned))
          .compose(a -> {
            if (a.status() == 404 || a.status() == 403 || a.status() == 401) return Future.failedFuture(PageError.of(a));
            ctx.redirect(back + "&mesaj=" + (a.ok() ? (pinned ? "pinned" : "unpinned") : "refused"));
            return Future.succeededFuture(Map.of());
          });
    }
    JsonObject typed = new JsonObject();
    for (String f : List.of("zi", "ora", "specialist", "sala")) {
      String v = form(ctx, f);
      if (v != null) typed.put(f, v);
    }
    boolean apply = "muta".equals(action);
    JsonObject body = body(session, typed, apply);
    return req.send(HttpMethod.POST, "/api/plans/" + id + "/moves", body).compose(a -> {
      if (a.status() == 404 && "id".equals(a.body().getString("field"))) return Future.failedFuture(PageError.of(a));
      if (a.status() == 401 || a.status() == 403) return Future.failedFuture(PageError.of(a));
      if (!a.ok()) {
        ctx.response().setStatusCode(a.status() == 409 ? 409 : 400);
        return render(req, null, typed, formErrors(req.lang(), a.body()), null);
      }
      return render(req, a.body(), apply ? new JsonObject() : typed, new JsonObject(), apply ? req.t("move.flash.moved") : null);
    });
  }

  /** The API body from the form: day and hour in Bucharest time; what does not parse goes as typed, for the API to name. */
  static JsonObject body(String session, JsonObject typed, boolean apply) {
    JsonObject body = new JsonObject().put("session", session).put("dryRun", !apply);
    try {
      LocalDate day = LocalDate.parse(typed.getString("zi", ""));
      LocalTime time = LocalTime.parse(typed.getString("ora", ""));
      body.put("start", day.atTime(time).atZone(PlanPages.ZONE).toOffsetDateTime().toString());
    } catch (DateTimeParseException e) {
      body.put("start", typed.getString("zi", "") + "T" + typed.getString("ora", ""));
    }
    body.put("staffId", number(typed.getString("specialist")));
    String room = typed.getString("sala");
    body.put("roomId", room == null || room.isEmpty() || "acasa".equals(room) ? null : number(room));
    return body;
  }

  private static Object number(String v) {
    if (v == null) return null;
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      return v;
    }
  }

  /** The API's fields mapped to the form's inputs. */
  private static JsonObject formErrors(Lang lang, JsonObject problem) {
    JsonObject api = PlanPages.problemFields(lang, problem);
    JsonObject out = new JsonObject();
    api.forEach(e -> out.put(switch (e.getKey()) {
      case "start" -> "ora";
      case "staffId" -> "specialist";
      case "roomId" -> "sala";
      default -> "form";
    }, e.getValue()));
    return out;
  }

  private static Future<Map<String, Object>> render(PageRequest req, JsonObject feedback, JsonObject typed, JsonObject errors,
      String flash) {
    String id = req.ctx().pathParam("planId");
    String key = req.param("sesiune").orElse(form(req.ctx(), "sesiune"));
    if (!PlanPages.canonicalUuid(id) || key == null) return Future.failedFuture(new PageError(404, "error.notFound"));
    Lang lang = req.lang();
    Future<JsonObject> plan = req.read("/api/plans/" + id);
    Future<JsonObject> session = req.read("/api/plans/" + id + "/moves?session=" + URLEncoder.encode(key, StandardCharsets.UTF_8));
    Future<JsonObject> counties = req.read("/api/counties");
    return Future.all(plan, session, counties).compose(v -> {
      JsonObject s = session.result();
      List<Future<JsonObject>> people = new ArrayList<>();
      for (Object b : s.getJsonArray("beneficiaryIds", new JsonArray())) {
        people.add(req.get("/api/beneficiaries/" + b).map(a -> a.ok() ? a.body()
            : new JsonObject().put("id", String.valueOf(b))));
      }
      return Future.all(people).map(all -> {
        Map<String, Object> m = new HashMap<>();
        JsonObject p = plan.result();
        LocalDate monday = WeekDays.monday(p.getString("week")).orElse(LocalDate.now(PlanPages.ZONE));
        m.put("title", req.t("move.title"));
        m.put("planId", id);
        m.put("planHref", "/planificare/" + id + "#calendar-h");
        m.put("planName", req.t("plan.title", PlanPages.countyName(counties.result(), p.getString("county")),
            PlanPages.weekWords(req, p.getString("week"))));
        m.put("session", key);
        m.put("editable", "solved".equals(p.getString("status")));
        m.put("service", req.label("service", s.getString("service")));
        m.put("minutes", s.getInteger("minutes"));
        m.put("centre", s.getString("centreName"));
        m.put("pinned", s.getBoolean("pinned", false));
        JsonArray names = new JsonArray();
        for (Future<JsonObject> f : people) {
          JsonObject b = f.result();
          String name = b.getString("firstName") == null ? req.t("move.person") : b.getString("firstName") + " " + b.getString("lastName");
          names.add(new JsonObject().put("name", name).put("href", "/beneficiari/" + b.getString("id")));
        }
        m.put("people", names);

        OffsetDateTime start = s.getString("start") == null ? null : OffsetDateTime.parse(s.getString("start"));
        String day = typed.getString("zi", start == null ? monday.toString()
            : start.atZoneSameInstant(PlanPages.ZONE).toLocalDate().toString());
        String hour = typed.getString("ora", start == null ? "10:00" : start.atZoneSameInstant(PlanPages.ZONE).format(HM));
        String staff = typed.getString("specialist", s.getValue("staffId") == null ? null : String.valueOf(s.getValue("staffId")));
        String room = typed.getString("sala", s.getValue("roomId") == null ? (s.getBoolean("placed", false) ? "acasa" : null)
            : String.valueOf(s.getValue("roomId")));
        m.put("current", start == null ? req.t("move.notPlaced") : req.t("move.now",
            WeekDays.dayName(start.atZoneSameInstant(PlanPages.ZONE).toLocalDate(), lang),
            start.atZoneSameInstant(PlanPages.ZONE).format(HM), optionText(s.getJsonArray("staffOptions"), s.getValue("staffId")),
            s.getValue("roomId") == null ? req.label("modality", "remote") : optionText(s.getJsonArray("roomOptions"), s.getValue("roomId"))));
        JsonArray days = new JsonArray();
        for (int d = 0; d < 7; d++) {
          LocalDate date = monday.plusDays(d);
          days.add(new JsonObject().put("value", date.toString()).put("text", WeekDays.dayName(date, lang))
              .put("selected", date.toString().equals(day)));
        }
        m.put("days", days);
        m.put("hour", hour);
        m.put("staffOptions", options(s.getJsonArray("staffOptions"), staff));
        JsonArray rooms = options(s.getJsonArray("roomOptions"), room);
        if (s.getBoolean("roomOptional", false)) {
          rooms.add(new JsonObject().put("value", "acasa").put("text", req.t("move.atHome")).put("selected", "acasa".equals(room)));
        }
        m.put("roomOptions", rooms);
        m.put("feedback", feedback == null ? null : words(feedback, lang));
        m.put("errors", PlanPages.errorList(errors));
        m.put("error", errors);
        m.put("flash", flash != null ? flash : req.param("mesaj").map(k -> req.t("move.flash." + k.replaceAll("[^a-z]", ""))).orElse(null));
        return m;
      });
    });
  }

  /** The move's answer in the page's language: the verdict, what it breaks, what it improves. */
  static JsonObject words(JsonObject answer, Lang lang) {
    String code = lang.code();
    JsonArray breaks = new JsonArray();
    answer.getJsonArray("breaks", new JsonArray()).forEach(o -> breaks.add(((JsonObject) o).getString(code)));
    JsonArray improves = new JsonArray();
    answer.getJsonArray("improves", new JsonArray()).forEach(o -> improves.add(((JsonObject) o).getString(code)));
    return new JsonObject().put("summary", answer.getJsonObject("summary").getString(code))
        .put("verdictClass", "verdict-" + answer.getString("verdict")).put("breaks", breaks).put("improves", improves);
  }

  private static JsonArray options(JsonArray options, String selected) {
    JsonArray out = new JsonArray();
    for (Object o : options == null ? new JsonArray() : options) {
      JsonObject j = (JsonObject) o;
      String value = String.valueOf(j.getValue("id"));
      out.add(new JsonObject().put("value", value).put("text", j.getString("name")).put("selected", value.equals(selected)));
    }
    return out;
  }

  private static String optionText(JsonArray options, Object id) {
    if (options == null || id == null) return "";
    for (Object o : options) {
      JsonObject j = (JsonObject) o;
      if (String.valueOf(j.getValue("id")).equals(String.valueOf(id))) return j.getString("name");
    }
    return "";
  }

  private static String form(RoutingContext ctx, String name) {
    String v = ctx.request().getFormAttribute(name);
    return v == null || v.isBlank() ? null : v.trim();
  }
}
