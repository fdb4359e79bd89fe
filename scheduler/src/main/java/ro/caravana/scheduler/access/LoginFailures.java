package ro.caravana.scheduler.access;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * Failed sign-ins per e-mail (as typed, whether an account has it or not) and client address, in
 * PostgreSQL so every instance sees the same counts. At the threshold the pair locks for a while.
 */
final class LoginFailures {

  private static final String LOCKED =
      "SELECT 1 FROM login_failures WHERE email = $1 AND client = $2 AND locked_until > now()";
  private static final String FAILED = """
      INSERT INTO login_failures AS f (email, client, failures, locked_until)
      VALUES ($1, $2, CASE WHEN $3 <= 1 THEN 0 ELSE 1 END,
              CASE WHEN $3 <= 1 THEN now() + make_interval(mins => $4) END)
      ON CONFLICT (email, client) DO UPDATE SET
        failures = CASE WHEN f.failures + 1 >= $3 THEN 0 ELSE f.failures + 1 END,
        locked_until = CASE WHEN f.locked_until > now() THEN f.locked_until
                            WHEN f.failures + 1 >= $3 THEN now() + make_interval(mins => $4) ELSE NULL END,
        updated_at = now()
      RETURNING failures, locked_until > now() AS locked""";
  private static final String SUCCEEDED = "DELETE FROM login_failures WHERE email = $1 AND client = $2";

  private final SqlClient db;

  LoginFailures(SqlClient db) {
    this.db = db;
  }

  Future<Boolean> locked(String email, String client) {
    return db.preparedQuery(LOCKED).execute(Tuple.of(email, client)).map(rows -> rows.size() > 0);
  }

  /** One more failure; the answer is the failures counted so far ({@code threshold} while locked). */
  Future<Integer> failed(String email, String client, int threshold, int lockoutMinutes) {
    return db.preparedQuery(FAILED).execute(Tuple.of(email, client, threshold, lockoutMinutes)).map(rows -> {
      var r = rows.iterator().next();
      return Boolean.TRUE.equals(r.getBoolean("locked")) ? threshold : r.getInteger("failures");
    });
  }

  Future<Void> succeeded(String email, String client) {
    return db.preparedQuery(SUCCEEDED).execute(Tuple.of(email, client)).mapEmpty();
  }
}
