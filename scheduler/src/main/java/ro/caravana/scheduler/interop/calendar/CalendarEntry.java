package ro.caravana.scheduler.interop.calendar;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.UUID;

/**
 * One appointment as a calendar event: what an iCalendar {@code VEVENT} needs and nothing more. The
 * title carries a service and at most a first name (never a surname or a CNP).
 *
 * @param sequence how many times it changed since it was first published (the appointment's version - 1)
 * @param status   the appointment's status (proposed, booked, arrived, fulfilled, cancelled, noshow)
 */
public record CalendarEntry(UUID appointmentId, int sequence, String title, String place, ZonedDateTime start,
    ZonedDateTime end, String status, Instant lastModified) {}
