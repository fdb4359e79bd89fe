package ro.caravana.optimizer.routing.vrp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ro.caravana.optimizer.routing.domain.CaravanDay;
import ro.caravana.optimizer.routing.domain.RoutePlan;
import ro.caravana.optimizer.routing.domain.Visit;

/**
 * A benchmark solution in the instance's own terms: routes as customer numbers, the distance
 * recomputed in the benchmark's arithmetic (double precision, or rounded edges for TSPLIB), and
 * feasibility rechecked from the routes alone, independently of the solver's score.
 */
public record VrpResult(String instance, int vehicles, double distance, boolean feasible, double seconds,
    List<List<Integer>> routes, List<String> problems, String score) {

  private static final double EPS = 1e-6;

  public static VrpResult of(VrpInstance instance, RoutePlan plan, double seconds) {
    List<List<Integer>> routes = new ArrayList<>();
    for (CaravanDay day : plan.getCaravanDays()) {
      if (!day.isDriving()) continue;
      List<Integer> route = new ArrayList<>();
      for (Visit v : day.getVisits()) route.add(Integer.parseInt(v.getId()));
      routes.add(route);
    }
    return check(instance, routes, seconds, plan.getScore() == null ? "" : plan.getScore().toString());
  }

  /** Recomputes distance, load and schedule of {@code routes} with doubles, as an outside checker would. */
  public static VrpResult check(VrpInstance instance, List<List<Integer>> routes, double seconds, String score) {
    Map<Integer, Integer> position = new HashMap<>();
    for (int i = 0; i < instance.nodes().size(); i++) position.put(instance.nodes().get(i).number(), i);
    List<String> problems = new ArrayList<>();
    double total = 0;
    int seen = 0;
    boolean[] visited = new boolean[instance.nodes().size()];
    VrpInstance.Node depot = instance.depot();
    for (List<Integer> route : routes) {
      long load = 0;
      double t = depot.ready();
      int prev = 0;
      for (int number : route) {
        Integer at = position.get(number);
        if (at == null || at == 0) {
          problems.add("unknown customer " + number);
          continue;
        }
        if (visited[at]) problems.add("customer " + number + " visited twice");
        visited[at] = true;
        seen++;
        VrpInstance.Node c = instance.nodes().get(at);
        load += c.demand();
        double leg = instance.distance(prev, at);
        total += leg;
        t = Math.max(t + leg, c.ready());
        if (t > c.due() + EPS) problems.add(String.format(Locale.ROOT, "late at %d: %.4f > %.4f", number, t, c.due()));
        t += c.service();
        prev = at;
      }
      double back = instance.distance(prev, 0);
      total += back;
      t += back;
      if (t > depot.due() + EPS) problems.add(String.format(Locale.ROOT, "back at depot %.4f > %.4f", t, depot.due()));
      if (load > instance.capacity()) problems.add("load " + load + " > capacity " + instance.capacity());
    }
    if (seen != instance.nodes().size() - 1) {
      problems.add("visited " + seen + " of " + (instance.nodes().size() - 1) + " customers");
    }
    int vehicles = (int) routes.stream().filter(r -> !r.isEmpty()).count();
    return new VrpResult(instance.name(), vehicles, total, problems.isEmpty(), seconds, routes, problems, score);
  }

  /** The contract's single JSON object. */
  public String toJson() {
    StringBuilder json = new StringBuilder();
    json.append("{\"instance\": \"").append(escape(instance)).append("\", ")
        .append("\"vehicles\": ").append(vehicles).append(", ")
        .append("\"distance\": ").append(String.format(Locale.ROOT, "%.6f", distance)).append(", ")
        .append("\"feasible\": ").append(feasible).append(", ")
        .append("\"seconds\": ").append(String.format(Locale.ROOT, "%.3f", seconds)).append(", ")
        .append("\"routes\": [");
    for (int r = 0; r < routes.size(); r++) {
      if (r > 0) json.append(", ");
      json.append('[');
      List<Integer> route = routes.get(r);
      for (int i = 0; i < route.size(); i++) {
        if (i > 0) json.append(", ");
        json.append(route.get(i));
      }
      json.append(']');
    }
    json.append("]");
    if (!problems.isEmpty()) {
      json.append(", \"problems\": [");
      for (int i = 0; i < problems.size(); i++) {
        if (i > 0) json.append(", ");
        json.append('"').append(escape(problems.get(i))).append('"');
      }
      json.append(']');
    }
    return json.append('}').toString();
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
