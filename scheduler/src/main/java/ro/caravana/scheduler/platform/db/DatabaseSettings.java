package ro.caravana.scheduler.platform.db;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import ro.caravana.scheduler.platform.config.AppConfig;

/** Where the database is: a JDBC URL (for Flyway) and the same server for the reactive client. */
public record DatabaseSettings(String jdbcUrl, String user, String password, int poolSize) {

  /**
   * How long anything may wait on the database, so that a request is answered (503 when the
   * database cannot serve it) instead of hanging: for a free pooled connection ({@code db.pool-wait-ms}),
   * for a new connection to be established ({@code db.connect-timeout-ms}) and for one statement to
   * run ({@code db.statement-timeout-ms}, PostgreSQL's {@code statement_timeout}; 0 = none).
   */
  public record Limits(long poolWaitMillis, int connectTimeoutMillis, long statementTimeoutMillis) {

    public static Limits from(AppConfig config) {
      return new Limits(config.longValue("db.pool-wait-ms"), config.integer("db.connect-timeout-ms"),
          config.longValue("db.statement-timeout-ms"));
    }
  }

  /** A pool with the default limits of {@code caravana-defaults.properties}. */
  public Pool pool(Vertx vertx) {
    return pool(vertx, Limits.from(AppConfig.of(Map.of())));
  }

  public Pool pool(Vertx vertx, Limits limits) {
    PgConnectOptions connect = PgConnectOptions.fromUri(jdbcUrl.replaceFirst("^jdbc:", ""))
        .setUser(user)
        .setPassword(password)
        .setCachePreparedStatements(true);
    if (limits.statementTimeoutMillis() > 0) {
      // sent in the start-up message: every session of the pool has it from its first statement
      connect.addProperty("statement_timeout", Long.toString(limits.statementTimeoutMillis()));
    }
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(poolSize)
            .setConnectionTimeout((int) limits.poolWaitMillis()).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
        .with(new NetClientOptions().setConnectTimeout(limits.connectTimeoutMillis()).setTcpKeepAlive(true))
        .connectingTo(connect)
        .using(vertx)
        .build();
  }
}
