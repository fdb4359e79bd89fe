package ro.caravana.scheduler.notice.reply;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an SMS answer as families write it. Case, diacritics and punctuation are folded away and
 * repeated letters squeezed ("Dââ!!", "nuuu"); greetings and thanks in front are skipped ("Bună ziua, da");
 * the intent comes from the first words: DA / ok / bine / vin / confirm → confirm; NU / nu pot / nu vin /
 * anulez / anulați → cancel; STOP / stop sms / dezabonare / nu mai trimiteți → opt-out. Common misspellings
 * (one letter off in a word of five or more) count. A number names one appointment of a list ("NU 2"),
 * "toate" all of them. An answer that asks, bargains or hesitates ("?", "dar", "poate", "altă zi") is kept
 * for a coordinator (OTHER): acting on it would guess.
 */
public final class ReplyParser {

  /** What an answer says: the intent, the position it names in a list (null: none) and whether it says "all". */
  public record Reading(ReplyIntent intent, Integer position, boolean all) {
    static final Reading OTHER = new Reading(ReplyIntent.OTHER, null, false);
  }

  private static final Map<String, ReplyIntent> WORDS = Map.ofEntries(
      Map.entry("da", ReplyIntent.CONFIRM), Map.entry("dap", ReplyIntent.CONFIRM), Map.entry("yes", ReplyIntent.CONFIRM),
      Map.entry("ok", ReplyIntent.CONFIRM), Map.entry("oke", ReplyIntent.CONFIRM), Map.entry("okay", ReplyIntent.CONFIRM),
      Map.entry("okey", ReplyIntent.CONFIRM), Map.entry("oki", ReplyIntent.CONFIRM), Map.entry("k", ReplyIntent.CONFIRM),
      Map.entry("bine", ReplyIntent.CONFIRM), Map.entry("bn", ReplyIntent.CONFIRM), Map.entry("sigur", ReplyIntent.CONFIRM),
      Map.entry("desigur", ReplyIntent.CONFIRM), Map.entry("confirm", ReplyIntent.CONFIRM),
      Map.entry("confirmat", ReplyIntent.CONFIRM), Map.entry("confirmam", ReplyIntent.CONFIRM),
      Map.entry("confirma", ReplyIntent.CONFIRM), Map.entry("vin", ReplyIntent.CONFIRM), Map.entry("venim", ReplyIntent.CONFIRM),
      Map.entry("veni", ReplyIntent.CONFIRM), Map.entry("accept", ReplyIntent.CONFIRM), Map.entry("acceptam", ReplyIntent.CONFIRM),
      Map.entry("prezent", ReplyIntent.CONFIRM), Map.entry("prezenta", ReplyIntent.CONFIRM),
      Map.entry("nu", ReplyIntent.CANCEL), Map.entry("no", ReplyIntent.CANCEL), Map.entry("anulez", ReplyIntent.CANCEL),
      Map.entry("anulati", ReplyIntent.CANCEL), Map.entry("anulam", ReplyIntent.CANCEL),
      Map.entry("anuleaza", ReplyIntent.CANCEL), Map.entry("anulare", ReplyIntent.CANCEL),
      Map.entry("anulat", ReplyIntent.CANCEL), Map.entry("renunt", ReplyIntent.CANCEL),
      Map.entry("renuntam", ReplyIntent.CANCEL), Map.entry("refuz", ReplyIntent.CANCEL),
      Map.entry("cancel", ReplyIntent.CANCEL),
      Map.entry("stop", ReplyIntent.STOP), Map.entry("dezabonare", ReplyIntent.STOP),
      Map.entry("dezabonez", ReplyIntent.STOP), Map.entry("dezabonati", ReplyIntent.STOP),
      Map.entry("unsubscribe", ReplyIntent.STOP));

  /** The keywords as {@link #words} leaves them ("accept" → "acept"), so squeezed answers still match. */
  private static final Map<String, ReplyIntent> SQUEEZED = WORDS.entrySet().stream().collect(
      java.util.stream.Collectors.toUnmodifiableMap(e -> squeeze(e.getKey()), Map.Entry::getValue, (a, b) -> a));

  /** Politeness in front of the answer. */
  private static final Set<String> OPENERS = Set.of("buna", "ziua", "seara", "dimineata", "salut", "multumesc",
      "multumim", "mersi", "va", "rog", "doamna", "domnule", "hello", "hi", "thanks", "thank", "you", "pai", "deci",
      "am", "inteles", "o", "sa", "vom", "voi", "pot", "putem", "ca");
  /** Words that make an answer a question or a bargain: a person reads it. */
  private static final Set<String> HESITATIONS = Set.of("dar", "insa", "decat", "poate", "daca", "alta", "alt", "alte",
      "mutati", "mutam", "schimbati", "reprogramati", "amanati", "amanam", "intarzii", "intarziem", "cine", "ce",
      "cand", "unde", "cum", "stiu", "inteleg", "but", "maybe", "later");
  private static final Set<String> ALL = Set.of("toate", "tot", "toti", "all");
  /** "nu mai trimiteti", "nu mai vreau mesaje": no more SMS, not "no" to the appointment. */
  private static final Set<String> NO_MORE_MESSAGES = Set.of("trimiteti", "trimite", "sms", "mesaje", "mesajele",
      "scrieti");

  private ReplyParser() {}

  public static ReplyIntent parse(String text) {
    return read(text).intent();
  }

  public static Reading read(String text) {
    if (text == null) return Reading.OTHER;
    if (text.contains("?")) return Reading.OTHER;
    List<String> words = words(text);
    if (words.isEmpty()) return Reading.OTHER;
    if (words.stream().anyMatch(HESITATIONS::contains)) return Reading.OTHER;
    int at = 0;
    while (at < words.size() && OPENERS.contains(words.get(at)) && intentOf(words.get(at)) == null) at++;
    if (at == words.size()) {
      // only politeness and "o sa venim"-like helpers were skipped; "pot veni" / "vom veni" land here too
      return Reading.OTHER;
    }
    ReplyIntent intent = intentOf(words.get(at));
    if (intent == null) return Reading.OTHER;
    if (intent == ReplyIntent.CANCEL && words.size() > at + 2 && words.get(at + 1).equals("mai")
        && NO_MORE_MESSAGES.contains(words.get(at + 2))) {
      return new Reading(ReplyIntent.STOP, null, false);
    }
    if (intent == ReplyIntent.CANCEL && words.stream().skip(at + 1).anyMatch(NO_MORE_MESSAGES::contains)) {
      return new Reading(ReplyIntent.STOP, null, false);
    }
    Integer position = null;
    boolean all = false;
    for (String w : words.subList(at + 1, words.size())) {
      ReplyIntent other = intentOf(w);
      if (other != null && other != intent && !(intent == ReplyIntent.CANCEL && other == ReplyIntent.CONFIRM)) {
        return Reading.OTHER; // "da nu": contradicts itself
      }
      if (w.matches("[0-9]{1,2}")) {
        if (position != null) return Reading.OTHER; // "nu 2 3": a person sorts that out
        position = Integer.parseInt(w);
      }
      if (ALL.contains(w)) all = true;
    }
    if (intent == ReplyIntent.STOP) return new Reading(ReplyIntent.STOP, null, false);
    return new Reading(intent, position == null || position < 1 ? null : position, all && position == null);
  }

  /** Lower case, no diacritics, no punctuation, letters repeated for emphasis squeezed ("daaa" → "da"). */
  static List<String> words(String text) {
    String plain = Normalizer.normalize(text, Normalizer.Form.NFD)
        .replaceAll("\\p{M}+", "")
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N}]+", " ")
        .strip();
    List<String> out = new ArrayList<>();
    if (plain.isEmpty()) return out;
    for (String w : plain.split(" ")) out.add(squeeze(w));
    return out;
  }

  private static String squeeze(String word) {
    return word.replaceAll("(\\p{L})\\1+", "$1");
  }

  private static ReplyIntent intentOf(String word) {
    ReplyIntent exact = SQUEEZED.get(word);
    if (exact != null) return exact;
    if (word.length() < 5) return null;
    ReplyIntent found = null;
    for (var e : SQUEEZED.entrySet()) {
      if (e.getKey().length() >= 5 && oneEditApart(word, e.getKey())) {
        if (found != null && found != e.getValue()) return null;
        found = e.getValue();
      }
    }
    return found;
  }

  /** One letter added, dropped, changed, or two neighbours swapped ("confrim"). */
  static boolean oneEditApart(String a, String b) {
    if (a.equals(b)) return true;
    int la = a.length();
    int lb = b.length();
    if (Math.abs(la - lb) > 1) return false;
    if (la == lb) {
      int first = -1;
      int diffs = 0;
      for (int i = 0; i < la; i++) {
        if (a.charAt(i) != b.charAt(i)) {
          if (diffs++ == 0) first = i;
        }
      }
      if (diffs == 1) return true;
      return diffs == 2 && first + 1 < la && a.charAt(first) == b.charAt(first + 1) && a.charAt(first + 1) == b.charAt(first);
    }
    String longer = la > lb ? a : b;
    String shorter = la > lb ? b : a;
    int i = 0;
    int j = 0;
    boolean skipped = false;
    while (i < longer.length() && j < shorter.length()) {
      if (longer.charAt(i) == shorter.charAt(j)) {
        i++;
        j++;
      } else {
        if (skipped) return false;
        skipped = true;
        i++;
      }
    }
    return true;
  }
}
