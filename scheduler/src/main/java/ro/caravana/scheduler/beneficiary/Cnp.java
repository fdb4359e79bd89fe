package ro.caravana.scheduler.beneficiary;

import static java.util.Map.entry;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Map;
import ro.caravana.scheduler.common.InvalidValue;

/**
 * The Romanian personal numeric code (CNP): {@code S YY MM DD JJ NNN C}. S gives the sex and the
 * century, JJ the county, C the control digit computed with the key 279146358279.
 */
public record Cnp(String value, LocalDate birthDate, char sex) {

  private static final int[] KEY = {2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9};
  /** Digits 8-9 (JJ) by county code: 01-39 alphabetical by county name, 40 Bucharest, 51 Călărași, 52 Giurgiu. */
  private static final Map<String, Integer> COUNTY_CODES = Map.ofEntries(
      entry("AB", 1), entry("AR", 2), entry("AG", 3), entry("BC", 4),
      entry("BH", 5), entry("BN", 6), entry("BT", 7), entry("BV", 8),
      entry("BR", 9), entry("BZ", 10), entry("CS", 11), entry("CJ", 12),
      entry("CT", 13), entry("CV", 14), entry("DB", 15), entry("DJ", 16),
      entry("GL", 17), entry("GJ", 18), entry("HR", 19), entry("HD", 20),
      entry("IL", 21), entry("IS", 22), entry("IF", 23), entry("MM", 24),
      entry("MH", 25), entry("MS", 26), entry("NT", 27), entry("OT", 28),
      entry("PH", 29), entry("SM", 30), entry("SJ", 31), entry("SB", 32),
      entry("SV", 33), entry("TR", 34), entry("TM", 35), entry("TL", 36),
      entry("VS", 37), entry("VL", 38), entry("VN", 39), entry("B", 40),
      entry("CL", 51), entry("GR", 52));

  /** Parses and checks a CNP; {@code today} decides the century of residents' codes (S = 7, 8, 9). */
  public static Cnp parse(String raw, LocalDate today) {
    if (raw == null || !raw.matches("[0-9]{13}")) {
      throw new InvalidValue("CNP-ul trebuie să aibă exact 13 cifre.", "The CNP must have exactly 13 digits.");
    }
    int s = raw.charAt(0) - '0';
    if (s == 0) {
      throw new InvalidValue("Prima cifră a CNP-ului (sexul și secolul) nu poate fi 0.",
          "The first digit of the CNP (sex and century) cannot be 0.");
    }
    if (controlDigit(raw) != raw.charAt(12) - '0') {
      throw new InvalidValue("Cifra de control a CNP-ului nu se potrivește.", "The CNP control digit does not match.");
    }
    int yy = Integer.parseInt(raw.substring(1, 3));
    int month = Integer.parseInt(raw.substring(3, 5));
    int day = Integer.parseInt(raw.substring(5, 7));
    int century = switch (s) {
      case 1, 2 -> 1900;
      case 3, 4 -> 1800;
      case 5, 6 -> 2000;
      // residents: the century is not encoded; the most recent one that is not in the future
      default -> 2000 + yy <= today.getYear() ? 2000 : 1900;
    };
    LocalDate birth;
    try {
      birth = LocalDate.of(century + yy, month, day);
    } catch (DateTimeException e) {
      throw new InvalidValue("Data nașterii din CNP nu există.", "The birth date in the CNP does not exist.");
    }
    if (birth.isAfter(today)) {
      throw new InvalidValue("Data nașterii din CNP este în viitor.", "The birth date in the CNP is in the future.");
    }
    int county = Integer.parseInt(raw.substring(7, 9));
    if (!((county >= 1 && county <= 48) || county == 51 || county == 52 || county == 70)) {
      throw new InvalidValue("Codul de județ din CNP (cifrele 8-9) nu există.",
          "The county code in the CNP (digits 8-9) does not exist.");
    }
    char sex = s == 9 ? '?' : (s % 2 == 1 ? 'M' : 'F');
    return new Cnp(raw, birth, sex);
  }

  /** The control digit of the first 12 digits. */
  public static int controlDigit(String digits) {
    int sum = 0;
    for (int i = 0; i < 12; i++) sum += (digits.charAt(i) - '0') * KEY[i];
    int r = sum % 11;
    return r == 10 ? 1 : r;
  }

  /** The CNP county digits (JJ) of a county code such as {@code BC}. */
  public static int countyCode(String county) {
    Integer code = COUNTY_CODES.get(county);
    if (code == null) throw new IllegalArgumentException("no CNP county code for " + county);
    return code;
  }

  /** A well-formed CNP for a person born in 1800-2099 (used by the demo generator). */
  public static String of(LocalDate birth, char sex, int countyCode, int serial) {
    int year = birth.getYear();
    int s = year < 1900 ? 3 : year < 2000 ? 1 : 5;
    if (sex == 'F') s++;
    String first12 = String.format("%d%02d%02d%02d%02d%03d", s, year % 100, birth.getMonthValue(),
        birth.getDayOfMonth(), countyCode, serial);
    return first12 + controlDigit(first12);
  }
}
