package ro.caravana.portal.page.home;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ro.caravana.portal.page.PageApi;
import ro.caravana.portal.page.PageRequest;
import ro.caravana.portal.page.planning.WeekDays;
import ro.caravana.scheduler.access.Role;
import ro.caravana.scheduler.planning.PlanStatus;

/**
 * {@code /}: per county, the state of this week's and next week's plan (planned, published, re-plan waiting), work
 * not placed, SMS waiting or failed, replies a coordinator must read, slots freed by cancellations, and families who
 * missed two or more appointments. A figure the account may not read (a centre coordinator and plans) is left out.
 */
public final class DashboardPage {

  static final ZoneId ZONE = ZoneId.of("Europe/Bucharest");

  private DashboardPage() {}

  public static Future<Map<String, Object>> build(PageRequest req) {
    Map<String, Object> m = new HashMap<>();
    m.put("title", req.t("dashboard.title"));
    if (req.role() == Role.SUPERVISOR) {
      m.put("supervisor", true);
      return Future.succeededFuture(m);
    }
    Future<JsonObject> allCounties = req.read("/api/counties");
    Future<JsonObject> centres = req.read("/api/centres?limit=500");
    return Future.all(allCounties, centres).compose(x -> {
      List<String> mine = new ArrayList<>();
      req.account().getJsonArray("counties", new JsonArray()).forEach(c -> mine.add(String.valueOf(c)));
      // an administrator (no counties of their own) sees the counties that have community centres
      if (mine.isEmpty()) {
        centres.result().getJsonArray("items", new JsonArray()).forEach(o -> {
          String county = ((JsonObject) o).getString("county");
          if (!mine.contains(county)) mine.add(county);
        });
      }
      List<JsonObject> counties = new ArrayList<>();
      for (Object o : allCounties.result().getJsonArray("items", new JsonArray())) {
        JsonObject c = (JsonObject) o;
        if (mine.contains(c.getString("code"))) counties.add(c);
      }
      List<Future<JsonObject>> cards = new ArrayList<>();
      for (JsonObject c : counties.subList(0, Math.min(counties.size(), 6))) cards.add(county(req, c));
      return Future.all(new ArrayList<>(cards)).map(v -> {
        JsonArray out = new JsonArray();
        cards.forEach(f -> {
          if (f.result().getBoolean("active", false)) out.add(f.result());
        });
        m.put("counties", out);
        return m;
      });
    });
  }

  private static Future<JsonObject> county(PageRequest req, JsonObject c) {
    String code = c.getString("code");
    LocalDate today = LocalDate.now(ZONE);
    String thisWeek = WeekDays.isoWeek(today);
    String nextWeek = WeekDays.isoWeek(today.plusWeeks(1));
    Future<PageApi.Answer> now = req.get("/api/plans?county=" + code + "&week=" + thisWeek + "&limit=10");
    Future<PageApi.Answer> next = req.get("/api/plans?county=" + code + "&week=" + nextWeek + "&limit=10");
    Future<PageApi.Answer> queued = req.get("/api/notifications?county=" + code + "&status=queued&limit=1");
    Future<PageApi.Answer> held = req.get("/api/notifications?county=" + code + "&status=held&limit=1");
    Future<PageApi.Answer> failed = req.get("/api/notifications?county=" + code + "&status=failed&limit=1");
    Future<PageApi.Answer> replies = req.get("/api/sms/replies?county=" + code + "&intent=other&limit=1");
    Future<PageApi.Answer> freed = req.get("/api/appointments?county=" + code + "&status=cancelled&from=" + today + "&limit=1");
    Future<PageApi.Answer> noShows = req.get("/api/appointments?county=" + code + "&status=noshow&from=" + today.minusDays(90)
        + "&limit=2000");
    LocalDate monday = today.with(java.time.DayOfWeek.MONDAY);
    Future<PageApi.Answer> week = req.get("/api/appointments?county=" + code + "&from=" + monday + "&to=" + monday.plusDays(6)
        + "&limit=2000");
    Future<PageApi.Answer> plans = req.get("/api/care-plans?county=" + code + "&limit=2000");
    return Future.all(List.of(now, next, queued, held, failed, replies, freed, noShows, week, plans)).map(v -> {
      JsonObject card = new JsonObject().put("name", c.getString("name")).put("code", code);
      JsonArray weeks = new JsonArray();
      weeks.add(week(req, req.t("dashboard.thisWeek"), thisWeek, now.result()));
      weeks.add(week(req, req.t("dashboard.nextWeek"), nextWeek, next.result()));
      card.put("weeks", weeks);
      JsonArray figures = new JsonArray();
      long waiting = total(queued.result()) + total(held.result());
      figure(figures, waiting, req.t("dashboard.smsWaiting"), null, waiting > 0 ? "warn" : "");
      figure(figures, total(failed.result()), req.t("dashboard.smsFailed"), null, total(failed.result()) > 0 ? "bad" : "");
      figure(figures, total(replies.result()), req.t("dashboard.replies"), null, total(replies.result()) > 0 ? "warn" : "");
      figure(figures, total(freed.result()), req.t("dashboard.freed"), null, "");
      Map<String, Integer> missed = new HashMap<>();
      Map<String, String> names = new HashMap<>();
      if (noShows.result().ok()) {
        for (Object o : noShows.result().body().getJsonArray("items", new JsonArray())) {
          JsonObject a = (JsonObject) o;
          missed.merge(a.getString("beneficiaryId"), 1, Integer::sum);
          names.put(a.getString("beneficiaryId"), a.getString("beneficiaryName"));
        }
      }
      JsonArray repeated = new JsonArray();
      missed.entrySet().stream().filter(e -> e.getValue() >= 2).sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
          .limit(8).forEach(e -> repeated.add(new JsonObject().put("name", names.get(e.getKey()))
              .put("href", "/beneficiari/" + e.getKey()).put("times", req.t("dashboard.missedTimes", e.getValue()))));
      figure(figures, missed.values().stream().filter(n -> n >= 2).count(), req.t("dashboard.repeatedNoShows"), null, "");
      card.put("figures", figures).put("repeated", repeated);
      // this week's appointments by service, in words
      Map<String, Integer> byService = new java.util.TreeMap<>();
      if (week.result().ok()) {
        for (Object o : week.result().body().getJsonArray("items", new JsonArray())) {
          JsonObject a = (JsonObject) o;
          if (!"cancelled".equals(a.getString("status"))) byService.merge(req.label("service", a.getString("service")), 1, Integer::sum);
        }
      }
      JsonArray services = new JsonArray();
      byService.forEach((name, n) -> services.add(new JsonObject().put("name", name).put("n", n)));
      card.put("services", services);
      // what the county's people are in care for
      Map<String, Integer> inCare = new java.util.TreeMap<>();
      if (plans.result().ok()) {
        for (Object o : plans.result().body().getJsonArray("items", new JsonArray())) {
          inCare.merge(req.label("service", ((JsonObject) o).getString("service")), 1, Integer::sum);
        }
      }
      JsonArray care = new JsonArray();
      inCare.forEach((name, n) -> care.add(new JsonObject().put("name", name).put("n", n)));
      card.put("carePlans", care);
      boolean any = now.result().ok() || queued.result().ok() || noShows.result().ok();
      return card.put("active", any);
    });
  }

  private static JsonObject week(PageRequest req, String label, String week, PageApi.Answer plans) {
    JsonObject w = new JsonObject().put("name", label)
        .put("span", WeekDays.monday(week).map(m -> WeekDays.span(m, req.lang())).orElse(week));
    if (!plans.ok()) return w.put("state", req.t("dashboard.noAccess"));
    JsonArray items = plans.body().getJsonArray("items", new JsonArray());
    if (items.isEmpty()) return w.put("state", req.t("dashboard.notPlanned")).put("stateClass", "warn");
    JsonObject newest = items.getJsonObject(0);
    JsonObject published = null;
    for (Object o : items) {
      if (PlanStatus.PUBLISHED.equals(((JsonObject) o).getString("status"))) {
        published = (JsonObject) o;
        break;
      }
    }
    String status = newest.getString("status");
    String state;
    String cls = "";
    if (published != null && newest != published && !PlanStatus.FAILED.equals(status)) {
      state = req.t("dashboard.replanPending");
      cls = "warn";
    } else if (PlanStatus.PUBLISHED.equals(status)) {
      state = req.t("dashboard.published");
      cls = "ok";
    } else {
      state = req.label("planStatus", status);
    }
    JsonObject counts = newest.getJsonObject("counts");
    int unplaced = counts == null ? 0 : counts.getInteger("unassigned", 0);
    return w.put("state", state).put("stateClass", cls).put("href", "/planificare/" + newest.getString("id"))
        .put("unplaced", counts == null ? null : req.t("dashboard.unplaced", unplaced)).put("unplacedClass", unplaced > 0 ? "warn" : "");
  }

  private static long total(PageApi.Answer a) {
    return a.ok() ? a.body().getLong("total", 0L) : 0;
  }

  private static void figure(JsonArray figures, long n, String text, String href, String cls) {
    figures.add(new JsonObject().put("n", n).put("text", text).put("href", href).put("cls", cls));
  }
}
