package ro.caravana.scheduler.beneficiary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.common.InvalidValue;

class CnpTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 1, 5);

  @Test
  @DisplayName("A CNP with the right control digit gives the birth date and sex, the century from the first digit")
  void readsBirthDateAndSex() {
    String man1985 = Cnp.of(LocalDate.of(1985, 3, 14), 'M', 4, 123);
    Cnp a = Cnp.parse(man1985, TODAY);
    assertEquals(LocalDate.of(1985, 3, 14), a.birthDate());
    assertEquals('M', a.sex());
    assertEquals('1', man1985.charAt(0));

    Cnp girl2015 = Cnp.parse(Cnp.of(LocalDate.of(2015, 11, 2), 'F', 39, 7), TODAY);
    assertEquals(LocalDate.of(2015, 11, 2), girl2015.birthDate());
    assertEquals('F', girl2015.sex());
    assertEquals('6', girl2015.value().charAt(0));

    Cnp old = Cnp.parse(Cnp.of(LocalDate.of(1899, 12, 31), 'F', 4, 1), TODAY);
    assertEquals(LocalDate.of(1899, 12, 31), old.birthDate());
  }

  @Test
  @DisplayName("The control digit uses the key 279146358279 and a remainder of 10 becomes 1")
  void controlDigit() {
    // 2*2+9*7+6*9+0*1+5*4+1*6+2*3+0*5+4*8+1*2+2*7+3*9 = 228; 228 % 11 = 8
    assertEquals(8, Cnp.controlDigit("296051204123"));
    // 1*2+8*7+5*9+0*1+3*4+1*6+4*3+0*5+4*8+1*2+2*7+3*9 = 208; 208 % 11 = 10, written as 1
    assertEquals(1, Cnp.controlDigit("185031404123"));
  }

  @Test
  @DisplayName("Wrong length, letters, a wrong control digit, an impossible date or a future date are refused")
  void refusesInvalid() {
    String good = Cnp.of(LocalDate.of(1990, 6, 1), 'F', 4, 55);
    String badControl = good.substring(0, 12) + ((good.charAt(12) - '0' + 1) % 10);
    for (String bad : new String[] {"123", "12345678901234", "18503140412a9", badControl, "0850314041239"}) {
      assertThrows(InvalidValue.class, () -> Cnp.parse(bad, TODAY), bad);
    }
    String feb30 = "1850230" + "04123";
    assertThrows(InvalidValue.class, () -> Cnp.parse(feb30 + Cnp.controlDigit(feb30), TODAY));
    String future = "5301231" + "04123";
    assertThrows(InvalidValue.class, () -> Cnp.parse(future + Cnp.controlDigit(future), TODAY));
    String county99 = "1850314" + "99123";
    assertThrows(InvalidValue.class, () -> Cnp.parse(county99 + Cnp.controlDigit(county99), TODAY));
  }
}
