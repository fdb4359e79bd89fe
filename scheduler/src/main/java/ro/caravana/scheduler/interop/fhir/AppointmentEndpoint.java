package ro.caravana.scheduler.interop.fhir;

import static org.hl7.fhir.r4.model.Enumerations.SearchParamType.DATE;
import static org.hl7.fhir.r4.model.Enumerations.SearchParamType.REFERENCE;
import static org.hl7.fhir.r4.model.Enumerations.SearchParamType.TOKEN;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.access.Scope;
import ro.caravana.scheduler.common.Vocabulary;
import ro.caravana.scheduler.platform.http.ApiError;

/**
 * Appointments as {@code Appointment} and their attendance as {@code Encounter} (one per appointment that
 * was attended: arrived or fulfilled; the id is the appointment's). Searches are filtered in SQL by the
 * caller's counties, centre or own appointments, like {@code /api/appointments}.
 */
final class AppointmentEndpoint {

  static final String APPOINTMENT = "Appointment";
  static final String ENCOUNTER = "Encounter";
  static final String INCLUDE_PATIENT = "Appointment:patient";

  private static final String SELECT = """
      SELECT a.id, a.beneficiary_id, b.first_name, b.last_name, a.service, a.modality, a.starts_at, a.ends_at,
        a.staff_id, s.first_name AS staff_first_name, s.last_name AS staff_last_name, a.centre_id, c.name AS centre_name,
        a.room_id, r.name AS room_name, a.stop_siruta, sl.name AS stop_name, a.status, a.version, a.updated_at,
        (SELECT m.minutes FROM attendance_marks m WHERE m.appointment_id = a.id AND m.minutes IS NOT NULL
          ORDER BY m.recorded_at DESC, m.id DESC LIMIT 1) AS minutes_attended
      FROM appointments a
        JOIN beneficiaries b ON b.id = a.beneficiary_id
        JOIN localities l ON l.siruta = b.locality_siruta
        LEFT JOIN staff s ON s.id = a.staff_id
        LEFT JOIN community_centres c ON c.id = a.centre_id
        LEFT JOIN rooms r ON r.id = a.room_id
        LEFT JOIN localities sl ON sl.siruta = a.stop_siruta""";
  private static final String FILTER = "\n" + """
       WHERE ($1::uuid IS NULL OR a.id = $1)
         AND ($2::timestamptz IS NULL OR a.starts_at >= $2)
         AND ($3::timestamptz IS NULL OR a.starts_at < $3)
         AND ($4::uuid IS NULL OR a.beneficiary_id = $4)
         AND ($5::bigint IS NULL OR a.staff_id = $5)
         AND ($6::text[] IS NULL OR a.status = ANY($6))
         AND ($7::bigint IS NULL OR a.centre_id = $7)
         AND ($8::bigint IS NULL OR a.room_id = $8)
         AND ($9::int IS NULL OR a.stop_siruta = $9)""" + Scope.appointmentFilter(10);
  static final String SEARCH = SELECT + FILTER + " ORDER BY a.starts_at, a.id LIMIT $13 OFFSET $14";
  static final String COUNT = """
      SELECT count(*) FROM appointments a
        JOIN beneficiaries b ON b.id = a.beneficiary_id
        JOIN localities l ON l.siruta = b.locality_siruta""" + FILTER;

  /** Statuses of an appointment that was attended, hence has an Encounter. */
  private static final String[] ATTENDED = {"arrived", "fulfilled"};

  private final Pool pool;
  private final ZoneId zone;

  AppointmentEndpoint(Pool pool, ZoneId zone) {
    this.pool = pool;
    this.zone = zone;
  }

  void mount(FhirServer server) {
    server.read(APPOINTMENT, ctx -> readOne(ctx, APPOINTMENT, null).map(AppointmentEndpoint::appointment));
    server.search(APPOINTMENT, List.of(
        new Capability.SearchParam("date", DATE, "start of the appointment; ge, le, gt, lt, eq; a day is a Bucharest day"),
        new Capability.SearchParam("patient", REFERENCE, "Patient/{id}"),
        new Capability.SearchParam("practitioner", REFERENCE, "Practitioner/{id}"),
        new Capability.SearchParam("location", REFERENCE, "Location/centre-{id}, room-{id} or stop-{siruta}"),
        new Capability.SearchParam("status", TOKEN, "proposed, booked, arrived, fulfilled, cancelled, noshow (comma = or)"),
        new Capability.SearchParam("_id", TOKEN, "the appointment id")),
        List.of(INCLUDE_PATIENT), ctx -> search(ctx, APPOINTMENT));
    server.read(ENCOUNTER, ctx -> readOne(ctx, ENCOUNTER, ATTENDED).map(this::encounter));
    server.search(ENCOUNTER, List.of(
        new Capability.SearchParam("date", DATE, "start of the attended appointment"),
        new Capability.SearchParam("patient", REFERENCE, "Patient/{id}"),
        new Capability.SearchParam("practitioner", REFERENCE, "Practitioner/{id}"),
        new Capability.SearchParam("appointment", REFERENCE, "Appointment/{id}")),
        List.of(), ctx -> search(ctx, ENCOUNTER));
  }

  private record Query(UUID id, OffsetDateTime from, OffsetDateTime to, UUID patient, Long practitioner,
      String[] statuses, Long centre, Long room, Integer stop) {

    Tuple tuple(Caller caller) {
      return Scope.args(Tuple.from(new Object[] {id, from, to, patient, practitioner, statuses, centre, room, stop}), caller);
    }
  }

  /** One appointment by path id; out of the caller's scope was refused (404) by the access gate already. */
  private Future<Row> readOne(RoutingContext ctx, String type, String[] statuses) {
    UUID id = FhirIds.path(FhirIds.uuid(ctx.pathParam("id")), type);
    Query q = new Query(id, null, null, null, null, statuses, null, null, null);
    return pool.preparedQuery(SEARCH).execute(q.tuple(Caller.of(ctx)).addValue(1).addValue(0)).compose(rows -> rows.size() == 0
        ? Future.failedFuture(FhirIds.notFound(type)) : Future.succeededFuture(rows.iterator().next()));
  }

  /** The appointment as it is now, for the answer of a write (the caller's scope applies). */
  static Future<Appointment> readForWrite(Pool pool, UUID id, Caller caller) {
    Query q = new Query(id, null, null, null, null, null, null, null, null);
    return pool.preparedQuery(SEARCH).execute(q.tuple(caller).addValue(1).addValue(0)).compose(rows -> rows.size() == 0
        ? Future.failedFuture(FhirIds.notFound(APPOINTMENT)) : Future.succeededFuture(appointment(rows.iterator().next())));
  }

  private Future<Bundle> search(RoutingContext ctx, String type) {
    boolean appointments = type.equals(APPOINTMENT);
    FhirSearch.onlyKnown(ctx, appointments ? Set.of("date", "patient", "practitioner", "location", "status", "_id", "_include")
        : Set.of("date", "patient", "practitioner", "appointment"));
    var dates = FhirSearch.dates(ctx, "date", zone);
    UUID patient = ref(ctx, "patient", "Patient");
    String practitionerText = FhirSearch.one(ctx, "practitioner") == null ? null
        : FhirIds.reference("practitioner", FhirSearch.one(ctx, "practitioner"), "Practitioner");
    Long practitioner = practitionerText == null ? null
        : FhirIds.number(practitionerText).orElseThrow(() -> FhirIds.badId("practitioner"));
    UUID id = appointments ? uuid(ctx, "_id") : ref(ctx, "appointment", APPOINTMENT);
    String[] statuses = appointments ? statuses(ctx) : ATTENDED;
    Long centre = null;
    Long room = null;
    Integer stop = null;
    String location = appointments ? FhirSearch.one(ctx, "location") : null;
    if (location != null) {
      var loc = FhirIds.location(FhirIds.reference("location", location, "Location")).orElseThrow(() -> FhirIds.badId("location"));
      switch (loc.kind()) {
        case CENTRE -> centre = loc.number();
        case ROOM -> room = loc.number();
        case STOP -> stop = (int) loc.number();
      }
    }
    boolean includePatients = false;
    for (String include : ctx.queryParam("_include")) {
      if (!include.equals(INCLUDE_PATIENT)) {
        throw ApiError.badRequest("_include", "Se poate include doar " + INCLUDE_PATIENT + ".",
            "Only " + INCLUDE_PATIENT + " can be included.");
      }
      includePatients = true;
    }
    if (dates.from() != null && dates.to() != null && !dates.to().isAfter(dates.from())) {
      return Future.succeededFuture(FhirSearch.searchset(ctx, FhirServer.base(ctx), type, List.of(), List.of(), 0,
          FhirSearch.paging(ctx)));
    }
    var paging = FhirSearch.paging(ctx);
    Caller caller = Caller.of(ctx);
    Query q = new Query(id, dates.from(), dates.to(), patient, practitioner, statuses, centre, room, stop);
    var rows = pool.preparedQuery(SEARCH).execute(q.tuple(caller).addValue(paging.count()).addValue(paging.offset()));
    var count = pool.preparedQuery(COUNT).execute(q.tuple(caller));
    boolean include = includePatients;
    return Future.all(rows, count).compose(v -> {
      List<Resource> matches = new ArrayList<>();
      Set<UUID> people = new LinkedHashSet<>();
      for (Row r : rows.result()) {
        matches.add(appointments ? appointment(r) : encounter(r));
        people.add(r.getUUID("beneficiary_id"));
      }
      long total = count.result().iterator().next().getLong(0);
      Future<List<org.hl7.fhir.r4.model.Patient>> included = include
          ? PatientEndpoint.byIds(pool, new ArrayList<>(people)) : Future.succeededFuture(List.of());
      return included.map(patients -> FhirSearch.searchset(ctx, FhirServer.base(ctx), type, matches, patients, total, paging));
    });
  }

  private static UUID ref(RoutingContext ctx, String param, String type) {
    String v = FhirSearch.one(ctx, param);
    if (v == null) return null;
    return FhirIds.uuid(FhirIds.reference(param, v, type)).orElseThrow(() -> FhirIds.badId(param));
  }

  private static UUID uuid(RoutingContext ctx, String param) {
    String v = FhirSearch.one(ctx, param);
    return v == null ? null : FhirIds.uuid(v).orElseThrow(() -> FhirIds.badId(param));
  }

  private static String[] statuses(RoutingContext ctx) {
    String v = FhirSearch.one(ctx, "status");
    if (v == null) return null;
    String[] codes = v.split(",", -1);
    for (String code : codes) {
      if (!Vocabulary.APPOINTMENT_STATUSES.contains(code)) {
        throw ApiError.badRequest("status", "Stare necunoscută: „" + code + "”.", "Unknown status: '" + code + "'.");
      }
    }
    return codes;
  }

  static Appointment appointment(Row r) {
    Appointment a = new Appointment();
    a.setId(APPOINTMENT + "/" + r.getUUID("id"));
    a.setMeta(meta(r));
    String status = r.getString("status");
    a.setStatus(Appointment.AppointmentStatus.fromCode(status));
    a.addServiceType(FhirCodes.service(r.getString("service")));
    String modality = r.getString("modality");
    a.setAppointmentType(FhirCodes.concept(FhirCodes.MODALITY, modality, FhirCodes.MODALITY_NAMES.get(modality)));
    OffsetDateTime start = r.getOffsetDateTime("starts_at");
    OffsetDateTime end = r.getOffsetDateTime("ends_at");
    a.setStart(Date.from(start.toInstant()));
    a.setEnd(Date.from(end.toInstant()));
    a.setMinutesDuration((int) Duration.between(start, end).toMinutes());
    var participation = "proposed".equals(status) ? Appointment.ParticipationStatus.NEEDSACTION
        : Appointment.ParticipationStatus.ACCEPTED;
    a.addParticipant().setActor(patientRef(r)).setRequired(Appointment.ParticipantRequired.REQUIRED).setStatus(participation);
    Reference practitioner = practitionerRef(r);
    if (practitioner != null) {
      a.addParticipant().setActor(practitioner).setRequired(Appointment.ParticipantRequired.REQUIRED).setStatus(participation);
    }
    Reference place = locationRef(r);
    if (place != null) {
      a.addParticipant().setActor(place).setRequired(Appointment.ParticipantRequired.REQUIRED)
          .setStatus(Appointment.ParticipationStatus.ACCEPTED);
    }
    if ("remote".equals(modality)) a.setComment("Consultație la distanță (telemedicină): legătura se trimite familiei prin SMS.");
    return a;
  }

  Encounter encounter(Row r) {
    Encounter e = new Encounter();
    e.setId(ENCOUNTER + "/" + r.getUUID("id"));
    e.setMeta(meta(r));
    e.setStatus("fulfilled".equals(r.getString("status")) ? Encounter.EncounterStatus.FINISHED
        : Encounter.EncounterStatus.ARRIVED);
    String modality = r.getString("modality");
    e.setClass_(switch (modality) {
      case "remote" -> new Coding(FhirCodes.ACT_CODE, "VR", "virtual");
      case "caravan" -> new Coding(FhirCodes.ACT_CODE, "FLD", "field");
      default -> new Coding(FhirCodes.ACT_CODE, "AMB", "ambulatory");
    });
    e.setServiceType(FhirCodes.service(r.getString("service")));
    e.setSubject(patientRef(r));
    e.addAppointment(new Reference(APPOINTMENT + "/" + r.getUUID("id")));
    Reference practitioner = practitionerRef(r);
    if (practitioner != null) e.addParticipant().setIndividual(practitioner);
    Reference place = locationRef(r);
    if (place != null) e.addLocation().setLocation(place);
    Period period = new Period().setStart(Date.from(r.getOffsetDateTime("starts_at").toInstant()));
    if ("fulfilled".equals(r.getString("status"))) period.setEnd(Date.from(r.getOffsetDateTime("ends_at").toInstant()));
    e.setPeriod(period);
    Integer minutes = r.getInteger("minutes_attended");
    if (minutes != null) {
      e.getLength().setValue(minutes).setUnit("min").setSystem("http://unitsofmeasure.org").setCode("min");
    }
    return e;
  }

  private static Meta meta(Row r) {
    return new Meta().setVersionId(String.valueOf(r.getInteger("version")))
        .setLastUpdated(Date.from(r.getOffsetDateTime("updated_at").toInstant()));
  }

  private static Reference patientRef(Row r) {
    return new Reference(PatientEndpoint.TYPE + "/" + r.getUUID("beneficiary_id"))
        .setDisplay(r.getString("first_name") + " " + r.getString("last_name"));
  }

  private static Reference practitionerRef(Row r) {
    Long staff = r.getLong("staff_id");
    return staff == null ? null : new Reference(DirectoryEndpoint.PRACTITIONER + "/" + staff)
        .setDisplay(r.getString("staff_first_name") + " " + r.getString("staff_last_name"));
  }

  private static Reference locationRef(Row r) {
    if (r.getLong("room_id") != null) {
      return new Reference("Location/room-" + r.getLong("room_id")).setDisplay(r.getString("room_name"));
    }
    if (r.getLong("centre_id") != null) {
      return new Reference("Location/centre-" + r.getLong("centre_id")).setDisplay(r.getString("centre_name"));
    }
    if (r.getInteger("stop_siruta") != null) {
      return new Reference("Location/stop-" + r.getInteger("stop_siruta")).setDisplay(r.getString("stop_name"));
    }
    return null;
  }
}
