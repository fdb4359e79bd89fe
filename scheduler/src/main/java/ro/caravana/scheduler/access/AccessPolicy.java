package ro.caravana.scheduler.access;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;
import static ro.caravana.scheduler.access.Policy.COORDINATORS;
import static ro.caravana.scheduler.access.Policy.EVERY_ROLE;
import static ro.caravana.scheduler.access.Policy.NAMED_ROLES;
import static ro.caravana.scheduler.access.Policy.Subject.ACCOUNT;
import static ro.caravana.scheduler.access.Policy.Subject.APPOINTMENT;
import static ro.caravana.scheduler.access.Policy.Subject.BENEFICIARY;
import static ro.caravana.scheduler.access.Policy.Subject.CARAVAN;
import static ro.caravana.scheduler.access.Policy.Subject.CENTRE;
import static ro.caravana.scheduler.access.Policy.Subject.CARE_PLAN;
import static ro.caravana.scheduler.access.Policy.Subject.COUNTY;
import static ro.caravana.scheduler.access.Policy.Subject.HORIZON;
import static ro.caravana.scheduler.access.Policy.Subject.LOCALITY;
import static ro.caravana.scheduler.access.Policy.Subject.PLAN;
import static ro.caravana.scheduler.access.Policy.Subject.STAFF;
import static ro.caravana.scheduler.access.Policy.aggregate;
import static ro.caravana.scheduler.access.Policy.named;
import static ro.caravana.scheduler.access.Policy.open;
import static ro.caravana.scheduler.access.Role.ADMIN;
import static ro.caravana.scheduler.access.Role.COUNTY_COORDINATOR;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The access policy of every {@code /api} route. A new route gets its line here, in the same change;
 * until it does, the access handler refuses it and {@code AccessMatrixTest} names it.
 * More specific patterns come before the patterns they would otherwise fall under.
 *
 * <p>{@code scoped(S, "id")}: the path parameter names a record of kind S, invisible (404) outside the
 * caller's counties, centre or own appointments. {@code bodyScoped(S, "field")}: a body field names a
 * record that must be in scope (403). Lists filter by {@link Caller#countyScope()} etc. in their SQL, and
 * a {@code county} query parameter outside the caller's counties is refused (403) for every route.
 */
public final class AccessPolicy {

  /** County-level planning and record keeping: admin and county coordinators. */
  static final Set<Role> COUNTY_LEVEL = EnumSet.of(ADMIN, COUNTY_COORDINATOR);
  /** Those who see their own appointments: doctors, therapists, nurses. */
  static final Set<Role> CLINICIANS = EnumSet.of(Role.DOCTOR, Role.THERAPIST, Role.NURSE);

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
        open(GET, "/api/family/:token/join").limited(Policy.Limit.PUBLIC),
        // SMS gateway callbacks: no account; they check their own token (sms.http.webhook-token), and exist
        // only with the HTTP gateway (404 otherwise)
        open(POST, "/api/sms/status").limited(Policy.Limit.WEBHOOK),
        open(POST, "/api/sms/inbound").limited(Policy.Limit.WEBHOOK),

        // The caller's own account
        aggregate(GET, "/api/auth/me", EVERY_ROLE),
        aggregate(POST, "/api/auth/logout", EVERY_ROLE),

        // Access administration
        named(GET, "/api/audit", EnumSet.of(ADMIN)),

        // Accounts: administrators keep every account, county coordinators the centre coordinators and clinicians
        // of their counties (AccountAdmin); changes are audited by the handler in their own transaction. The
        // one-time links that set a password are opened without an account.
        named(GET, "/api/accounts", COUNTY_LEVEL).audited("list", null),
        named(POST, "/api/accounts", COUNTY_LEVEL).bodyScoped(CENTRE, "centreId").bodyScoped(STAFF, "staffId"),
        named(GET, "/api/accounts/:id", COUNTY_LEVEL).scoped(ACCOUNT, "id").audited("read", "id"),
        named(PATCH, "/api/accounts/:id", COUNTY_LEVEL).scoped(ACCOUNT, "id").bodyScoped(CENTRE, "centreId")
            .bodyScoped(STAFF, "staffId"),
        named(POST, "/api/accounts/:id/disable", COUNTY_LEVEL).scoped(ACCOUNT, "id"),
        named(POST, "/api/accounts/:id/enable", COUNTY_LEVEL).scoped(ACCOUNT, "id"),
        named(POST, "/api/accounts/:id/password-reset", COUNTY_LEVEL).scoped(ACCOUNT, "id"),
        open(GET, "/api/account-links/:token").limited(Policy.Limit.PUBLIC),
        open(POST, "/api/account-links/:token").limited(Policy.Limit.LOGIN),

        // Reference data without names: places, centres, caravans
        aggregate(GET, "/api/counties", EVERY_ROLE),
        aggregate(GET, "/api/localities", EVERY_ROLE),
        aggregate(GET, "/api/localities/:siruta", EVERY_ROLE),
        aggregate(GET, "/api/centres", EVERY_ROLE),
        aggregate(GET, "/api/centres/:id", EVERY_ROLE),
        aggregate(GET, "/api/caravans", EVERY_ROLE),
        aggregate(GET, "/api/caravans/:id", EVERY_ROLE).scoped(CARAVAN, "id"),

        // The organisation, kept by the county: centres, rooms, staff, caravans (create, change, retire); the
        // handlers check the county a body names (served, within the caller's counties)
        aggregate(POST, "/api/centres", COUNTY_LEVEL),
        aggregate(PATCH, "/api/centres/:id", COUNTY_LEVEL).scoped(CENTRE, "id"),
        aggregate(POST, "/api/centres/:id/retire", COUNTY_LEVEL).scoped(CENTRE, "id"),
        aggregate(GET, "/api/centres/:id/rooms", EVERY_ROLE),
        aggregate(POST, "/api/centres/:id/rooms", COUNTY_LEVEL).scoped(CENTRE, "id"),
        aggregate(PATCH, "/api/centres/:id/rooms/:roomId", COUNTY_LEVEL).scoped(CENTRE, "id"),
        aggregate(POST, "/api/centres/:id/rooms/:roomId/retire", COUNTY_LEVEL).scoped(CENTRE, "id"),
        aggregate(POST, "/api/caravans", COUNTY_LEVEL),
        aggregate(PATCH, "/api/caravans/:id", COUNTY_LEVEL).scoped(CARAVAN, "id"),
        aggregate(POST, "/api/caravans/:id/retire", COUNTY_LEVEL).scoped(CARAVAN, "id"),
        named(POST, "/api/staff", COUNTY_LEVEL),
        named(PATCH, "/api/staff/:id", COUNTY_LEVEL).scoped(STAFF, "id"),
        named(POST, "/api/staff/:id/retire", COUNTY_LEVEL).scoped(STAFF, "id"),

        // Spreadsheet imports: every row must be in the caller's counties (checked per row by the import)
        named(POST, "/api/imports/beneficiaries", COUNTY_LEVEL).audited("import", null),
        named(POST, "/api/imports/care-plans", COUNTY_LEVEL).audited("import", null),

        // Staff: names of employees, within the caller's counties
        named(GET, "/api/staff", NAMED_ROLES),
        named(GET, "/api/staff/:id", NAMED_ROLES).scoped(STAFF, "id"),

        // GDPR: export and erasure by the county that keeps the record, consent by whoever records it
        named(GET, "/api/beneficiaries/:id/export", COUNTY_LEVEL).scoped(BENEFICIARY, "id").audited("export", "id"),
        named(POST, "/api/beneficiaries/:id/erase", COUNTY_LEVEL).scoped(BENEFICIARY, "id").audited("erase", "id"),
        named(POST, "/api/beneficiaries/:id/consent", COORDINATORS).scoped(BENEFICIARY, "id").audited("consent", "id"),
        named(GET, "/api/beneficiaries/:id/consent", COORDINATORS).scoped(BENEFICIARY, "id").audited("read", "id"),

        // Beneficiaries and their care plans
        named(GET, "/api/beneficiaries", NAMED_ROLES).audited("list", null),
        named(POST, "/api/beneficiaries", COORDINATORS).bodyScoped(LOCALITY, "localitySiruta").audited("create", null),
        named(GET, "/api/beneficiaries/:id", NAMED_ROLES).scoped(BENEFICIARY, "id").audited("read", "id"),
        named(PUT, "/api/beneficiaries/:id", COORDINATORS).scoped(BENEFICIARY, "id")
            .bodyScoped(LOCALITY, "localitySiruta").audited("update", "id"),
        named(DELETE, "/api/beneficiaries/:id", COUNTY_LEVEL).scoped(BENEFICIARY, "id").audited("delete", "id"),
        named(GET, "/api/beneficiaries/:id/care-plans", NAMED_ROLES).scoped(BENEFICIARY, "id").audited("read", "id"),
        named(POST, "/api/beneficiaries/:id/care-plans", COORDINATORS).scoped(BENEFICIARY, "id")
            .audited("update", "id"),
        named(GET, "/api/care-plans", NAMED_ROLES).queryScoped(BENEFICIARY, "beneficiary").audited("list", null),
        named(POST, "/api/care-plans", COORDINATORS).bodyScoped(BENEFICIARY, "beneficiaryId"),
        named(GET, "/api/care-plans/:id", NAMED_ROLES).scoped(CARE_PLAN, "id").audited("read", "id"),
        named(PUT, "/api/care-plans/:id", COORDINATORS).scoped(CARE_PLAN, "id").bodyScoped(BENEFICIARY, "beneficiaryId"),
        named(DELETE, "/api/care-plans/:id", COORDINATORS).scoped(CARE_PLAN, "id"),

        // Appointments and attendance: clinicians see and mark their own
        named(GET, "/api/appointments", NAMED_ROLES).queryScoped(BENEFICIARY, "beneficiary").audited("list", null),
        named(POST, "/api/appointments", COORDINATORS).bodyScoped(BENEFICIARY, "beneficiaryId")
            .bodyScoped(CARE_PLAN, "carePlanId"),
        named(POST, "/api/appointments/:id/family-links/revoke", COORDINATORS).scoped(APPOINTMENT, "id"),
        named(POST, "/api/appointments/:id/family-links", COORDINATORS).scoped(APPOINTMENT, "id"),
        named(GET, "/api/appointments/no-shows/repeated", COORDINATORS).audited("list", null),
        named(GET, "/api/appointments/:id/attendance", NAMED_ROLES).scoped(APPOINTMENT, "id").audited("read", "id"),
        named(POST, "/api/appointments/:id/attendance", NAMED_ROLES).scoped(APPOINTMENT, "id"),
        named(GET, "/api/appointments/:id", NAMED_ROLES).scoped(APPOINTMENT, "id").audited("read", "id"),
        named(PATCH, "/api/appointments/:id", NAMED_ROLES).scoped(APPOINTMENT, "id"),

        // Field attendance: a clinician's or caravan crew member's own day (marks are checked one by one
        // against the caller's appointments; a walk-in must be at one of the caller's stops that day)
        named(GET, "/api/field/day", CLINICIANS),
        named(POST, "/api/field/marks", CLINICIANS),
        named(POST, "/api/field/walk-ins", CLINICIANS),

        // Remote consultations (remote appointments): the doctor joins their own; coordinators see their county's
        named(GET, "/api/consultations", NAMED_ROLES).audited("list", null),
        // call tickets are bound to people (the handler checks who): clinicians only, never coordinators or supervisors
        named(GET, "/api/consultations/:id/join", CLINICIANS).scoped(APPOINTMENT, "id"),
        named(POST, "/api/consultations/:id/participants", EnumSet.of(ADMIN)).scoped(APPOINTMENT, "id"),
        named(GET, "/api/consultations/:id", NAMED_ROLES).scoped(APPOINTMENT, "id").audited("read", "id"),

        // SMS notices carry phone numbers, first names and texts: coordinators, each within the county and
        // centre stored on the notice (filtered in SQL; a notice outside the scope by id is 404)
        named(GET, "/api/notifications", COORDINATORS).queryScoped(BENEFICIARY, "beneficiaryId").audited("list", null),
        named(GET, "/api/notifications/:id", COORDINATORS).audited("read", "id"),
        named(GET, "/api/sms/replies", COORDINATORS).queryScoped(BENEFICIARY, "beneficiaryId").audited("list", null),
        named(GET, "/api/sms/threads", COORDINATORS).audited("list", null),
        named(POST, "/api/sms/demo/replies", EnumSet.of(ADMIN)),

        // Reports: aggregates only, the supervisors' view (a county outside the caller's scope is refused)
        aggregate(GET, "/api/reports/attendance", EVERY_ROLE),
        aggregate(GET, "/api/reports/attendance/marks", EVERY_ROLE),
        // days since each locality's last caravan visit (issue 16): counts per locality, a county in the caller's scope
        aggregate(GET, "/api/reports/coverage", EVERY_ROLE),

        // Weekly plans of a county (plan items name beneficiaries)
        named(POST, "/api/plans", COUNTY_LEVEL).bodyScoped(COUNTY, "county"),
        named(GET, "/api/plans", COUNTY_LEVEL),
        named(GET, "/api/plans/:id", COUNTY_LEVEL).scoped(PLAN, "id"),
        named(GET, "/api/plans/:id/items", COUNTY_LEVEL).scoped(PLAN, "id").audited("read", "id"),
        named(GET, "/api/plans/:id/progress", COUNTY_LEVEL).scoped(PLAN, "id"),
        aggregate(GET, "/api/plans/:id/stops", COUNTY_LEVEL).scoped(PLAN, "id"),
        named(POST, "/api/plans/:id/stop", COUNTY_LEVEL).scoped(PLAN, "id"),
        named(POST, "/api/plans/:id/publish", COUNTY_LEVEL).scoped(PLAN, "id"),
        named(POST, "/api/plans/:id/disruptions", COUNTY_LEVEL).scoped(PLAN, "id"),
        // manual edits of a draft plan (issue 16): the staff member a session moves to is checked like any staff id
        named(GET, "/api/plans/:id/moves", COUNTY_LEVEL).scoped(PLAN, "id"),
        named(POST, "/api/plans/:id/moves", COUNTY_LEVEL).scoped(PLAN, "id").bodyScoped(STAFF, "staffId"),
        named(POST, "/api/plans/:id/pins", COUNTY_LEVEL).scoped(PLAN, "id"),
        named(POST, "/api/plans/:id/resolve", COUNTY_LEVEL).scoped(PLAN, "id"),

        // FHIR R4 (interop, docs/interop.md): the roles and scopes of the JSON API; beneficiary reads audited
        open(GET, "/fhir/r4/metadata"),
        named(GET, "/fhir/r4/Patient", NAMED_ROLES).audited("list", null),
        named(GET, "/fhir/r4/Patient/:id", NAMED_ROLES).scoped(BENEFICIARY, "id").audited("read", "id"),
        named(POST, "/fhir/r4/Patient", COORDINATORS).audited("create", null),
        named(PUT, "/fhir/r4/Patient/:id", COORDINATORS).scoped(BENEFICIARY, "id").audited("update", "id"),
        named(PUT, "/fhir/r4/Appointment/:id", COORDINATORS).scoped(APPOINTMENT, "id"),
        // a booking names its Slot and Patient in the body: the handler checks both are in the caller's scope
        named(POST, "/fhir/r4/Appointment", COORDINATORS),
        // answers to appointments: read as the appointments; the family's recorded by coordinators, a practitioner's
        // by themselves (the handler checks who and scopes the appointment)
        named(GET, "/fhir/r4/AppointmentResponse", NAMED_ROLES).audited("list", null),
        named(GET, "/fhir/r4/AppointmentResponse/:id", NAMED_ROLES),
        named(POST, "/fhir/r4/AppointmentResponse", NAMED_ROLES),
        named(GET, "/fhir/r4/Schedule", NAMED_ROLES),
        named(GET, "/fhir/r4/Schedule/:id", NAMED_ROLES),
        named(GET, "/fhir/r4/Slot", NAMED_ROLES),
        named(GET, "/fhir/r4/Slot/:id", NAMED_ROLES),
        named(GET, "/fhir/r4/CarePlan", NAMED_ROLES).audited("list", null),
        named(GET, "/fhir/r4/CarePlan/:id", NAMED_ROLES).scoped(CARE_PLAN, "id").audited("read", "id"),
        // SMS as Communication: scoped like /api/notifications; clinicians their own appointments', without the text
        named(GET, "/fhir/r4/Communication", NAMED_ROLES).audited("list", null),
        named(GET, "/fhir/r4/Communication/:id", NAMED_ROLES).audited("read", "id"),
        named(GET, "/fhir/r4/Appointment", NAMED_ROLES).audited("list", null),
        named(GET, "/fhir/r4/Appointment/:id", NAMED_ROLES).scoped(APPOINTMENT, "id"),
        named(GET, "/fhir/r4/Encounter", NAMED_ROLES).audited("list", null),
        named(GET, "/fhir/r4/Encounter/:id", NAMED_ROLES).scoped(APPOINTMENT, "id"),
        named(GET, "/fhir/r4/Practitioner", NAMED_ROLES),
        named(GET, "/fhir/r4/Practitioner/:id", NAMED_ROLES).scoped(STAFF, "id"),
        named(GET, "/fhir/r4/PractitionerRole", NAMED_ROLES),
        named(GET, "/fhir/r4/PractitionerRole/:id", NAMED_ROLES).scoped(STAFF, "id"),
        aggregate(GET, "/fhir/r4/Location", EVERY_ROLE),
        aggregate(GET, "/fhir/r4/Location/:id", EVERY_ROLE),
        aggregate(GET, "/fhir/r4/HealthcareService", EVERY_ROLE),
        aggregate(GET, "/fhir/r4/HealthcareService/:id", EVERY_ROLE),
        aggregate(GET, "/fhir/r4/MeasureReport", EVERY_ROLE),

        // Calendar feeds (interop): links for the staff member themselves, a caravan's crew and the county's
        // coordinators (checked by the handler, 404 otherwise); the feed itself by its token, without a session
        named(GET, "/api/staff/:id/calendar-link", NAMED_ROLES).scoped(STAFF, "id"),
        named(POST, "/api/staff/:id/calendar-link/rotate", NAMED_ROLES).scoped(STAFF, "id"),
        named(DELETE, "/api/staff/:id/calendar-link", NAMED_ROLES).scoped(STAFF, "id"),
        named(GET, "/api/caravans/:id/calendar-link", NAMED_ROLES),
        named(POST, "/api/caravans/:id/calendar-link/rotate", NAMED_ROLES),
        named(DELETE, "/api/caravans/:id/calendar-link", NAMED_ROLES),
        open(GET, "/api/calendar/:token").limited(Policy.Limit.PUBLIC),

        // Ministry exports (interop): aggregates only, within the caller's counties
        aggregate(GET, "/api/exports/report.csv", EVERY_ROLE),
        aggregate(GET, "/api/exports/report.xlsx", EVERY_ROLE),
        // Record exports (CSV or XLSX: beneficiaries, care plans, a published week): county level, rows filtered by the
        // caller's scope, each export audited by the handler with its filters and row count
        named(GET, "/api/exports/beneficiaries", COUNTY_LEVEL),
        named(GET, "/api/exports/care-plans", COUNTY_LEVEL),
        named(GET, "/api/exports/week", COUNTY_LEVEL),

        // Caravan horizons and road times of a county (counts of people, no names)
        aggregate(POST, "/api/horizons", COUNTY_LEVEL).bodyScoped(COUNTY, "county"),
        aggregate(GET, "/api/horizons", COUNTY_LEVEL),
        aggregate(GET, "/api/horizons/:id", COUNTY_LEVEL).scoped(HORIZON, "id"),
        aggregate(POST, "/api/travel-matrix", COUNTY_LEVEL),
        aggregate(POST, "/api/travel-matrix/refresh", COUNTY_LEVEL).bodyScoped(COUNTY, "county"),
        aggregate(GET, "/api/travel-matrix", COUNTY_LEVEL),
        aggregate(POST, "/api/road-rules", COUNTY_LEVEL).bodyScoped(LOCALITY, "siruta"),
        aggregate(GET, "/api/road-rules", COUNTY_LEVEL),
        aggregate(PUT, "/api/localities/:siruta/visit-frequency", COUNTY_LEVEL).scoped(LOCALITY, "siruta")
    ));
  }
}
