package ro.caravana.portal.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Command-line tools log the solver's progress at INFO: DEBUG prints every step and slows it down. */
final class Logging {

  private Logging() {}

  static void quietSolver() {
    if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof Logger root) root.setLevel(Level.INFO);
  }
}
