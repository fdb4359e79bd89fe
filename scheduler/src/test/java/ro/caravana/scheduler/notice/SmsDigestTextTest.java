package ro.caravana.scheduler.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.notice.text.DigestText;
import ro.caravana.scheduler.notice.text.MessageFacts;
import ro.caravana.scheduler.notice.text.NoticeTemplates;
import ro.caravana.scheduler.notice.text.SmsEncoding;
import ro.caravana.scheduler.notice.text.SmsMessage;
import ro.caravana.scheduler.notice.text.SmsText;

@DisplayName("One message for a publish's appointments of one phone: segments and cost at 1, 2, 5 and 12")
class SmsDigestTextTest {

  private static final ZoneId ZONE = ZoneId.of("Europe/Bucharest");
  private static final NoticeTemplates TEMPLATES = new NoticeTemplates(ZONE, "ro");
  private static final int BANI_PER_SEGMENT = 6;
  private static final String PLACE = "Str. Școlii nr. 5, Onești";

  /** A child's kinetotherapy at one centre, weekdays at 10:30 from Monday 7 December 2026 on. */
  private static List<DigestText.Line> sessions(int n) {
    List<DigestText.Line> out = new ArrayList<>();
    LocalDateTime day = LocalDateTime.of(2026, 12, 7, 10, 30);
    while (out.size() < n) {
      if (day.getDayOfWeek().getValue() <= 5) out.add(new DigestText.Line("Ana", "kinetotherapy", day.atZone(ZONE).toInstant(), PLACE));
      day = day.plusDays(1);
    }
    return out;
  }

  private static SmsMessage digest(List<DigestText.Line> lines) {
    return SmsText.prepare(DigestText.render(TEMPLATES, "ro", lines), false, BANI_PER_SEGMENT);
  }

  @Test
  @DisplayName("one appointment keeps the short single message: one segment, 6 bani")
  void one() {
    DigestText.Line l = sessions(1).get(0);
    SmsMessage m = SmsText.prepare(TEMPLATES.render(NoticeKind.BOOKED, "ro",
        new MessageFacts(l.name(), l.service(), l.startsAt(), null, PLACE, null, null)), false, BANI_PER_SEGMENT);
    assertEquals("Ana: kinetoterapie luni, 7 decembrie, ora 10:30, Str. Scolii nr. 5, Onesti. DA=confirm, NU=anulez", m.body());
    assertEquals(1, m.segments());
    assertEquals(6, m.costBani());
  }

  @Test
  @DisplayName("two: one segment, numbered, the second line only what differs")
  void two() {
    SmsMessage m = digest(sessions(2));
    assertEquals("Ana: 1) kinetoterapie, lu 7 dec 10:30, Str. Scolii nr. 5, Onesti; 2) ma 8, 10:30. "
        + "DA=confirm, NU 2=anulez nr.2", m.body());
    assertEquals(SmsEncoding.GSM_7, m.encoding());
    assertEquals(1, m.segments());
    assertEquals(6, m.costBani());
  }

  @Test
  @DisplayName("five, a week of sessions: still one segment, 6 bani (five single messages would cost 30)")
  void five() {
    SmsMessage m = digest(sessions(5));
    assertTrue(m.body().contains("5) vi 11, 10:30. DA=confirm"), m.body());
    assertEquals(1, m.segments(), m.units() + " septets: " + m.body());
    assertEquals(6, m.costBani());
  }

  @Test
  @DisplayName("twelve over two weeks and more: the month is said once, two segments, 12 bani (twelve messages: 72)")
  void twelve() {
    SmsMessage m = digest(sessions(12));
    assertTrue(m.body().contains("12) ma 22, 10:30."), m.body());
    assertEquals(1, m.body().split("dec", -1).length - 1, "the month once: " + m.body());
    assertEquals(2, m.segments(), m.units() + " septets: " + m.body());
    assertEquals(12, m.costBani());
  }

  @Test
  @DisplayName("two children and two places: each line names what changed; listed in date order whatever the input order")
  void mixed() {
    Instant mon = LocalDateTime.of(2026, 12, 7, 9, 0).atZone(ZONE).toInstant();
    Instant tue = LocalDateTime.of(2026, 12, 8, 11, 15).atZone(ZONE).toInstant();
    Instant wed = LocalDateTime.of(2026, 12, 9, 12, 0).atZone(ZONE).toInstant();
    String body = digest(List.of(
        new DigestText.Line("Ion", "medical_consultation", wed, "caravana, Vizantea Mănăstirească"),
        new DigestText.Line("Ana", "kinetotherapy", mon, PLACE),
        new DigestText.Line("Ana", "speech_therapy", tue, PLACE))).body();
    assertEquals("1) Ana, kinetoterapie, lu 7 dec 09:00, Str. Scolii nr. 5, Onesti; 2) logopedie, ma 8, 11:15; "
        + "3) Ion, consultatie medicala, mi 9, 12:00, caravana, Vizantea Manastireasca. DA=confirm, NU 2=anulez nr.2",
        body);
  }

  @Test
  @DisplayName("English digests say the same")
  void english() {
    String body = SmsText.prepare(DigestText.render(TEMPLATES, "en", sessions(2)), false, 6).body();
    assertEquals("Ana: 1) physiotherapy, Mon 7 Dec 10:30, Str. Scolii nr. 5, Onesti; 2) Tue 8, 10:30. "
        + "YES=confirm, NO 2=cancel no.2", body);
  }
}
