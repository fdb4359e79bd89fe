package ro.caravana.portal.page.planning;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A solver's score ({@code 0hard/-3medium/-1880soft}) read as the three things a coordinator cares about: rules
 * broken, work left out (weighted by priority), and the cost of quality. Pages say these in words and never show the
 * score itself.
 */
public record ScoreWords(long conflicts, long leftOut, long qualityCost) {


  public static Optional<ScoreWords> parse(String score) {
    if (score == null) return Optional.empty();
    Matcher m = Pattern.compile("(-?\\d+)hard/(-?\\d+)medium/(-?\\d+)soft").matcher(score);
    if (!m.find()) return Optional.empty();
    return Optional.of(new ScoreWords(-Long.parseLong(m.group(1)), -Long.parseLong(m.group(2)), -Long.parseLong(m.group(3))));
  }

  /** The two models' scores added up (a plan has routes, a timetable, or both). */
  public ScoreWords plus(ScoreWords other) {
    return new ScoreWords(conflicts + other.conflicts, leftOut + other.leftOut, qualityCost + other.qualityCost);
  }
}
