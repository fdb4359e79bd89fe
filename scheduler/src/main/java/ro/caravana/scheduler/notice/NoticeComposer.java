package ro.caravana.scheduler.notice;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ro.caravana.scheduler.access.FamilyLinks;
import ro.caravana.scheduler.notice.text.AnswerText;
import ro.caravana.scheduler.notice.text.DigestText;
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
  private final FamilyLinks familyLinks;

  /** A composer that renders and decides only ({@link #links} needs family links). */
  public NoticeComposer(NoticeSettings settings) {
    this(settings, null);
  }

  public NoticeComposer(NoticeSettings settings, FamilyLinks familyLinks) {
    this.settings = settings;
    this.templates = new NoticeTemplates(settings.zone(), settings.defaultLanguage());
    this.familyLinks = familyLinks;
  }

  /**
   * The link codes for the messages about to be composed, in the caller's transaction: for each
   * appointment whose message carries a link (remote consultations) and will be sent (a phone, consent,
   * not opted out), its short code, backed by a signed family link to that appointment alone. A signed
   * token is 45 characters (a 67-character link with the default base); with a place-long template it
   * would not fit one GSM-7 segment, so the message carries the 10-character code and {@code GET /l/{code}}
   * redirects to {@code /api/family/{token}}. Nothing is issued for a message that will not go: a link
   * revoked by an erasure stays revoked.
   */
  public Future<Map<UUID, String>> links(SqlClient tx, Collection<AppointmentFacts> facts) {
    Map<UUID, String> out = new HashMap<>();
    if (familyLinks == null) return Future.succeededFuture(out);
    Future<Void> chain = Future.succeededFuture();
    for (AppointmentFacts f : facts) {
      if (!f.remote() || f.phone() == null || !f.smsConsent() || f.optedOut() || out.containsKey(f.appointmentId())) continue;
      out.put(f.appointmentId(), null);
      chain = chain.compose(v -> NoticeRepository.linkToken(tx, familyLinks, f.appointmentId()).map(code -> {
        out.put(f.appointmentId(), code);
        return null;
      }));
    }
    return chain.map(v -> out);
  }

  /**
   * Compiles every template and renders each once. Handlebars' first compile takes a second or
   * two; done here (off the event loop, at start) it does not stall the first batch of events.
   */
  public void warmUp() {
    java.time.Instant t = java.time.Instant.now();
    for (String language : NoticeTemplates.LANGUAGES) {
      for (NoticeKind kind : NoticeKind.SINGLE) {
        AppointmentFacts facts = new AppointmentFacts(UUID.randomUUID(), UUID.randomUUID(), "kinetotherapy", "centre",
            t, "booked", "Ana", "+40720000000", true, language, "Str. Școlii nr. 5, Onești", null, "BC", null, false);
        compose("warm-up", null, kind, facts, t, null, t);
      }
    }
  }

  public NoticeDraft compose(String dedupeKey, UUID eventId, NoticeKind kind, AppointmentFacts facts,
      Instant previousStartsAt, String linkToken, Instant now) {
    return compose(dedupeKey, eventId, kind, facts, previousStartsAt, linkToken, null, now);
  }

  /** As above, with the reason class of a cancellation (the family is told why, or that it was at its request). */
  public NoticeDraft compose(String dedupeKey, UUID eventId, NoticeKind kind, AppointmentFacts facts,
      Instant previousStartsAt, String linkToken, String reason, Instant now) {
    String language = templates.language(facts.language());
    // booked, changed and reminder messages of remote consultations carry the link; a cancellation does not
    String link = facts.remote() && linkToken != null && kind != NoticeKind.CANCELLED
        ? settings.linkBase() + "/" + linkToken : null;
    String text = templates.render(kind, language, new MessageFacts(facts.firstName(), facts.service(),
        facts.startsAt(), previousStartsAt, facts.centreAddress(), facts.stopName(), link, reason));
    return draft(dedupeKey, eventId, kind, facts.appointmentId(), facts, text, now);
  }

  /**
   * One message for several appointments of one phone (a publish's digest), listed in date order; the
   * contact, consent and language are those of the first one's beneficiary (one phone, one family).
   */
  public NoticeDraft composeDigest(String dedupeKey, List<AppointmentFacts> facts, Map<UUID, String> linkTokens,
      Instant now) {
    List<AppointmentFacts> sorted = new ArrayList<>(facts);
    sorted.sort(Comparator.comparing(AppointmentFacts::startsAt));
    AppointmentFacts first = sorted.get(0);
    String language = templates.language(first.language());
    List<DigestText.Line> lines = sorted.stream().map(f -> new DigestText.Line(f.firstName(), f.service(), f.startsAt(),
        place(f, language, linkTokens.get(f.appointmentId())))).toList();
    return draft(dedupeKey, null, NoticeKind.DIGEST, null, first, DigestText.render(templates, language, lines), now);
  }

  /**
   * The answer to a family's SMS (kind reply, question or cancelled), about the appointments it acted on, in the
   * language of the first one's beneficiary; it goes at once, quiet hours or not: the family has just written.
   * An offer of a freed slot (kind offer) is written the same way but waits for the end of quiet hours.
   */
  public NoticeDraft composeAnswer(String dedupeKey, NoticeKind kind, AnswerText.Said said, List<AppointmentFacts> about,
      Instant now) {
    AppointmentFacts first = about.get(0);
    String language = templates.language(first.language());
    List<DigestText.Line> lines = about.stream().map(f -> new DigestText.Line(f.firstName(), f.service(), f.startsAt(),
        place(f, language, null))).toList();
    NoticeDraft d = draft(dedupeKey, null, kind, about.size() == 1 ? first.appointmentId() : null, first,
        AnswerText.render(templates, language, said, lines), now);
    return d.status() == NoticeStatus.HELD && kind != NoticeKind.OFFER
        ? new NoticeDraft(d.dedupeKey(), d.eventId(), d.appointmentId(), d.beneficiaryId(), d.kind(), d.phone(),
            d.language(), d.message(), d.startsAt(), NoticeStatus.QUEUED, null, now)
        : d;
  }

  /** A message to this appointment's family would go out (a phone, consent, no STOP). */
  public boolean willSend(AppointmentFacts f) {
    return f.phone() != null && f.smsConsent() && !f.optedOut();
  }

  /** The place as a message names it: the video link, the caravan's stop or the centre's address. */
  private String place(AppointmentFacts f, String language, String token) {
    if (f.remote() && token != null) return "video: " + settings.linkBase() + "/" + token;
    if (f.stopName() != null) return ("en".equals(language) ? "caravan, " : "caravana, ") + f.stopName();
    return f.centreAddress() == null ? "" : f.centreAddress();
  }

  private NoticeDraft draft(String dedupeKey, UUID eventId, NoticeKind kind, UUID appointmentId, AppointmentFacts facts,
      String text, Instant now) {
    String language = templates.language(facts.language());
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
    return new NoticeDraft(dedupeKey, eventId, appointmentId, facts.beneficiaryId(), kind, facts.phone(),
        language, message, facts.startsAt(), status, reason, notBefore);
  }
}
