package ro.caravana.scheduler.notice;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Hours in which no SMS leaves (by default 21:00 to 08:00 Europe/Bucharest). A window may wrap
 * midnight. A message due inside it is held until the window ends.
 */
public record QuietHours(LocalTime from, LocalTime to, ZoneId zone) {

  /** "21-08", "21:00-08:00", or "none". */
  public static QuietHours parse(String spec, ZoneId zone) {
    String s = spec.trim();
    if (s.isEmpty() || s.equalsIgnoreCase("none")) return new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, zone);
    String[] parts = s.split("-");
    if (parts.length != 2) throw new IllegalStateException("sms.quiet-hours must look like 21-08, got " + spec);
    return new QuietHours(time(parts[0]), time(parts[1]), zone);
  }

  private static LocalTime time(String part) {
    String p = part.trim();
    return p.contains(":") ? LocalTime.parse(p.length() == 4 ? "0" + p : p) : LocalTime.of(Integer.parseInt(p), 0);
  }

  public boolean isQuiet(Instant when) {
    if (from.equals(to)) return false;
    LocalTime t = when.atZone(zone).toLocalTime();
    return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
  }

  /** The first moment at or after {@code when} outside the window. */
  public Instant nextAllowed(Instant when) {
    if (!isQuiet(when)) return when;
    ZonedDateTime local = when.atZone(zone);
    ZonedDateTime end = local.toLocalDate().atTime(to).atZone(zone);
    if (!end.isAfter(local)) end = local.toLocalDate().plusDays(1).atTime(to).atZone(zone);
    return end.toInstant();
  }
}
