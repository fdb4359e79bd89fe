package ro.caravana.optimizer.routing.vrp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Solomon VRPTW text files, VRPLIB VRPTW files and Augerat CVRP TSPLIB files (CRLF or LF),
 * telling them apart by content. Pure parsing: the caller opens the file.
 */
public final class VrpReader {

  private static final Pattern TRUCKS = Pattern.compile("(?i)(?:No of trucks|trucks)\\s*:?\\s*(\\d+)");
  private static final Pattern K_IN_NAME = Pattern.compile("-k(\\d+)");

  private VrpReader() {}

  public static VrpInstance read(Reader reader) {
    List<String> lines = lines(reader);
    boolean tsplib = lines.stream().anyMatch(l -> l.trim().startsWith("NODE_COORD_SECTION"));
    if (!tsplib) return readSolomon(lines);
    boolean windows = lines.stream().anyMatch(l -> l.trim().startsWith("TIME_WINDOW_SECTION"));
    return windows ? readVrplibVrptw(lines) : readCvrp(lines);
  }

  private static List<String> lines(Reader reader) {
    try (BufferedReader in = new BufferedReader(reader)) {
      List<String> lines = new ArrayList<>();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(line.replace("\r", ""));
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static VrpInstance readSolomon(List<String> lines) {
    String name = lines.stream().map(String::trim).filter(l -> !l.isEmpty()).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("empty Solomon file"));
    int vehicles = -1;
    long capacity = -1;
    List<VrpInstance.Node> nodes = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String[] f = lines.get(i).trim().split("\\s+");
      if (f.length >= 2 && f[0].equals("NUMBER") && f[1].equals("CAPACITY")) {
        String[] v = nextNonEmpty(lines, i + 1).trim().split("\\s+");
        vehicles = Integer.parseInt(v[0]);
        capacity = Long.parseLong(v[1]);
      } else if (f.length == 7 && isNumeric(f)) {
        nodes.add(new VrpInstance.Node(nodeNumber(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
            Math.round(Double.parseDouble(f[3])), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
            Double.parseDouble(f[6])));
      }
    }
    if (vehicles < 0 || nodes.isEmpty()) throw new IllegalArgumentException("not a Solomon VRPTW file");
    if (nodes.get(0).number() != 0) throw new IllegalArgumentException("Solomon depot must be customer 0");
    return new VrpInstance(name, VrpInstance.Format.SOLOMON, vehicles, capacity, nodes, false, true);
  }

  /** The header lines ({@code KEY : value}) and the numeric rows of each {@code *_SECTION} of a TSPLIB-style file. */
  private record Sections(Map<String, String> header, Map<String, List<String[]>> rows) {

    static Sections of(List<String> lines) {
      Map<String, String> header = new HashMap<>();
      Map<String, List<String[]>> rows = new HashMap<>();
      String section = "";
      for (String raw : lines) {
        String line = raw.trim();
        if (line.isEmpty()) continue;
        if (line.equals("EOF")) break;
        if (line.endsWith("_SECTION")) {
          section = line;
          rows.putIfAbsent(section, new ArrayList<>());
          continue;
        }
        int colon = line.indexOf(':');
        if (colon > 0 && Character.isLetter(line.charAt(0))) {
          header.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
          section = "";
          continue;
        }
        if (!section.isEmpty()) rows.get(section).add(line.split("\\s+"));
      }
      String weightType = header.getOrDefault("EDGE_WEIGHT_TYPE", "EUC_2D");
      if (!weightType.startsWith("EUC_2D")) {
        throw new IllegalArgumentException("unsupported EDGE_WEIGHT_TYPE " + weightType);
      }
      return new Sections(header, rows);
    }

    List<String[]> section(String name) {
      return rows.getOrDefault(name, List.of());
    }

    /** The first node of the depot section (ended by -1), or -1 when there is none. */
    int depot() {
      return section("DEPOT_SECTION").stream().mapToInt(f -> nodeNumber(f[0])).filter(id -> id >= 0)
          .findFirst().orElse(-1);
    }

    Map<Integer, double[]> numbers(String name) {
      Map<Integer, double[]> out = new HashMap<>();
      for (String[] f : section(name)) {
        double[] values = new double[f.length - 1];
        for (int i = 1; i < f.length; i++) values[i - 1] = Double.parseDouble(f[i]);
        out.put(nodeNumber(f[0]), values);
      }
      return out;
    }
  }

  /**
   * VRPLIB VRPTW (the CVRPLIB form of the Solomon and Gehring-Homberger sets): nodes numbered from 1,
   * the depot first; node k is customer k-1, as in the Solomon text form. Unrounded distances, as Solomon.
   */
  static VrpInstance readVrplibVrptw(List<String> lines) {
    Sections s = Sections.of(lines);
    Map<Integer, double[]> coords = s.numbers("NODE_COORD_SECTION");
    Map<Integer, double[]> demands = s.numbers("DEMAND_SECTION");
    Map<Integer, double[]> windows = s.numbers("TIME_WINDOW_SECTION");
    Map<Integer, double[]> service = s.numbers("SERVICE_TIME_SECTION");
    if (!s.header().containsKey("CAPACITY") || coords.isEmpty()) throw new IllegalArgumentException("not a VRPTW file");
    int depot = s.depot() < 0 ? 1 : s.depot();
    if (depot != 1) throw new IllegalArgumentException("VRPLIB VRPTW depot must be node 1");
    List<VrpInstance.Node> nodes = new ArrayList<>();
    for (String[] f : s.section("NODE_COORD_SECTION")) {
      int id = nodeNumber(f[0]);
      double[] c = coords.get(id);
      double[] w = windows.get(id);
      if (w == null) throw new IllegalArgumentException("node " + id + " has no time window");
      long demand = demands.containsKey(id) ? Math.round(demands.get(id)[0]) : 0;
      double serviceTime = service.containsKey(id) ? service.get(id)[0] : 0;
      nodes.add(new VrpInstance.Node(id - 1, c[0], c[1], demand, w[0], w[1], serviceTime));
    }
    nodes.sort(java.util.Comparator.comparingInt(VrpInstance.Node::number));
    if (nodes.get(0).number() != 0) throw new IllegalArgumentException("VRPLIB VRPTW nodes must start at 1");
    String name = s.header().getOrDefault("NAME", "vrptw");
    int vehicles = s.header().containsKey("VEHICLES") ? Integer.parseInt(s.header().get("VEHICLES"))
        : trucks(s.header().getOrDefault("COMMENT", ""), name);
    if (vehicles <= 0) vehicles = nodes.size() - 1;
    return new VrpInstance(name, VrpInstance.Format.SOLOMON, vehicles, Long.parseLong(s.header().get("CAPACITY")),
        nodes, false, true);
  }

  static VrpInstance readCvrp(List<String> lines) {
    Sections s = Sections.of(lines);
    Map<String, String> header = s.header();
    Map<Integer, double[]> coords = s.numbers("NODE_COORD_SECTION");
    Map<Integer, Long> demands = new HashMap<>();
    s.section("DEMAND_SECTION").forEach(f -> demands.put(nodeNumber(f[0]), quantity(f[1])));
    List<Integer> order = s.section("NODE_COORD_SECTION").stream().map(f -> nodeNumber(f[0])).toList();
    int depot = s.depot();
    if (!header.containsKey("CAPACITY") || coords.isEmpty()) throw new IllegalArgumentException("not a CVRP file");
    if (depot < 0) depot = order.get(0);
    String name = header.getOrDefault("NAME", "cvrp");
    List<VrpInstance.Node> nodes = new ArrayList<>();
    double[] d = coords.get(depot);
    nodes.add(new VrpInstance.Node(depot, d[0], d[1], 0, 0, Double.POSITIVE_INFINITY, 0));
    for (int id : order) {
      if (id == depot) continue;
      double[] c = coords.get(id);
      nodes.add(new VrpInstance.Node(id, c[0], c[1], demands.getOrDefault(id, 0L), 0, Double.POSITIVE_INFINITY, 0));
    }
    int vehicles = trucks(header.getOrDefault("COMMENT", ""), name);
    return new VrpInstance(name, VrpInstance.Format.CVRP, vehicles, quantity(header.get("CAPACITY")), nodes,
        true, false);
  }

  /** The fleet size named in the file (comment or "-kN" name); 0 when neither says. */
  private static int trucks(String comment, String name) {
    Matcher m = TRUCKS.matcher(comment);
    if (m.find()) return Integer.parseInt(m.group(1));
    m = K_IN_NAME.matcher(name);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  private static final Pattern NODE_NUMBER = Pattern.compile("-1|0|[1-9][0-9]{0,8}");

  /**
   * A node number as the file writes it: ASCII digits without sign or leading zeros (-1 ends the depot section).
   * {@code Integer.parseInt} alone would also take Unicode digits and a plus sign.
   */
  static int nodeNumber(String text) {
    if (!NODE_NUMBER.matcher(text).matches()) throw new IllegalArgumentException("not a node number: " + text);
    return Integer.parseInt(text);
  }

  private static final Pattern QUANTITY = Pattern.compile("0|[1-9][0-9]{0,17}");

  /** A demand or capacity as the file writes it: ASCII digits, no sign (Long.parseLong would take "+5" and "٥"). */
  static long quantity(String text) {
    if (text == null || !QUANTITY.matcher(text).matches()) throw new IllegalArgumentException("not a quantity: " + text);
    return Long.parseLong(text);
  }

  private static String nextNonEmpty(List<String> lines, int from) {
    for (int i = from; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) return lines.get(i);
    }
    throw new IllegalArgumentException("unexpected end of file");
  }

  private static boolean isNumeric(String[] fields) {
    for (String f : fields) {
      if (!f.matches("-?\\d+(\\.\\d+)?")) return false;
    }
    return true;
  }
}
