package ro.caravana.scheduler.notice.text;

import java.text.Normalizer;
import java.util.Map;

/**
 * Turns a text into what is actually sent. By default every character outside GSM-7 is
 * transliterated (Romanian diacritics lose their marks, typographic quotes and dashes become
 * plain ones, emoji are dropped), so a Romanian message stays at 160 characters a segment instead
 * of 70. With {@code unicode} on, a text that does not fit GSM-7 is sent as UCS-2 unchanged.
 */
public final class SmsText {

  private static final Map<Integer, String> REPLACEMENTS = Map.ofEntries(
      // Romanian: comma-below (correct) and cedilla (legacy) forms alike
      Map.entry((int) 'ă', "a"), Map.entry((int) 'Ă', "A"), Map.entry((int) 'â', "a"), Map.entry((int) 'Â', "A"),
      Map.entry((int) 'î', "i"), Map.entry((int) 'Î', "I"),
      Map.entry((int) 'ș', "s"), Map.entry((int) 'Ș', "S"), Map.entry((int) 'ş', "s"), Map.entry((int) 'Ş', "S"),
      Map.entry((int) 'ț', "t"), Map.entry((int) 'Ț', "T"), Map.entry((int) 'ţ', "t"), Map.entry((int) 'Ţ', "T"),
      // punctuation a keyboard or a word processor puts in names and addresses
      Map.entry((int) '„', "\""), Map.entry((int) '”', "\""), Map.entry((int) '“', "\""), Map.entry((int) '«', "\""),
      Map.entry((int) '»', "\""), Map.entry((int) '‘', "'"), Map.entry((int) '’', "'"), Map.entry((int) '‚', "'"),
      Map.entry((int) '`', "'"), Map.entry((int) '´', "'"),
      Map.entry((int) '–', "-"), Map.entry((int) '—', "-"), Map.entry((int) '‐', "-"), Map.entry((int) '‑', "-"),
      Map.entry((int) '−', "-"), Map.entry((int) '…', "..."), Map.entry((int) '•', "-"), Map.entry((int) '·', "."),
      Map.entry((int) '\u00A0', " "), Map.entry((int) '\u202F', " "), Map.entry((int) '\u2009', " "),
      Map.entry((int) '\t', " "), Map.entry((int) 'ç', "c"),
      Map.entry((int) '©', "(c)"), Map.entry((int) '®', "(R)"), Map.entry((int) '™', "TM"), Map.entry((int) '°', "o"),
      Map.entry((int) '×', "x"), Map.entry((int) '№', "Nr."));

  private SmsText() {}

  /** The GSM-7 form of a text: every character is in the alphabet afterwards. */
  public static String transliterate(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int[] cps = text.codePoints().toArray();
    for (int cp : cps) {
      if (Gsm7.isGsm(cp)) {
        out.appendCodePoint(cp);
        continue;
      }
      String r = REPLACEMENTS.get(cp);
      if (r != null) {
        out.append(r);
        continue;
      }
      if (isDroppable(cp)) continue;
      String stripped = stripMarks(cp);
      if (!stripped.isEmpty() && Gsm7.fits(stripped)) {
        out.append(stripped);
      } else if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        out.append(' ');
      } else {
        out.append('?');
      }
    }
    return out.toString().replaceAll(" {2,}", " ").strip();
  }

  /** Analyses a text for sending: transliterated unless {@code unicode} is on and the text needs it. */
  public static SmsMessage prepare(String text, boolean unicode, int baniPerSegment) {
    String body = unicode || Gsm7.fits(text) ? text : transliterate(text);
    return analyse(body, baniPerSegment);
  }

  /** Encoding, length, segments and cost of a body exactly as given (nothing is replaced). */
  public static SmsMessage analyse(String body, int baniPerSegment) {
    if (Gsm7.fits(body)) {
      int[] sizes = new int[body.length()];
      for (int i = 0; i < body.length(); i++) sizes[i] = Gsm7.septets(body.charAt(i));
      int segments = segments(sizes, SmsEncoding.GSM_7);
      return new SmsMessage(body, SmsEncoding.GSM_7, Gsm7.septetCount(body), segments, segments * baniPerSegment);
    }
    int[] sizes = body.codePoints().map(Character::charCount).toArray();
    int segments = segments(sizes, SmsEncoding.UCS_2);
    return new SmsMessage(body, SmsEncoding.UCS_2, body.length(), segments, segments * baniPerSegment);
  }

  /**
   * Segments needed for characters of the given sizes. A character is never split across two
   * segments: an escape pair or a surrogate pair that does not fit starts the next segment.
   */
  static int segments(int[] sizes, SmsEncoding encoding) {
    int total = 0;
    for (int s : sizes) total += s;
    if (total == 0) return 1;
    if (total <= encoding.singleSegment()) return 1;
    int capacity = encoding.concatenatedSegment();
    int segments = 1;
    int used = 0;
    for (int s : sizes) {
      if (used + s > capacity) {
        segments++;
        used = 0;
      }
      used += s;
    }
    return segments;
  }

  /** Emoji, pictographs, variation selectors and joiners: meaningless once transliterated. */
  private static boolean isDroppable(int cp) {
    int type = Character.getType(cp);
    return type == Character.OTHER_SYMBOL || type == Character.SURROGATE || type == Character.FORMAT
        || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.CONTROL
        || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF);
  }

  private static String stripMarks(int cp) {
    String decomposed = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKD);
    StringBuilder sb = new StringBuilder();
    decomposed.codePoints().filter(c -> Character.getType(c) != Character.NON_SPACING_MARK).forEach(sb::appendCodePoint);
    return sb.toString();
  }
}
