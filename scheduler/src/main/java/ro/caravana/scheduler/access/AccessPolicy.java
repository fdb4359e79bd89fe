package ro.caravana.scheduler.access;

import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static ro.caravana.scheduler.access.Policy.EVERY_ROLE;
import static ro.caravana.scheduler.access.Policy.aggregate;
import static ro.caravana.scheduler.access.Policy.named;
import static ro.caravana.scheduler.access.Policy.open;
import static ro.caravana.scheduler.access.Role.ADMIN;
import static ro.caravana.scheduler.access.Role.COUNTY_COORDINATOR;

import java.util.EnumSet;
import java.util.List;

/**
 * The access policy of every {@code /api} route. A new route gets its line here, in the same change;
 * until it does, the access handler refuses it and {@code AccessMatrixTest} names it.
 * More specific patterns come before the patterns they would otherwise fall under.
 */
public final class AccessPolicy {

  private AccessPolicy() {}

  public static Policy standard() {
    return new Policy(List.of(
        // Public: signing in, the API description, family links (each rate-limited per client address)
        open(POST, "/api/auth/login").limited(Policy.Limit.LOGIN),
        open(POST, "/api/auth/session").limited(Policy.Limit.LOGIN),
        open(GET, "/api/openapi.yaml"),
        open(GET, "/api/family/:token").limited(Policy.Limit.PUBLIC),
        open(POST, "/api/family/:token/confirm").limited(Policy.Limit.PUBLIC),
        open(POST, "/api/family/:token/cancel").limited(Policy.Limit.PUBLIC),

        // The caller's own account
        aggregate(GET, "/api/auth/me", EVERY_ROLE),
        aggregate(POST, "/api/auth/logout", EVERY_ROLE),

        // Access administration
        named(GET, "/api/audit", EnumSet.of(ADMIN)),

        // Family links, issued and revoked by staff who keep the appointment
        named(POST, "/api/appointments/:id/family-links/revoke", Policy.COORDINATORS),
        named(POST, "/api/appointments/:id/family-links", Policy.COORDINATORS),

        // GDPR: export and erasure by the county that keeps the record, consent by whoever records it
        named(GET, "/api/beneficiaries/:id/export", EnumSet.of(ADMIN, COUNTY_COORDINATOR)).audited("export", "id"),
        named(POST, "/api/beneficiaries/:id/erase", EnumSet.of(ADMIN, COUNTY_COORDINATOR)).audited("erase", "id"),
        named(POST, "/api/beneficiaries/:id/consent", Policy.COORDINATORS).audited("consent", "id")
    ));
  }
}
