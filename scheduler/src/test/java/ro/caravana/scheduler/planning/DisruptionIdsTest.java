package ro.caravana.scheduler.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.interop.fhir.FhirIds;
import ro.caravana.scheduler.platform.http.ApiError;

/** Disruption and FHIR ids are read with the one strict reading of {@code common/Ids}, hostile forms refused. */
@DisplayName("Disruption and FHIR ids: canonical ASCII forms only")
class DisruptionIdsTest {

  private static final String ID = "3f2a9c1e-0b4d-4c8e-9a7f-1d2e3f4a5b6c";

  private static JsonObject cancelled(Object id) {
    return new JsonObject().put("type", Disruption.BENEFICIARY_CANCELLED).put("appointmentId", id);
  }

  private static JsonObject absent(Object id) {
    return new JsonObject().put("type", Disruption.STAFF_ABSENT).put("staffId", id).put("dates", new JsonArray().add("2026-12-07"));
  }

  @Test
  @DisplayName("an appointment id passes only as 36 ASCII characters in the 8-4-4-4-12 layout")
  void appointmentId() {
    assertEquals(ID, Disruption.parse(cancelled(ID)).toJson().getString("appointmentId"));
    assertEquals(ID, Disruption.parse(cancelled(ID.toUpperCase())).toJson().getString("appointmentId"));
    for (String hostile : List.of("------------------------------------", "3f2a9c1e0b4d4c8e9a7f1d2e3f4a5b6c----",
        "\uff13f2a9c1e-0b4d-4c8e-9a7f-1d2e3f4a5b6c", "\u0663f2a9c1e-0b4d-4c8e-9a7f-1d2e3f4a5b6c", ID + " ", " " + ID.substring(1),
        "{" + ID.substring(1, 35) + "}", ID.substring(0, 35) + "\u0000", "%33f2a9c1e-0b4d-4c8e-9a7f-1d2e3f4a5b")) {
      ApiError e = assertThrows(ApiError.class, () -> Disruption.parse(cancelled(hostile)), hostile);
      assertEquals(400, e.status());
      assertEquals("appointmentId", e.field());
    }
    assertThrows(ApiError.class, () -> Disruption.parse(cancelled(42)));
  }

  @Test
  @DisplayName("a staff, caravan or centre id passes only as a JSON integer above zero (not 7.0, 7.9, \"7\" or -7)")
  void numericSubject() {
    assertEquals(7L, Disruption.parse(absent(7)).toJson().getLong("staffId"));
    for (Object hostile : new Object[] {7.0, 7.9, "7", -7, 0, 1e3, new JsonArray().add(7), new JsonObject().put("id", 7)}) {
      ApiError e = assertThrows(ApiError.class, () -> Disruption.parse(absent(hostile)), String.valueOf(hostile));
      assertEquals("staffId", e.field());
    }
  }

  @Test
  @DisplayName("FHIR ids: lower-case canonical UUIDs and canonical ASCII numbers only")
  void fhirIds() {
    assertTrue(FhirIds.uuid(ID).isPresent());
    assertTrue(FhirIds.uuid(ID.toUpperCase()).isEmpty(), "FHIR ids are lower case");
    assertTrue(FhirIds.uuid("\uff13" + ID.substring(1)).isEmpty());
    assertEquals(21016L, FhirIds.number("21016").orElseThrow());
    for (String hostile : List.of("021016", "+21016", "-1", "21016.0", "\u0662\u0661\u0660\u0661\u0666", "\uff12\uff11", "0",
        "1234567890123456789", " 1", "")) {
      assertTrue(FhirIds.number(hostile).isEmpty(), hostile);
    }
    assertEquals(FhirIds.LocationId.Kind.STOP, FhirIds.location("stop-21016").orElseThrow().kind());
    assertTrue(FhirIds.location("stop-\u0662\u0661").isEmpty());
  }
}
