package ro.caravana.scheduler.platform.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server (binaries from Maven Central) started in-process for demo mode and
 * tests. Creates the {@code caravana} role and database on first start.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  public static final String DATABASE = "caravana";
  public static final String USER = "caravana";
  public static final String PASSWORD = "caravana";

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** Starts a server keeping its files in {@code dataDir} (kept between starts) or a temporary folder. */
  public static EmbeddedDatabase start(Path dataDir) throws IOException {
    return start(dataDir, 0);
  }

  /** As {@link #start(Path)} on a given port (0: any free one); the restart tests start again on the same port. */
  public static EmbeddedDatabase start(Path dataDir, int port) throws IOException {
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(port);
    if (dataDir != null) {
      builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
    }
    EmbeddedDatabase db = new EmbeddedDatabase(builder.start());
    db.createDatabase(DATABASE, null);
    return db;
  }

  public int port() {
    return postgres.getPort();
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
  }

  /** Creates the application role (once) and a database, optionally from a template. */
  public void createDatabase(String name, String template) {
    if (!name.matches("[a-z_][a-z0-9_]*")) throw new IllegalArgumentException("bad database name " + name);
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + USER + "') THEN "
          + "CREATE ROLE " + USER + " LOGIN SUPERUSER PASSWORD '" + PASSWORD + "'; END IF; END $$");
      try (var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
        if (rs.next()) return;
      }
      s.execute("CREATE DATABASE " + name + " OWNER " + USER + (template == null ? "" : " TEMPLATE " + template));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
