package ro.caravana.scheduler.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The operations of an OpenAPI 3 document, with parameters and request body schemas resolved
 * ($ref and allOf followed), so a generator can walk every operation and every parameter without
 * knowing the routes in advance.
 */
final class OpenApiOperations {

  private static final List<String> VERBS = List.of("get", "post", "put", "patch", "delete");

  /** One parameter: where it goes, its name and its resolved schema. */
  record Param(String name, String in, boolean required, Map<String, Object> schema) {}

  /** One operation: its verb, its path template, its parameters and its JSON body schema (or null). */
  record Operation(String method, String path, List<Param> params, Map<String, Object> body, boolean bodyRequired,
      boolean isPublic) {
    String label() {
      return method + " " + path;
    }
  }

  private final Map<String, Object> document;

  private OpenApiOperations(Map<String, Object> document) {
    this.document = document;
  }

  static List<Operation> read(String yaml) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(10_000_000);
    Map<String, Object> document = new Yaml(options).load(yaml);
    return new OpenApiOperations(document).operations();
  }

  private List<Operation> operations() {
    List<Operation> out = new ArrayList<>();
    for (var path : map(document.get("paths")).entrySet()) {
      Map<String, Object> item = map(path.getValue());
      List<Object> shared = list(item.get("parameters"));
      for (String verb : VERBS) {
        if (!item.containsKey(verb)) continue;
        Map<String, Object> op = map(item.get(verb));
        List<Param> params = new ArrayList<>();
        for (Object p : concat(shared, list(op.get("parameters")))) {
          Map<String, Object> param = resolve(p);
          params.add(new Param(String.valueOf(param.get("name")), String.valueOf(param.get("in")),
              Boolean.TRUE.equals(param.get("required")), resolve(param.get("schema"))));
        }
        Map<String, Object> body = null;
        boolean bodyRequired = false;
        if (op.get("requestBody") != null) {
          Map<String, Object> rb = resolve(op.get("requestBody"));
          bodyRequired = Boolean.TRUE.equals(rb.get("required"));
          Map<String, Object> json = map(map(rb.get("content")).get("application/json"));
          body = json.isEmpty() ? Map.of("type", "object") : resolve(json.get("schema"));
        }
        boolean isPublic = op.containsKey("security") && list(op.get("security")).isEmpty();
        out.add(new Operation(verb.toUpperCase(), path.getKey(), params, body, bodyRequired, isPublic));
      }
    }
    return out;
  }

  /** Follows $ref and merges allOf into one object schema; properties are resolved too. */
  Map<String, Object> resolve(Object node) {
    Map<String, Object> m = map(node);
    if (m.containsKey("$ref")) return resolve(lookup(String.valueOf(m.get("$ref"))));
    Map<String, Object> out = new LinkedHashMap<>(m);
    if (m.containsKey("allOf")) {
      Map<String, Object> props = new LinkedHashMap<>();
      List<Object> required = new ArrayList<>();
      for (Object part : list(m.get("allOf"))) {
        Map<String, Object> r = resolve(part);
        props.putAll(map(r.get("properties")));
        required.addAll(list(r.get("required")));
      }
      out.remove("allOf");
      out.put("type", "object");
      out.put("properties", props);
      out.put("required", required);
    }
    if (out.containsKey("properties")) {
      Map<String, Object> props = new LinkedHashMap<>();
      for (var e : map(out.get("properties")).entrySet()) props.put(e.getKey(), resolve(e.getValue()));
      out.put("properties", props);
    }
    if (out.containsKey("items")) out.put("items", resolve(out.get("items")));
    return out;
  }

  private Object lookup(String ref) {
    Object node = document;
    for (String part : ref.substring(2).split("/")) node = map(node).get(part);
    if (node == null) throw new IllegalArgumentException("unresolved " + ref);
    return node;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return o instanceof List<?> l ? (List<Object>) l : List.of();
  }

  private static List<Object> concat(List<Object> a, List<Object> b) {
    List<Object> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
