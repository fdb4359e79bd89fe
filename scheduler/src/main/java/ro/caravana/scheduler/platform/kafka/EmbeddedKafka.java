package ro.caravana.scheduler.platform.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Features;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running in this JVM,
 * for demo mode and tests. Listens on loopback only. Can be stopped and started again on the
 * same ports and log directory, which the outbox tests use to simulate an outage.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private final Path logDir;
  private final boolean ownsLogDir;
  private final int brokerPort;
  private final int controllerPort;
  private final int partitions;
  private KafkaRaftServer server;

  private EmbeddedKafka(Path logDir, boolean ownsLogDir, int brokerPort, int controllerPort, int partitions) {
    this.partitions = partitions;
    this.logDir = logDir;
    this.ownsLogDir = ownsLogDir;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
  }

  /** Formats (first time only) and starts a broker; {@code dir} null means a temporary folder. */
  public static EmbeddedKafka start(Path dir, int partitions) {
    try {
      return start(dir, partitions, freePort(), freePort());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The same broker on given loopback ports, for a single-server installation that has no Kafka cluster
   * ({@code caravana kafka-broker}); its data stays in {@code dir} across restarts.
   */
  public static EmbeddedKafka start(Path dir, int partitions, int brokerPort, int controllerPort) {
    try {
      boolean owns = dir == null;
      Path logDir = owns ? Files.createTempDirectory("caravana-kafka") : dir;
      Files.createDirectories(logDir);
      EmbeddedKafka kafka = new EmbeddedKafka(logDir, owns, brokerPort, controllerPort, partitions);
      kafka.format();
      kafka.startServer();
      return kafka;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String bootstrap() {
    return "127.0.0.1:" + brokerPort;
  }

  private Properties properties() {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    p.put("num.partitions", String.valueOf(partitions));
    // A single broker cannot replicate: without these, group consumers hang silently.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "4");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "true");
    p.put("log.flush.interval.messages", "10000");
    return p;
  }

  private void format() throws IOException {
    if (Files.exists(logDir.resolve("meta.properties"))) return;
    try {
      new Formatter()
          .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
          .setClusterId(Uuid.randomUuid().toString())
          .setNodeId(1)
          .setControllerListenerName("CONTROLLER")
          .setMetadataLogDirectory(logDir.toString())
          .setDirectories(java.util.List.of(logDir.toString()))
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setSupportedFeatures(Features.PRODUCTION_FEATURES)
          .setIgnoreFormatted(true)
          .run();
    } catch (Exception e) {
      throw new IOException("cannot format the Kafka log directory " + logDir, e);
    }
  }

  private void startServer() {
    server = new KafkaRaftServer(new KafkaConfig(properties()), Time.SYSTEM);
    server.startup();
  }

  /** Stops the broker but keeps its data, so {@link #restart()} brings it back with the same topics. */
  public synchronized void stop() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
  }

  public synchronized void restart() {
    if (server == null) startServer();
  }

  public synchronized boolean running() {
    return server != null;
  }

  @Override
  public void close() {
    stop();
    if (ownsLogDir) deleteTree(logDir);
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder; the OS cleans it eventually
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
