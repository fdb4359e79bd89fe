package ro.caravana.portal.family;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** One appointment as an iCalendar file (RFC 5545) that a phone's calendar adds; times in UTC. */
final class Ics {

  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private Ics() {}

  static String event(String uid, OffsetDateTime start, OffsetDateTime end, String summary, String location) {
    return String.join("\r\n",
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Caravana//Programari//RO",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        "UID:" + uid + "@caravana",
        "DTSTAMP:" + UTC.format(Instant.now()),
        "DTSTART:" + UTC.format(start),
        "DTEND:" + UTC.format(end),
        "SUMMARY:" + text(summary),
        "LOCATION:" + text(location),
        "END:VEVENT",
        "END:VCALENDAR", "");
  }

  /** TEXT values escape backslash, semicolon, comma and line breaks. */
  static String text(String s) {
    return s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r", "").replace("\n", "\\n");
  }
}
