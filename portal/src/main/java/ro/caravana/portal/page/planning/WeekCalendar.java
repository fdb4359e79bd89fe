package ro.caravana.portal.page.planning;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import ro.caravana.portal.page.Lang;
import ro.caravana.portal.page.PageRequest;
import ro.caravana.scheduler.common.Ids;

/**
 * A week calendar of one resource (a centre, a room, a staff member or a caravan): a column per day with the
 * appointments in time order. The view is chosen with {@code ?vedere=centre-3}, {@code room-12}, {@code staff-7} or
 * {@code caravan-1}; without it, the centre with the most sessions.
 */
final class WeekCalendar {

  private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm");

  private WeekCalendar() {}

  static JsonObject build(List<JsonObject> placed, PlanPages.PlanData d, Names names, String view, LocalDate monday,
      Lang lang, PageRequest req) {
    String chosen = view;
    if (chosen == null || !chosen.matches("(centre|room|staff|caravan)-[1-9][0-9]{0,8}")) {
      chosen = busiest(placed, "centre", i -> i.getLong("centreId"));
      if (chosen == null) chosen = busiest(placed, "caravan", i -> i.getLong("caravanId"));
    }
    // the choices, each with how many appointments it has this week
    JsonArray groups = new JsonArray();
    groups.add(group(req.t("calendar.centres"), "centre", names.centres, placed, i -> i.getLong("centreId"), chosen));
    groups.add(group(req.t("calendar.rooms"), "room", roomLabels(names), placed, i -> i.getLong("roomId"), chosen));
    groups.add(group(req.t("calendar.staff"), "staff", names.staff, placed, i -> i.getLong("staffId"), chosen));
    groups.add(group(req.t("calendar.caravans"), "caravan", names.caravans, placed, i -> i.getLong("caravanId"), chosen));
    JsonObject out = new JsonObject().put("groups", groups).put("chosen", chosen);
    if (chosen == null) return out.put("days", new JsonArray()).put("empty", true);
    String kind = chosen.substring(0, chosen.indexOf('-'));
    long id = Ids.numberOrNegative(chosen.substring(chosen.indexOf('-') + 1));
    String field = switch (kind) {
      case "centre" -> "centreId";
      case "room" -> "roomId";
      case "staff" -> "staffId";
      default -> "caravanId";
    };
    Predicate<JsonObject> mine = i -> Objects.equals(i.getLong(field), id);
    Map<LocalDate, List<JsonObject>> byDay = new LinkedHashMap<>();
    for (int k = 0; k < 7; k++) byDay.put(monday.plusDays(k), new ArrayList<>());
    placed.stream().filter(mine).sorted(Comparator.comparing(i -> i.getString("start"))).forEach(i -> {
      LocalDate day = OffsetDateTime.parse(i.getString("start")).atZoneSameInstant(PlanPages.ZONE).toLocalDate();
      byDay.computeIfAbsent(day, x -> new ArrayList<>()).add(i);
    });
    JsonArray days = new JsonArray();
    int total = 0;
    for (var e : byDay.entrySet()) {
      boolean weekend = e.getKey().getDayOfWeek().getValue() >= 6;
      if (weekend && e.getValue().isEmpty()) continue;
      // a group session (parental education, support group) is one entry with its participants
      boolean editable = ro.caravana.scheduler.planning.PlanStatus.SOLVED.equals(d.plan().getString("status"));
      Map<String, JsonObject> entries = new LinkedHashMap<>();
      for (JsonObject i : e.getValue()) {
        String key = i.getString("start") + i.getString("end") + i.getString("service") + i.getValue("staffId")
            + i.getValue("roomId") + i.getValue("caravanId") + i.getValue("stopSiruta");
        JsonObject entry = entries.get(key);
        JsonObject person = new JsonObject().put("name", names.person(i.getString("beneficiaryId")))
            .put("href", "/beneficiari/" + i.getString("beneficiaryId"));
        if (entry != null) {
          entry.getJsonArray("people").add(person);
          entry.put("group", true).put("size", entry.getJsonArray("people").size());
          continue;
        }
        total++;
        String start = OffsetDateTime.parse(i.getString("start")).atZoneSameInstant(PlanPages.ZONE).format(HM);
        String end = OffsetDateTime.parse(i.getString("end")).atZoneSameInstant(PlanPages.ZONE).format(HM);
        String where = i.getValue("caravanId") != null ? names.locality(i.getInteger("stopSiruta"))
            : "remote".equals(i.getString("modality")) ? req.label("modality", "remote")
            : join(names.room(i.getLong("roomId")), kind.equals("centre") || kind.equals("room") ? "" : names.centre(i.getLong("centreId")));
        entries.put(key, new JsonObject().put("time", start + "–" + end)
            .put("service", req.label("service", i.getString("service")))
            .put("serviceClass", "svc-" + Math.abs(i.getString("service", "").hashCode() % 7))
            .put("people", new JsonArray().add(person)).put("group", false).put("size", 1)
            .put("staff", kind.equals("staff") ? "" : names.staff(i.getLong("staffId")))
            .put("where", where)
            .put("pinned", i.getValue("caravanId") == null && d.pinned().contains(sessionKey(i.getString("itemKey"))))
            .put("moveHref", editable && i.getValue("caravanId") == null ? "/planificare/" + d.plan().getString("id")
                + "/mutare?sesiune=" + java.net.URLEncoder.encode(sessionKey(i.getString("itemKey")),
                    java.nio.charset.StandardCharsets.UTF_8) : null));
      }
      days.add(new JsonObject().put("name", WeekDays.dayName(e.getKey(), lang)).put("entries", new JsonArray(new ArrayList<>(entries.values())))
          .put("count", entries.size()));
    }
    String title = switch (kind) {
      case "centre" -> names.centre(id);
      case "room" -> names.room(id) + " — " + names.roomCentre.getOrDefault(id, "");
      case "staff" -> names.staff(id);
      default -> names.caravan(id);
    };
    return out.put("days", days).put("title", title).put("total", total).put("empty", total == 0);
  }

  private static Map<Long, String> roomLabels(Names names) {
    Map<Long, String> out = new LinkedHashMap<>();
    names.rooms.forEach((id, name) -> out.put(id, name + " — " + names.roomCentre.getOrDefault(id, "")));
    return out;
  }

  private static JsonObject group(String label, String kind, Map<Long, String> all, List<JsonObject> placed,
      java.util.function.Function<JsonObject, Long> key, String view) {
    Map<Long, Integer> counts = new LinkedHashMap<>();
    placed.forEach(i -> {
      Long k = key.apply(i);
      if (k != null) counts.merge(k, 1, Integer::sum);
    });
    JsonArray options = new JsonArray();
    all.entrySet().stream().filter(e -> counts.containsKey(e.getKey())).sorted(Map.Entry.comparingByValue())
        .forEach(e -> options.add(new JsonObject().put("value", kind + "-" + e.getKey())
            .put("text", e.getValue() + " (" + counts.get(e.getKey()) + ")")
            .put("selected", (kind + "-" + e.getKey()).equals(view))));
    return new JsonObject().put("label", label).put("options", options);
  }

  private static String busiest(List<JsonObject> placed, String kind, java.util.function.Function<JsonObject, Long> key) {
    Map<Long, Integer> counts = new LinkedHashMap<>();
    placed.forEach(i -> {
      Long k = key.apply(i);
      if (k != null) counts.merge(k, 1, Integer::sum);
    });
    return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(e -> kind + "-" + e.getKey()).orElse(null);
  }

  private static String join(String a, String b) {
    if (a.isEmpty()) return b;
    if (b.isEmpty()) return a;
    return a + ", " + b;
  }

  /** The session an item belongs to: a group session's items are {@code session/beneficiary}. */
  static String sessionKey(String itemKey) {
    int slash = itemKey == null ? -1 : itemKey.indexOf('/');
    return slash < 0 ? itemKey : itemKey.substring(0, slash);
  }
}
