package ro.caravana.portal.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.solver.SolutionManager;
import org.optaplanner.core.api.solver.SolverFactory;
import ro.caravana.optimizer.timetable.Disruption;
import ro.caravana.optimizer.timetable.FirstFitPlanner;
import ro.caravana.optimizer.timetable.Replanner;
import ro.caravana.optimizer.timetable.ServiceKind;
import ro.caravana.optimizer.timetable.Session;
import ro.caravana.optimizer.timetable.Staff;
import ro.caravana.optimizer.timetable.Timetable;
import ro.caravana.optimizer.timetable.TimetableSolver;
import ro.caravana.optimizer.timetable.scenario.DemoScenario;

/**
 * {@code caravana bench-timetable [--scales 1,2,4,8] [--checkpoints 30,60,120] [--seconds-for-scale 4=30,8=30]
 * [--seed S] [--replan-seconds N]}: for each scale, the first-fit baseline and the solver (first fit, then
 * local search) on the same generated week, in the same process; the solver's best score is read at each
 * checkpoint. Then re-planning after a three-day absence on the 1x week. One JSON line per result on stdout.
 */
public final class BenchTimetableCommand {

  private static final LocalDate WEEK = LocalDate.of(2026, 11, 30);

  private BenchTimetableCommand() {}

  public static int run(String[] args) throws Exception {
    PrintStream stdout = System.out;
    System.setOut(System.err);
    Logging.quietSolver();
    int[] scales = {1, 2, 4, 8};
    int[] checkpoints = {30, 60, 120};
    Map<Integer, Integer> maxSecondsByScale = Map.of();
    long seed = 1;
    int replanSeconds = 10;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--scales" -> scales = ints(args[i + 1]);
        case "--checkpoints" -> checkpoints = ints(args[i + 1]);
        case "--seconds-for-scale" -> maxSecondsByScale = Arrays.stream(args[i + 1].split(","))
            .map(p -> p.split("=")).collect(Collectors.toMap(p -> Integer.parseInt(p[0]), p -> Integer.parseInt(p[1])));
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        case "--replan-seconds" -> replanSeconds = Integer.parseInt(args[i + 1]);
        default -> {
          System.err.println("unknown option " + args[i]);
          return 2;
        }
      }
    }
    ObjectMapper json = new ObjectMapper();
    SolutionManager<Timetable, HardMediumSoftLongScore> scorer = SolutionManager.create(
        SolverFactory.create(TimetableSolver.config(Duration.ofSeconds(1), seed)));
    Timetable oneWeekSolved = null;
    for (int scale : scales) {
      // Baseline: first fit alone.
      Timetable baseline = DemoScenario.generate(DemoScenario.Parameters.demo(scale, seed, WEEK));
      long t0 = System.nanoTime();
      // Same seed as the solver's construction phase, so the solver starts from exactly this plan.
      FirstFitPlanner.plan(baseline, seed, (s, st, staff, room) -> {
        s.setStart(st);
        s.setStaff(staff);
        s.setRoom(room);
      });
      double baselineSeconds = (System.nanoTime() - t0) / 1e9;
      HardMediumSoftLongScore baselineScore = scorer.update(baseline);
      ObjectNode b = line(json, "first-fit", scale, baseline, baselineScore);
      b.put("seconds", round(baselineSeconds));
      stdout.println(json.writeValueAsString(b));

      // Solver, with the best score recorded over time.
      int limit = maxSecondsByScale.getOrDefault(scale, checkpoints[checkpoints.length - 1]);
      Timetable problem = DemoScenario.generate(DemoScenario.Parameters.demo(scale, seed, WEEK));
      List<double[]> history = new ArrayList<>(); // seconds, hard, medium, soft, assigned, CPU seconds
      java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
      long cpuStart = threads.getCurrentThreadCpuTime(); // the solver runs on this thread
      long start = System.nanoTime();
      Timetable best = TimetableSolver.solve(problem, TimetableSolver.config(Duration.ofSeconds(limit), seed), nb -> {
        HardMediumSoftLongScore s = nb.getScore();
        if (s != null && s.isSolutionInitialized()) {
          history.add(new double[] {(System.nanoTime() - start) / 1e9, s.hardScore(), s.mediumScore(), s.softScore(),
              nb.assignedCount(), (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9});
        }
      });
      double cpuTotal = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      double wallTotal = (System.nanoTime() - start) / 1e9;
      double firstFeasible = history.stream().filter(h -> h[1] == 0).mapToDouble(h -> h[0]).min().orElse(-1);
      for (int checkpoint : checkpoints) {
        if (checkpoint > limit) continue;
        double[] at = null;
        for (double[] h : history) if (h[0] <= checkpoint) at = h;
        if (at == null) continue;
        ObjectNode o = json.createObjectNode();
        o.put("run", "solver");
        o.put("scale", scale);
        o.put("checkpointSeconds", checkpoint);
        o.put("score", HardMediumSoftLongScore.of((long) at[1], (long) at[2], (long) at[3]).toString());
        o.put("sessions", best.getSessions().size());
        o.put("assigned", (long) at[4]);
        o.put("assignedPercent", round(100.0 * at[4] / best.getSessions().size()));
        o.put("firstFeasibleSeconds", round(firstFeasible));
        o.put("bestFoundAtSeconds", round(at[0]));
        // On a shared machine the solver thread gets only part of a core: CPU seconds it got in the whole run.
        o.put("runWallSeconds", round(wallTotal));
        o.put("runCpuSeconds", round(cpuTotal));
        stdout.println(json.writeValueAsString(o));
      }
      stdout.flush();
      if (scale == 1) oneWeekSolved = best;
    }
    if (oneWeekSolved != null && replanSeconds > 0) stdout.println(json.writeValueAsString(replan(json, oneWeekSolved, replanSeconds, seed)));
    stdout.flush();
    return 0;
  }

  /** The kinetotherapist with most sessions Tuesday to Thursday is away those days; re-plan from Monday noon. */
  static ObjectNode replan(ObjectMapper json, Timetable published, int seconds, long seed) {
    Staff absent = published.getSessions().stream()
        .filter(s -> s.isAssigned() && s.getService() == ServiceKind.KINETOTHERAPY && s.getDay() >= 1 && s.getDay() <= 3)
        .collect(Collectors.groupingBy(Session::getStaff, Collectors.counting()))
        .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    LocalDate week = published.getWeekStart();
    Disruption absence = new Disruption.StaffAbsence(absent.id(), week.plusDays(1), week.plusDays(3));
    Instant mondayNoon = week.atTime(12, 0).atZone(Timetable.ZONE).toInstant();
    long freed = published.getSessions().stream()
        .filter(s -> s.isAssigned() && s.getStaff() == absent && s.getDay() >= 1 && s.getDay() <= 3).count();
    long start = System.nanoTime();
    Timetable replanned = TimetableSolver.solve(Replanner.prepare(published, mondayNoon, absence),
        TimetableSolver.config(Duration.ofSeconds(seconds), seed + 1));
    double total = (System.nanoTime() - start) / 1e9;
    ObjectNode o = line(json, "replan-3-day-absence", 1, replanned, replanned.getScore());
    o.put("absentStaff", absent.id());
    o.put("sessionsFreedByAbsence", freed);
    java.util.Set<String> freedIds = published.getSessions().stream()
        .filter(s -> s.isAssigned() && s.getStaff() == absent && s.getDay() >= 1 && s.getDay() <= 3)
        .map(Session::getId).collect(Collectors.toSet());
    o.put("freedSessionsPlacedAgain", replanned.getSessions().stream()
        .filter(s -> freedIds.contains(s.getId()) && s.isAssigned()).count());
    o.put("changedSessions", Replanner.changedSessions(published, replanned));
    // The re-planning problem is feasible from the start: the freed sessions begin unassigned.
    o.put("hardAtStart", 0);
    o.put("seconds", round(total));
    return o;
  }

  private static ObjectNode line(ObjectMapper json, String run, int scale, Timetable t, HardMediumSoftLongScore score) {
    ObjectNode o = json.createObjectNode();
    o.put("run", run);
    o.put("scale", scale);
    o.put("score", score.toString());
    o.put("sessions", t.getSessions().size());
    o.put("assigned", t.assignedCount());
    o.put("assignedPercent", round(100.0 * t.assignedCount() / t.getSessions().size()));
    return o;
  }

  private static double round(double x) { return Math.round(x * 100) / 100.0; }

  private static int[] ints(String csv) { return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray(); }
}
