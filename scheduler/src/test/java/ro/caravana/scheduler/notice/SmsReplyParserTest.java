package ro.caravana.scheduler.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ro.caravana.scheduler.notice.reply.ReplyIntent;
import ro.caravana.scheduler.notice.reply.ReplyParser;

@DisplayName("Reading a family's SMS answer as people write it")
class SmsReplyParserTest {

  @ParameterizedTest(name = "''{0}'' means {1}")
  @CsvSource(delimiter = '|', value = {
      // confirmations, as they arrive
      "DA|CONFIRM", "da.|CONFIRM", "' Da!'|CONFIRM", "dA|CONFIRM", "Dă|CONFIRM", "Dâ|CONFIRM", "da da|CONFIRM",
      "Yes|CONFIRM", "Da, vin|CONFIRM", "DA multumesc|CONFIRM", "da, multumesc frumos!|CONFIRM", "daaa|CONFIRM",
      "ok|CONFIRM", "Ok, mersi|CONFIRM", "okk|CONFIRM", "bine|CONFIRM", "Bine, venim|CONFIRM", "Confirm.|CONFIRM",
      "confirmam|CONFIRM", "Confim|CONFIRM", "confrim|CONFIRM", "vin|CONFIRM", "Venim!|CONFIRM",
      "Bună ziua, da, venim|CONFIRM", "Multumesc, venim|CONFIRM", "Pot veni|CONFIRM", "O sa venim|CONFIRM",
      "sigur|CONFIRM", "Da 👍|CONFIRM", "DA VIN CU ANA|CONFIRM",
      // cancellations
      "NU|CANCEL", "'nu '|CANCEL", "Nu.|CANCEL", "NU!!!|CANCEL", "no|CANCEL", "anulez|CANCEL", "NU VIN|CANCEL",
      "Nu pot|CANCEL", "nu mai pot veni|CANCEL", "nuuu|CANCEL", "Anulați vă rog|CANCEL", "anulati|CANCEL",
      "Anulez programarea|CANCEL", "anulezz|CANCEL", "anuez|CANCEL", "Nu putem ajunge, copilul e bolnav|CANCEL",
      "Bună ziua, nu putem veni|CANCEL", "renunt|CANCEL", "NU 2|CANCEL", "nu la 3|CANCEL", "nu toate|CANCEL",
      // opting out
      "STOP|STOP", "Stop|STOP", "'  stop. '|STOP", "ștop|STOP", "STOP SMS|STOP", "dezabonare|STOP",
      "Nu mai trimiteti mesaje|STOP", "nu vreau sms-uri|STOP",
      // for a person to read
      "da nu|OTHER", "Cine sunteti?|OTHER", "Nu pot joi, se poate vineri?|OTHER", "'...'|OTHER", "''|OTHER",
      "Da, dar intarzii 10 minute|OTHER", "Putem muta pe alta zi|OTHER", "nu stiu|OTHER", "Poate|OTHER",
      "La ce ora?|OTHER", "Buna ziua|OTHER", "Sunt bunica lui Andrei|OTHER"})
  void parses(String text, ReplyIntent expected) {
    assertEquals(expected, ReplyParser.parse(text));
  }

  @Test
  @DisplayName("a number names one appointment of a list; 'toate' names all of them")
  void positions() {
    assertEquals(2, ReplyParser.read("NU 2").position());
    assertEquals(3, ReplyParser.read("nu la nr. 3").position());
    assertEquals(1, ReplyParser.read("Da 1").position());
    assertNull(ReplyParser.read("NU").position());
    assertFalse(ReplyParser.read("NU").all());
    assertTrue(ReplyParser.read("nu, toate").all());
    assertEquals(ReplyIntent.OTHER, ReplyParser.read("nu 2 3").intent());
    assertNull(ReplyParser.read("nu 0").position());
  }
}
