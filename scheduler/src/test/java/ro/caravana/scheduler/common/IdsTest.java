package ro.caravana.scheduler.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ro.caravana.scheduler.platform.http.ApiError;

@DisplayName("Strict id parsing: canonical ASCII only")
class IdsTest {

  static final String ID = "cabacd12-3456-4789-8abc-def012345678";

  @Test
  @DisplayName("a canonical UUID reads as itself, in lower and upper case")
  void canonicalUuid() {
    assertEquals(UUID.fromString(ID), Ids.uuidOrNull(ID));
    assertEquals(UUID.fromString(ID), Ids.uuidOrNull(ID.toUpperCase()));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "\uFF43abacd12-3456-4789-8abc-def012345678", // full-width c, which UUID.fromString accepts
      "\u0663abacd12-3456-4789-8abc-def012345678", // Arabic-Indic three
      "\u096Babacd12-3456-4789-8abc-def012345678", // Devanagari five
      " cabacd12-3456-4789-8abc-def01234567",
      "cabacd12-3456-4789-8abc-def0123456789",
      "{cabacd12-3456-4789-8abc-def0123456}",
      "cabacd12+3456-4789-8abc-def012345678",
      "+abacd12-3456-4789-8abc-def012345678",
      "cabacd123456-4789-8abc-def012345678-",
      "1-2-3-4-5", "", "%63abacd12-3456-4789-8abc-def01234567"})
  @DisplayName("anything else is not a UUID")
  void hostileUuids(String raw) {
    assertNull(Ids.uuidOrNull(raw));
    ApiError e = assertThrows(ApiError.class, () -> Ids.uuid("id", raw));
    assertEquals(400, e.status());
    assertEquals("id", e.field());
  }

  @Test
  @DisplayName("a numeric id is ASCII digits without sign or leading zeros")
  void numbers() {
    assertEquals(21016, Ids.numberOrNegative("21016"));
    assertEquals(999_999_999_999_999_999L, Ids.numberOrNegative("999999999999999999"));
    for (String raw : new String[] {"+21016", "-21016", "021016", "0", "21016.0", "2.1016e4", " 21016", "21016 ",
        "\uFF12\uFF11\uFF10\uFF11\uFF16", "\u0662\u0661\u0660\u0661\u0666", "1000000000000000000", "", "0x10"}) {
      assertEquals(-1, Ids.numberOrNegative(raw), raw);
    }
  }

  @Test
  @DisplayName("in a JSON body a numeric id must be a JSON integer: 21016.0, \"21016\" and 2.1016e4 are 400")
  void jsonNumbers() {
    assertEquals(21016L, Ids.bodyNumber(new JsonObject("{\"s\": 21016}"), "s"));
    for (String json : new String[] {"{\"s\": 21016.0}", "{\"s\": \"21016\"}", "{\"s\": 2.1016e4}", "{\"s\": -5}",
        "{\"s\": 0}", "{\"s\": 123456789012345678901234567890}", "{\"s\": true}", "{\"s\": [21016]}"}) {
      ApiError e = assertThrows(ApiError.class, () -> Ids.bodyNumber(new JsonObject(json), "s"), json);
      assertEquals(400, e.status(), json);
      assertEquals("s", e.field(), json);
      assertThrows(ApiError.class, () -> Fields.optionalInteger(new JsonObject(json), "s", 1, Integer.MAX_VALUE), json);
    }
  }
}
