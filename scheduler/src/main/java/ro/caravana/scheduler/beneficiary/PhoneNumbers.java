package ro.caravana.scheduler.beneficiary;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import ro.caravana.scheduler.common.InvalidValue;

/** Phone numbers as people type them in Romania ("0722 123 456", "+40 722..."), stored in E.164. */
public final class PhoneNumbers {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private PhoneNumbers() {}

  /** The E.164 form of a valid number, read with region RO when it has no country prefix. */
  public static String toE164(String raw) {
    if (raw == null || raw.isBlank() || raw.length() > 30) {
      throw new InvalidValue("Numărul de telefon lipsește sau este prea lung.", "The phone number is missing or too long.");
    }
    PhoneNumber number;
    try {
      number = UTIL.parse(raw, "RO");
    } catch (NumberParseException e) {
      throw new InvalidValue("Numărul de telefon nu poate fi citit.", "The phone number cannot be read.");
    }
    if (!UTIL.isValidNumber(number)) {
      throw new InvalidValue("Numărul de telefon nu este valid.", "The phone number is not valid.");
    }
    return UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
  }

  /** True for a Romanian mobile number (the ones that can receive SMS notices). */
  public static boolean isRomanianMobile(String e164) {
    try {
      PhoneNumber n = UTIL.parse(e164, "RO");
      return UTIL.getRegionCodeForNumber(n).equals("RO")
          && UTIL.getNumberType(n) == PhoneNumberUtil.PhoneNumberType.MOBILE;
    } catch (NumberParseException e) {
      return false;
    }
  }
}
