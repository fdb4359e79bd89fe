package ro.caravana.scheduler.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ro.caravana.scheduler.notice.reply.ReplyIntent;
import ro.caravana.scheduler.notice.reply.ReplyParser;

@DisplayName("Reading a family's SMS answer")
class SmsReplyParserTest {

  @ParameterizedTest(name = "''{0}'' means {1}")
  @CsvSource(delimiter = '|', value = {
      "DA|CONFIRM", "da.|CONFIRM", "' Da!'|CONFIRM", "dA|CONFIRM", "Dă|CONFIRM", "da da|CONFIRM", "Yes|CONFIRM",
      "NU|CANCEL", "'nu '|CANCEL", "Nu.|CANCEL", "NU!!!|CANCEL", "no|CANCEL", "anulez|CANCEL",
      "STOP|STOP", "Stop|STOP", "'  stop. '|STOP", "ștop|STOP",
      "da nu|OTHER", "Cine sunteti?|OTHER", "Nu pot joi, se poate vineri?|OTHER", "daaa|OTHER", "'...'|OTHER",
      "''|OTHER", "Da, dar intarzii 10 minute|OTHER"})
  void parses(String text, ReplyIntent expected) {
    assertEquals(expected, ReplyParser.parse(text));
  }
}
