package ro.caravana.scheduler.access;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A person who signs in: staff, coordinators, administrators, supervisors. Families never have accounts. */
public record Account(long id, String email, String displayName, Role role, List<String> counties, Long centreId,
    Long staffId, String passwordHash, int failedLogins, boolean locked, boolean disabled, int tokenGeneration) {

  public Caller caller(Caller.Via via) {
    return new Caller(id, email, role, counties, centreId, staffId, via);
  }

  /** What the account's owner may see about themself (never the hash). */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("email", email)
        .put("displayName", displayName)
        .put("role", role.wire())
        .put("counties", new JsonArray(counties))
        .put("centreId", centreId)
        .put("staffId", staffId);
  }
}
