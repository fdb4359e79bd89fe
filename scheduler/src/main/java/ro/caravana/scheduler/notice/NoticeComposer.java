package ro.caravana.scheduler.notice;

import java.time.Instant;
import java.util.UUID;
import ro.caravana.scheduler.notice.text.MessageFacts;
import ro.caravana.scheduler.notice.text.NoticeTemplates;
import ro.caravana.scheduler.notice.text.SmsMessage;
import ro.caravana.scheduler.notice.text.SmsText;

/**
 * Decides what one notice is: its text (template, transliteration, segments, cost) and whether it
 * may go (consent, opt-out, a phone at all, quiet hours).
 */
public final class NoticeComposer {

  private final NoticeSettings settings;
  private final NoticeTemplates templates;

  public NoticeComposer(NoticeSettings settings) {
    this.settings = settings;
    this.templates = new NoticeTemplates(settings.zone(), settings.defaultLanguage());
  }

  /**
   * Compiles every template and renders each once. Handlebars' first compile takes a second or
   * two; done here (off the event loop, at start) it does not stall the first batch of events.
   */
  public void warmUp() {
    java.time.Instant t = java.time.Instant.now();
    for (String language : NoticeTemplates.LANGUAGES) {
      for (NoticeKind kind : NoticeKind.values()) {
        AppointmentFacts facts = new AppointmentFacts(UUID.randomUUID(), UUID.randomUUID(), "kinetotherapy", "centre",
            t, "booked", "Ana", "+40720000000", true, language, "Str. Școlii nr. 5, Onești", null, "BC", null, false);
        compose("warm-up", null, kind, facts, t, null, t);
      }
    }
  }

  public NoticeDraft compose(String dedupeKey, UUID eventId, NoticeKind kind, AppointmentFacts facts,
      Instant previousStartsAt, String linkToken, Instant now) {
    String language = templates.language(facts.language());
    String link = facts.remote() && linkToken != null ? settings.linkBase() + "/" + linkToken : null;
    String text = templates.render(kind, language, new MessageFacts(facts.firstName(), facts.service(),
        facts.startsAt(), previousStartsAt, facts.centreAddress(), facts.stopName(), link));
    SmsMessage message = SmsText.prepare(text, settings.unicode(), settings.costBaniPerSegment());
    NoticeStatus status;
    String reason = null;
    Instant notBefore = now;
    if (facts.phone() == null) {
      status = NoticeStatus.SUPPRESSED;
      reason = "no_phone";
    } else if (!facts.smsConsent()) {
      status = NoticeStatus.SUPPRESSED;
      reason = "no_consent";
    } else if (facts.optedOut()) {
      status = NoticeStatus.SUPPRESSED;
      reason = "opted_out";
    } else if (settings.quietHours().isQuiet(now)) {
      status = NoticeStatus.HELD;
      reason = "quiet_hours";
      notBefore = settings.quietHours().nextAllowed(now);
    } else {
      status = NoticeStatus.QUEUED;
    }
    return new NoticeDraft(dedupeKey, eventId, facts.appointmentId(), facts.beneficiaryId(), kind, facts.phone(),
        language, message, facts.startsAt(), status, reason, notBefore);
  }
}
