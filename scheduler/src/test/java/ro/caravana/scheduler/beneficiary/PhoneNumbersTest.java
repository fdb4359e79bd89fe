package ro.caravana.scheduler.beneficiary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.common.InvalidValue;

class PhoneNumbersTest {

  @Test
  @DisplayName("Numbers written the Romanian way or with +40 are stored in E.164")
  void normalises() {
    assertEquals("+40722123456", PhoneNumbers.toE164("0722 123 456"));
    assertEquals("+40722123456", PhoneNumbers.toE164("+40 722-123-456"));
    assertEquals("+40234123456", PhoneNumbers.toE164("0234 123 456"));
    assertTrue(PhoneNumbers.isRomanianMobile("+40722123456"));
    assertFalse(PhoneNumbers.isRomanianMobile("+40234123456"));
  }

  @Test
  @DisplayName("Too short, too long or unreadable numbers are refused")
  void refuses() {
    for (String bad : new String[] {"0722", "07221234567890", "telefon", "", "+40 12"}) {
      assertThrows(InvalidValue.class, () -> PhoneNumbers.toE164(bad), bad);
    }
  }
}
