package ro.caravana.portal.page.planning;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import ro.caravana.portal.page.Lang;

/**
 * A solved horizon as a coordinator reads it: per locality the dates of its visits and their caravan, each gap
 * against the rhythm asked and the maximum (over the maximum: a problem; longer than asked: a warning), people
 * covered and waiting, days since the last visit; the totals; where the road times came from, in words. Pure:
 * from the API's JSON to the page's model.
 */
final class HorizonView {

  /** A locality's state, worst first. */
  enum Level { PROBLEM, WARNING, OK }

  /** A gap this many days (or fewer) short of the maximum, and longer than the rhythm asked, is worth watching. */
  static final int NEAR_MAXIMUM_DAYS = 3;

  private HorizonView() {}

  /** {@code t} gives a sentence of the messages by key and arguments (the page's language). */
  static JsonArray localities(JsonObject horizon, Map<Long, String> caravanNames, Lang lang,
      BiFunction<String, Object[], String> t) {
    Set<String> pinned = new HashSet<>();
    for (Object o : horizon.getJsonArray("stops", new JsonArray())) {
      JsonObject s = (JsonObject) o;
      if (s.getBoolean("pinned", false)) pinned.add(s.getInteger("siruta") + "|" + s.getString("date"));
    }
    record Row(Level level, String name, JsonObject model) {}
    List<Row> rows = new ArrayList<>();
    for (Object o : horizon.getJsonArray("localities", new JsonArray())) {
      JsonObject l = (JsonObject) o;
      int every = l.getInteger("everyDays");
      int max = l.getInteger("maxGapDays");
      Level level = Level.OK;
      JsonArray visits = new JsonArray();
      JsonArray dates = l.getJsonArray("visits", new JsonArray());
      JsonArray gaps = l.getJsonArray("gaps", new JsonArray());
      for (int i = 0; i < dates.size(); i++) {
        JsonObject v = dates.getJsonObject(i);
        LocalDate day = LocalDate.parse(v.getString("date"));
        JsonObject visit = new JsonObject().put("date", date(day, lang))
            .put("caravan", caravanNames.getOrDefault(v.getLong("caravanId"), t.apply("horizon.caravanUnknown", new Object[0])))
            .put("published", pinned.contains(l.getInteger("siruta") + "|" + v.getString("date")));
        if (i > 0 && i - 1 < gaps.size()) {
          int gap = gaps.getInteger(i - 1);
          Level g = level(gap, every, max);
          level = worse(level, g);
          visit.put("gap", t.apply("horizon.gapAfter", new Object[] {days(gap, lang)}))
              .put("gapClass", g == Level.PROBLEM ? "bad" : g == Level.WARNING ? "warn" : "ok")
              .put("gapFlag", flag(g, t));
        }
        visits.add(visit);
      }
      int people = l.getInteger("people", 0);
      int covered = l.getInteger("peopleCovered", 0);
      int wanted = l.getInteger("visitsWanted", 0);
      int planned = l.getInteger("visitsPlanned", 0);
      if (planned < wanted || covered < people) level = Level.PROBLEM;
      Integer wait = l.getInteger("daysFromLastVisitToFirst");
      String waitWords = null;
      if (wait != null) {
        Level w = level(wait, every, max);
        level = worse(level, w);
        waitWords = t.apply("horizon.firstWait", new Object[] {days(wait, lang)});
        if (w != Level.OK) waitWords += " — " + flag(w, t);
      }
      String name = l.getString("name");
      int parts = l.getInteger("parts", 1);
      String shown = parts > 1 ? t.apply("horizon.part", new Object[] {name, l.getInteger("part"), parts}) : name;
      Integer since = l.getInteger("daysSinceLastVisit");
      JsonObject m = new JsonObject()
          .put("name", shown)
          .put("rhythm", t.apply("horizon.rhythm", new Object[] {days(every, lang), days(max, lang)}))
          .put("visits", visits)
          .put("visitCount", t.apply("horizon.visitCount", new Object[] {planned, wanted}))
          .put("people", people)
          .put("covered", covered)
          .put("uncovered", people - covered)
          .put("since", since == null ? t.apply("horizon.neverVisited", new Object[0])
              : t.apply("horizon.since", new Object[] {days(since, lang), date(LocalDate.parse(l.getString("lastVisitBefore")), lang)}))
          .put("firstWait", waitWords)
          .put("levelClass", level == Level.PROBLEM ? "bad" : level == Level.WARNING ? "warn" : "ok")
          .put("level", t.apply("horizon.level." + level.name().toLowerCase(), new Object[0]));
      rows.add(new Row(level, shown, m));
    }
    rows.sort(Comparator.comparing(Row::level).thenComparing(Row::name));
    JsonArray out = new JsonArray();
    rows.forEach(r -> out.add(r.model()));
    return out;
  }

  /** Counts of localities by level: {@code problem}, {@code warning}, {@code ok}. */
  static JsonObject levels(JsonArray localities) {
    int bad = 0;
    int warn = 0;
    for (Object o : localities) {
      String c = ((JsonObject) o).getString("levelClass");
      if ("bad".equals(c)) bad++;
      if ("warn".equals(c)) warn++;
    }
    return new JsonObject().put("problem", bad).put("warning", warn).put("ok", localities.size() - bad - warn);
  }

  /** Where the road times of the legs came from, in one sentence. */
  static String roadSources(JsonObject legs, BiFunction<String, Object[], String> t) {
    if (legs == null || legs.isEmpty()) return t.apply("horizon.roads.none", new Object[0]);
    List<String> parts = new ArrayList<>();
    for (String source : List.of("csv", "router", "estimate")) {
      int n = legs.getInteger(source, 0);
      if (n > 0) parts.add(t.apply("horizon.roads." + source, new Object[] {n}));
    }
    return t.apply("horizon.roads", new Object[] {String.join("; ", parts)});
  }

  /** {@code luni, 14 decembrie 2026} / {@code Monday 14 December 2026} (short Romanian names mix up marți and martie). */
  static String date(LocalDate day, Lang lang) {
    return day.format(DateTimeFormatter.ofPattern(lang == Lang.RO ? "EEEE, d MMMM yyyy" : "EEEE d MMMM yyyy", lang.locale()));
  }

  /** {@code 1 zi}, {@code 14 zile}, {@code 28 de zile} (Romanian takes "de" from 20 on); {@code 1 day}, {@code 28 days}. */
  static String days(int n, Lang lang) {
    if (lang == Lang.EN) return n == 1 ? "1 day" : n + " days";
    if (n == 1) return "1 zi";
    int rest = n % 100;
    return n >= 20 && (rest == 0 || rest >= 20) ? n + " de zile" : n + " zile";
  }

  /** Over the maximum: a problem; within {@link #NEAR_MAXIMUM_DAYS} of it (and longer than asked): to watch. */
  static Level level(int gap, int every, int max) {
    if (gap > max) return Level.PROBLEM;
    return gap > every && gap >= max - NEAR_MAXIMUM_DAYS ? Level.WARNING : Level.OK;
  }

  private static String flag(Level level, BiFunction<String, Object[], String> t) {
    return switch (level) {
      case PROBLEM -> t.apply("horizon.flag.overMax", new Object[0]);
      case WARNING -> t.apply("horizon.flag.nearMax", new Object[0]);
      case OK -> null;
    };
  }

  private static Level worse(Level a, Level b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
