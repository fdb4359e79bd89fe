package ro.caravana.scheduler.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.platform.config.AppConfig;

@DisplayName("Quiet hours and who may receive a notice")
class NoticeQuietHoursTest {

  private static final ZoneId ZONE = ZoneId.of("Europe/Bucharest");
  private static final QuietHours DEFAULT = QuietHours.parse("21-08", ZONE);
  private static final NoticeComposer COMPOSER = new NoticeComposer(NoticeSettings.from(AppConfig.of(Map.of())));

  private static Instant at(int day, int hour, int minute) {
    return LocalDateTime.of(2026, 12, day, hour, minute).atZone(ZONE).toInstant();
  }

  @Test
  @DisplayName("21:00 to 08:00 Bucharest time is quiet, across midnight")
  void window() {
    assertFalse(DEFAULT.isQuiet(at(3, 20, 59)));
    assertTrue(DEFAULT.isQuiet(at(3, 21, 0)));
    assertTrue(DEFAULT.isQuiet(at(4, 0, 30)));
    assertTrue(DEFAULT.isQuiet(at(4, 7, 59)));
    assertFalse(DEFAULT.isQuiet(at(4, 8, 0)));
    assertEquals(at(4, 8, 0), DEFAULT.nextAllowed(at(3, 22, 15)));
    assertEquals(at(4, 8, 0), DEFAULT.nextAllowed(at(4, 3, 0)));
    assertEquals(at(4, 9, 0), DEFAULT.nextAllowed(at(4, 9, 0)));
    assertFalse(QuietHours.parse("none", ZONE).isQuiet(at(4, 3, 0)));
    assertTrue(QuietHours.parse("12:30-13:30", ZONE).isQuiet(at(4, 13, 0)));
  }

  @Test
  @DisplayName("the window follows local time over the daylight-saving change")
  void daylightSaving() {
    // 29 March 2026: clocks go from 03:00 to 04:00 in Bucharest
    Instant night = LocalDateTime.of(2026, 3, 29, 2, 30).atZone(ZONE).toInstant();
    assertEquals(LocalDateTime.of(2026, 3, 29, 8, 0).atZone(ZONE).toInstant(), DEFAULT.nextAllowed(night));
  }

  @Test
  @DisplayName("a notice written at night is held until 08:00; by day it is queued")
  void heldAtNight() {
    AppointmentFacts facts = facts("+40721000001", true, false);
    NoticeDraft night = COMPOSER.compose("k1", UUID.randomUUID(), NoticeKind.BOOKED, facts, null, null, at(3, 22, 40));
    assertEquals(NoticeStatus.HELD, night.status());
    assertEquals(at(4, 8, 0), night.notBefore());
    NoticeDraft day = COMPOSER.compose("k2", UUID.randomUUID(), NoticeKind.BOOKED, facts, null, null, at(4, 8, 0));
    assertEquals(NoticeStatus.QUEUED, day.status());
  }

  @Test
  @DisplayName("no phone, no consent or an opt-out suppresses the notice, with the reason")
  void suppressed() {
    Instant noon = at(3, 12, 0);
    assertEquals("no_phone", COMPOSER.compose("a", null, NoticeKind.BOOKED, facts(null, true, false), null, null, noon).reason());
    assertEquals("no_consent", COMPOSER.compose("b", null, NoticeKind.BOOKED, facts("+40721000002", false, false), null, null, noon).reason());
    NoticeDraft stopped = COMPOSER.compose("c", null, NoticeKind.BOOKED, facts("+40721000003", true, true), null, null, noon);
    assertEquals(NoticeStatus.SUPPRESSED, stopped.status());
    assertEquals("opted_out", stopped.reason());
  }

  private static AppointmentFacts facts(String phone, boolean consent, boolean optedOut) {
    return new AppointmentFacts(UUID.randomUUID(), UUID.randomUUID(), "counselling", "centre", at(10, 10, 0), "booked",
        "Ana", phone, consent, "ro", "Str. Bisericii nr. 3, Mărășești", null, "VN", null, optedOut);
  }
}
