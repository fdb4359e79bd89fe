package ro.caravana.scheduler.access;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The accounts table. */
public final class Accounts {

  private static final String COLUMNS = "id, email, display_name, role, counties, centre_id, staff_id, password_hash, "
      + "failed_logins, (locked_until IS NOT NULL AND locked_until > now()) AS locked, disabled, token_generation";
  private static final String BY_EMAIL = "SELECT " + COLUMNS + " FROM accounts WHERE email = $1";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM accounts WHERE id = $1";
  /** The account a Bearer token names, only while the token is neither on the deny list nor of an older generation. */
  private static final String FOR_TOKEN = "SELECT " + COLUMNS + " FROM accounts WHERE id = $1 AND token_generation = $2"
      + " AND NOT disabled AND NOT EXISTS (SELECT 1 FROM revoked_tokens WHERE jti = $3)";
  private static final String INSERT = "INSERT INTO accounts (email, display_name, role, counties, centre_id, staff_id, "
      + "password_hash) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING " + COLUMNS;
  /** One more failure; at the threshold the account locks for a while and the count starts again. */
  private static final String FAILURE = """
      UPDATE accounts
         SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
             locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
       WHERE id = $1
      RETURNING failed_logins, locked_until > now() AS locked""";
  private static final String SUCCESS =
      "UPDATE accounts SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = $1";
  private static final String COUNT = "SELECT count(*) FROM accounts";

  private final SqlClient db;

  public Accounts(SqlClient db) {
    this.db = db;
  }

  public static String normaliseEmail(String email) {
    return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
  }

  public Future<Optional<Account>> byEmail(String email) {
    return db.preparedQuery(BY_EMAIL).execute(Tuple.of(normaliseEmail(email))).map(Accounts::first);
  }

  public Future<Optional<Account>> byId(long id) {
    return db.preparedQuery(BY_ID).execute(Tuple.of(id)).map(Accounts::first);
  }

  /** The enabled account a token names, when the token has not been revoked (see {@link Tokens}). */
  public Future<Optional<Account>> forToken(Tokens.Claims claims) {
    return db.preparedQuery(FOR_TOKEN).execute(Tuple.of(claims.accountId(), claims.generation(), claims.jti()))
        .map(Accounts::first);
  }

  public Future<Account> create(String email, String displayName, Role role, List<String> counties, Long centreId,
      Long staffId, String passwordHash) {
    return db.preparedQuery(INSERT)
        .execute(Tuple.of(normaliseEmail(email), displayName, role.wire(), counties.toArray(String[]::new), centreId,
            staffId, passwordHash))
        .map(rows -> map(rows.iterator().next()));
  }

  /** Records a failed login; the answer is the failures counted so far (0 when it just locked). */
  public Future<Integer> failed(long id, int threshold, int lockoutMinutes) {
    return db.preparedQuery(FAILURE).execute(Tuple.of(id, threshold, lockoutMinutes))
        .map(rows -> {
          Row r = rows.iterator().next();
          return Boolean.TRUE.equals(r.getBoolean("locked")) ? threshold : r.getInteger("failed_logins");
        });
  }

  public Future<Void> succeeded(long id) {
    return db.preparedQuery(SUCCESS).execute(Tuple.of(id)).mapEmpty();
  }

  public Future<Long> count() {
    return db.query(COUNT).execute().map(rows -> rows.iterator().next().getLong(0));
  }

  private static Optional<Account> first(io.vertx.sqlclient.RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(map(it.next())) : Optional.empty();
  }

  private static Account map(Row r) {
    String[] counties = r.getArrayOfStrings("counties");
    return new Account(r.getLong("id"), r.getString("email"), r.getString("display_name"),
        Role.parse(r.getString("role")).orElseThrow(), counties == null ? List.of() : Arrays.asList(counties),
        r.getLong("centre_id"), r.getLong("staff_id"), r.getString("password_hash"), r.getInteger("failed_logins"),
        Boolean.TRUE.equals(r.getBoolean("locked")), r.getBoolean("disabled"),
        r.getInteger("token_generation"));
  }
}
