package ro.caravana.scheduler.platform;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.platform.config.AppConfig;
import ro.caravana.scheduler.platform.db.DatabaseSettings;
import ro.caravana.scheduler.platform.db.EmbeddedDatabase;
import ro.caravana.scheduler.platform.kafka.EmbeddedKafka;

/**
 * The PostgreSQL server and Kafka cluster the system talks to: those named in the configuration,
 * or embedded ones started here when the configuration names none. Closing stops what was started.
 */
public final class Infrastructure implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Infrastructure.class);

  private final DatabaseSettings database;
  private final String kafkaBootstrap;
  private final List<AutoCloseable> started;

  public Infrastructure(DatabaseSettings database, String kafkaBootstrap, List<AutoCloseable> started) {
    this.database = database;
    this.kafkaBootstrap = kafkaBootstrap;
    this.started = List.copyOf(started);
  }

  public static Infrastructure fromConfig(AppConfig config) throws IOException {
    List<AutoCloseable> started = new ArrayList<>();
    Path dataDir = config.optional("data.dir").map(Path::of).orElse(null);
    DatabaseSettings db;
    var url = config.optional("db.url");
    if (url.isPresent()) {
      db = new DatabaseSettings(url.get(), config.string("db.user"), config.string("db.password"), config.integer("db.pool-size"));
    } else {
      long t0 = System.nanoTime();
      EmbeddedDatabase embedded = EmbeddedDatabase.start(dataDir == null ? null : dataDir.resolve("postgres"));
      started.add(embedded);
      db = new DatabaseSettings(embedded.jdbcUrl(EmbeddedDatabase.DATABASE), EmbeddedDatabase.USER,
          EmbeddedDatabase.PASSWORD, config.integer("db.pool-size"));
      LOG.info("embedded PostgreSQL on port {} ({} ms)", embedded.port(), (System.nanoTime() - t0) / 1_000_000);
    }
    String bootstrap;
    var configured = config.optional("kafka.bootstrap");
    if (configured.isPresent()) {
      bootstrap = configured.get();
    } else {
      long t0 = System.nanoTime();
      EmbeddedKafka kafka = EmbeddedKafka.start(dataDir == null ? null : dataDir.resolve("kafka"),
          config.integer("kafka.topic-partitions"));
      started.add(kafka);
      bootstrap = kafka.bootstrap();
      LOG.info("embedded Kafka broker at {} ({} ms)", bootstrap, (System.nanoTime() - t0) / 1_000_000);
    }
    return new Infrastructure(db, bootstrap, started);
  }

  public DatabaseSettings database() { return database; }
  public String kafkaBootstrap() { return kafkaBootstrap; }

  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        LOG.warn("while stopping {}: {}", started.get(i).getClass().getSimpleName(), e.toString());
      }
    }
  }
}
