package ro.caravana.scheduler.access;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;

/**
 * The deny list of Bearer tokens recalled before their expiry (logout), shared by every instance through
 * PostgreSQL. A row is kept until the token would have expired anyway; {@link #purge} forgets the rest.
 */
public final class RevokedTokens {

  private static final String REVOKE = "INSERT INTO revoked_tokens (jti, account_id, expires_at) VALUES ($1, $2, $3)"
      + " ON CONFLICT (jti) DO NOTHING";
  private static final String PURGE = "DELETE FROM revoked_tokens WHERE expires_at < now()";

  private final SqlClient db;

  public RevokedTokens(SqlClient db) {
    this.db = db;
  }

  public Future<Void> revoke(Tokens.Claims claims) {
    return db.preparedQuery(REVOKE)
        .execute(Tuple.of(claims.jti(), claims.accountId(), claims.expiresAt().atOffset(ZoneOffset.UTC)))
        .mapEmpty();
  }

  /** Deletes the rows of tokens past their expiry (they are refused for that already); the number deleted. */
  public Future<Integer> purge() {
    return db.query(PURGE).execute().map(rows -> rows.rowCount());
  }
}
