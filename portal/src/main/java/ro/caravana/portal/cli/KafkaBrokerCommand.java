package ro.caravana.portal.cli;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import ro.caravana.scheduler.platform.kafka.EmbeddedKafka;

/**
 * {@code caravana kafka-broker --data-dir DIR [--port 9092] [--controller-port 9093] [--partitions 6]}: a
 * single-node Kafka 3.9 broker (KRaft, broker and controller in one process) on the loopback address, its data
 * kept in DIR, for a directorate that runs everything on one server and has no Kafka cluster. Point
 * {@code CARAVANA_KAFKA_BOOTSTRAP} at {@code 127.0.0.1:PORT}. Runs until stopped (Ctrl-C or SIGTERM).
 */
public final class KafkaBrokerCommand {

  private KafkaBrokerCommand() {}

  public static int run(String[] args) throws InterruptedException {
    Path dir = null;
    int port = 9092;
    int controller = 9093;
    int partitions = 6;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--data-dir" -> dir = Path.of(args[++i]);
          case "--port" -> port = Integer.parseInt(args[++i]);
          case "--controller-port" -> controller = Integer.parseInt(args[++i]);
          case "--partitions" -> partitions = Integer.parseInt(args[++i]);
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
    } catch (RuntimeException e) {
      System.err.println("caravana kafka-broker: " + e.getMessage()
          + "\nusage: caravana kafka-broker --data-dir DIR [--port 9092] [--controller-port 9093] [--partitions 6]");
      return 2;
    }
    if (dir == null) {
      System.err.println("caravana kafka-broker: --data-dir is required (the broker's log directory, kept across restarts)");
      return 2;
    }
    EmbeddedKafka kafka = EmbeddedKafka.start(dir, partitions, port, controller);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      kafka.stop();
      stopped.countDown();
    }, "kafka-broker-shutdown"));
    System.err.println("Kafka broker ready at " + kafka.bootstrap() + " (data in " + dir.toAbsolutePath() + ")");
    stopped.await();
    return 0;
  }
}
