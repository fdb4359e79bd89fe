package ro.caravana.scheduler.horizon;

import java.time.LocalDate;
import java.util.Set;

/**
 * How much one person's wait counts when caravan-days are short: children with disabilities first,
 * then adults with disabilities, then children and the elderly, then everyone else.
 */
public final class CoverageWeights {

  public static final int CHILD_WITH_DISABILITY = 4;
  public static final int DISABILITY = 3;
  public static final int CHILD_OR_ELDERLY = 2;
  public static final int OTHER = 1;

  private CoverageWeights() {}

  public static int of(String category, Set<String> flags, LocalDate birthDate, LocalDate on) {
    boolean child = flags.contains("child") || "child".equals(category)
        || (birthDate != null && birthDate.isAfter(on.minusYears(18)));
    if ("disability".equals(category)) return child ? CHILD_WITH_DISABILITY : DISABILITY;
    if (child || "elderly".equals(category)) return CHILD_OR_ELDERLY;
    return OTHER;
  }
}
