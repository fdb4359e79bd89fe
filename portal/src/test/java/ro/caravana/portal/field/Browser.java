package ro.caravana.portal.field;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import ro.caravana.signalling.browser.Chromium;

/** What the field pages' browser tests share: signing in through the page, waiting, screenshots. */
final class Browser {

  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private Browser() {}

  /** Signs in through the sign-in page as a person would, landing on {@code next}. */
  static void signIn(Chromium.Page page, String base, String email, String password, String next) throws Exception {
    page.go(base + "/intrare?next=" + next);
    page.script("document.getElementById('email').value = " + quote(email) + ";"
        + "document.getElementById('password').value = " + quote(password) + ";"
        + "document.querySelector('form[action=\"/api/auth/session\"]').submit();");
    waitFor(() -> String.valueOf(page.eval("return location.pathname")).equals(next.replaceAll("\\?.*", ""))
        && "complete".equals(page.eval("return document.readyState")), "signed in and on " + next);
  }

  /** The sign-in page (not one of these pages) names no icon, so the browser asks for /favicon.ico and gets 404. */
  static boolean isSignInFavicon(String consoleError) {
    return consoleError.contains("/favicon.ico");
  }

  static String text(Chromium.Page page) {
    return String.valueOf(page.eval("return document.body.innerText"));
  }

  static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  static void waitFor(Supplier<Boolean> condition, String what) throws InterruptedException {
    Chromium.waitFor(condition, what, Duration.ofSeconds(30));
  }
}
