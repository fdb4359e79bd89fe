package ro.caravana.scheduler.notice.reply;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an SMS answer. Case, diacritics, spaces and punctuation do not matter ("da.", " Da!",
 * "NU ", "Stop", "dă"); a repeated keyword still counts ("da da"). Anything else is OTHER.
 */
public final class ReplyParser {

  private static final Map<String, ReplyIntent> KEYWORDS = Map.ofEntries(
      Map.entry("da", ReplyIntent.CONFIRM), Map.entry("confirm", ReplyIntent.CONFIRM),
      Map.entry("confirmat", ReplyIntent.CONFIRM), Map.entry("yes", ReplyIntent.CONFIRM),
      Map.entry("nu", ReplyIntent.CANCEL), Map.entry("anulez", ReplyIntent.CANCEL),
      Map.entry("anulare", ReplyIntent.CANCEL), Map.entry("no", ReplyIntent.CANCEL),
      Map.entry("stop", ReplyIntent.STOP), Map.entry("dezabonare", ReplyIntent.STOP),
      Map.entry("unsubscribe", ReplyIntent.STOP));

  private ReplyParser() {}

  public static ReplyIntent parse(String text) {
    if (text == null) return ReplyIntent.OTHER;
    String plain = Normalizer.normalize(text, Normalizer.Form.NFD)
        .replaceAll("\\p{M}+", "")
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N}]+", " ")
        .strip();
    if (plain.isEmpty()) return ReplyIntent.OTHER;
    ReplyIntent found = null;
    for (String word : plain.split(" ")) {
      ReplyIntent intent = KEYWORDS.get(word);
      if (intent == null || (found != null && found != intent)) return ReplyIntent.OTHER;
      found = intent;
    }
    return found;
  }
}
