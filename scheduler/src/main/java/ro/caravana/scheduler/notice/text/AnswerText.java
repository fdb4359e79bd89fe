package ro.caravana.scheduler.notice.text;

import java.util.List;

/** The answer to a family's SMS, saying what was done (or asking before doing it). */
public final class AnswerText {

  /** What the answer says. */
  public enum Said { CONFIRMED, CANCELLED, ASK_CANCEL_ALL, KEPT, NOTHING_TO_CHANGE, OFFER, OFFER_TAKEN, OFFER_LOST }

  private AnswerText() {}

  public static String render(NoticeTemplates templates, String preferredLanguage, Said said,
      List<DigestText.Line> about) {
    String language = templates.language(preferredLanguage);
    boolean en = "en".equals(language);
    int n = about.size();
    String one = n == 1 ? describe(templates, language, about.get(0)) : null;
    return switch (said) {
      case CONFIRMED -> n == 1
          ? (en ? "Thank you! " + one + ": see you then." : "Multumim! " + one + ": va asteptam.")
          : (en ? "Thank you! All " + n + " appointments are confirmed." : "Multumim! Am confirmat toate cele " + n
              + " programari.");
      case CANCELLED -> n == 1
          ? (en ? "Cancelled as you asked: " + one + ". We will call you with a new date."
              : "Am anulat, cum ati cerut: " + one + ". Va vom contacta pentru o noua programare.")
          : (en ? "Cancelled as you asked: all " + n + " appointments. We will call you with new dates."
              : "Am anulat, cum ati cerut, toate cele " + n + " programari. Va vom contacta pentru noi programari.");
      case ASK_CANCEL_ALL -> en
          ? "Cancel all " + n + " appointments? Reply YES to cancel all, or NO 2 to cancel only no. 2."
          : "Anulati toate cele " + n + " programari? Raspundeti DA pentru toate sau NU 2 pentru a anula doar nr. 2.";
      case KEPT -> en ? "Fine, your appointments stay as they are." : "Bine, programarile raman asa cum sunt.";
      case OFFER -> en
          ? "A place is free: " + one + ", " + about.get(0).place() + ". Reply YES to take it."
          : "Un loc s-a eliberat: " + one + ", " + about.get(0).place() + ". Raspundeti DA pentru a-l primi.";
      case OFFER_TAKEN -> en
          ? "The place is yours: " + one + ", " + about.get(0).place() + ". See you then."
          : "Locul este al dvs.: " + one + ", " + about.get(0).place() + ". Va asteptam.";
      case OFFER_LOST -> en
          ? "Sorry, the place offered (" + one + ") has been taken. Your appointments stay as they are."
          : "Ne pare rau, locul oferit (" + one + ") a fost ocupat. Programarile dvs. raman asa cum sunt.";
      case NOTHING_TO_CHANGE -> en
          ? "This appointment can no longer be changed by SMS. A coordinator will call you."
          : "Programarea nu mai poate fi schimbata prin SMS. Un coordonator va va suna.";
    };
  }

  private static String describe(NoticeTemplates templates, String language, DigestText.Line l) {
    return l.name() + ", " + templates.service(language, l.service()) + " "
        + SmsDates.compact(l.startsAt(), templates.zone(), language, true);
  }
}
