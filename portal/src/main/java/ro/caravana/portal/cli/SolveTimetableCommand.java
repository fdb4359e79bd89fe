package ro.caravana.portal.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.PrintStream;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.concurrent.atomic.AtomicLong;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.config.solver.SolverConfig;
import ro.caravana.optimizer.timetable.Timetable;
import ro.caravana.optimizer.timetable.TimetableSolver;
import ro.caravana.optimizer.timetable.scenario.DemoScenario;

/**
 * {@code caravana solve-timetable --scenario demo --seconds N [--scale 1|2|4|8] [--seed S] [--week YYYY-MM-DD]
 * [--out FILE]}: solves a generated demo week and prints one JSON summary on stdout; logs go to stderr.
 */
public final class SolveTimetableCommand {

  private SolveTimetableCommand() {}

  public static int run(String[] args) throws Exception {
    long commandStart = System.nanoTime();
    PrintStream stdout = System.out;
    System.setOut(System.err); // the solver's and the libraries' logs must not mix with the JSON
    Logging.quietSolver();
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("solve-timetable: " + e.getMessage());
      System.err.println("usage: caravana solve-timetable --scenario demo --seconds N [--scale 1|2|4|8] [--seed S] [--week YYYY-MM-DD] [--out FILE]");
      return 2;
    }
    Timetable problem = DemoScenario.generate(DemoScenario.Parameters.demo(o.scale, o.seed, o.week));
    // --seconds bounds the whole command: generating the week and building the solver count too.
    long usedMillis = (System.nanoTime() - commandStart) / 1_000_000;
    long solveMillis = Math.max(1_000, Math.round(o.seconds * 1000) - usedMillis - 300);
    SolverConfig config = TimetableSolver.config(Duration.ofMillis(solveMillis), o.seed);
    long t0 = commandStart;
    AtomicLong firstFeasibleNanos = new AtomicLong(-1);
    Timetable best = TimetableSolver.solve(problem, config, b -> {
      if (b.getScore() != null && b.getScore().isSolutionInitialized() && b.getScore().hardScore() == 0) {
        firstFeasibleNanos.compareAndSet(-1, System.nanoTime() - t0);
      }
    });
    double seconds = (System.nanoTime() - t0) / 1e9;
    ObjectMapper json = new ObjectMapper();
    if (o.out != null) json.writerWithDefaultPrettyPrinter().writeValue(new File(o.out), TimetableJson.sessions(json, best));
    stdout.println(json.writeValueAsString(summary(json, best, seconds, firstFeasibleNanos.get(), o)));
    stdout.flush();
    return 0;
  }

  static ObjectNode summary(ObjectMapper json, Timetable best, double seconds, long firstFeasibleNanos, Options o) {
    HardMediumSoftLongScore score = best.getScore();
    long assigned = best.assignedCount();
    ObjectNode s = json.createObjectNode();
    s.put("score", score.toString());
    s.put("hard", score.hardScore());
    s.put("medium", score.mediumScore());
    s.put("soft", score.softScore());
    s.put("sessions", best.getSessions().size());
    s.put("assigned", assigned);
    s.put("unassigned", best.getSessions().size() - assigned);
    s.put("seconds", Math.round(seconds * 100) / 100.0);
    s.put("firstFeasibleSeconds", firstFeasibleNanos < 0 ? null : Math.round(firstFeasibleNanos / 1e7) / 100.0);
    s.put("scenario", o.scenario);
    s.put("scale", o.scale);
    s.put("seed", o.seed);
    s.put("weekStart", best.getWeekStart().toString());
    s.put("centres", best.getCentres().size());
    s.put("staff", best.getStaff().size());
    s.put("beneficiaries", best.getBeneficiaries().size());
    return s;
  }

  static final class Options {
    String scenario = "demo";
    double seconds = 30;
    int scale = 1;
    long seed = 1;
    LocalDate week = LocalDate.now(ro.caravana.optimizer.timetable.Timetable.ZONE).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    String out;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        String v = i + 1 < args.length ? args[i + 1] : null;
        if (v == null) throw new IllegalArgumentException(a + " needs a value");
        switch (a) {
          case "--scenario" -> o.scenario = v;
          case "--seconds" -> o.seconds = Double.parseDouble(v);
          case "--scale" -> o.scale = Integer.parseInt(v);
          case "--seed" -> o.seed = Long.parseLong(v);
          case "--week" -> o.week = LocalDate.parse(v);
          case "--out" -> o.out = v;
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
        i++;
      }
      if (!o.scenario.equals("demo")) throw new IllegalArgumentException("only --scenario demo is available");
      if (o.seconds <= 0) throw new IllegalArgumentException("--seconds must be positive");
      if (o.scale < 1 || o.scale > 64) throw new IllegalArgumentException("--scale must be 1..64");
      if (o.week.getDayOfWeek() != DayOfWeek.MONDAY) throw new IllegalArgumentException("--week must be a Monday");
      return o;
    }
  }
}
