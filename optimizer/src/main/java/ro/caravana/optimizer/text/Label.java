package ro.caravana.optimizer.text;

import java.util.Locale;

/**
 * What people read for one value of a closed list (a service, a status, a role, a constraint): Romanian with
 * diacritics, and English. Kept beside the list it names, so adding a value without its words fails a test.
 */
public record Label(String ro, String en) {

  public Label {
    if (ro == null || ro.isBlank() || en == null || en.isBlank()) throw new IllegalArgumentException("a label needs both languages");
  }

  /** The words in {@code language} ("ro" or "en"); anything else reads Romanian, the default. */
  public String in(String language) {
    return "en".equals(language == null ? null : language.toLowerCase(Locale.ROOT)) ? en : ro;
  }
}
