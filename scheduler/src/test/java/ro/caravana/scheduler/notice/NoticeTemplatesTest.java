package ro.caravana.scheduler.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.notice.text.MessageFacts;
import ro.caravana.scheduler.notice.text.NoticeTemplates;
import ro.caravana.scheduler.notice.text.SmsEncoding;
import ro.caravana.scheduler.notice.text.SmsMessage;
import ro.caravana.scheduler.notice.text.SmsText;

@DisplayName("SMS templates")
class NoticeTemplatesTest {

  private static final ZoneId ZONE = ZoneId.of("Europe/Bucharest");
  private static final NoticeTemplates TEMPLATES = new NoticeTemplates(ZONE, "ro");
  private static final Instant THU_1030 = LocalDateTime.of(2026, 12, 3, 10, 30).atZone(ZONE).toInstant();
  private static final Instant WED_0900 = LocalDateTime.of(2026, 12, 9, 9, 0).atZone(ZONE).toInstant();

  // the longest locality names of Bacău and Vrancea and the longest centre addresses they give
  private static final List<String> LONG_STOPS = List.of("Vităneștii de sub Măgură", "Vizantea Mănăstirească",
      "Carșochești-Corăbița", "Fundătura Răchitoasa");
  private static final List<String> LONG_ADDRESSES = List.of("Str. Libertății nr. 118, Vizantea Mănăstirească",
      "Str. Bisericii nr. 120, Vităneștii de sub Măgură", "Str. Primăriei nr. 7, Carșochești-Corăbița");
  private static final List<String> NAMES = List.of("Ana", "Alexandra", "Constantin", "Ștefănuț");
  private static final List<String> SERVICES = List.of("kinetotherapy", "speech_therapy", "counselling",
      "support_group", "parental_education", "medical_consultation");

  @Test
  @DisplayName("writes dates as Romanians do, in Europe/Bucharest time")
  void romanianDates() {
    String text = TEMPLATES.render(NoticeKind.BOOKED, "ro",
        new MessageFacts("Ana", "kinetotherapy", THU_1030, null, "Str. Școlii nr. 5, Onești", null, null));
    assertEquals("Ana: kinetoterapie joi, 3 decembrie, ora 10:30, Str. Școlii nr. 5, Onești. DA=confirm, NU=anulez", text);
    String sent = SmsText.prepare(text, false, 6).body();
    assertEquals("Ana: kinetoterapie joi, 3 decembrie, ora 10:30, Str. Scolii nr. 5, Onesti. DA=confirm, NU=anulez", sent);
  }

  @Test
  @DisplayName("a change names the old and the new time, a caravan stop names the locality")
  void change() {
    String text = TEMPLATES.render(NoticeKind.CHANGED, "ro",
        new MessageFacts("Ana", "medical_consultation", WED_0900, THU_1030, null, "Vizantea Mănăstirească", null));
    assertEquals("Ana: consultație medicală mutată de pe 3 dec., ora 10:30 pe miercuri, 9 decembrie, ora 09:00, "
        + "caravana, Vizantea Mănăstirească. NU=anulez", text);
  }

  @Test
  @DisplayName("a remote consultation carries the short link instead of a place; English when preferred")
  void remoteAndEnglish() {
    String text = TEMPLATES.render(NoticeKind.REMINDER, "en",
        new MessageFacts("Ana", "telemedicine", THU_1030, null, null, null, "https://crv.ro/l/Ab3dE9xK"));
    assertEquals("Tomorrow, Thursday, 3 December, 10:30: video consultation for Ana, video: https://crv.ro/l/Ab3dE9xK. "
        + "YES=confirm, NO=cancel", text);
    assertEquals("ro", TEMPLATES.language("hu"), "no Hungarian templates: the default language");
  }

  @Test
  @DisplayName("every default template fits one GSM-7 segment with long real names, places and dates")
  void oneSegment() {
    int longest = 0;
    String worst = "";
    for (String language : List.of("ro", "en")) {
      for (NoticeKind kind : NoticeKind.SINGLE) {
        for (String name : NAMES) {
          for (String service : SERVICES) {
            for (int i = 0; i < LONG_STOPS.size(); i++) {
              MessageFacts[] variants = {
                  new MessageFacts(name, service, WED_0900, THU_1030, null, LONG_STOPS.get(i), null),
                  new MessageFacts(name, service, WED_0900, THU_1030, LONG_ADDRESSES.get(i % LONG_ADDRESSES.size()), null, null),
                  new MessageFacts(name, "telemedicine", WED_0900, THU_1030, null, null, "https://caravana.ro/l/Ab3dE9xK")};
              for (MessageFacts facts : variants) {
                SmsMessage m = SmsText.prepare(TEMPLATES.render(kind, language, facts), false, 6);
                assertEquals(SmsEncoding.GSM_7, m.encoding(), m.body());
                if (m.units() > longest) {
                  longest = m.units();
                  worst = m.body();
                }
              }
            }
          }
        }
      }
    }
    assertTrue(longest <= 160, "longest default message is " + longest + " septets: " + worst);
  }
}
