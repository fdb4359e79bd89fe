package ro.caravana.scheduler.platform.db;

import org.flywaydb.core.Flyway;

/** Flyway migrations from {@code db/migration}; blocking JDBC, so called before verticles deploy. */
public final class Migrations {

  private Migrations() {}

  public static int run(String jdbcUrl, String user, String password) {
    Flyway flyway = Flyway.configure()
        .dataSource(jdbcUrl, user, password)
        .locations("classpath:db/migration")
        .load();
    return flyway.migrate().migrationsExecuted;
  }
}
