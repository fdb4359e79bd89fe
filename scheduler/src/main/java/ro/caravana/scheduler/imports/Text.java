package ro.caravana.scheduler.imports;

import java.text.Normalizer;
import java.util.Locale;

/** Comparing what people type: lower case, Romanian diacritics (both comma and cedilla forms) and marks removed. */
final class Text {

  private static final java.util.regex.Pattern MARKS = java.util.regex.Pattern.compile("\\p{M}+");
  private static final java.util.regex.Pattern OTHER = java.util.regex.Pattern.compile("[^a-z0-9]+");

  private Text() {}

  /** "Comuna/UAT" -> "comuna uat", "Ștefan cel Mare" -> "stefan cel mare". */
  static String fold(String s) {
    if (s == null) return "";
    String n = MARKS.matcher(Normalizer.normalize(s.strip().toLowerCase(Locale.ROOT), Normalizer.Form.NFD)).replaceAll("");
    return OTHER.matcher(n).replaceAll(" ").strip();
  }

  /** {@link #fold} without spaces: header names ("Data nașterii" -> "datanasterii"). */
  static String key(String s) {
    return fold(s).replace(" ", "");
  }
}
