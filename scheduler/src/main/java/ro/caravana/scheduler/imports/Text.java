package ro.caravana.scheduler.imports;

import java.text.Normalizer;
import java.util.Locale;

/** Comparing what people type: lower case, Romanian diacritics (both comma and cedilla forms) and marks removed. */
final class Text {

  private Text() {}

  /** "Comuna/UAT" -> "comuna uat", "Ștefan cel Mare" -> "stefan cel mare". */
  static String fold(String s) {
    if (s == null) return "";
    String n = Normalizer.normalize(s.strip().toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
        .replaceAll("\\p{M}+", "");
    return n.replaceAll("[^a-z0-9]+", " ").strip();
  }

  /** {@link #fold} without spaces: header names ("Data nașterii" -> "datanasterii"). */
  static String key(String s) {
    return fold(s).replace(" ", "");
  }
}
