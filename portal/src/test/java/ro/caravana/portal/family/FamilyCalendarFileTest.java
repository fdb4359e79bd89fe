package ro.caravana.portal.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.portal.server.PortalRoutes;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.consultation.ConsultationFixtures;
import ro.caravana.scheduler.support.TestSystem;

@DisplayName("The family page's calendar file is written by the interop calendar code: VTIMEZONE, stable UID, no name")
class FamilyCalendarFileTest {

  private static Vertx vertx;
  private static SchedulerApp app;
  private static WebClient client;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    app = TestSystem.startApp(vertx, false, TestSystem.config(Map.of()), PortalRoutes::mount)
        .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("/familie/{token}/programare.ics parses with ical4j: one VEVENT, the appointment's UID, Bucharest time zone")
  void calendarFile() throws Exception {
    ConsultationFixtures fixtures = ConsultationFixtures.create(app.pool());
    OffsetDateTime start = OffsetDateTime.now(ZoneId.of("Europe/Bucharest")).plusDays(3).withHour(10).withMinute(0)
        .withSecond(0).withNano(0);
    UUID id = fixtures.appointment("caravan", start, 30, "booked");
    String link = app.access().familyLinks().issue(id).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    var r = client.get(app.port(), "127.0.0.1", "/familie/" + link + "/programare.ics").send()
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertTrue(r.getHeader("Content-Type").startsWith("text/calendar"), r.getHeader("Content-Type"));
    String text = r.bodyAsString();
    Calendar calendar = new CalendarBuilder().build(new StringReader(text));
    List<VEvent> events = calendar.getComponents(Component.VEVENT);
    assertEquals(1, events.size());
    VEvent event = events.get(0);
    // the same UID as in the staff and caravan feeds, so a calendar holding both sees one appointment
    assertEquals(id + "@caravana.ro", event.getProperty(Property.UID).orElseThrow().getValue());
    assertEquals("Europe/Bucharest", calendar.getComponent(Component.VTIMEZONE).orElseThrow()
        .getProperty(Property.TZID).orElseThrow().getValue());
    Property dtstart = event.getProperty(Property.DTSTART).orElseThrow();
    assertEquals("Europe/Bucharest", dtstart.getParameter("TZID").orElseThrow().getValue());
    assertEquals(start.toInstant(), java.time.LocalDateTime.parse(dtstart.getValue(),
        java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")).atZone(ZoneId.of("Europe/Bucharest")).toInstant());
    assertEquals("CONFIRMED", event.getProperty(Property.STATUS).orElseThrow().getValue());
    assertFalse(text.contains("Țurcanu"), "no surname in the file");
    assertFalse(text.contains("Andrei"), "no name at all in the family's own file");
    // a forged token is the page's "gone" answer, not a file
    var forged = client.get(app.port(), "127.0.0.1", "/familie/" + "A".repeat(22) + "." + "B".repeat(22) + "/programare.ics")
        .send().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertEquals(404, forged.statusCode());
    assertFalse(forged.bodyAsString().contains("BEGIN:VCALENDAR"));
  }
}
