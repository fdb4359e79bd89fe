package ro.caravana.scheduler.reliability;

import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.platform.db.DatabaseSettings;
import ro.caravana.scheduler.platform.db.EmbeddedDatabase;
import ro.caravana.scheduler.support.TestSystem;

/**
 * The scheduler in a process of its own, so a fault test can kill it with SIGKILL (kill -9) as an
 * operator or the kernel would. Arguments: JDBC URL, Kafka bootstrap, then settings as key=value.
 * Prints {@code READY <http port> <pid>} once it serves.
 */
public final class ServerProcess {

  private ServerProcess() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> settings = new HashMap<>();
    for (int i = 2; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    Vertx vertx = Vertx.vertx();
    DatabaseSettings db = new DatabaseSettings(args[0], EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD, 8);
    SchedulerApp app = SchedulerApp.start(vertx, TestSystem.config(settings), db, args[1], false, (r, c) -> { })
        .toCompletionStage().toCompletableFuture().get(180, TimeUnit.SECONDS);
    System.out.println("READY " + app.port() + " " + ProcessHandle.current().pid());
    System.out.flush();
  }

  /** A started server process: its HTTP port and the process to kill. */
  record Handle(Process process, int port) {
    void kill() throws InterruptedException {
      process.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Starts a server process and waits until it serves. */
  static Handle start(String jdbcUrl, String bootstrap, Map<String, String> settings, Path log) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
        "-Duser.timezone=Europe/Bucharest", "-cp", System.getProperty("java.class.path"), ServerProcess.class.getName(),
        jdbcUrl, bootstrap));
    settings.forEach((k, v) -> command.add(k + "=" + v));
    Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
    CompletableFuture<Integer> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith("READY ")) ready.complete(Integer.parseInt(line.split(" ")[1]));
        }
        ready.completeExceptionally(new IllegalStateException("server process ended; see " + log));
      } catch (IOException e) {
        ready.completeExceptionally(e);
      }
    }, "server-process-out");
    reader.setDaemon(true);
    reader.start();
    try {
      return new Handle(process, ready.get(240, TimeUnit.SECONDS));
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }
}
