package ro.caravana.scheduler.access;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import ro.caravana.scheduler.platform.http.ApiError;

/**
 * County, centre and staff scoping of beneficiary records, as SQL the domain queries share. A beneficiary
 * belongs to the county of their locality; a centre coordinator sees the beneficiaries of their centre;
 * a clinician sees the people in their own appointments. Out of scope reads as "not found", so ids of
 * other counties' records cannot be probed.
 */
public final class Scope {

  /**
   * Append to a query over {@code beneficiaries b JOIN localities l ON l.siruta = b.locality_siruta};
   * the three parameters are {@link #args} at positions n, n+1, n+2.
   */
  public static String beneficiaryFilter(int n) {
    return " AND ($" + n + "::text[] IS NULL OR l.county = ANY($" + n + "))"
        + " AND ($" + (n + 1) + "::bigint IS NULL OR b.centre_id = $" + (n + 1) + ")"
        + " AND ($" + (n + 2) + "::bigint IS NULL OR EXISTS (SELECT 1 FROM appointments sa"
        + " WHERE sa.beneficiary_id = b.id AND sa.staff_id = $" + (n + 2) + "))";
  }

  private static final String VISIBLE = "SELECT 1 FROM beneficiaries b JOIN localities l ON l.siruta = b.locality_siruta"
      + " WHERE b.id = $1" + beneficiaryFilter(2);

  private Scope() {}

  /** The scope parameters of a caller, to add to a query's tuple in the order {@link #beneficiaryFilter} expects. */
  public static Tuple args(Tuple tuple, Caller caller) {
    return tuple.addValue(caller.countyScope()).addValue(caller.centreScope()).addValue(caller.staffScope());
  }

  public static Future<Boolean> beneficiaryVisible(SqlClient db, Caller caller, UUID beneficiaryId) {
    return db.preparedQuery(VISIBLE).execute(args(Tuple.of(beneficiaryId), caller)).map(rows -> rows.size() > 0);
  }

  /** Fails with 404 unless the caller may see this beneficiary. */
  public static Future<Void> requireBeneficiary(SqlClient db, Caller caller, UUID beneficiaryId) {
    return beneficiaryVisible(db, caller, beneficiaryId).compose(visible -> visible
        ? Future.succeededFuture()
        : Future.failedFuture(ApiError.notFound("id", "Beneficiarul nu există.", "No such beneficiary.")));
  }

  public static UUID uuid(String value, String field) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ApiError.notFound(field, "Înregistrarea nu există.", "No such record.");
    }
  }
}
