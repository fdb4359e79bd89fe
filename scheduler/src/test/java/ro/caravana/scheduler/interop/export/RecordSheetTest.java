package ro.caravana.scheduler.interop.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Record sheets: CSV cells a spreadsheet would run as formulas stay text")
class RecordSheetTest {

  @Test
  @DisplayName("=, @, tab, and + or - before a non-digit get an apostrophe; phones and negative numbers do not")
  void formulaCells() {
    assertEquals("'=HYPERLINK(\"http://x\")", RecordSheet.csvCell("=HYPERLINK(\"http://x\")"));
    assertEquals("'@SUM(A1)", RecordSheet.csvCell("@SUM(A1)"));
    assertEquals("'+A1", RecordSheet.csvCell("+A1"));
    assertEquals("'-", RecordSheet.csvCell("-"));
    assertEquals("'\tx", RecordSheet.csvCell("\tx"));
    assertEquals("+40721000000", RecordSheet.csvCell("+40721000000"));
    assertEquals("-3", RecordSheet.csvCell("-3"));
    assertEquals("Ionescu-Pop", RecordSheet.csvCell("Ionescu-Pop"));
    assertEquals(42, RecordSheet.csvCell(42));
    assertEquals("", RecordSheet.csvCell(null));
  }

  @Test
  @DisplayName("CSV: byte order mark, ';' between cells, quotes only where a cell needs them")
  void csv() {
    var sheet = new RecordSheet("T", List.of("Nume", "Localitate"), List.of(Arrays.<Object>asList("Ștefănescu", "Onești; BC"),
        Arrays.<Object>asList("=1+1", null)));
    String text = new String(sheet.csv(), StandardCharsets.UTF_8);
    assertEquals("\uFEFFNume;Localitate\r\nȘtefănescu;\"Onești; BC\"\r\n'=1+1;\r\n", text);
  }
}
