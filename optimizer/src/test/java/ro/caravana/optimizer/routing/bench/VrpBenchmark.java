package ro.caravana.optimizer.routing.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import ro.caravana.optimizer.routing.solver.RoutingSolverConfig;
import ro.caravana.optimizer.routing.solver.RoutingSolverSettings;
import ro.caravana.optimizer.routing.vrp.VrpInstance;
import ro.caravana.optimizer.routing.vrp.VrpObjective;
import ro.caravana.optimizer.routing.vrp.VrpReader;
import ro.caravana.optimizer.routing.vrp.VrpResult;
import ro.caravana.optimizer.routing.vrp.VrpSolver;

/**
 * Runs every instance of a folder with our solver and, in the same run and under the same time
 * limit, jsprit and OR-Tools; prints a Markdown table with gaps to the best known solutions.
 *
 * <pre>
 * VrpBenchmark DIR [--seconds N] [--objective distance|vehicles] [--only C101,R101] [--peers jsprit,ortools|none]
 *              [--threads T] [--no-nearby] [--ruin-recreate WEIGHT]
 * </pre>
 * Best known values come from the folder: bks_distance.csv / bks.csv (Solomon), opt.csv (CVRP).
 */
public final class VrpBenchmark {

  private VrpBenchmark() {}

  record Run(String solver, VrpResult result) {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long seconds = 30;
    VrpObjective objective = VrpObjective.DISTANCE;
    List<String> only = List.of();
    List<String> peers = List.of("jsprit", "ortools");
    int threads = 0;
    boolean nearby = true;
    int steps = 0;
    int customers = 0;
    int lateAcceptance = RoutingSolverSettings.AUTO;
    double ruinRecreate = RoutingSolverSettings.DEFAULT_RUIN_RECREATE_WEIGHT;
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--seconds" -> seconds = Long.parseLong(args[++i]);
        case "--objective" -> objective = VrpObjective.parse(args[++i]);
        case "--only" -> only = Arrays.asList(args[++i].split(","));
        case "--peers" -> peers = args[++i].equals("none") ? List.of() : Arrays.asList(args[i].split(","));
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--no-nearby" -> nearby = false;
        case "--customers" -> customers = Integer.parseInt(args[++i]);
        case "--steps" -> steps = Integer.parseInt(args[++i]);
        case "--late-acceptance" -> lateAcceptance = Integer.parseInt(args[++i]);
        case "--ruin-recreate" -> ruinRecreate = Double.parseDouble(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Map<String, double[]> bks = bestKnown(dir, objective);
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      List<String> wanted = only;
      files = list.filter(p -> p.toString().endsWith(".txt") || p.toString().endsWith(".vrp"))
          .filter(p -> wanted.isEmpty() || wanted.contains(stem(p)))
          .sorted().toList();
    }
    boolean vehiclesFirst = objective == VrpObjective.VEHICLES;
    RoutingSolverSettings base = RoutingSolverSettings.forSeconds(seconds).withUnimprovedSeconds(seconds)
        .withNearby(nearby).withMoveThreadCount(threads).withLateAcceptanceSize(lateAcceptance)
        .withRuinRecreateWeight(ruinRecreate);
    RoutingSolverSettings settings = steps > 0 ? base.withStepLimit(steps).withRandomSeed(0L) : base;
    System.out.printf("objective %s, %d s per instance and solver%s, ours: nearby %s, move threads %s, "
        + "late acceptance %s, ruin and recreate weight %s%n%n", objective.name().toLowerCase(Locale.ROOT), seconds,
        steps > 0 ? " (ours: at most " + steps + " local search steps)" : "", nearby, threads == 0 ? "none" : threads,
        lateAcceptance == RoutingSolverSettings.AUTO ? "by size" : lateAcceptance, ruinRecreate);
    StringBuilder header = new StringBuilder("| instance | best known V / D | ours V / D | ours gap % |");
    StringBuilder rule = new StringBuilder("|---|---|---|---|");
    for (String peer : peers) {
      header.append(' ').append(peer).append(" V / D | ").append(peer).append(" gap % |");
      rule.append("---|---|");
    }
    System.out.println(header);
    System.out.println(rule);
    Map<String, List<Double>> gaps = new HashMap<>();
    Map<String, Integer> infeasible = new HashMap<>();
    List<String> feasibility = new ArrayList<>();
    for (Path file : files) {
      VrpInstance read;
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
        read = VrpReader.read(reader);
      }
      VrpInstance instance = customers > 0 ? read.truncated(customers) : read;
      double[] best = instance == read ? bks.get(stem(file)) : null;
      long[] feasibleMillis = {-1};
      List<Run> runs = new ArrayList<>();
      runs.add(new Run("ours", timed(instance, () -> VrpSolver.solve(instance, ObjectiveOf.of(vehiclesFirst),
          RoutingSolverConfig.build(VrpSolver.forInstance(settings, instance, ObjectiveOf.of(vehiclesFirst))), millis -> feasibleMillis[0] = millis).routes())));
      for (String peer : peers) {
        long limit = seconds;
        runs.add(new Run(peer, timed(instance, () -> switch (peer) {
          case "jsprit" -> JspritPeer.solve(instance, limit, vehiclesFirst);
          case "ortools" -> OrToolsPeer.solve(instance, limit, vehiclesFirst);
          default -> throw new IllegalArgumentException("unknown peer " + peer);
        })));
      }
      // Without a published best (truncated or county instances) the reference is the best plan of this run.
      boolean runBest = best == null;
      if (runBest) {
        best = runs.stream().map(Run::result).filter(VrpResult::feasible)
            .min(Comparator.comparingDouble(VrpResult::distance))
            .map(r -> new double[] {r.vehicles(), r.distance()}).orElse(null);
      }
      StringBuilder row = new StringBuilder("| " + instance.name() + " | "
          + (best == null ? "?" : String.format(Locale.ROOT, "%d / %.2f%s", (long) best[0], best[1],
              runBest ? " (best of run)" : "")) + " |");
      for (Run run : runs) {
        VrpResult r = run.result();
        String gap = "";
        if (!r.feasible()) {
          gap = "infeasible";
          infeasible.merge(run.solver(), 1, Integer::sum);
        } else if (best != null) {
          double g = (r.distance() - best[1]) / best[1] * 100;
          gaps.computeIfAbsent(run.solver(), k -> new ArrayList<>()).add(g);
          gap = String.format(Locale.ROOT, "%.2f", g);
        }
        row.append(String.format(Locale.ROOT, " %d / %.2f | %s |", r.vehicles(), r.distance(), gap));
        System.err.printf("%s %s: %d vehicles, %.2f, feasible %s, %.1f s %s%n", instance.name(), run.solver(),
            r.vehicles(), r.distance(), r.feasible(), r.seconds(), r.problems().isEmpty() ? "" : r.problems());
      }
      System.out.println(row);
      System.err.printf("%s ours: first feasible plan after %d ms%n", instance.name(), feasibleMillis[0]);
      feasibility.add(instance.name() + " " + feasibleMillis[0]);
    }
    System.out.println();
    System.out.println("ours, first plan with every customer and no hard violation after (ms): "
        + String.join(", ", feasibility));
    for (String solver : gaps.keySet().stream().sorted().toList()) {
      List<Double> g = gaps.get(solver);
      System.out.printf(Locale.ROOT, "mean gap %s: %.2f %% over %d feasible instances (%d infeasible)%n", solver,
          g.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN), g.size(),
          infeasible.getOrDefault(solver, 0));
    }
  }

  /** Runs a solver, then rechecks its routes with the same exact arithmetic for every solver. */
  private static VrpResult timed(VrpInstance instance, Supplier<List<List<Integer>>> solver) {
    long start = System.nanoTime();
    List<List<Integer>> routes = solver.get();
    double spent = (System.nanoTime() - start) / 1e9;
    return VrpResult.check(instance, routes, spent, "");
  }

  private static final class ObjectiveOf {
    static VrpObjective of(boolean vehiclesFirst) {
      return vehiclesFirst ? VrpObjective.VEHICLES : VrpObjective.DISTANCE;
    }
  }

  /** instance -> {vehicles, distance} from the folder's best-known tables. */
  private static Map<String, double[]> bestKnown(Path dir, VrpObjective objective) throws IOException {
    Map<String, double[]> bks = new HashMap<>();
    Path opt = dir.resolve("opt.csv");
    Path solomon = dir.resolve(objective == VrpObjective.VEHICLES ? "bks.csv" : "bks_distance.csv");
    if (Files.exists(opt)) {
      for (String line : Files.readAllLines(opt).subList(1, Files.readAllLines(opt).size())) {
        String[] f = line.split(",");
        bks.put(f[0], new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[1])});
      }
    } else if (Files.exists(solomon)) {
      List<String> lines = Files.readAllLines(solomon);
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split(",");
        bks.put(f[0], new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
      }
    }
    return bks;
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.lastIndexOf('.'));
  }
}
