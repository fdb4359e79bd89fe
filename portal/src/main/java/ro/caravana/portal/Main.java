package ro.caravana.portal;

import java.util.Arrays;

/** Command-line entry point of the runnable jar: {@code caravana COMMAND [ARGS]}. */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "help" : args[0];
    String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
    int code = switch (command) {
      case "demo" -> ro.caravana.portal.server.Server.run(true);
      case "serve" -> ro.caravana.portal.server.Server.run(false);
      case "planner" -> ro.caravana.portal.server.Server.runPlanner();
      case "solve-vrp" -> ro.caravana.portal.cli.SolveVrpCommand.run(rest);
      case "solve-timetable" -> ro.caravana.portal.cli.SolveTimetableCommand.run(rest);
      case "bench-timetable" -> ro.caravana.portal.cli.BenchTimetableCommand.run(rest);
      case "admin" -> ro.caravana.portal.cli.AdminCommand.run(rest);
      case "kafka-broker" -> ro.caravana.portal.cli.KafkaBrokerCommand.run(rest);
      case "bench-load" -> ro.caravana.portal.bench.LoadCommand.run(rest);
      case "bench-national" -> ro.caravana.portal.bench.NationalWeekCommand.run(rest);
      default -> usage();
    };
    System.exit(code);
  }

  private static int usage() {
    System.err.println("""
        usage: caravana COMMAND [ARGS]
          demo                 start everything with embedded PostgreSQL and Kafka and demo data
          serve                start against the PostgreSQL and Kafka named in the configuration
          planner              a planner-only instance (same configuration as serve): takes plan requests from
                               Kafka in the group planning.requests.group and solves them; no HTTP
          solve-vrp FILE --seconds N --objective distance|vehicles
                               solve a Solomon VRPTW or Augerat CVRP instance, print one JSON object
          solve-timetable      solve a demo centre timetable: --scenario demo --seconds N [--scale K] [--seed S] [--out FILE]
          bench-timetable      centre timetable benchmark: first fit vs solver by scale, re-planning (docs/benchmarks.md)
          admin create-user --email E --role ROLE --password-stdin [--county C] [--centre ID] [--staff ID]
                               create an account (the first administrator) in the database of 'serve'
          kafka-broker --data-dir DIR [--port 9092]
                               a single-node Kafka broker on 127.0.0.1 for a one-server installation
          bench-load --base URL --email E --password P [--scenarios ...] [--rates 25,50,100] [--seconds N]
                     [--mix week:6,family:12 --report-seconds 60] [--acked-file F]
                               open-loop load at fixed rates from this process (docs/reliability.md)
          bench-national [--instances 1,2,4] [--seconds N] [--beneficiaries 25000] [--week 2026-W52]
                               a national week (42 county units) planned by 1, 2, 4 planner processes
                               (docs/reliability.md)
        """);
    return 2;
  }
}
