package ro.caravana.scheduler.notice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.notice.text.Gsm7;
import ro.caravana.scheduler.notice.text.SmsEncoding;
import ro.caravana.scheduler.notice.text.SmsMessage;
import ro.caravana.scheduler.notice.text.SmsText;

@DisplayName("GSM-7 encoding, transliteration and segment counting")
class GsmEncodingTest {

  private static final int PRICE = 6;

  @Test
  @DisplayName("comma-below ș and cedilla ş both become s, and the message stays GSM-7")
  void commaAndCedillaAlike() {
    assertEquals("Stefanesti, Targu Trotus, Tiganesti",
        SmsText.transliterate("Ștefănești, Târgu Trotuș, Ţigăneşti"));
    assertEquals("sSsStTtTaAaAiI", SmsText.transliterate("șȘşŞțȚţŢăĂâÂîÎ"));
    SmsMessage m = SmsText.prepare("Mâine la Vizantea Mănăstirească", false, PRICE);
    assertEquals(SmsEncoding.GSM_7, m.encoding());
    assertEquals("Maine la Vizantea Manastireasca", m.body());
  }

  @Test
  @DisplayName("one diacritic turns the whole text into UCS-2 when Unicode is allowed")
  void unicodeWhenAllowed() {
    SmsMessage m = SmsText.prepare("Mâine", true, PRICE);
    assertEquals(SmsEncoding.UCS_2, m.encoding());
    assertEquals("Mâine", m.body());
    assertEquals(SmsEncoding.GSM_7, SmsText.prepare("Maine", true, PRICE).encoding(), "plain text stays GSM-7");
  }

  @Test
  @DisplayName("€ is an extension character: it stays and counts two septets")
  void euroIsExtension() {
    assertTrue(Gsm7.isExtension('€'));
    SmsMessage m = SmsText.prepare("Cost 0 €", false, PRICE);
    assertEquals("Cost 0 €", m.body());
    assertEquals(SmsEncoding.GSM_7, m.encoding());
    assertEquals(9, m.units());
    assertArrayEquals(new byte[] {0x1B, 0x65}, Gsm7.encode("€"));
    assertEquals("{[€]}~^|\\", Gsm7.decode(Gsm7.encode("{[€]}~^|\\")));
  }

  @Test
  @DisplayName("emoji are dropped, typographic quotes and dashes become plain ones")
  void emojiAndPunctuation() {
    assertEquals("Ne vedem \"maine\" - ora 10", SmsText.transliterate("Ne vedem „mâine” – ora 10 😀"));
    assertEquals("Multumim!", SmsText.transliterate("Mulțumim!👍🏽"));
    assertEquals("Ola ... x", SmsText.transliterate("Olá … ×"));
  }

  @Test
  @DisplayName("emoji kept in UCS-2 count two code units each (surrogate pairs)")
  void surrogatePairs() {
    SmsMessage m = SmsText.prepare("ă😀", true, PRICE);
    assertEquals(SmsEncoding.UCS_2, m.encoding());
    assertEquals(3, m.units());
    assertEquals(1, m.segments());
    String seventy = "ă".repeat(70);
    assertEquals(1, SmsText.analyse(seventy, PRICE).segments());
    assertEquals(2, SmsText.analyse(seventy + "ă", PRICE).segments());
    // 66 units then a pair: the pair cannot be split, so it opens the second segment; 134 units fill two
    String pairAtBoundary = "ă".repeat(66) + "😀" + "ă".repeat(66);
    assertEquals(134, pairAtBoundary.length());
    assertEquals(3, SmsText.analyse(pairAtBoundary, PRICE).segments());
    assertEquals(2, SmsText.analyse("ă".repeat(134), PRICE).segments());
  }

  @Test
  @DisplayName("160 GSM-7 characters are one segment, 161 are two (153 + 8), and cost follows segments")
  void gsmBoundaries() {
    String s160 = "a".repeat(160);
    SmsMessage one = SmsText.prepare(s160, false, PRICE);
    assertEquals(1, one.segments());
    assertEquals(PRICE, one.costBani());
    SmsMessage two = SmsText.prepare(s160 + "b", false, PRICE);
    assertEquals(161, two.units());
    assertEquals(2, two.segments());
    assertEquals(2 * PRICE, two.costBani());
    assertEquals(2, SmsText.analyse("a".repeat(306), PRICE).segments());
    assertEquals(3, SmsText.analyse("a".repeat(307), PRICE).segments());
  }

  @Test
  @DisplayName("an extension character at a segment boundary is never split, so it can add a segment")
  void extensionAtBoundary() {
    String s159euro = "a".repeat(159) + "€"; // 161 septets: two segments
    assertEquals(161, SmsText.analyse(s159euro, PRICE).units());
    assertEquals(2, SmsText.analyse(s159euro, PRICE).segments());
    assertEquals(1, SmsText.analyse("a".repeat(158) + "€", PRICE).segments(), "158 + 2 = 160 fits one");
    // 152 septets + € (2) would straddle the 153 boundary: € moves to segment 2; 152 + 154 = 306 septets need 3
    String straddle = "a".repeat(152) + "€" + "a".repeat(152);
    assertEquals(306, SmsText.analyse(straddle, PRICE).units());
    assertEquals(3, SmsText.analyse(straddle, PRICE).segments());
    assertEquals(2, SmsText.analyse("a".repeat(151) + "€" + "a".repeat(153), PRICE).segments());
  }

  @Test
  @DisplayName("the basic table has GSM's own accented letters, not Romanian ones")
  void alphabet() {
    assertTrue(Gsm7.fits("@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!\"#¤%&'()*+,-./:;<=>?¡ÄÖÑÜ§¿äöñüà\n\r"));
    assertFalse(Gsm7.fits("ă"));
    assertFalse(Gsm7.fits("`"));
    assertEquals(0, Gsm7.encode("@")[0]);
    String all = "Ana are 5€ și {mere} [pere] ~ ^ | \\";
    String t = SmsText.transliterate(all);
    assertEquals(t, Gsm7.decode(Gsm7.encode(t)));
  }
}
