package ro.caravana.scheduler.notice;

import java.time.Instant;
import java.util.UUID;
import ro.caravana.scheduler.notice.text.SmsMessage;

/** A notice about to be stored: queued, held for quiet hours, or suppressed with a reason. */
public record NoticeDraft(String dedupeKey, UUID eventId, UUID appointmentId, UUID beneficiaryId, NoticeKind kind,
    String phone, String language, SmsMessage message, Instant startsAt, NoticeStatus status, String reason,
    Instant notBefore) {}
