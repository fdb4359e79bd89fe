package ro.caravana.portal.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintStream;
import org.slf4j.LoggerFactory;

/**
 * Commands whose stdout is a machine-read result: keep the real stdout for the result, send
 * everything else written to System.out (console log appenders included) to stderr, and keep the
 * solver's per-step debug logging off (it slows solving down).
 */
final class CliOutput {

  private CliOutput() {}

  /** Returns the original stdout; from now on System.out writes to stderr. */
  static PrintStream reserveStdout() {
    PrintStream stdout = System.out;
    System.setOut(System.err);
    if (LoggerFactory.getLogger("org.optaplanner") instanceof Logger optaplanner) {
      optaplanner.setLevel(Level.INFO);
    }
    return stdout;
  }
}
