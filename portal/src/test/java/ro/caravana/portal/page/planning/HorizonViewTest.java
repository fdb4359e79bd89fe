package ro.caravana.portal.page.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.portal.page.Lang;
import ro.caravana.portal.page.Messages;

@DisplayName("A horizon as the coordinator reads it")
class HorizonViewTest {

  private static final Messages MESSAGES = new Messages();
  private static final BiFunction<String, Object[], String> RO = (k, a) -> MESSAGES.text(Lang.RO, k, a);

  @Test
  @DisplayName("a gap over the maximum is a problem, one within three days of it is to watch, a few days over the rhythm is fine; problems come first")
  void gapsFlaggedAndProblemsFirst() {
    JsonObject horizon = new JsonObject()
        .put("localities", new JsonArray()
            .add(locality(101, "Andreiașu de Jos", 28, 35, "2027-01-04", 30))
            .add(locality(102, "Vintileasca", 28, 35, "2027-01-04", 33))
            .add(locality(103, "Nereju", 28, 35, "2027-01-04", 36)))
        .put("stops", new JsonArray().add(new JsonObject().put("siruta", 103).put("date", "2026-12-07").put("pinned", true)));
    JsonArray rows = HorizonView.localities(horizon, Map.of(7L, "Caravana Focșani 1"), Lang.RO, RO);
    assertEquals("Nereju", rows.getJsonObject(0).getString("name"), "the problem first");
    assertEquals("Problemă", rows.getJsonObject(0).getString("level"));
    JsonObject overVisit = rows.getJsonObject(0).getJsonArray("visits").getJsonObject(2);
    assertEquals("după 36 de zile", overVisit.getString("gap"));
    assertEquals("peste maximul admis", overVisit.getString("gapFlag"));
    assertTrue(rows.getJsonObject(0).getJsonArray("visits").getJsonObject(0).getBoolean("published"));
    assertEquals("luni, 7 decembrie 2026", rows.getJsonObject(0).getJsonArray("visits").getJsonObject(0).getString("date"));
    assertEquals("Caravana Focșani 1", overVisit.getString("caravan"));
    assertEquals("Vintileasca", rows.getJsonObject(1).getString("name"));
    assertEquals("aproape de maximul admis", rows.getJsonObject(1).getJsonArray("visits").getJsonObject(2).getString("gapFlag"));
    assertEquals("De urmărit", rows.getJsonObject(1).getString("level"));
    assertEquals("În regulă", rows.getJsonObject(2).getString("level"));
    assertNull(rows.getJsonObject(2).getJsonArray("visits").getJsonObject(2).getString("gapFlag"), "30 days when 28 are asked and 35 allowed");
    assertEquals(new JsonObject().put("problem", 1).put("warning", 1).put("ok", 1), HorizonView.levels(rows));
    assertEquals("o dată la 28 de zile, cel mult 35 de zile între vizite", rows.getJsonObject(2).getString("rhythm"));
  }

  @Test
  @DisplayName("people left without a visit make a problem even when every gap is fine")
  void uncoveredIsAProblem() {
    JsonObject l = locality(104, "Paltin", 28, 35, "2027-01-04", 28).put("peopleCovered", 6).put("visitsPlanned", 2)
        .put("visitsWanted", 3);
    JsonArray rows = HorizonView.localities(new JsonObject().put("localities", new JsonArray().add(l)), Map.of(), Lang.RO, RO);
    assertEquals("Problemă", rows.getJsonObject(0).getString("level"));
    assertEquals(3, rows.getJsonObject(0).getInteger("uncovered"));
  }

  @Test
  @DisplayName("days in Romanian grammar, road sources in words")
  void words() {
    assertEquals("1 zi", HorizonView.days(1, Lang.RO));
    assertEquals("14 zile", HorizonView.days(14, Lang.RO));
    assertEquals("19 zile", HorizonView.days(19, Lang.RO));
    assertEquals("20 de zile", HorizonView.days(20, Lang.RO));
    assertEquals("101 zile", HorizonView.days(101, Lang.RO));
    assertEquals("120 de zile", HorizonView.days(120, Lang.RO));
    assertEquals("28 days", HorizonView.days(28, Lang.EN));
    String roads = HorizonView.roadSources(new JsonObject().put("csv", 12).put("estimate", 3), RO);
    assertEquals("Timpii de drum: din matricea de drum importată, drumuri: 12; estimați din distanța în linie dreaptă "
        + "(fără date de drum), drumuri: 3.", roads);
  }

  @Test
  @DisplayName("weeks of the horizon published after it was solved are named; earlier ones and weeks outside it are not")
  void publishedAfterTheHorizon() {
    JsonObject h = new JsonObject().put("finishedAt", "2026-12-02T05:00:00+02:00").put("firstDay", "2026-12-07")
        .put("lastDay", "2027-01-03");
    JsonObject plans = new JsonObject().put("items", new JsonArray()
        .add(new JsonObject().put("week", "2026-W51").put("publishedAt", "2026-12-02T06:00:00+02:00"))
        .add(new JsonObject().put("week", "2026-W50").put("publishedAt", "2026-12-01T06:00:00+02:00"))
        .add(new JsonObject().put("week", "2027-W05").put("publishedAt", "2026-12-02T06:00:00+02:00"))
        .add(new JsonObject().put("week", "2026-W52").putNull("publishedAt")));
    assertEquals(java.util.List.of("2026-W51"), HorizonPages.publishedLater(h, plans));
  }

  private static JsonObject locality(int siruta, String name, int every, int max, String second, int gap) {
    java.time.LocalDate two = java.time.LocalDate.parse(second);
    return new JsonObject().put("siruta", siruta).put("name", name).put("part", 1).put("parts", 1).put("everyDays", every)
        .put("maxGapDays", max).put("people", 9).put("peopleCovered", 9).put("visitsWanted", 3).put("visitsPlanned", 3)
        .put("visits", new JsonArray()
            .add(new JsonObject().put("date", "2026-12-07").put("caravanId", 7))
            .add(new JsonObject().put("date", two.toString()).put("caravanId", 7))
            .add(new JsonObject().put("date", two.plusDays(gap).toString()).put("caravanId", 7)))
        .put("gaps", new JsonArray().add((int) (two.toEpochDay() - java.time.LocalDate.parse("2026-12-07").toEpochDay())).add(gap))
        .putNull("daysSinceLastVisit").putNull("daysFromLastVisitToFirst");
  }
}
