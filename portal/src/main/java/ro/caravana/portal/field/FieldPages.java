package ro.caravana.portal.field;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import ro.caravana.portal.page.Lang;
import ro.caravana.portal.page.PageError;
import ro.caravana.portal.page.PageRequest;
import ro.caravana.portal.page.Pages;
import ro.caravana.scheduler.access.Role;
import ro.caravana.scheduler.access.Sessions;

/**
 * The clinicians' pages: {@code /ziua-mea} (the day and the week, start or join a consultation, mark attendance
 * with a note; works without scripts) and {@code /teren} (the caravan crew's day at the stops, made for a phone
 * with no signal: marks are queued on the phone by {@code /assets/teren.js} and sent once). Both read and write
 * through the field API ({@code /api/field/*}) as the signed-in person.
 */
public final class FieldPages {

  static final Set<Role> CLINICIANS = EnumSet.of(Role.DOCTOR, Role.THERAPIST, Role.NURSE);
  private static final ZoneId ZONE = ZoneId.of("Europe/Bucharest");
  private static final Set<String> MARKS = Set.of("present", "absent", "excused");

  private final Pages pages;

  private FieldPages(Pages pages) {
    this.pages = pages;
  }

  public static void mount(Router router, Pages pages) {
    FieldPages field = new FieldPages(pages);
    router.get("/ziua-mea").handler(pages.page("clinician-day", CLINICIANS, field::clinicianDay));
    router.post("/ziua-mea/prezenta").handler(BodyHandler.create(false).setBodyLimit(16 * 1024)).handler(field::mark);
    router.get("/ziua-mea/consultatie/:id").handler(field::consultation);
    router.get("/teren").handler(pages.page("field-day", CLINICIANS, field::crewDay));
  }

  // ---- /ziua-mea ----------------------------------------------------------------------------

  private Future<Map<String, Object>> clinicianDay(PageRequest req) {
    LocalDate day = date(req);
    LocalDate monday = day.with(DayOfWeek.MONDAY);
    return req.read("/api/field/day?date=" + day).compose(json -> req.read("/api/appointments?from=" + monday
        + "&to=" + monday.plusDays(6) + "&limit=500").map(week -> {
          Map<String, Object> m = dayModel(req, json, day);
          m.put("title", req.t("clinician.title"));
          m.put("week", week(req, week.getJsonArray("items", new JsonArray()), monday, day));
          m.put("marked", req.param("marcat").map(o -> req.t("clinician.outcome." + o)).orElse(null));
          m.put("failed", req.param("eroare").isPresent());
          return m;
        }));
  }

  /** One day of the week as a link with its count of appointments. */
  private List<Map<String, Object>> week(PageRequest req, JsonArray items, LocalDate monday, LocalDate current) {
    Map<LocalDate, Integer> counts = new LinkedHashMap<>();
    for (int i = 0; i < 7; i++) counts.put(monday.plusDays(i), 0);
    for (Object o : items) {
      JsonObject a = (JsonObject) o;
      if ("cancelled".equals(a.getString("status"))) continue;
      LocalDate d = OffsetDateTime.parse(a.getString("startsAt")).atZoneSameInstant(ZONE).toLocalDate();
      counts.computeIfPresent(d, (k, n) -> n + 1);
    }
    List<Map<String, Object>> out = new ArrayList<>();
    counts.forEach((d, n) -> {
      Map<String, Object> w = new HashMap<>();
      w.put("text", longDay(d, req.lang()));
      w.put("href", "/ziua-mea?zi=" + d);
      w.put("count", n);
      w.put("current", d.equals(current));
      out.add(w);
    });
    return out;
  }

  /** A mark from the day's form: the page's CSRF field, then the field API; back to the day saying what happened. */
  private void mark(RoutingContext ctx) {
    var form = ctx.request().formAttributes();
    String day = form.get("zi");
    String back = "/ziua-mea" + (day != null && day.matches("\\d{4}-\\d{2}-\\d{2}") ? "?zi=" + day + "&" : "?");
    Cookie csrf = ctx.request().getCookie(Sessions.CSRF_COOKIE);
    String sent = form.get(Sessions.CSRF_FIELD);
    if (csrf == null || sent == null || !MessageDigest.isEqual(csrf.getValue().getBytes(StandardCharsets.UTF_8),
        sent.getBytes(StandardCharsets.UTF_8)) || !MARKS.contains(String.valueOf(form.get("mark")))) {
      ctx.response().setStatusCode(303).putHeader("Location", back + "eroare=1").end();
      return;
    }
    JsonObject m = new JsonObject().put("key", form.get("key")).put("appointmentId", form.get("appointmentId"))
        .put("mark", form.get("mark")).put("markedAt", OffsetDateTime.now(ZONE).toString());
    String note = form.get("note");
    if (note != null && !note.isBlank()) m.put("note", note.strip());
    pages.api().send(ctx, HttpMethod.POST, "/api/field/marks", new JsonObject().put("marks", new JsonArray().add(m)))
        .onSuccess(a -> {
          if (a.status() == 401) {
            ctx.response().setStatusCode(303).putHeader("Location", "/intrare?next="
                + URLEncoder.encode(back, StandardCharsets.UTF_8)).end();
            return;
          }
          String outcome = a.ok() ? a.body().getJsonArray("results").getJsonObject(0).getString("outcome") : null;
          String anchor = form.get("appointmentId") == null ? "" : "#a-" + form.get("appointmentId");
          ctx.response().setStatusCode(303).putHeader("Location",
              back + (outcome == null ? "eroare=1" : "marcat=" + outcome) + anchor).end();
        })
        .onFailure(e -> ctx.response().setStatusCode(303).putHeader("Location", back + "eroare=1").end());
  }

  /** Starts (doctor) the consultation: the call page with the doctor's ticket. */
  private void consultation(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Lang lang = Lang.of(ctx);
    if (id == null || !id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
      ctx.response().setStatusCode(303).putHeader("Location", "/ziua-mea?eroare=1").end();
      return;
    }
    pages.api().get(ctx, "/api/consultations/" + id + "/join?as=doctor").onSuccess(a -> {
      if (a.status() == 401) {
        ctx.response().setStatusCode(303).putHeader("Location", "/intrare?next=/ziua-mea").end();
      } else if (a.ok()) {
        ctx.response().setStatusCode(303).putHeader("Location", a.body().getString("url")).end();
      } else {
        ctx.response().setStatusCode(303).putHeader("Location", "/ziua-mea?eroare=" + (a.status() == 409 ? "apel" : "1")
            + "&lang=" + lang.code()).end();
      }
    }).onFailure(e -> ctx.response().setStatusCode(303).putHeader("Location", "/ziua-mea?eroare=1").end());
  }

  // ---- /teren ---------------------------------------------------------------------------------

  private Future<Map<String, Object>> crewDay(PageRequest req) {
    boolean asked = req.param("zi").isPresent();
    LocalDate day = date(req);
    return req.read("/api/field/day?date=" + day).compose(json -> {
      String next = json.getString("nextDate");
      if (asked || next == null || !json.getJsonArray("appointments").isEmpty()) return Future.succeededFuture(json);
      // nothing today: the next day with work, said so on the page
      return req.read("/api/field/day?date=" + next).map(j -> j.put("emptyToday", true));
    }).map(json -> {
      LocalDate shown = LocalDate.parse(json.getString("date"));
      Map<String, Object> m = dayModel(req, json, shown);
      m.put("title", req.t("field.title"));
      m.put("emptyToday", json.getBoolean("emptyToday", false));
      List<Map<String, Object>> stops = new ArrayList<>();
      for (Object o : json.getJsonArray("places")) {
        JsonObject p = (JsonObject) o;
        if (p.getInteger("siruta") == null) continue;
        stops.add(Map.of("siruta", p.getInteger("siruta"), "name", p.getString("name")));
      }
      m.put("stops", stops);
      m.put("peopleJson", json.getJsonArray("people", new JsonArray()).encode());
      return m;
    });
  }

  // ---- shared ---------------------------------------------------------------------------------

  private Map<String, Object> dayModel(PageRequest req, JsonObject json, LocalDate day) {
    Map<String, Object> m = new HashMap<>();
    m.put("date", day.toString());
    m.put("dayText", longDay(day, req.lang()));
    m.put("today", day.equals(LocalDate.now(ZONE)));
    m.put("prev", day.minusDays(1).toString());
    m.put("next", day.plusDays(1).toString());
    m.put("nextWork", json.getString("nextDate"));
    m.put("nextWorkText", json.getString("nextDate") == null ? null
        : longDay(LocalDate.parse(json.getString("nextDate")), req.lang()));
    List<Map<String, Object>> places = new ArrayList<>();
    int i = 0;
    for (Object o : json.getJsonArray("places")) {
      JsonObject p = (JsonObject) o;
      Map<String, Object> place = new HashMap<>();
      place.put("number", ++i);
      place.put("kind", p.getString("kind"));
      place.put("name", p.getString("name") == null ? req.t("field.remote") : p.getString("name"));
      place.put("address", p.getString("address"));
      place.put("from", p.getString("from"));
      place.put("to", p.getString("to"));
      List<Map<String, Object>> appointments = new ArrayList<>();
      for (Object ao : p.getJsonArray("appointments")) {
        JsonObject a = (JsonObject) ao;
        Map<String, Object> v = new HashMap<>(a.getMap());
        v.put("key", UUID.randomUUID().toString());
        v.put("remote", "remote".equals(a.getString("modality")));
        v.put("markable", !"proposed".equals(a.getString("status")) && !("cancelled".equals(a.getString("status"))
            && !"excused".equals(a.getString("mark"))));
        v.put("serverMark", a.getString("mark") == null ? "" : a.getString("mark"));
        appointments.add(v);
      }
      place.put("appointments", appointments);
      places.add(place);
    }
    m.put("places", places);
    m.put("empty", places.isEmpty());
    return m;
  }

  private static LocalDate date(PageRequest req) {
    try {
      return req.param("zi").map(LocalDate::parse).orElse(LocalDate.now(ZONE));
    } catch (DateTimeParseException e) {
      throw new PageError(404, "error.notFound");
    }
  }

  static String longDay(LocalDate d, Lang lang) {
    return DateTimeFormatter.ofPattern(lang == Lang.EN ? "EEEE d MMMM" : "EEEE, d MMMM", lang.locale()).format(d);
  }
}
