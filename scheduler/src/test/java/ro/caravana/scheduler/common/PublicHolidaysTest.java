package ro.caravana.scheduler.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Romania's public holidays")
class PublicHolidaysTest {

  @Test
  @DisplayName("Orthodox Easter as the Romanian calendar has it")
  void orthodoxEaster() {
    assertEquals(LocalDate.of(2025, 4, 20), PublicHolidays.orthodoxEaster(2025));
    assertEquals(LocalDate.of(2026, 4, 12), PublicHolidays.orthodoxEaster(2026));
    assertEquals(LocalDate.of(2027, 5, 2), PublicHolidays.orthodoxEaster(2027));
    assertEquals(LocalDate.of(2024, 5, 5), PublicHolidays.orthodoxEaster(2024));
  }

  @Test
  @DisplayName("fixed and movable days of 2027: 17 days, working days around them are not holidays")
  void year2027() {
    assertEquals(17, PublicHolidays.of(2027).size());
    for (String d : new String[] {"2027-01-01", "2027-01-06", "2027-01-07", "2027-04-30", "2027-05-03", "2027-06-21",
        "2027-12-01", "2027-12-25"}) {
      assertTrue(PublicHolidays.isHoliday(LocalDate.parse(d)), d);
    }
    for (String d : new String[] {"2027-01-05", "2027-01-08", "2027-04-29", "2027-05-04", "2027-12-02", "2027-12-27"}) {
      assertFalse(PublicHolidays.isHoliday(LocalDate.parse(d)), d);
    }
  }
}
