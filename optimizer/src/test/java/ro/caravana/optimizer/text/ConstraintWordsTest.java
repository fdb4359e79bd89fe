package ro.caravana.optimizer.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.optimizer.routing.score.RoutingConstraintProvider;
import ro.caravana.optimizer.routing.score.RoutingConstraintWords;
import ro.caravana.optimizer.timetable.TimetableConstraintProvider;
import ro.caravana.optimizer.timetable.TimetableConstraintWords;

@DisplayName("Every constraint has a Romanian and an English name and explanation")
class ConstraintWordsTest {

  @Test
  @DisplayName("the timetable's constraints, one entry each, none extra")
  void timetable() throws Exception {
    check(TimetableConstraintProvider.class, TimetableConstraintWords.ALL);
  }

  @Test
  @DisplayName("the caravan routes' constraints, one entry each, none extra")
  void routing() throws Exception {
    check(RoutingConstraintProvider.class, RoutingConstraintWords.ALL);
  }

  /** The constraint ids are the provider's public String constants. */
  private static void check(Class<?> provider, Map<String, ConstraintWords> words) throws Exception {
    Set<String> ids = new TreeSet<>();
    for (Field f : provider.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) ids.add((String) f.get(null));
    }
    assertFalse(ids.isEmpty());
    assertEquals(ids, new TreeSet<>(words.keySet()));
    for (var e : words.entrySet()) {
      ConstraintWords w = e.getValue();
      // Romanian differs from English and from the solver's id: a copy would not be a translation
      assertNotEquals(w.name().en(), w.name().ro(), e.getKey());
      assertNotEquals(e.getKey(), w.name().ro(), e.getKey());
      assertNotEquals(w.why().en(), w.why().ro(), e.getKey());
    }
  }

  @Test
  @DisplayName("a label picks English only when asked, Romanian otherwise")
  void language() {
    Label l = new Label("Kinetoterapie", "Physiotherapy");
    assertEquals("Kinetoterapie", l.in("ro"));
    assertEquals("Physiotherapy", l.in("EN"));
    assertEquals("Kinetoterapie", l.in(null));
    assertEquals("Kinetoterapie", l.in("fr"));
  }
}
