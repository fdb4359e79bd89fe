package ro.caravana.portal.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The pages' own sentences (titles, buttons, hints), one file per language: {@code i18n/pages_ro.properties} and
 * {@code i18n/pages_en.properties}, UTF-8. Values may hold {@code {0}} placeholders ({@link MessageFormat}). A test
 * checks both files have the same keys.
 */
public final class Messages {

  private final Map<Lang, Properties> texts = new EnumMap<>(Lang.class);

  public Messages() {
    for (Lang lang : Lang.values()) texts.put(lang, load("i18n/pages_" + lang.code() + ".properties"));
  }

  /** The sentence {@code key} in {@code lang}; a missing key shows as itself so a test can spot it. */
  public String text(Lang lang, String key, Object... args) {
    String pattern = texts.get(lang).getProperty(key);
    if (pattern == null) return key;
    return args.length == 0 ? pattern : new MessageFormat(pattern, lang.locale()).format(args);
  }

  public Set<String> keys(Lang lang) {
    return texts.get(lang).stringPropertyNames();
  }

  private static Properties load(String resource) {
    Properties p = new Properties();
    try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("missing " + resource);
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
