package ro.caravana.signalling.browser;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Headless Debian Chromium driven through chromedriver's W3C WebDriver HTTP API (no client library
 * needed). Each {@link Page} is its own browser with a fresh profile.
 */
public final class Chromium implements AutoCloseable {

  public static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream", "--disable-background-networking", "--allow-loopback-in-peer-connection",
      "--disable-gpu", "--no-first-run", "--disable-component-update", "--disable-sync",
      "--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required");

  private final Process driver;
  private final String base;
  private final Path browserBinary;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Page> pages = new ArrayList<>();
  private final List<Path> profiles = new ArrayList<>();

  private Chromium(Process driver, String base, Path browserBinary) {
    this.driver = driver;
    this.base = base;
    this.browserBinary = browserBinary;
  }



  /** The chromium and chromedriver executables, when both are installed. */
  public static Optional<Path[]> find() {
    Optional<Path> browser = onPath("chromium", "chromium-browser");
    Optional<Path> driver = onPath("chromedriver");
    if (browser.isEmpty() || driver.isEmpty()) return Optional.empty();
    return Optional.of(new Path[] {browser.get(), driver.get()});
  }

  /**
   * The browser and driver for a browser test: when either is missing, a local run skips the test saying so, and a
   * CI run ({@code CI=true}) fails it, so CI can never pass without having run the browser tests.
   */
  public static Path[] require() {
    Optional<Path[]> found = find();
    if (found.isPresent()) return found.get();
    String why = "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(why + ": under CI=true the browser tests must run, not skip");
    }
    org.junit.jupiter.api.Assumptions.abort(why + ": browser test skipped on this machine");
    return null;
  }

  public static Chromium start(Path browser, Path chromedriver) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process p = new ProcessBuilder(chromedriver.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    Chromium c = new Chromium(p, "http://127.0.0.1:" + port, browser);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        if (c.call("GET", "/status", null).getJsonObject("value").getBoolean("ready", false)) return c;
      } catch (IOException notYet) {
        // chromedriver is still starting
      }
      if (System.nanoTime() > deadline) {
        c.close();
        throw new IllegalStateException("chromedriver did not become ready");
      }
      Thread.sleep(100);
    }
  }

  public Page open() throws Exception {
    return open(1280, 900);
  }

  /** A browser with a window of the given size (a phone is 390 wide); its console is recorded. */
  public Page open(int width, int height) throws Exception {
    Path profile = Files.createTempDirectory("caravana-chromium-");
    profiles.add(profile);
    JsonArray args = new JsonArray(new ArrayList<>(FLAGS)).add("--user-data-dir=" + profile)
        .add("--window-size=" + width + "," + height).add("--lang=ro-RO");
    JsonObject caps = new JsonObject().put("capabilities", new JsonObject().put("alwaysMatch", new JsonObject()
        .put("browserName", "chrome")
        .put("goog:loggingPrefs", new JsonObject().put("browser", "ALL"))
        .put("goog:chromeOptions", new JsonObject().put("binary", browserBinary.toString()).put("args", args))));
    JsonObject v = call("POST", "/session", caps).getJsonObject("value");
    Page page = new Page(v.getString("sessionId"));
    pages.add(page);
    return page;
  }

  public final class Page {
    final String session;

    Page(String session) {
      this.session = session;
    }

    public void go(String url) throws Exception {
      call("POST", "/session/" + session + "/url", new JsonObject().put("url", url));
    }

    public Object script(String body) throws Exception {
      return call("POST", "/session/" + session + "/execute/sync",
          new JsonObject().put("script", body).put("args", new JsonArray())).getValue("value");
    }

    /** Runs an async function body; its last argument is the callback. */
    public Object asyncScript(String body) throws Exception {
      return call("POST", "/session/" + session + "/execute/async",
          new JsonObject().put("script", body).put("args", new JsonArray())).getValue("value");
    }

    /** {@link #script} for use inside conditions: failures become unchecked. */
    public Object eval(String body) {
      try {
        return script(body);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    /** {@link #asyncScript} for use inside conditions: failures become unchecked. */
    public Object evalAsync(String body) {
      try {
        return asyncScript(body);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    public void click(String css) throws Exception {
      JsonObject found = call("POST", "/session/" + session + "/element",
          new JsonObject().put("using", "css selector").put("value", css)).getJsonObject("value");
      String element = found.fieldNames().stream().filter(k -> k.startsWith("element-")).findFirst()
          .map(found::getString).orElseThrow();
      call("POST", "/session/" + session + "/element/" + element + "/click", new JsonObject());
    }

    /** A Chrome DevTools command on this page (Emulation.*, Network.*), through chromedriver. */
    public JsonObject cdp(String command, JsonObject params) throws Exception {
      return call("POST", "/session/" + session + "/goog/cdp/execute",
          new JsonObject().put("cmd", command).put("params", params));
    }

    /** Lays the page out as a phone of this CSS width (or a desktop window when mobile is false). */
    public void viewport(int width, int height, boolean mobile) throws Exception {
      cdp("Emulation.setDeviceMetricsOverride", new JsonObject().put("width", width).put("height", height)
          .put("deviceScaleFactor", 1).put("mobile", mobile));
    }

    /** Cuts the browser off the network (and tells the page it is offline), or reconnects it. */
    public void offline(boolean offline) throws Exception {
      cdp("Network.enable", new JsonObject());
      cdp("Network.emulateNetworkConditions", new JsonObject().put("offline", offline).put("latency", 0)
          .put("downloadThroughput", -1).put("uploadThroughput", -1));
    }

    /** Saves a PNG of the whole page (not only the viewport) to {@code file}. */
    public void screenshot(Path file) throws Exception {
      Number height = (Number) script("return Math.ceil(document.documentElement.scrollHeight)");
      Number width = (Number) script("return Math.ceil(document.documentElement.clientWidth)");
      JsonObject shot = cdp("Page.captureScreenshot", new JsonObject().put("format", "png").put("captureBeyondViewport", true)
          .put("clip", new JsonObject().put("x", 0).put("y", 0).put("width", width).put("height", height).put("scale", 1)))
          .getJsonObject("value");
      Files.createDirectories(file.getParent());
      Files.write(file, java.util.Base64.getDecoder().decode(shot.getString("data")));
    }

    /** Types into the element (after clearing it). */
    public void type(String css, String text) throws Exception {
      String element = element(css);
      call("POST", "/session/" + session + "/element/" + element + "/clear", new JsonObject());
      call("POST", "/session/" + session + "/element/" + element + "/value", new JsonObject().put("text", text));
    }

    private String element(String css) throws Exception {
      JsonObject found = call("POST", "/session/" + session + "/element",
          new JsonObject().put("using", "css selector").put("value", css)).getJsonObject("value");
      return found.fieldNames().stream().filter(k -> k.startsWith("element-")).findFirst().map(found::getString).orElseThrow();
    }

    /** Resizes the window and saves a PNG of the whole page (the window grows to the page's height first). */
    public void screenshot(Path file, int width) throws Exception {
      // lay the page out at the width first: its height depends on it
      call("POST", "/session/" + session + "/window/rect", new JsonObject().put("width", width).put("height", 900));
      Number height = (Number) script("return Math.min(8000, document.documentElement.scrollHeight)");
      call("POST", "/session/" + session + "/window/rect", new JsonObject().put("width", width).put("height", height.intValue() + 140));
      String png = call("GET", "/session/" + session + "/screenshot", null).getString("value");
      Files.createDirectories(file.getParent());
      Files.write(file, java.util.Base64.getDecoder().decode(png));
    }

    /** The console messages at SEVERE level since the last call (errors, failed loads, refused scripts). */
    public List<String> consoleErrors() throws Exception {
      JsonArray entries = call("POST", "/session/" + session + "/se/log", new JsonObject().put("type", "browser"))
          .getJsonArray("value", new JsonArray());
      List<String> errors = new ArrayList<>();
      for (Object o : entries) {
        JsonObject e = (JsonObject) o;
        if ("SEVERE".equals(e.getString("level"))) errors.add(e.getString("message"));
      }
      return errors;
    }

    public void quit() {
      try {
        call("DELETE", "/session/" + session, null);
      } catch (Exception ignored) {
        // the browser is gone already
      }
    }
  }

  /** Polls a condition until it holds, or fails the test saying what did not happen. */
  public static void waitFor(java.util.function.Supplier<Boolean> condition, String what, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.get()) return;
      Thread.sleep(200);
    }
    throw new AssertionError("timed out waiting until " + what);
  }

  private JsonObject call(String method, String path, JsonObject body) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json; charset=utf-8");
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonObject json = new JsonObject(r.body());
    if (r.statusCode() >= 400) throw new IllegalStateException("WebDriver " + method + " " + path + ": " + r.body());
    return json;
  }

  @Override
  public void close() {
    pages.forEach(Page::quit);
    driver.destroy();
    for (Path p : profiles) {
      try (Stream<Path> walk = Files.walk(p)) {
        walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      } catch (IOException ignored) {
        // a temporary profile left behind is harmless
      }
    }
  }

  private static Optional<Path> onPath(String... names) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String name : names) {
      for (String dir : path.split(File.pathSeparator)) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
