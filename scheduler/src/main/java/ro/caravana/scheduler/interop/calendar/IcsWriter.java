package ro.caravana.scheduler.interop.calendar;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.CalScale;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * iCalendar (RFC 5545) text of appointments, with ical4j: one {@code VEVENT} per appointment with a stable
 * {@code UID} (the appointment id), a {@code SEQUENCE} raised on every change, cancelled appointments kept
 * as {@code STATUS:CANCELLED}, times in {@code Europe/Bucharest} with its {@code VTIMEZONE}.
 *
 * <p>{@link #single} is the one-appointment {@code .ics} (the family page's "add to calendar");
 * {@link #feed} the subscribed feed of a staff member or a caravan. Both are pure: callers load the entries.
 */
public final class IcsWriter {

  public static final String CONTENT_TYPE = "text/calendar; charset=utf-8";
  private static final String PRODUCT = "-//Caravana//Programări//RO";
  private static final String UID_DOMAIN = "@caravana.ro";

  private final ZoneId zone;
  private final VTimeZone vtimezone;

  public IcsWriter(ZoneId zone) {
    this.zone = zone;
    TimeZoneRegistry registry = TimeZoneRegistryFactory.getInstance().createRegistry();
    var tz = registry.getTimeZone(zone.getId());
    if (tz == null) throw new IllegalStateException("no iCalendar time zone definition for " + zone.getId());
    this.vtimezone = tz.getVTimeZone();
  }

  /** A subscribed feed: every entry, a name the calendar app shows, refreshed hourly by clients that honour it. */
  public String feed(String name, List<CalendarEntry> entries) {
    Calendar calendar = calendar(Method.VALUE_PUBLISH);
    calendar.add(new XProperty("X-WR-CALNAME", name));
    calendar.add(new XProperty("X-WR-TIMEZONE", zone.getId()));
    calendar.add(new XProperty("X-PUBLISHED-TTL", "PT1H"));
    for (CalendarEntry e : entries) calendar.add(event(e));
    return calendar.toString();
  }

  /** One appointment as a file to open in a calendar app. */
  public String single(CalendarEntry entry) {
    Calendar calendar = calendar(Method.VALUE_PUBLISH);
    calendar.add(event(entry));
    return calendar.toString();
  }

  private Calendar calendar(String method) {
    Calendar calendar = new Calendar();
    calendar.add(new ProdId(PRODUCT));
    calendar.add(ImmutableVersion.VERSION_2_0);
    calendar.add(new CalScale(CalScale.VALUE_GREGORIAN));
    calendar.add(new Method(method));
    calendar.add(vtimezone);
    return calendar;
  }

  private VEvent event(CalendarEntry e) {
    VEvent event = new VEvent(e.start().withZoneSameInstant(zone), e.end().withZoneSameInstant(zone), e.title());
    event.add(new Uid(e.appointmentId() + UID_DOMAIN));
    event.add(new Sequence(Math.max(0, e.sequence())));
    event.add(new DtStamp(e.lastModified().atOffset(ZoneOffset.UTC).toInstant()));
    event.add(new LastModified(e.lastModified().atOffset(ZoneOffset.UTC).toInstant()));
    if (e.place() != null) event.add(new Location(e.place()));
    event.add(new Status(switch (e.status()) {
      case "cancelled" -> Status.VALUE_CANCELLED;
      case "proposed" -> Status.VALUE_TENTATIVE;
      default -> Status.VALUE_CONFIRMED;
    }));
    return event;
  }
}
