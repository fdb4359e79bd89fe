package ro.caravana.scheduler.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Calendar feeds: private revocable links, parsed by a standard iCalendar parser")
class CalendarFeedTest {

  static final String THERAPIST = "terapeut@caravana.demo";
  static final String BC = "coordonator.bc@caravana.demo";
  static final String VN = "coordonator.vn@caravana.demo";

  private static InteropFixture fx;
  private static long therapist;
  private static List<Row> mine;

  /** Three appointments of the demo therapist in the coming days, outside the fixture's week. */
  private static final String MINE = """
      INSERT INTO appointments (id, beneficiary_id, service, modality, starts_at, ends_at, staff_id, centre_id, status)
      SELECT gen_random_uuid(), p.id, 'speech_therapy', 'centre', $1::timestamptz + p.n * interval '1 day',
        $1::timestamptz + p.n * interval '1 day' + interval '30 minutes', $2,
        (SELECT c.id FROM community_centres c JOIN localities l ON l.siruta = c.locality_siruta
          WHERE l.county = 'BC' ORDER BY c.id LIMIT 1), 'booked'
      FROM (SELECT b.id, row_number() OVER (ORDER BY b.id DESC) AS n FROM beneficiaries b
            JOIN localities l ON l.siruta = b.locality_siruta WHERE l.county = 'BC' ORDER BY b.id DESC LIMIT 3) p
      RETURNING id, beneficiary_id""";

  @BeforeAll
  static void start() {
    fx = InteropFixture.get();
    therapist = fx.one("SELECT staff_id FROM accounts WHERE email = $1", Tuple.of(THERAPIST)).getLong(0);
    OffsetDateTime start = java.time.LocalDate.now(InteropFixture.ZONE).atTime(10, 0).atZone(InteropFixture.ZONE).toOffsetDateTime();
    mine = fx.all(MINE, Tuple.of(start, therapist));
  }

  private static Calendar parse(String ics) throws Exception {
    return new CalendarBuilder().build(new StringReader(ics));
  }

  private static String link(String path, String email) {
    var r = fx.get(path, email);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    String url = r.bodyAsJsonObject().getString("url");
    assertTrue(url.matches("https?://.+/api/calendar/[A-Za-z0-9_-]{43}\\.ics"), url);
    return url.substring(url.indexOf("/api/calendar/"));
  }

  private static Map<String, VEvent> events(Calendar calendar) {
    Map<String, VEvent> out = new HashMap<>();
    for (Component c : calendar.getComponents(Component.VEVENT)) {
      VEvent e = (VEvent) c;
      out.put(e.getProperty(Property.UID).orElseThrow().getValue(), e);
    }
    return out;
  }

  @Test
  @DisplayName("a staff member's feed works without a session: one VEVENT per appointment, VTIMEZONE, first names only")
  void staffFeed() throws Exception {
    String feed = link("/api/staff/" + therapist + "/calendar-link", THERAPIST);
    // the same link for a coordinator of the county, not for another county or another staff member
    assertEquals(feed, link("/api/staff/" + therapist + "/calendar-link", BC));
    assertEquals(404, fx.get("/api/staff/" + therapist + "/calendar-link", VN).statusCode());
    long doctor = fx.one("SELECT staff_id FROM accounts WHERE email = 'medic@caravana.demo'", Tuple.tuple()).getLong(0);
    assertEquals(404, fx.get("/api/staff/" + doctor + "/calendar-link", THERAPIST).statusCode());
    assertEquals(401, fx.get("/api/staff/" + therapist + "/calendar-link", null).statusCode());

    var r = fx.get(feed, null);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertTrue(r.getHeader("Content-Type").startsWith("text/calendar"));
    String ics = r.bodyAsString();
    Calendar calendar = parse(ics);
    assertEquals(1, calendar.getComponents(Component.VTIMEZONE).size());
    assertTrue(ics.contains("TZID:Europe/Bucharest"), ics);
    Map<String, VEvent> events = events(calendar);
    assertEquals(3, events.size(), ics);
    for (Row a : mine) {
      VEvent e = events.get(a.getUUID("id") + "@caravana.ro");
      assertNotNull(e, "UID of " + a.getUUID("id"));
      Row now = fx.one("SELECT version, status FROM appointments WHERE id = $1", Tuple.of(a.getUUID("id")));
      assertEquals(String.valueOf(now.getInteger("version") - 1), e.getProperty(Property.SEQUENCE).orElseThrow().getValue());
      assertEquals(now.getString("status").equals("cancelled") ? "CANCELLED" : "CONFIRMED",
          e.getProperty(Property.STATUS).orElseThrow().getValue());
      Row person = fx.one("SELECT first_name, last_name, cnp FROM beneficiaries WHERE id = $1", Tuple.of(a.getUUID("beneficiary_id")));
      assertEquals("Logopedie – " + person.getString("first_name"), e.getProperty(Property.SUMMARY).orElseThrow().getValue());
      // no surname in any event (the calendar's own name is the staff member's)
      for (VEvent other : events.values()) {
        for (Property property : other.getProperties()) {
          if (!person.getString("last_name").equals(person.getString("first_name"))) {
            assertFalse(property.getValue().matches("(?s).*\\b" + person.getString("last_name") + "\\b.*"),
                "surname in " + property.getName() + ": " + property.getValue());
          }
        }
      }
      if (person.getString("cnp") != null) assertFalse(ics.contains(person.getString("cnp")), "no CNP in the feed");
      assertTrue(e.getProperty(Property.DTSTART).orElseThrow().getParameter("TZID").isPresent());
    }
  }

  @Test
  @DisplayName("a change raises SEQUENCE under the same UID, a cancellation stays in the feed as STATUS:CANCELLED")
  void changesAndCancellations() throws Exception {
    String feed = link("/api/staff/" + therapist + "/calendar-link", THERAPIST);
    UUID cancelled = mine.get(0).getUUID("id");
    var r = fx.call(HttpMethod.PATCH, "/api/appointments/" + cancelled, BC, "application/json",
        new JsonObject().put("status", "cancelled").encode());
    assertEquals(200, r.statusCode(), r.bodyAsString());
    Map<String, VEvent> events = events(parse(fx.get(feed, null).bodyAsString()));
    assertEquals(3, events.size());
    VEvent e = events.get(cancelled + "@caravana.ro");
    assertEquals("CANCELLED", e.getProperty(Property.STATUS).orElseThrow().getValue());
    assertEquals("1", e.getProperty(Property.SEQUENCE).orElseThrow().getValue());
    assertEquals("0", events.get(mine.get(1).getUUID("id") + "@caravana.ro").getProperty(Property.SEQUENCE).orElseThrow().getValue());
  }

  @Test
  @DisplayName("rotating replaces the URL and kills the old one; revoking kills it; forged tokens are 404")
  void rotateRevokeAndForgeries() {
    String before = link("/api/staff/" + therapist + "/calendar-link", THERAPIST);
    var rotated = fx.call(HttpMethod.POST, "/api/staff/" + therapist + "/calendar-link/rotate", THERAPIST, "application/json", "{}");
    assertEquals(201, rotated.statusCode(), rotated.bodyAsString());
    String after = rotated.bodyAsJsonObject().getString("url");
    after = after.substring(after.indexOf("/api/calendar/"));
    assertFalse(before.equals(after));
    assertEquals(404, fx.get(before, null).statusCode());
    assertEquals(200, fx.get(after, null).statusCode());
    String token = after.substring("/api/calendar/".length(), after.length() - 4);
    char last = token.charAt(token.length() - 1);
    String forged = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    for (String path : List.of("/api/calendar/" + forged + ".ics", "/api/calendar/" + token, "/api/calendar/" + token + ".ics.ics",
        "/api/calendar/%D9%A1.ics", "/api/calendar/" + token.toUpperCase() + ".ics", "/api/calendar/-1.ics")) {
      assertEquals(404, fx.get(path, null).statusCode(), path);
    }
    assertEquals(204, fx.call(HttpMethod.DELETE, "/api/staff/" + therapist + "/calendar-link", BC, null, null).statusCode());
    assertEquals(404, fx.get(after, null).statusCode());
    // the next request for a link makes a new feed
    assertEquals(200, fx.get(link("/api/staff/" + therapist + "/calendar-link", THERAPIST), null).statusCode());
    for (String id : List.of("%D9%A1", "-1", "1.0", "abc", "+1")) {
      int status = fx.get("/api/staff/" + id + "/calendar-link", BC).statusCode();
      assertTrue(status == 400 || status == 404, id + ": " + status);
    }
  }

  @Test
  @DisplayName("a caravan's feed: its appointments, for its county's coordinator only")
  void caravanFeed() throws Exception {
    Row caravan = fx.one("SELECT id, county FROM caravans WHERE county = 'VN' ORDER BY id LIMIT 1", Tuple.tuple());
    long id = caravan.getLong("id");
    fx.all("UPDATE appointments SET caravan_id = $1 WHERE id = ANY($2)", Tuple.tuple().addValue(id)
        .addValue(mine.stream().skip(1).map(r -> r.getUUID("id")).toArray(UUID[]::new)));
    String feed = link("/api/caravans/" + id + "/calendar-link", VN);
    assertEquals(404, fx.get("/api/caravans/" + id + "/calendar-link", BC).statusCode());
    assertEquals(404, fx.get("/api/caravans/" + id + "/calendar-link", THERAPIST).statusCode());
    Map<String, VEvent> events = events(parse(fx.get(feed, null).bodyAsString()));
    assertEquals(2, events.size());
  }
}
