package ro.caravana.scheduler.interop.fhir;

import static org.hl7.fhir.r4.model.Enumerations.SearchParamType.TOKEN;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.access.Scope;

/**
 * Who and where: staff as {@code Practitioner} and {@code PractitionerRole} (role, skills, home centre,
 * weekly hours), centres, rooms and caravan stops as {@code Location} (with SIRUTA code and coordinates),
 * the services as {@code HealthcareService} with their Romanian names.
 */
final class DirectoryEndpoint {

  static final String PRACTITIONER = "Practitioner";
  static final String PRACTITIONER_ROLE = "PractitionerRole";
  static final String LOCATION = "Location";
  static final String HEALTHCARE_SERVICE = "HealthcareService";

  private static final String STAFF = """
      SELECT s.id, s.code, s.first_name, s.last_name, s.role, s.skills, s.county, s.home_centre_id, c.name AS centre_name,
        s.weekly_availability::text AS availability, s.phone
      FROM staff s LEFT JOIN community_centres c ON c.id = s.home_centre_id
      WHERE ($1::bigint IS NULL OR s.id = $1)""" + Scope.countyFilter("s.county", 2);
  static final String STAFF_PAGE = STAFF + " ORDER BY s.id LIMIT $3 OFFSET $4";
  static final String STAFF_COUNT = "SELECT count(*) FROM staff s WHERE ($1::bigint IS NULL OR s.id = $1)"
      + Scope.countyFilter("s.county", 2);

  /** Centres and rooms in one list (centres first); a room's parent is its centre. */
  private static final String PLACES = """
      SELECT * FROM (
        SELECT 0 AS kind, c.id, c.name, c.code, c.address, NULL::bigint AS centre_id, NULL::text[] AS equipment,
          l.siruta, l.name AS locality_name, co.name AS county_name, l.lat, l.lon
        FROM community_centres c JOIN localities l ON l.siruta = c.locality_siruta JOIN counties co ON co.code = l.county
        UNION ALL
        SELECT 1, r.id, r.name, NULL, c.address, r.centre_id, r.equipment, l.siruta, l.name, co.name, l.lat, l.lon
        FROM rooms r JOIN community_centres c ON c.id = r.centre_id JOIN localities l ON l.siruta = c.locality_siruta
          JOIN counties co ON co.code = l.county
      ) p WHERE ($1::int IS NULL OR p.kind = $1) AND ($2::bigint IS NULL OR p.id = $2)""";
  static final String PLACES_PAGE = PLACES + " ORDER BY p.kind, p.id LIMIT $3 OFFSET $4";
  static final String PLACES_COUNT = "SELECT count(*) FROM (" + PLACES + ") q";
  static final String STOP = """
      SELECT l.siruta, l.name, co.name AS county_name, l.lat, l.lon FROM localities l JOIN counties co ON co.code = l.county
      WHERE l.siruta = $1""";

  private final Pool pool;

  DirectoryEndpoint(Pool pool) {
    this.pool = pool;
  }

  void mount(FhirServer server) {
    server.read(PRACTITIONER, ctx -> staffOne(ctx, PRACTITIONER).map(DirectoryEndpoint::practitioner));
    server.search(PRACTITIONER, List.of(new Capability.SearchParam("_id", TOKEN, "the staff id")), List.of(),
        ctx -> staffSearch(ctx, PRACTITIONER));
    server.read(PRACTITIONER_ROLE, ctx -> staffOne(ctx, PRACTITIONER_ROLE).map(DirectoryEndpoint::role));
    server.search(PRACTITIONER_ROLE, List.of(new Capability.SearchParam("_id", TOKEN, "the staff id")), List.of(),
        ctx -> staffSearch(ctx, PRACTITIONER_ROLE));
    server.read(LOCATION, this::location);
    server.search(LOCATION, List.of(), List.of(), this::places);
    server.read(HEALTHCARE_SERVICE, ctx -> {
      String code = FhirCodes.serviceOf(ctx.pathParam("id"));
      return code == null ? Future.failedFuture(FhirIds.notFound(HEALTHCARE_SERVICE)) : Future.succeededFuture(service(code));
    });
    server.search(HEALTHCARE_SERVICE, List.of(), List.of(), ctx -> {
      FhirSearch.onlyKnown(ctx, Set.of());
      List<HealthcareService> all = new ArrayList<>();
      for (String code : new TreeSet<>(FhirCodes.SERVICE_NAMES.keySet())) all.add(service(code));
      return Future.succeededFuture(FhirSearch.searchset(ctx, FhirServer.base(ctx), HEALTHCARE_SERVICE, all, List.of(),
          all.size(), new FhirSearch.Paging(all.size(), 0)));
    });
  }

  /** A staff member by path id (the access gate answered 404 already when outside the caller's counties). */
  private Future<Row> staffOne(RoutingContext ctx, String type) {
    long id = FhirIds.path(FhirIds.number(ctx.pathParam("id")), type);
    return pool.preparedQuery(STAFF_PAGE).execute(Tuple.tuple().addValue(id).addValue(Caller.of(ctx).countyScope())
        .addValue(1).addValue(0)).compose(rows -> rows.size() == 0
            ? Future.failedFuture(FhirIds.notFound(type)) : Future.succeededFuture(rows.iterator().next()));
  }

  private Future<Bundle> staffSearch(RoutingContext ctx, String type) {
    FhirSearch.onlyKnown(ctx, Set.of("_id"));
    String raw = FhirSearch.one(ctx, "_id");
    Long id = raw == null ? null : FhirIds.number(raw).orElseThrow(() -> FhirIds.badId("_id"));
    var paging = FhirSearch.paging(ctx);
    String[] scope = Caller.of(ctx).countyScope();
    var rows = pool.preparedQuery(STAFF_PAGE).execute(Tuple.tuple().addValue(id).addValue(scope)
        .addValue(paging.count()).addValue(paging.offset()));
    var count = pool.preparedQuery(STAFF_COUNT).execute(Tuple.tuple().addValue(id).addValue(scope));
    return Future.all(rows, count).map(v -> {
      List<Resource> out = new ArrayList<>();
      rows.result().forEach(r -> out.add(type.equals(PRACTITIONER) ? practitioner(r) : role(r)));
      return FhirSearch.searchset(ctx, FhirServer.base(ctx), type, out, List.of(),
          count.result().iterator().next().getLong(0), paging);
    });
  }

  private Future<Location> location(RoutingContext ctx) {
    var id = FhirIds.path(FhirIds.location(ctx.pathParam("id")), LOCATION);
    if (id.kind() == FhirIds.LocationId.Kind.STOP) {
      return pool.preparedQuery(STOP).execute(Tuple.of((int) id.number())).compose(rows -> rows.size() == 0
          ? Future.failedFuture(FhirIds.notFound(LOCATION)) : Future.succeededFuture(stop(rows.iterator().next())));
    }
    int kind = id.kind() == FhirIds.LocationId.Kind.CENTRE ? 0 : 1;
    return pool.preparedQuery(PLACES_PAGE).execute(Tuple.tuple().addValue(kind).addValue(id.number()).addValue(1).addValue(0))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(FhirIds.notFound(LOCATION)) : Future.succeededFuture(place(rows.iterator().next())));
  }

  private Future<Bundle> places(RoutingContext ctx) {
    FhirSearch.onlyKnown(ctx, Set.of());
    var paging = FhirSearch.paging(ctx);
    var rows = pool.preparedQuery(PLACES_PAGE).execute(Tuple.tuple().addValue(null).addValue(null)
        .addValue(paging.count()).addValue(paging.offset()));
    var count = pool.preparedQuery(PLACES_COUNT).execute(Tuple.tuple().addValue(null).addValue(null));
    return Future.all(rows, count).map(v -> {
      List<Location> out = new ArrayList<>();
      rows.result().forEach(r -> out.add(place(r)));
      return FhirSearch.searchset(ctx, FhirServer.base(ctx), LOCATION, out, List.of(),
          count.result().iterator().next().getLong(0), paging);
    });
  }

  static Practitioner practitioner(Row r) {
    Practitioner p = new Practitioner();
    p.setId(PRACTITIONER + "/" + r.getLong("id"));
    p.setActive(true);
    p.addIdentifier().setSystem(FhirCodes.STAFF_CODE).setValue(r.getString("code"));
    p.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(r.getString("last_name")).addGiven(r.getString("first_name"));
    if (r.getString("phone") != null) {
      p.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setUse(ContactPoint.ContactPointUse.WORK)
          .setValue(r.getString("phone"));
    }
    p.addQualification().setCode(roleConcept(r.getString("role")));
    return p;
  }

  static PractitionerRole role(Row r) {
    PractitionerRole role = new PractitionerRole();
    role.setId(PRACTITIONER_ROLE + "/" + r.getLong("id"));
    role.setActive(true);
    role.setPractitioner(new Reference(PRACTITIONER + "/" + r.getLong("id"))
        .setDisplay(r.getString("first_name") + " " + r.getString("last_name")));
    role.addCode(roleConcept(r.getString("role")));
    String[] skills = r.getArrayOfStrings("skills");
    if (skills != null) {
      for (String skill : skills) {
        String display = FhirCodes.SERVICE_NAMES.getOrDefault(skill, skill.replace('_', ' '));
        role.addSpecialty(FhirCodes.concept(FhirCodes.SKILL, skill, display));
      }
    }
    if (r.getLong("home_centre_id") != null) {
      role.addLocation(new Reference("Location/centre-" + r.getLong("home_centre_id")).setDisplay(r.getString("centre_name")));
    }
    JsonObject week = new JsonObject(r.getString("availability"));
    for (String day : week.fieldNames()) {
      if (!(week.getValue(day) instanceof JsonArray spans)) continue;
      for (Object o : spans) {
        if (!(o instanceof JsonObject span)) continue;
        var time = role.addAvailableTime();
        time.addDaysOfWeek(PractitionerRole.DaysOfWeek.fromCode(day.substring(0, 3).toLowerCase(Locale.ROOT)));
        time.setAvailableStartTime(seconds(span.getString("from")));
        time.setAvailableEndTime(seconds(span.getString("to")));
      }
    }
    return role;
  }

  private static String seconds(String hhmm) {
    return hhmm == null ? null : hhmm.length() == 5 ? hhmm + ":00" : hhmm;
  }

  private static CodeableConcept roleConcept(String role) {
    return FhirCodes.concept(FhirCodes.STAFF_ROLE, role, FhirCodes.ROLE_NAMES.getOrDefault(role, role));
  }

  static Location place(Row r) {
    boolean centre = r.getInteger("kind") == 0;
    Location l = new Location();
    l.setId(LOCATION + "/" + (centre ? "centre-" : "room-") + r.getLong("id"));
    l.setStatus(Location.LocationStatus.ACTIVE);
    l.setMode(Location.LocationMode.INSTANCE);
    l.setName(r.getString("name"));
    if (centre) {
      l.addIdentifier().setSystem(FhirCodes.CENTRE_CODE).setValue(r.getString("code"));
      l.setPhysicalType(physical("bu", "Building"));
      l.setDescription("Centru comunitar");
    } else {
      l.setPhysicalType(physical("ro", "Room"));
      l.setPartOf(new Reference("Location/centre-" + r.getLong("centre_id")));
      String[] equipment = r.getArrayOfStrings("equipment");
      if (equipment != null && equipment.length > 0) l.setDescription("Dotări: " + String.join(", ", equipment));
    }
    l.setAddress(PatientEndpoint.locality(r.getInteger("siruta"), r.getString("locality_name"), r.getString("county_name"))
        .setUse(org.hl7.fhir.r4.model.Address.AddressUse.WORK).addLine(r.getString("address")));
    l.getPosition().setLatitude(r.getDouble("lat")).setLongitude(r.getDouble("lon"));
    return l;
  }

  static Location stop(Row r) {
    Location l = new Location();
    l.setId(LOCATION + "/stop-" + r.getInteger("siruta"));
    l.setStatus(Location.LocationStatus.ACTIVE);
    l.setMode(Location.LocationMode.INSTANCE);
    l.setName(r.getString("name"));
    l.setDescription("Oprire a caravanei medicale");
    l.addIdentifier().setSystem(FhirCodes.SIRUTA).setValue(String.valueOf(r.getInteger("siruta")));
    l.setPhysicalType(physical("area", "Area"));
    l.setAddress(PatientEndpoint.locality(r.getInteger("siruta"), r.getString("name"), r.getString("county_name"))
        .setUse(org.hl7.fhir.r4.model.Address.AddressUse.WORK));
    l.getPosition().setLatitude(r.getDouble("lat")).setLongitude(r.getDouble("lon"));
    return l;
  }

  private static CodeableConcept physical(String code, String display) {
    return new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/location-physical-type", code, display));
  }

  static HealthcareService service(String code) {
    HealthcareService s = new HealthcareService();
    s.setId(HEALTHCARE_SERVICE + "/" + FhirCodes.serviceId(code));
    s.setActive(true);
    s.setName(FhirCodes.SERVICE_NAMES.get(code));
    s.addType(FhirCodes.service(code));
    if (code.equals("telemedicine")) {
      s.addCharacteristic(new CodeableConcept().setText("Consultație video la distanță"));
    }
    s.setAppointmentRequired(true);
    return s;
  }
}
