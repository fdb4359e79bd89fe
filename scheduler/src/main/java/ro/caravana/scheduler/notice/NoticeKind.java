package ro.caravana.scheduler.notice;

import ro.caravana.optimizer.text.Label;

import java.util.Locale;

/** Why a family gets an SMS. The names are also the template file names. */
public enum NoticeKind {
  BOOKED, CHANGED, CANCELLED, REMINDER,
  /** Several appointments of one phone from one publish or re-plan, in one message. */
  DIGEST,
  /** The answer to a family's SMS: what was done. */
  REPLY,
  /** A question before acting ("cancel all three?"). */
  QUESTION,
  /** A freed slot offered to a family. */
  OFFER,
  /** After a no-show: we missed you, the next free place that fits will be offered. */
  NOSHOW;

  /** Kinds whose message is about one appointment and rendered from {@code sms/<language>/<kind>.hbs}. */
  public static final java.util.List<NoticeKind> SINGLE = java.util.List.of(BOOKED, CHANGED, CANCELLED, REMINDER, NOSHOW);

  public static java.util.Set<String> codes() {
    return java.util.Arrays.stream(values()).map(NoticeKind::code).collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static NoticeKind fromCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }

  /** What a coordinator reads for this kind of notice. */
  public Label label() {
    return switch (this) {
      case BOOKED -> new Label("Programare nouă", "New appointment");
      case CHANGED -> new Label("Programare modificată", "Appointment changed");
      case CANCELLED -> new Label("Programare anulată", "Appointment cancelled");
      case REMINDER -> new Label("Reamintire", "Reminder");
      case DIGEST -> new Label("Mai multe programări într-un mesaj", "Several appointments in one message");
      case REPLY -> new Label("Răspuns la mesajul familiei", "Answer to the family's message");
      case QUESTION -> new Label("Întrebare înainte de anulare", "Question before cancelling");
      case OFFER -> new Label("Loc eliberat oferit", "Freed slot offered");
      case NOSHOW -> new Label("După o absență", "After a missed appointment");
    };
  }
}
