package ro.caravana.scheduler.imports;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ro.caravana.scheduler.common.InvalidValue;

/**
 * Finds a locality as a spreadsheet names it: by SIRUTA code, or by name (diacritics and case optional),
 * narrowed by commune/town (UAT) and county (code or name) when the name alone is ambiguous.
 */
final class LocalityResolver {

  record Place(int siruta, String name, String county, String unit) {}

  private static final String ALL = """
      SELECT l.siruta, l.name, l.county, u.name AS unit FROM localities l JOIN administrative_units u ON u.siruta = l.parent_siruta""";
  private static final String COUNTIES = "SELECT code, name FROM counties";

  private final Map<Integer, Place> bySiruta;
  private final Map<String, List<Place>> byName;
  private final Map<String, String> countyCodes;

  private LocalityResolver(Map<Integer, Place> bySiruta, Map<String, List<Place>> byName, Map<String, String> countyCodes) {
    this.bySiruta = bySiruta;
    this.byName = byName;
    this.countyCodes = countyCodes;
  }

  static Future<LocalityResolver> load(Pool pool) {
    Future<Map<String, String>> counties = pool.query(COUNTIES).execute().map(rows -> {
      Map<String, String> codes = new HashMap<>();
      for (Row r : rows) {
        codes.put(Text.key(r.getString("code")), r.getString("code"));
        codes.put(Text.key(r.getString("name")), r.getString("code"));
        codes.put(Text.key("judetul " + r.getString("name")), r.getString("code"));
      }
      codes.put(Text.key("Municipiul București"), "B");
      return codes;
    });
    return pool.query(ALL).execute().compose(rows -> counties.map(codes -> {
      Map<Integer, Place> bySiruta = new HashMap<>(rows.size() * 2);
      Map<String, List<Place>> byName = new HashMap<>(rows.size() * 2);
      for (Row r : rows) {
        Place p = new Place(r.getInteger("siruta"), r.getString("name"), r.getString("county"), r.getString("unit"));
        bySiruta.put(p.siruta(), p);
        byName.computeIfAbsent(Text.fold(p.name()), k -> new ArrayList<>(1)).add(p);
      }
      return new LocalityResolver(bySiruta, byName, codes);
    }));
  }

  /** The county code named by a code or a name ("BC", "Bacău", "jud. Bacau"); an unknown one is refused. */
  String county(Object cell) {
    String key = Text.key(cell.toString()).replaceFirst("^jud(etul)?", "");
    String code = countyCodes.get(key);
    if (code == null) code = countyCodes.get(Text.key(cell.toString()));
    if (code == null) throw new InvalidValue("Județ necunoscut.", "Unknown county.");
    return code;
  }

  /** The locality; {@code unit} and {@code county} (a code) may be null. */
  Place resolve(Object locality, Object unit, String county) {
    String raw = locality.toString().strip();
    if (raw.matches("[0-9]{1,6}")) {
      Place p = bySiruta.get(Integer.parseInt(raw));
      if (p == null) throw new InvalidValue("Nu există o localitate cu acest cod SIRUTA.", "No locality with this SIRUTA code.");
      if (county != null && !county.equals(p.county())) {
        throw new InvalidValue("Codul SIRUTA este al unei localități din alt județ (" + p.county() + ").",
            "The SIRUTA code is a locality of another county (" + p.county() + ").");
      }
      return p;
    }
    List<Place> candidates = byName.getOrDefault(Text.fold(stripPrefix(raw)), List.of());
    if (county != null) candidates = candidates.stream().filter(p -> p.county().equals(county)).toList();
    if (unit != null && candidates.size() > 1) {
      String u = Text.fold(stripPrefix(unit.toString()));
      List<Place> inUnit = candidates.stream().filter(p -> Text.fold(p.unit()).equals(u)).toList();
      if (!inUnit.isEmpty()) candidates = inUnit;
    } else if (unit != null && candidates.size() == 1) {
      String u = Text.fold(stripPrefix(unit.toString()));
      if (!Text.fold(candidates.get(0).unit()).equals(u)) {
        throw new InvalidValue("Localitatea aparține de " + candidates.get(0).unit() + ", nu de " + unit + ".",
            "The locality belongs to " + candidates.get(0).unit() + ", not to " + unit + ".");
      }
    }
    if (candidates.isEmpty()) {
      throw new InvalidValue("Localitate necunoscută" + (county == null ? "" : " în județul " + county) + ".",
          "Unknown locality" + (county == null ? "" : " in county " + county) + ".");
    }
    if (candidates.size() > 1) {
      throw new InvalidValue("Localitate ambiguă: " + candidates.size() + " localități au acest nume; completați "
          + "comuna/UAT și județul sau codul SIRUTA.", "Ambiguous locality: " + candidates.size()
          + " localities have this name; give the commune/UAT and county, or the SIRUTA code.");
    }
    return candidates.get(0);
  }

  private static final java.util.regex.Pattern PREFIX =
      java.util.regex.Pattern.compile("(?i)^(sat(ul)?|com(\\.|una)?|ora[sș](ul)?|mun(\\.|icipiul)?)\\s+");

  private static String stripPrefix(String s) {
    return PREFIX.matcher(s.strip()).replaceFirst("");
  }
}
