package ro.caravana.scheduler.platform.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** Where the database is: a JDBC URL (for Flyway) and the same server for the reactive client. */
public record DatabaseSettings(String jdbcUrl, String user, String password, int poolSize) {

  public Pool pool(Vertx vertx) {
    PgConnectOptions connect = PgConnectOptions.fromUri(jdbcUrl.replaceFirst("^jdbc:", ""))
        .setUser(user)
        .setPassword(password)
        .setCachePreparedStatements(true);
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(poolSize))
        .connectingTo(connect)
        .using(vertx)
        .build();
  }
}
