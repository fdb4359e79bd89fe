package ro.caravana.scheduler.platform.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * All settings, loaded once at start from three layers (later wins): the defaults shipped in
 * {@code caravana-defaults.properties}, an optional file named by {@code CARAVANA_CONFIG}
 * (or {@code ./caravana.properties} when present), and environment variables. A key
 * {@code http.port} is overridden by the variable {@code CARAVANA_HTTP_PORT}.
 */
public final class AppConfig {

  private final Map<String, String> values;

  private AppConfig(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public static AppConfig load(Map<String, String> environment) {
    Map<String, String> merged = new TreeMap<>();
    merged.putAll(readClasspath("caravana-defaults.properties"));
    String file = environment.get("CARAVANA_CONFIG");
    Path path = file != null ? Path.of(file) : Path.of("caravana.properties");
    if (Files.isRegularFile(path)) {
      merged.putAll(readFile(path));
    } else if (file != null) {
      throw new IllegalStateException("CARAVANA_CONFIG names a missing file: " + file);
    }
    for (String key : Set.copyOf(merged.keySet())) {
      String fromEnv = environment.get(envName(key));
      if (fromEnv != null) merged.put(key, fromEnv);
    }
    return new AppConfig(merged);
  }

  /** A configuration from explicit values over the shipped defaults (tests). */
  public static AppConfig of(Map<String, String> overrides) {
    Map<String, String> merged = new TreeMap<>(readClasspath("caravana-defaults.properties"));
    merged.putAll(overrides);
    return new AppConfig(merged);
  }

  public AppConfig with(String key, String value) {
    Map<String, String> copy = new TreeMap<>(values);
    copy.put(key, value);
    return new AppConfig(copy);
  }

  public static String envName(String key) {
    return "CARAVANA_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  public String string(String key) {
    String v = values.get(key);
    if (v == null) throw new IllegalStateException("missing setting " + key + " (" + envName(key) + ")");
    return v;
  }

  /** A setting whose empty value means "not configured". */
  public Optional<String> optional(String key) {
    String v = values.get(key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  public int integer(String key) {
    try {
      return Integer.parseInt(string(key).trim());
    } catch (NumberFormatException e) {
      throw new IllegalStateException("setting " + key + " must be an integer, got '" + values.get(key) + "'");
    }
  }

  public long longValue(String key) {
    try {
      return Long.parseLong(string(key).trim());
    } catch (NumberFormatException e) {
      throw new IllegalStateException("setting " + key + " must be an integer, got '" + values.get(key) + "'");
    }
  }

  public boolean bool(String key) {
    return Boolean.parseBoolean(string(key).trim());
  }

  /** Every setting, for the README table and diagnostics; secrets are masked. */
  public Map<String, String> describe() {
    Map<String, String> out = new TreeMap<>();
    values.forEach((k, v) -> out.put(k, k.contains("secret") || k.contains("password") ? "***" : v));
    return out;
  }

  private static Map<String, String> readClasspath(String name) {
    try (InputStream in = AppConfig.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("missing " + name + " on the classpath");
      Properties p = new Properties();
      p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
      return toMap(p);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + name, e);
    }
  }

  private static Map<String, String> readFile(Path path) {
    try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      Properties p = new Properties();
      p.load(r);
      return toMap(p);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + path, e);
    }
  }

  private static Map<String, String> toMap(Properties p) {
    Map<String, String> m = new TreeMap<>();
    p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
    return m;
  }
}
