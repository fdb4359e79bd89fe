package ro.caravana.scheduler.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ro.caravana.scheduler.platform.http.ApiError;

class DisruptionTest {

  private static final JsonArray DAYS = new JsonArray().add("2026-12-09").add("2026-12-08");

  @Test
  @DisplayName("each kind becomes its own record, with sorted days, and comes back the same from its stored form")
  void kindsAndStoredForm() {
    Disruption caravan = Disruption.parse(new JsonObject().put("type", "caravan_unavailable").put("caravanId", 4).put("dates", DAYS));
    Disruption staff = Disruption.parse(new JsonObject().put("type", "staff_absent").put("staffId", 19L).put("dates", DAYS));
    Disruption centre = Disruption.parse(new JsonObject().put("type", "centre_closed").put("centreId", 2).put("dates", DAYS));
    UUID appointment = UUID.randomUUID();
    Disruption off = Disruption.parse(new JsonObject().put("type", "beneficiary_cancelled")
        .put("appointmentId", appointment.toString().toUpperCase()));
    List<LocalDate> sorted = List.of(LocalDate.of(2026, 12, 8), LocalDate.of(2026, 12, 9));
    assertEquals(new Disruption.CaravanUnavailable(4, sorted), caravan);
    assertEquals(new Disruption.StaffAbsent(19, sorted), staff);
    assertEquals(new Disruption.CentreClosed(2, sorted), centre);
    assertEquals(new Disruption.BeneficiaryCancelled(appointment), off);
    for (Disruption d : List.of(caravan, staff, centre, off)) {
      assertEquals(d, Disruption.stored(d.toJson()), d.toString());
      assertEquals(d.type(), d.toJson().getString("type"));
    }
    assertEquals(new JsonObject().put("type", "staff_absent").put("staffId", 19L)
        .put("dates", new JsonArray().add("2026-12-08").add("2026-12-09")), staff.toJson());
    assertEquals(new JsonObject().put("type", "beneficiary_cancelled").put("appointmentId", appointment.toString()), off.toJson());
  }

  @Test
  @DisplayName("a repeated day counts once")
  void repeatedDay() {
    Disruption d = Disruption.parse(new JsonObject().put("type", "staff_absent").put("staffId", 3)
        .put("dates", new JsonArray().add("2026-12-08").add("2026-12-08")));
    assertEquals(List.of(LocalDate.of(2026, 12, 8)), d.dates());
  }

  @Test
  @DisplayName("hostile ids are refused as the rest of the API refuses them: 400 naming the id field")
  void hostileIds() {
    List<Object> numbers = List.of("19", "١٩", "+19", 19.0, 19.5, -19, 0, "%31%39", true, new JsonArray().add(19),
        new JsonObject().put("id", 19), "", "19 ");
    for (Object bad : numbers) {
      ApiError e = assertThrows(ApiError.class, () -> Disruption.parse(new JsonObject().put("type", "staff_absent")
          .put("staffId", bad).put("dates", DAYS)), String.valueOf(bad));
      assertEquals(400, e.status(), String.valueOf(bad));
      assertEquals("staffId", e.field(), String.valueOf(bad));
    }
    String uuid = UUID.randomUUID().toString();
    List<Object> uuids = List.of("{" + uuid + "}", uuid.replace('1', '١'), uuid.replace("-", ""), " " + uuid,
        uuid.replace('a', 'ａ'), 42, "%" + uuid, uuid.substring(1));
    for (Object bad : uuids) {
      if (bad.equals(uuid)) continue; // a replacement that found nothing to replace
      ApiError e = assertThrows(ApiError.class, () -> Disruption.parse(new JsonObject()
          .put("type", "beneficiary_cancelled").put("appointmentId", bad)), String.valueOf(bad));
      assertEquals("appointmentId", e.field(), String.valueOf(bad));
    }
    ApiError missing = assertThrows(ApiError.class, () -> Disruption.parse(new JsonObject().put("type", "beneficiary_cancelled")));
    assertEquals("appointmentId", missing.field());
  }

  @Test
  @DisplayName("hostile days are refused: Unicode digits, other formats, impossible dates, too many, not strings")
  void hostileDates() {
    List<Object> days = List.of("２０２６-12-08", "2026-١٢-08", "+2026-12-08", "2026-12-8", "08.12.2026", "2026-02-30",
        "2026-12-08T00:00", 20261208, "", "2026-13-01");
    for (Object bad : days) {
      ApiError e = assertThrows(ApiError.class, () -> Disruption.parse(new JsonObject().put("type", "centre_closed")
          .put("centreId", 2).put("dates", new JsonArray().add(bad))), String.valueOf(bad));
      assertEquals("dates", e.field(), String.valueOf(bad));
      assertEquals(400, e.status());
    }
    JsonArray month = new JsonArray();
    for (int i = 0; i < 32; i++) month.add(LocalDate.of(2026, 12, 1).plusDays(i).toString());
    assertEquals("dates", assertThrows(ApiError.class, () -> Disruption.parse(new JsonObject().put("type", "centre_closed")
        .put("centreId", 2).put("dates", month))).field());
    assertEquals("dates", assertThrows(ApiError.class, () -> Disruption.parse(new JsonObject().put("type", "centre_closed")
        .put("centreId", 2).put("dates", "2026-12-08"))).field());
  }

  @Test
  @DisplayName("every invalid field is named at once")
  void everyFieldAtOnce() {
    ApiError e = assertThrows(ApiError.class, () -> Disruption.parse(new JsonObject().put("type", "caravan_unavailable")
        .put("caravanId", "7").put("dates", new JsonArray().add("7 dec"))));
    assertEquals(400, e.status());
    assertEquals(List.of("caravanId", "dates"), e.errors().stream().map(ApiError::field).toList());
    assertTrue(e.errors().stream().allMatch(x -> !x.reasonRo().isBlank() && !x.reasonEn().isBlank()));
  }

  @Test
  @DisplayName("an unknown or missing type is refused before anything else")
  void type() {
    for (Object bad : new Object[] {"flood", "STAFF_ABSENT", 1, null}) {
      ApiError e = assertThrows(ApiError.class, () -> Disruption.parse(new JsonObject().put("type", bad)));
      assertEquals("type", e.field());
    }
    assertInstanceOf(Disruption.StaffAbsent.class, Disruption.parse(new JsonObject().put("type", "staff_absent")
        .put("staffId", 1).put("dates", DAYS)));
  }
}
