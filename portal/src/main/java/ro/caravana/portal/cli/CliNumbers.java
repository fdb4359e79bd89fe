package ro.caravana.portal.cli;

/** Whole numbers given on a command line: ASCII digits only, no sign, no leading zeros, above zero. */
public final class CliNumbers {

  private CliNumbers() {}

  /**
   * {@code value} of {@code option} as a positive int. {@code Integer.parseInt} alone would also take Unicode digits
   * ("٣٠") and a plus sign; those are refused with the option's name.
   */
  public static int positive(String option, String value) {
    if (value == null || !value.matches("[1-9][0-9]{0,8}")) {
      throw new IllegalArgumentException(option + " takes a whole number above zero in ASCII digits, not '" + value + "'");
    }
    return Integer.parseInt(value);
  }
}
