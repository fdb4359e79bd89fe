package ro.caravana.scheduler.interop.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** FHIR ids are read with the one strict reading of {@code common/Ids} (disruption ids: {@code DisruptionTest}). */
@DisplayName("FHIR ids: canonical ASCII forms only")
class FhirIdsTest {

  private static final String ID = "3f2a9c1e-0b4d-4c8e-9a7f-1d2e3f4a5b6c";

  @Test
  @DisplayName("lower-case canonical UUIDs and canonical ASCII numbers only; hostile forms name no resource")
  void fhirIds() {
    assertTrue(FhirIds.uuid(ID).isPresent());
    assertTrue(FhirIds.uuid(ID.toUpperCase()).isEmpty(), "FHIR ids are lower case");
    for (String hostile : List.of("\uff13" + ID.substring(1), "\u0663" + ID.substring(1), ID + " ", "{" + ID.substring(1, 35) + "}",
        ID.substring(0, 35) + "\u0000", "------------------------------------")) {
      assertTrue(FhirIds.uuid(hostile).isEmpty(), hostile);
    }
    assertEquals(21016L, FhirIds.number("21016").orElseThrow());
    for (String hostile : List.of("021016", "+21016", "-1", "21016.0", "\u0662\u0661\u0660\u0661\u0666", "\uff12\uff11", "0",
        "1234567890123456789", " 1", "")) {
      assertTrue(FhirIds.number(hostile).isEmpty(), hostile);
    }
    assertEquals(FhirIds.LocationId.Kind.STOP, FhirIds.location("stop-21016").orElseThrow().kind());
    assertTrue(FhirIds.location("stop-\u0662\u0661").isEmpty());
    assertTrue(FhirIds.location("room-+4").isEmpty());
  }
}
