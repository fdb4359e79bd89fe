package ro.caravana.scheduler.common;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import java.util.Map;
import ro.caravana.scheduler.platform.http.ApiError;

/**
 * Turns the database's own refusals (unique keys, foreign keys, checks) into problems that name
 * the API field, for the constraints a client can trip over. Others go to the platform's generic
 * mapping.
 */
public final class Constraints {

  private record Field(String name, String ro, String en) {}

  private static final Map<String, Field> FIELDS = Map.ofEntries(
      Map.entry("beneficiaries_cnp_key", new Field("cnp",
          "Există deja un beneficiar cu acest CNP.", "A beneficiary with this CNP already exists.")),
      Map.entry("beneficiaries_locality_siruta_fkey", new Field("localitySiruta",
          "Localitatea (cod SIRUTA) nu există.", "No locality with this SIRUTA code.")),
      Map.entry("beneficiaries_centre_id_fkey", new Field("centreId",
          "Centrul comunitar nu există.", "No such community centre.")),
      Map.entry("care_plans_beneficiary_id_fkey", new Field("beneficiaryId",
          "Beneficiarul nu există.", "No such beneficiary.")),
      Map.entry("care_plans_centre_id_fkey", new Field("centreId",
          "Centrul comunitar nu există.", "No such community centre.")),
      Map.entry("appointments_beneficiary_id_fkey", new Field("beneficiaryId",
          "Beneficiarul nu există.", "No such beneficiary.")),
      Map.entry("appointments_care_plan_id_fkey", new Field("carePlanId",
          "Planul de îngrijire nu există.", "No such care plan.")),
      Map.entry("appointments_staff_id_fkey", new Field("staffId",
          "Membrul personalului nu există.", "No such staff member.")),
      Map.entry("appointments_centre_id_fkey", new Field("centreId",
          "Centrul comunitar nu există.", "No such community centre.")),
      Map.entry("appointments_room_id_fkey", new Field("roomId", "Sala nu există.", "No such room.")),
      Map.entry("appointments_caravan_id_fkey", new Field("caravanId", "Caravana nu există.", "No such caravan.")),
      Map.entry("community_centres_code_key", new Field("code",
          "Există deja un centru cu acest cod.", "A centre with this code already exists.")),
      Map.entry("caravans_code_key", new Field("code",
          "Există deja o caravană cu acest cod.", "A caravan with this code already exists.")),
      Map.entry("staff_code_key", new Field("code",
          "Există deja un membru al personalului cu acest cod.", "A staff member with this code already exists.")),
      Map.entry("rooms_centre_id_name_key", new Field("name",
          "Centrul are deja o sală cu acest nume.", "The centre already has a room with this name.")),
      Map.entry("appointments_stop_siruta_fkey", new Field("stopSiruta",
          "Localitatea opririi (cod SIRUTA) nu există.", "No locality with this SIRUTA code for the stop.")));

  private Constraints() {}

  /** The same future, with known constraint violations replaced by problems naming the field. */
  public static <T> Future<T> named(Future<T> future) {
    return future.recover(e -> Future.failedFuture(translate(e)));
  }

  public static Throwable translate(Throwable e) {
    if (e instanceof PgException pg && pg.getConstraint() != null) {
      Field f = FIELDS.get(pg.getConstraint());
      if (f != null) {
        return "23505".equals(pg.getSqlState())
            ? ApiError.conflict(f.name(), f.ro(), f.en())
            : ApiError.unprocessable(f.name(), f.ro(), f.en());
      }
    }
    return e;
  }
}
