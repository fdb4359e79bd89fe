package ro.caravana.portal.page;

import static ro.caravana.scheduler.access.Role.*;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import ro.caravana.scheduler.access.Role;

/** The links at the top of every page, each shown to the roles that use it. Add a page's line here. */
public final class Navigation {

  /** One link: its path, its sentence key in the messages, who sees it. */
  public record Item(String href, String messageKey, Set<Role> roles) {}

  static final Set<Role> COORDINATING = EnumSet.of(ADMIN, COUNTY_COORDINATOR, CENTRE_COORDINATOR);

  public static final List<Item> ITEMS = List.of(
      new Item("/", "nav.home", EnumSet.of(ADMIN, COUNTY_COORDINATOR, CENTRE_COORDINATOR, SUPERVISOR)),
      new Item("/beneficiari", "nav.records", COORDINATING),
      new Item("/planificare", "nav.planning", EnumSet.of(ADMIN, COUNTY_COORDINATOR)),
      new Item("/orizonturi", "nav.horizons", EnumSet.of(ADMIN, COUNTY_COORDINATOR)),
      new Item("/organizare", "nav.organisation", EnumSet.of(ADMIN, COUNTY_COORDINATOR)),
      new Item("/import", "nav.import", EnumSet.of(ADMIN, COUNTY_COORDINATOR)),
      new Item("/rapoarte", "nav.reports", EnumSet.of(ADMIN, COUNTY_COORDINATOR, CENTRE_COORDINATOR, SUPERVISOR)),
      new Item("/ziua-mea", "nav.myDay", EnumSet.of(Role.DOCTOR, Role.THERAPIST, Role.NURSE)),
      new Item("/teren", "nav.field", EnumSet.of(Role.DOCTOR, Role.THERAPIST, Role.NURSE)));

  private Navigation() {}

  /** The links {@code role} sees, the current one marked (the longest prefix of {@code path}). */
  public static JsonArray forRole(Role role, String path, Lang lang, Messages messages) {
    Item current = null;
    for (Item item : ITEMS) {
      if (!item.roles().contains(role)) continue;
      boolean matches = item.href().equals("/") ? path.equals("/") : path.equals(item.href()) || path.startsWith(item.href() + "/");
      if (matches && (current == null || item.href().length() > current.href().length())) current = item;
    }
    JsonArray links = new JsonArray();
    for (Item item : ITEMS) {
      if (!item.roles().contains(role)) continue;
      links.add(new JsonObject().put("href", item.href()).put("text", messages.text(lang, item.messageKey()))
          .put("current", item == current));
    }
    return links;
  }
}
