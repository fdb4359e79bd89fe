package ro.caravana.portal.page.planning;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import ro.caravana.portal.page.Lang;

/** Ids of a plan's items as people read them: beneficiaries, staff, centres, rooms, caravans. */
final class Names {

  final Map<String, JsonObject> people = new HashMap<>();
  final Map<Long, String> staff = new HashMap<>();
  final Map<Long, String> centres = new HashMap<>();
  final Map<Long, String> rooms = new HashMap<>();
  final Map<Long, String> roomCentre = new HashMap<>();
  final Map<Long, String> caravans = new HashMap<>();
  final Map<Integer, String> localities = new HashMap<>();
  private final Lang lang;

  Names(PlanPages.PlanData d, Lang lang) {
    this.lang = lang;
    d.people().forEach(p -> people.put(p.getString("id"), p));
    d.staff().forEach(s -> staff.put(s.getLong("id"), s.getString("firstName") + " " + s.getString("lastName")));
    d.centres().forEach(c -> {
      centres.put(c.getLong("id"), c.getString("name"));
      c.getJsonArray("rooms", new io.vertx.core.json.JsonArray()).forEach(o -> {
        JsonObject r = (JsonObject) o;
        rooms.put(r.getLong("id"), r.getString("name"));
        roomCentre.put(r.getLong("id"), c.getString("name"));
      });
    });
    d.caravans().forEach(c -> caravans.put(c.getLong("id"), c.getString("name")));
    d.localities().forEach(l -> localities.put(l.getInteger("siruta"), l.getString("name")));
  }

  /** First name and last name; a person outside the list (another county's) stays unnamed. */
  String person(String id) {
    JsonObject p = people.get(id);
    return p == null ? (lang == Lang.RO ? "beneficiar" : "beneficiary") : p.getString("firstName") + " " + p.getString("lastName");
  }

  JsonObject personRecord(String id) {
    return people.get(id);
  }

  String staff(Long id) {
    return id == null ? "" : staff.getOrDefault(id, "");
  }

  String room(Long id) {
    return id == null ? "" : rooms.getOrDefault(id, "");
  }

  String centre(Long id) {
    return id == null ? "" : centres.getOrDefault(id, "");
  }

  String caravan(Long id) {
    return id == null ? "" : caravans.getOrDefault(id, "");
  }

  String locality(Integer siruta) {
    return siruta == null ? "" : localities.getOrDefault(siruta, "");
  }
}
