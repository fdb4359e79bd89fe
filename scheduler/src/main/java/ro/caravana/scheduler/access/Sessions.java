package ro.caravana.scheduler.access;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Portal sessions kept in PostgreSQL, so any instance behind the load balancer can serve any request.
 * The cookie holds 256 random bits; the table holds their SHA-256, so a database dump opens no session.
 */
public final class Sessions {

  public static final String COOKIE = "caravana_session";
  public static final String CSRF_COOKIE = "caravana_csrf";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  public static final String CSRF_FIELD = "_csrf";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String INSERT =
      "INSERT INTO sessions (token_hash, account_id, csrf_token, ip) VALUES ($1, $2, $3, $4)";
  /** Finds a live session and marks it seen, in one statement. */
  private static final String TOUCH = """
      UPDATE sessions SET last_seen_at = now()
       WHERE token_hash = $1 AND revoked_at IS NULL
         AND last_seen_at > now() - make_interval(mins => $2)
         AND created_at > now() - make_interval(hours => $3)
      RETURNING account_id, csrf_token""";
  private static final String REVOKE = "UPDATE sessions SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL";
  /** Sessions past their maximum age or revoked a day ago can no longer be used: forget them. */
  private static final String PURGE = "DELETE FROM sessions WHERE created_at < now() - make_interval(hours => $1) "
      + "OR revoked_at < now() - interval '1 day'";

  /** A session as the request sees it. */
  public record Live(long accountId, String csrfToken) {}

  /** A new session: the cookie value and the CSRF token that goes with it. */
  public record Opened(String token, String csrfToken) {}

  private final SqlClient db;
  private final int idleMinutes;
  private final int maxHours;

  public Sessions(SqlClient db, int idleMinutes, int maxHours) {
    this.db = db;
    this.idleMinutes = idleMinutes;
    this.maxHours = maxHours;
  }

  public int maxHours() {
    return maxHours;
  }

  public Future<Opened> open(long accountId, String ip) {
    String token = randomToken();
    String csrf = randomToken();
    return db.preparedQuery(INSERT).execute(Tuple.of(Buffer.buffer(sha256(token)), accountId, csrf, ip))
        .map(r -> new Opened(token, csrf));
  }

  public Future<Optional<Live>> find(String token) {
    return db.preparedQuery(TOUCH).execute(Tuple.of(Buffer.buffer(sha256(token)), idleMinutes, maxHours))
        .map(rows -> {
          var it = rows.iterator();
          if (!it.hasNext()) return Optional.empty();
          Row r = it.next();
          return Optional.of(new Live(r.getLong("account_id"), r.getString("csrf_token")));
        });
  }

  public Future<Void> revoke(String token) {
    return db.preparedQuery(REVOKE).execute(Tuple.of(Buffer.buffer(sha256(token)))).mapEmpty();
  }

  /** Deletes sessions that can no longer be used; the number deleted. */
  public Future<Integer> purge() {
    return db.preparedQuery(PURGE).execute(Tuple.of(maxHours)).map(rows -> rows.rowCount());
  }

  static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean sameSecret(String a, String b) {
    if (a == null || b == null) return false;
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
