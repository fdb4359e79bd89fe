package ro.caravana.portal.page.organisation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ro.caravana.portal.page.PageRequest;

/**
 * A form described once and rendered by {@code org-form.hbs}: each field's label, hint, input kind and choices, with
 * what the person typed and the API's reason next to the field when it was refused (the GOV.UK error pattern).
 */
record FormSpec(List<Field> fields) {

  enum Kind { TEXT, NUMBER, TIME, SELECT, CHECKS }

  /** One input: {@code name} is the form's field; {@code options} value to words (selects and check boxes). */
  record Field(String name, String labelKey, String hintKey, Kind kind, Map<String, String> options) {}

  static Field text(String name, String labelKey) {
    return new Field(name, labelKey, null, Kind.TEXT, Map.of());
  }

  static Field text(String name, String labelKey, String hintKey) {
    return new Field(name, labelKey, hintKey, Kind.TEXT, Map.of());
  }

  static Field number(String name, String labelKey) {
    return new Field(name, labelKey, null, Kind.NUMBER, Map.of());
  }

  static Field time(String name, String labelKey, String hintKey) {
    return new Field(name, labelKey, hintKey, Kind.TIME, Map.of());
  }

  static Field select(String name, String labelKey, Map<String, String> options) {
    return new Field(name, labelKey, null, Kind.SELECT, options);
  }

  static Field checks(String name, String labelKey, Map<String, String> options) {
    return new Field(name, labelKey, null, Kind.CHECKS, options);
  }

  /**
   * The template's model: {@code typed} holds what was sent (a check-box field as a list), {@code errors} the
   * reason by field.
   */
  JsonArray model(PageRequest req, JsonObject typed, JsonObject errors) {
    JsonArray out = new JsonArray();
    for (Field f : fields) {
      JsonObject j = new JsonObject().put("name", f.name()).put("id", "f-" + f.name()).put("label", req.t(f.labelKey()))
          .put("isText", f.kind() == Kind.TEXT).put("isNumber", f.kind() == Kind.NUMBER).put("isTime", f.kind() == Kind.TIME)
          .put("isSelect", f.kind() == Kind.SELECT).put("isChecks", f.kind() == Kind.CHECKS);
      if (f.hintKey() != null) j.put("hint", req.t(f.hintKey()));
      if (errors.containsKey(f.name())) j.put("error", errors.getString(f.name()));
      Object value = typed.getValue(f.name());
      if (f.kind() == Kind.SELECT || f.kind() == Kind.CHECKS) {
        List<String> chosen = new ArrayList<>();
        if (value instanceof JsonArray a) a.forEach(v -> chosen.add(String.valueOf(v)));
        else if (value != null) chosen.add(String.valueOf(value));
        JsonArray options = new JsonArray();
        int n = 0;
        for (var o : f.options().entrySet()) {
          options.add(new JsonObject().put("value", o.getKey()).put("text", o.getValue()).put("id", "f-" + f.name() + "-" + n++)
              .put("selected", chosen.contains(o.getKey())));
        }
        j.put("options", options);
      } else {
        j.put("value", value == null ? "" : String.valueOf(value));
      }
      out.add(j);
    }
    return out;
  }

  /** What the person typed, field by field (check boxes as lists). */
  JsonObject typed(io.vertx.core.MultiMap form) {
    JsonObject out = new JsonObject();
    for (Field f : fields) {
      if (f.kind() == Kind.CHECKS) {
        out.put(f.name(), new JsonArray(new ArrayList<>(form.getAll(f.name()))));
      } else {
        String v = form.get(f.name());
        if (v != null) out.put(f.name(), v.trim());
      }
    }
    return out;
  }
}
