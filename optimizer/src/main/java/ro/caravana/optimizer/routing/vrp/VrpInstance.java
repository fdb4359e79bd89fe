package ro.caravana.optimizer.routing.vrp;

import java.util.List;

/**
 * A public benchmark instance as read from its file. Node 0 of {@link #nodes()} is the depot;
 * {@link Node#number()} keeps the number the file uses, which solutions report.
 *
 * @param rounded TSPLIB convention: each edge's Euclidean distance rounded to the nearest integer
 *     (Augerat CVRP); otherwise unrounded double precision (Solomon)
 * @param timeWindows false when the file has none (CVRP): ready 0, due unbounded, no service time
 */
public record VrpInstance(String name, Format format, int vehicles, long capacity, List<Node> nodes,
    boolean rounded, boolean timeWindows) {

  public enum Format { SOLOMON, CVRP }

  public record Node(int number, double x, double y, long demand, double ready, double due, double service) {}

  /** The depot and the first {@code count} customers (how the Solomon 25- and 50-customer sets are made). */
  public VrpInstance truncated(int count) {
    if (count >= nodes.size() - 1) return this;
    return new VrpInstance(name + "-" + count, format, vehicles, capacity, nodes.subList(0, count + 1), rounded,
        timeWindows);
  }

  public Node depot() {
    return nodes.get(0);
  }

  public List<Node> customers() {
    return nodes.subList(1, nodes.size());
  }

  /** Distance between nodes by position, exactly as the benchmark defines it. */
  public double distance(int from, int to) {
    Node a = nodes.get(from), b = nodes.get(to);
    double d = Math.hypot(a.x() - b.x(), a.y() - b.y());
    return rounded ? Math.floor(d + 0.5) : d;
  }
}
