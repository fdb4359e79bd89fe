package ro.caravana.scheduler.access;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import ro.caravana.scheduler.common.Ids;
import ro.caravana.scheduler.platform.http.ApiError;

/**
 * County, centre and staff scoping, as SQL the queries share. A beneficiary belongs to the county of
 * their locality; a centre coordinator sees the beneficiaries of their centre; a clinician sees their own
 * appointments and the people in them. Out of scope reads as "not found", so the ids of another county's
 * records cannot be probed.
 */
public final class Scope {

  /**
   * Append to a query over {@code beneficiaries b JOIN localities l ON l.siruta = b.locality_siruta};
   * parameters n, n+1, n+2 are {@link #args}.
   */
  public static String beneficiaryFilter(int n) {
    return " AND ($" + n + "::text[] IS NULL OR l.county = ANY($" + n + "))"
        + " AND ($" + (n + 1) + "::bigint IS NULL OR b.centre_id = $" + (n + 1) + ")"
        + " AND ($" + (n + 2) + "::bigint IS NULL OR EXISTS (SELECT 1 FROM appointments sa"
        + " WHERE sa.beneficiary_id = b.id AND sa.staff_id = $" + (n + 2) + "))";
  }

  /**
   * Append to a query over {@code appointments a JOIN beneficiaries b ... JOIN localities l ...}: a
   * clinician sees only the appointments they hold, those of the caravan whose crew they are, or those in whose
   * video call an administrator designated them (substitute or helper, {@code consultation_participants}).
   */
  public static String appointmentFilter(int n) {
    return " AND ($" + n + "::text[] IS NULL OR l.county = ANY($" + n + "))"
        + " AND ($" + (n + 1) + "::bigint IS NULL OR b.centre_id = $" + (n + 1) + ")"
        + " AND ($" + (n + 2) + "::bigint IS NULL OR a.staff_id = $" + (n + 2)
        + " OR a.caravan_id = (SELECT cs.caravan_id FROM staff cs WHERE cs.id = $" + (n + 2) + ")"
        + " OR EXISTS (SELECT 1 FROM consultation_participants cp WHERE cp.appointment_id = a.id AND cp.staff_id = $"
        + (n + 2) + "))";
  }

  /** Append to a query with a {@code county} column (staff, caravans, plans): parameter n is {@link Caller#countyScope}. */
  public static String countyFilter(String column, int n) {
    return " AND ($" + n + "::text[] IS NULL OR " + column + " = ANY($" + n + "))";
  }

  private static final String BENEFICIARY = "SELECT 1 FROM beneficiaries b JOIN localities l ON l.siruta = b.locality_siruta"
      + " WHERE b.id = $1" + beneficiaryFilter(2);
  private static final String APPOINTMENT = "SELECT 1 FROM appointments a JOIN beneficiaries b ON b.id = a.beneficiary_id"
      + " JOIN localities l ON l.siruta = b.locality_siruta WHERE a.id = $1" + appointmentFilter(2);
  private static final String CARE_PLAN = "SELECT 1 FROM care_plans cp JOIN beneficiaries b ON b.id = cp.beneficiary_id"
      + " JOIN localities l ON l.siruta = b.locality_siruta WHERE cp.id = $1" + beneficiaryFilter(2);
  private static final String PLAN = "SELECT 1 FROM plans p WHERE p.id = $1" + countyFilter("p.county", 2);
  private static final String STAFF = "SELECT 1 FROM staff s WHERE s.id = $1" + countyFilter("s.county", 2);
  private static final String LOCALITY = "SELECT 1 FROM localities l WHERE l.siruta = $1" + countyFilter("l.county", 2);
  private static final String CENTRE = "SELECT 1 FROM community_centres c JOIN localities l ON l.siruta = c.locality_siruta"
      + " WHERE c.id = $1" + countyFilter("l.county", 2);
  private static final String CARAVAN = "SELECT 1 FROM caravans v WHERE v.id = $1" + countyFilter("v.county", 2);
  private static final String HORIZON = "SELECT 1 FROM horizons h WHERE h.id = $1" + countyFilter("h.county", 2);

  private Scope() {}

  /** The scope parameters of a caller, added to a query's tuple in the order the filters above expect. */
  public static Tuple args(Tuple tuple, Caller caller) {
    return tuple.addValue(caller.countyScope()).addValue(caller.centreScope()).addValue(caller.staffScope());
  }

  public static Future<Boolean> beneficiaryVisible(SqlClient db, Caller caller, UUID beneficiaryId) {
    return db.preparedQuery(BENEFICIARY).execute(args(Tuple.of(beneficiaryId), caller)).map(rows -> rows.size() > 0);
  }

  /** Fails with 404 unless the caller may see this beneficiary. */
  public static Future<Void> requireBeneficiary(SqlClient db, Caller caller, UUID beneficiaryId) {
    return beneficiaryVisible(db, caller, beneficiaryId).compose(visible -> visible
        ? Future.succeededFuture()
        : Future.failedFuture(ApiError.notFound("id", "Beneficiarul nu există.", "No such beneficiary.")));
  }

  /**
   * Is the record named by {@code id} (already read strictly by {@link ScopedId#read}) in the caller's
   * scope? True when no id was given or the record does not exist at all (the handler answers 404 or 422).
   */
  static Future<Boolean> visible(SqlClient db, Caller caller, Policy.Subject subject, Object id) {
    if (id == null) return Future.succeededFuture(true);
    return switch (subject) {
      case COUNTY -> Future.succeededFuture(caller.mayAccessCounty((String) id));
      case BENEFICIARY -> exists(db, BENEFICIARY, args(Tuple.of(id), caller), CHECK_BENEFICIARY);
      case APPOINTMENT -> exists(db, APPOINTMENT, args(Tuple.of(id), caller), CHECK_APPOINTMENT);
      case CARE_PLAN -> exists(db, CARE_PLAN, args(Tuple.of(id), caller), CHECK_CARE_PLAN);
      case PLAN -> exists(db, PLAN, Tuple.tuple().addValue(id).addValue(caller.countyScope()), CHECK_PLAN);
      case STAFF -> exists(db, STAFF, Tuple.tuple().addValue(id).addValue(caller.countyScope()), CHECK_STAFF);
      case LOCALITY -> exists(db, LOCALITY, Tuple.tuple().addValue(id).addValue(caller.countyScope()), CHECK_LOCALITY);
      case CENTRE -> exists(db, CENTRE, Tuple.tuple().addValue(id).addValue(caller.countyScope()), CHECK_CENTRE);
      case CARAVAN -> exists(db, CARAVAN, Tuple.tuple().addValue(id).addValue(caller.countyScope()), CHECK_CARAVAN);
      case ACCOUNT -> exists(db, AccountAdmin.VISIBLE, AccountAdmin.keptArgs(Tuple.tuple().addValue(id), caller),
          CHECK_ACCOUNT);
      case HORIZON -> exists(db, HORIZON, Tuple.tuple().addValue(id).addValue(caller.countyScope()), CHECK_HORIZON);
    };
  }

  private static final String CHECK_BENEFICIARY = "SELECT 1 FROM beneficiaries WHERE id = $1";
  private static final String CHECK_APPOINTMENT = "SELECT 1 FROM appointments WHERE id = $1";
  private static final String CHECK_CARE_PLAN = "SELECT 1 FROM care_plans WHERE id = $1";
  private static final String CHECK_PLAN = "SELECT 1 FROM plans WHERE id = $1";
  private static final String CHECK_STAFF = "SELECT 1 FROM staff WHERE id = $1";
  private static final String CHECK_LOCALITY = "SELECT 1 FROM localities WHERE siruta = $1";
  private static final String CHECK_CENTRE = "SELECT 1 FROM community_centres WHERE id = $1";
  private static final String CHECK_CARAVAN = "SELECT 1 FROM caravans WHERE id = $1";
  private static final String CHECK_ACCOUNT = "SELECT 1 FROM accounts WHERE id = $1";
  private static final String CHECK_HORIZON = "SELECT 1 FROM horizons WHERE id = $1";

  /** In scope, or not there at all (so that the handler's own 404 or 422 answers as before). */
  private static Future<Boolean> exists(SqlClient db, String scoped, Tuple args, String plain) {
    return db.preparedQuery(scoped).execute(args).compose(rows -> {
      if (rows.size() > 0) return Future.succeededFuture(true);
      Object key = args.getValue(0);
      return db.preparedQuery(plain).execute(Tuple.of(key)).map(r -> r.size() == 0);
    });
  }

  /** A UUID read strictly ({@link Ids}): anything but the canonical form is 400. */
  public static UUID uuid(String value, String field) {
    return Ids.uuid(field, value);
  }
}
