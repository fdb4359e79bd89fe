package ro.caravana.portal.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import ro.caravana.optimizer.routing.solver.RoutingSolverSettings;
import ro.caravana.optimizer.routing.vrp.VrpInstance;
import ro.caravana.optimizer.routing.vrp.VrpObjective;
import ro.caravana.optimizer.routing.vrp.VrpReader;
import ro.caravana.optimizer.routing.vrp.VrpResult;
import ro.caravana.optimizer.routing.vrp.VrpSolver;

/**
 * (Solomon text, VRPLIB VRPTW or Augerat CVRP) {@code caravana solve-vrp FILE --seconds N --objective distance|vehicles [--threads T] [--no-nearby]}:
 * solves a Solomon VRPTW or Augerat CVRP file with the caravan route model and prints one JSON
 * object on stdout; everything else goes to stderr.
 */
public final class SolveVrpCommand {

  private SolveVrpCommand() {}

  public static int run(String[] args) throws IOException {
    PrintStream stdout = CliOutput.reserveStdout();
    if (args.length == 0) return usage("missing FILE");
    Path file = null;
    long seconds = 30;
    VrpObjective objective = VrpObjective.DISTANCE;
    int threads = 0;
    boolean nearby = true;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--seconds" -> seconds = CliNumbers.positive("--seconds", args[++i]);
          case "--objective" -> objective = VrpObjective.parse(args[++i]);
          case "--threads" -> threads = CliNumbers.positive("--threads", args[++i]);
          case "--no-nearby" -> nearby = false;
          default -> {
            if (args[i].startsWith("--") || file != null) return usage("unknown argument " + args[i]);
            file = Path.of(args[i]);
          }
        }
      }
    } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
      return usage(e.getMessage() == null ? "bad arguments" : e.getMessage());
    }
    if (file == null) return usage("missing FILE");
    if (seconds < 1) return usage("--seconds must be at least 1");
    VrpInstance instance;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      instance = VrpReader.read(reader);
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("solve-vrp: cannot read " + file + ": " + e);
      return 1;
    }
    System.err.printf("solve-vrp: %s, %d customers, %d vehicles of capacity %d, %d s, objective %s%n",
        instance.name(), instance.customers().size(), instance.vehicles(), instance.capacity(), seconds,
        objective.name().toLowerCase());
    RoutingSolverSettings settings = RoutingSolverSettings.forSeconds(seconds)
        .withUnimprovedSeconds(seconds).withNearby(nearby).withMoveThreadCount(threads);
    VrpResult result = VrpSolver.solve(instance, objective, settings);
    System.err.printf("solve-vrp: score %s, %d vehicles, distance %.2f, feasible %s%n",
        result.score(), result.vehicles(), result.distance(), result.feasible());
    stdout.println(result.toJson());
    stdout.flush();
    return result.feasible() ? 0 : 3;
  }

  private static int usage(String problem) {
    System.err.println("solve-vrp: " + problem);
    System.err.println("usage: caravana solve-vrp FILE --seconds N --objective distance|vehicles [--threads T] [--no-nearby]");
    return 2;
  }
}
