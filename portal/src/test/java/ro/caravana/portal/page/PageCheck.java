package ro.caravana.portal.page;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import ro.caravana.signalling.browser.Chromium;

/**
 * What every coordinator page must pass in the browser: no code identifiers or raw scores in its text, Romanian
 * diacritics (pages named {@code *-en} excepted), no serious or critical axe-core violation, no console error; and
 * screenshots at 390 and 1280 px in {@code target/screenshots/}.
 */
final class PageCheck {

  private PageCheck() {}

  /** axe-core's script, to run in the page. */
  static String axe() throws IOException {
    try (InputStream in = PageCheck.class.getClassLoader()
        .getResourceAsStream("META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The page's visible text, after the checks and the screenshots. */
  static String check(Chromium.Page page, String axe, String name) throws Exception {
    String text = text(page);
    for (String code : CoordinatorPagesBrowserTest.CODES) assertFalse(text.contains(code), name + " shows '" + code + "'");
    assertTrue(text.matches("(?s).*[ăâîșțĂÂÎȘȚ].*") || name.endsWith("-en"), name + " has Romanian diacritics");
    JsonArray violations = new JsonArray(String.valueOf(page.evalAsync(axe + "\n;const done = arguments[arguments.length - 1];"
        + "axe.run(document, {resultTypes: ['violations']}).then(r => done(JSON.stringify(r.violations"
        + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        + ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))));")));
    assertTrue(violations.isEmpty(), name + ": " + violations.encodePrettily());
    page.screenshot(CoordinatorPagesBrowserTest.SHOTS.resolve(name + "-390.png"), 390);
    page.screenshot(CoordinatorPagesBrowserTest.SHOTS.resolve(name + "-1280.png"), 1280);
    // a form sent back with its mistakes answers 400/409/422: the browser logs that status of the document
    // itself, which is the refusal the test asked for, not an error of the page
    String self = String.valueOf(page.eval("return location.href.split('#')[0]"));
    List<String> errors = page.consoleErrors().stream()
        .filter(e -> !(e.startsWith(self + " - Failed to load resource: the server responded with a status of 4")))
        .toList();
    assertTrue(errors.isEmpty(), name + " logged " + errors);
    return text;
  }

  static String text(Chromium.Page page) {
    return String.valueOf(page.eval("return document.body ? document.body.innerText : ''"));
  }
}
