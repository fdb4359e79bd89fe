package ro.caravana.portal.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.optimizer.text.Label;
import ro.caravana.scheduler.access.Role;
import ro.caravana.scheduler.common.Vocabulary;
import ro.caravana.scheduler.common.Words;
import ro.caravana.scheduler.notice.NoticeKind;
import ro.caravana.scheduler.notice.NoticeStatus;

@DisplayName("Every value of every closed list renders as words in Romanian and in English")
class LabelsTest {

  private static Vertx vertx;
  private static Pages pages;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    pages = new Pages(vertx);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("each list of the vocabulary has exactly one label per value")
  void vocabularyComplete() {
    assertEquals(Vocabulary.CATEGORIES, Words.CATEGORIES.keySet());
    assertEquals(Vocabulary.SERVICES, Words.SERVICES.keySet());
    assertEquals(Vocabulary.MODALITIES, Words.MODALITIES.keySet());
    assertEquals(Vocabulary.APPOINTMENT_STATUSES, Words.APPOINTMENT_STATUSES.keySet());
    assertEquals(Vocabulary.ATTENDANCE_STATUSES, Words.ATTENDANCE_STATUSES.keySet());
    assertEquals(Vocabulary.ROLES, Words.STAFF_ROLES.keySet());
    assertEquals(Vocabulary.EQUIPMENT, Words.EQUIPMENT.keySet());
    assertEquals(Vocabulary.WEEKDAYS, Words.WEEKDAYS.keySet());
    assertEquals(Vocabulary.SEXES, Words.SEXES.keySet());
    assertEquals(Role.values().length, Labels.lists().get("role").size());
    assertEquals(NoticeStatus.values().length, Labels.lists().get("noticeStatus").size());
    assertEquals(NoticeKind.values().length, Labels.lists().get("noticeKind").size());
  }

  @Test
  @DisplayName("the template helper writes the Romanian label by default and the English one on the switch, never the code")
  void rendersEveryValue() throws Exception {
    JsonArray items = new JsonArray();
    List<Label> expected = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    Labels.lists().forEach((list, labels) -> labels.forEach((code, label) -> {
      items.add(new JsonObject().put("list", list).put("code", code));
      expected.add(label);
      codes.add(code);
    }));
    assertTrue(items.size() > 60, "all lists are there: " + items.size());
    for (Lang lang : Lang.values()) {
      Map<String, Object> model = new HashMap<>();
      model.put("lang", lang.code());
      model.put("items", items);
      model.put("constraints", new JsonArray(new ArrayList<>(Labels.lists().get("constraint").keySet())));
      model.put("own", new JsonArray().add(new JsonObject().put("label", "Săptămâna aceasta")));
      String html = pages.html(model, "all-labels").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
          .toString();
      List<String> rendered = new ArrayList<>();
      var m = java.util.regex.Pattern.compile("<li data-i=\"\\d+\">([^<]*)</li>").matcher(html);
      while (m.find()) rendered.add(unescape(m.group(1)));
      assertEquals(expected.size(), rendered.size());
      for (int i = 0; i < expected.size(); i++) {
        assertEquals(expected.get(i).in(lang.code()), rendered.get(i), codes.get(i));
        // an identifier with an underscore or in capitals never reaches the page
        if (codes.get(i).contains("_") || codes.get(i).equals(codes.get(i).toUpperCase())) {
          assertFalse(rendered.get(i).equals(codes.get(i)), codes.get(i));
        }
      }
      for (String id : Labels.lists().get("constraint").keySet()) {
        // the ids are English sentences: only the Romanian page must not show them
        if (lang == Lang.RO) assertFalse(html.contains(">" + id + ":"), "constraint id shown: " + id);
        String name = Labels.constraint(id).orElseThrow().name().in(lang.code());
        assertTrue(unescape(html).contains(name + ": "), name);
      }
      assertTrue(html.contains(lang == Lang.RO ? "Planificare" : "Planning"));
      assertTrue(html.contains("<b>Săptămâna aceasta</b>"), "a model's own label property is not hidden by the helper");
    }
  }

  @Test
  @DisplayName("an unknown code renders as a neutral word, not as the code")
  void unknownCode() {
    assertEquals("necunoscut", Labels.text("service", "hydrotherapy", Lang.RO));
    assertEquals("unknown", Labels.text("nosuchlist", "x", Lang.EN));
  }

  @Test
  @DisplayName("the Romanian and English sentence files have the same keys")
  void sameKeys() {
    Messages messages = new Messages();
    assertEquals(messages.keys(Lang.RO), messages.keys(Lang.EN));
    for (String key : messages.keys(Lang.RO)) assertFalse(messages.text(Lang.RO, key).isBlank(), key);
  }

  private static String unescape(String s) {
    return s.replace("&amp;", "&").replace("&#x27;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
        .replace("&#39;", "'").replace("&#x3D;", "=");
  }
}
