package ro.caravana.scheduler.notice.text;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One message listing several appointments of one phone, in date order, numbered for the answer
 * ("NU 2" cancels the second). Each line says only what differs from the line before (the name, the
 * service, the month, the place), so five sessions of one child at one centre fit one or two GSM-7 segments:
 *
 * <pre>Programari: 1) Ana, kinetoterapie, lu 7 dec 10:30, Str. Scolii 5, Onesti; 2) mi 9, 10:30; 3) vi 11, 10:30.
 * DA=confirm toate, NU 2=anulez a 2-a</pre>
 */
public final class DigestText {

  /** One appointment of the list: who, what, when, where (the place as the single messages write it). */
  public record Line(String name, String service, Instant startsAt, String place) {}

  private DigestText() {}

  public static String render(NoticeTemplates templates, String preferredLanguage, List<Line> lines) {
    String language = templates.language(preferredLanguage);
    ZoneId zone = templates.zone();
    boolean en = "en".equals(language);
    List<Line> sorted = new ArrayList<>(lines);
    sorted.sort(Comparator.comparing(Line::startsAt));
    StringBuilder out = new StringBuilder(en ? "Appointments: " : "Programari: ");
    Line before = null;
    for (int i = 0; i < sorted.size(); i++) {
      Line l = sorted.get(i);
      List<String> parts = new ArrayList<>();
      if (before == null || !Objects.equals(before.name(), l.name())) parts.add(l.name());
      if (before == null || !Objects.equals(before.service(), l.service())
          || !Objects.equals(before.name(), l.name())) {
        parts.add(templates.service(language, l.service()));
      }
      boolean sameMonth = before != null && before.startsAt().atZone(zone).getMonth() == l.startsAt().atZone(zone).getMonth();
      parts.add(SmsDates.compact(l.startsAt(), zone, language, !sameMonth));
      if (before == null || !Objects.equals(before.place(), l.place())) parts.add(l.place());
      out.append(i + 1).append(") ").append(String.join(", ", parts)).append(i + 1 < sorted.size() ? "; " : ". ");
      before = l;
    }
    out.append(en ? "YES=confirm all, NO 2=cancel no. 2" : "DA=confirm toate, NU 2=anulez nr. 2");
    return out.toString();
  }

  /** The order the lines are numbered in (date order), for the notice's items. */
  public static List<Line> ordered(List<Line> lines) {
    List<Line> sorted = new ArrayList<>(lines);
    sorted.sort(Comparator.comparing(Line::startsAt));
    return sorted;
  }
}
