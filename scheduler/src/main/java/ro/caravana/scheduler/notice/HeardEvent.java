package ro.caravana.scheduler.notice;

import java.util.Optional;
import java.util.UUID;
import ro.caravana.scheduler.appointment.AppointmentEvent;
import ro.caravana.scheduler.platform.outbox.EventEnvelope;

/**
 * An appointment event the notifier may have to tell a family about, read with the shared codec; the kind
 * of notice follows from the event type (a switch, never a substring). Types and versions this code does
 * not know are logged and skipped by {@link EventEnvelope#known()}.
 */
record HeardEvent(UUID eventId, NoticeKind kind, AppointmentEvent event) {

  static Optional<HeardEvent> of(String value) {
    return EventEnvelope.decode(value).flatMap(envelope -> AppointmentEvent.from(envelope).flatMap(e -> {
      NoticeKind kind = switch (e.type()) {
        case APPOINTMENT_BOOKED -> NoticeKind.BOOKED;
        case APPOINTMENT_CHANGED -> NoticeKind.CHANGED;
        case APPOINTMENT_CANCELLED -> NoticeKind.CANCELLED;
        case APPOINTMENT_NOSHOW -> NoticeKind.NOSHOW;
        default -> null; // proposed, confirmed, arrived, fulfilled: nothing new for the family
      };
      return kind == null ? Optional.empty() : Optional.of(new HeardEvent(envelope.eventId(), kind, e));
    }));
  }

  UUID appointmentId() {
    return event.appointmentId();
  }
}
