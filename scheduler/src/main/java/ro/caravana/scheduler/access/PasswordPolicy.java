package ro.caravana.scheduler.access;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a new password must be: at least {@value #MIN_LENGTH} characters, not one of the common passwords
 * shipped in {@code access/common-passwords.txt}, not such a password with digits or signs around it
 * ({@code Password2024!}), and not one character repeated. The answer is the reason, in Romanian and English.
 */
public final class PasswordPolicy {

  public static final int MIN_LENGTH = 12;
  public static final int MAX_LENGTH = 256;
  static final String LIST = "access/common-passwords.txt";

  /** Why a password is refused. */
  public record Refusal(String ro, String en) {}

  private final Set<String> common;

  private PasswordPolicy(Set<String> common) {
    this.common = Set.copyOf(common);
  }

  private static final class Holder {
    static final PasswordPolicy STANDARD = load();
  }

  /** The policy with the shipped list (read once). */
  public static PasswordPolicy standard() {
    return Holder.STANDARD;
  }

  private static PasswordPolicy load() {
    try (InputStream in = PasswordPolicy.class.getClassLoader().getResourceAsStream(LIST)) {
      if (in == null) throw new IllegalStateException("missing resource " + LIST);
      Set<String> words = new HashSet<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = reader.readLine()) != null; ) {
        String w = line.strip();
        if (!w.isEmpty() && !w.startsWith("#")) words.add(w.toLowerCase(Locale.ROOT));
      }
      return new PasswordPolicy(words);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int size() {
    return common.size();
  }

  /** Empty when the password may be used. */
  public Optional<Refusal> check(String password) {
    if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
      return Optional.of(new Refusal("Parola trebuie să aibă cel puțin " + MIN_LENGTH + " caractere.",
          "The password must have at least " + MIN_LENGTH + " characters."));
    }
    if (password.length() > MAX_LENGTH) {
      return Optional.of(new Refusal("Parola are cel mult " + MAX_LENGTH + " de caractere.",
          "The password has at most " + MAX_LENGTH + " characters."));
    }
    if (password.codePoints().distinct().count() <= 2) {
      return Optional.of(new Refusal("Parola repetă aceleași caractere; alegeți una greu de ghicit.",
          "The password repeats the same characters; choose one that is hard to guess."));
    }
    String lower = password.toLowerCase(Locale.ROOT);
    String core = lower.replaceAll("^[^\\p{L}]+|[^\\p{L}]+$", "");
    if (common.contains(lower) || common.contains(core) || common.contains(repeatedUnit(lower))) {
      return Optional.of(new Refusal("Parola este una dintre cele mai folosite parole; alegeți alta.",
          "The password is one of the most used passwords; choose another."));
    }
    return Optional.empty();
  }

  /** "abcabcabcabc" -> "abc": a short word repeated is as weak as the word. */
  private static String repeatedUnit(String s) {
    for (int n = 1; n <= s.length() / 2; n++) {
      if (s.length() % n == 0 && s.substring(0, n).repeat(s.length() / n).equals(s)) return s.substring(0, n);
    }
    return s;
  }
}
