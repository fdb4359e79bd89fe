package ro.caravana.scheduler.interop.fhir;

import static org.hl7.fhir.r4.model.Enumerations.SearchParamType.REFERENCE;
import static org.hl7.fhir.r4.model.Enumerations.SearchParamType.TOKEN;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.AppointmentResponse;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Reference;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.access.Scope;

/**
 * Answers to an appointment: the family's DA / NU as {@code AppointmentResponse/{appointment}.patient}, whatever
 * the channel (SMS reply, family link, or a coordinator recording it through FHIR): accepted when the family
 * confirmed ({@code appointment_confirmations}), declined when the family called it off (a cancellation with
 * reason {@code family_declined}); the appointment's staff member's as {@code .practitioner} (their own account
 * booked the proposed appointment, or cancelled it). Nothing is
 * stored here: the answers live in the appointment's lifecycle. Without an answer there is no
 * AppointmentResponse (404). Scoped like the appointments.
 */
final class AppointmentResponseEndpoint {

  static final String TYPE = "AppointmentResponse";
  static final String PATIENT = "patient";
  static final String PRACTITIONER = "practitioner";

  /**
   * The answers: the family's (confirmation row, or a cancellation with reason family_declined) and the
   * practitioner's (a proposed appointment booked, or an appointment cancelled, by the account of the
   * appointment's own staff member, through FHIR or the JSON API).
   */
  private static final String ANSWERS = """
      SELECT 'patient' AS who, ac.appointment_id, ac.confirmed_at AS answered_at, 'accepted' AS answer, NULL::text AS reason
        FROM appointment_confirmations ac
      UNION ALL
      SELECT CASE WHEN sc.reason_class = 'family_declined' THEN 'patient' ELSE 'practitioner' END, sc.appointment_id,
        sc.changed_at, CASE WHEN sc.to_status = 'cancelled' THEN 'declined' ELSE 'accepted' END, sc.reason
        FROM appointment_status_changes sc
        JOIN appointments sa ON sa.id = sc.appointment_id
        LEFT JOIN accounts acc ON sc.actor_kind = 'account' AND acc.id::text = sc.actor_ref
       WHERE (sc.to_status = 'cancelled' AND sc.reason_class = 'family_declined')
          OR (acc.staff_id = sa.staff_id AND sc.reason_class IS DISTINCT FROM 'family_declined'
              AND (sc.to_status = 'cancelled' OR (sc.from_status = 'proposed' AND sc.to_status = 'booked')))""";
  private static final String SELECT = """
      SELECT DISTINCT ON (x.appointment_id, x.who) x.who, x.answer, x.answered_at, x.reason, a.id, a.beneficiary_id,
        b.first_name, b.last_name, a.staff_id, s.first_name AS staff_first_name, s.last_name AS staff_last_name,
        a.starts_at, a.ends_at
      FROM (""" + ANSWERS + """
      ) x
        JOIN appointments a ON a.id = x.appointment_id
        JOIN beneficiaries b ON b.id = a.beneficiary_id
        JOIN localities l ON l.siruta = b.locality_siruta
        LEFT JOIN staff s ON s.id = a.staff_id""";
  private static final String FILTER = "\n" + """
       WHERE ($1::uuid IS NULL OR a.id = $1) AND ($2::uuid IS NULL OR a.beneficiary_id = $2)
         AND ($3::text IS NULL OR x.who = $3) AND ($4::bigint IS NULL OR a.staff_id = $4)""" + Scope.appointmentFilter(5);
  /** The latest answer of each participant: DISTINCT ON keeps the newest row per appointment and participant. */
  private static final String LATEST = SELECT + FILTER + " ORDER BY x.appointment_id, x.who, x.answered_at DESC";
  static final String SEARCH = "SELECT * FROM (" + LATEST + ") r ORDER BY r.starts_at, r.id, r.who LIMIT $8 OFFSET $9";
  static final String COUNT = "SELECT count(*) FROM (" + LATEST + ") r";

  /** Who answered: the family ({@code .patient}) or the appointment's staff member ({@code .practitioner}). */
  record Id(UUID appointment, String who) {}

  private final Pool pool;

  AppointmentResponseEndpoint(Pool pool) {
    this.pool = pool;
  }

  void mount(FhirServer server) {
    server.read(TYPE, this::read);
    server.search(TYPE, List.of(
        new Capability.SearchParam("appointment", REFERENCE, "Appointment/{id}"),
        new Capability.SearchParam("actor", REFERENCE, "Patient/{id} (the family) or Practitioner/{id}"),
        new Capability.SearchParam("_id", TOKEN, "{appointment id}.patient or .practitioner")), List.of(), this::search);
  }

  /** {@code {appointment uuid}.patient} or {@code .practitioner}, or empty. */
  static Optional<Id> id(String text) {
    int dot = text == null ? -1 : text.indexOf('.');
    if (dot < 0) return Optional.empty();
    String who = text.substring(dot + 1);
    if (!who.equals(PATIENT) && !who.equals(PRACTITIONER)) return Optional.empty();
    return FhirIds.uuid(text.substring(0, dot)).map(a -> new Id(a, who));
  }

  private Future<AppointmentResponse> read(RoutingContext ctx) {
    return find(pool, FhirIds.path(id(ctx.pathParam("id")), TYPE), Caller.of(ctx));
  }

  /** A participant's latest answer to an appointment in the caller's scope, or 404. */
  static Future<AppointmentResponse> find(Pool pool, Id id, Caller caller) {
    Tuple args = Scope.args(Tuple.tuple().addValue(id.appointment()).addValue(null).addValue(id.who()).addValue(null), caller)
        .addValue(1).addValue(0);
    return pool.preparedQuery(SEARCH).execute(args).compose(rows -> rows.size() == 0
        ? Future.failedFuture(FhirIds.notFound(TYPE)) : Future.succeededFuture(response(rows.iterator().next())));
  }

  private Future<Bundle> search(RoutingContext ctx) {
    FhirSearch.onlyKnown(ctx, Set.of("appointment", "actor", "_id"));
    UUID appointment = null;
    String who = null;
    String rawId = FhirSearch.one(ctx, "_id");
    if (rawId != null) {
      Id id = id(rawId).orElseThrow(() -> FhirIds.badId("_id"));
      appointment = id.appointment();
      who = id.who();
    }
    String rawAppointment = FhirSearch.one(ctx, "appointment");
    if (rawAppointment != null) {
      UUID named = FhirIds.uuid(FhirIds.reference("appointment", rawAppointment, AppointmentEndpoint.APPOINTMENT))
          .orElseThrow(() -> FhirIds.badId("appointment"));
      // both given and different: nothing matches
      appointment = appointment != null && !appointment.equals(named) ? new UUID(0, 0) : named;
    }
    UUID patient = null;
    Long practitioner = null;
    String rawActor = FhirSearch.one(ctx, "actor");
    if (rawActor != null && rawActor.startsWith(DirectoryEndpoint.PRACTITIONER + "/")) {
      practitioner = FhirIds.number(rawActor.substring(DirectoryEndpoint.PRACTITIONER.length() + 1))
          .orElseThrow(() -> FhirIds.badId("actor"));
      who = who != null && !who.equals(PRACTITIONER) ? "none" : PRACTITIONER;
    } else if (rawActor != null) {
      patient = FhirIds.uuid(FhirIds.reference("actor", rawActor, PatientEndpoint.TYPE)).orElseThrow(() -> FhirIds.badId("actor"));
      who = who != null && !who.equals(PATIENT) ? "none" : PATIENT;
    }
    var paging = FhirSearch.paging(ctx);
    Caller caller = Caller.of(ctx);
    Object[] values = {appointment, patient, who, practitioner};
    var rows = pool.preparedQuery(SEARCH).execute(Scope.args(Tuple.from(values), caller)
        .addValue(paging.count()).addValue(paging.offset()));
    var count = pool.preparedQuery(COUNT).execute(Scope.args(Tuple.from(values), caller));
    return Future.all(rows, count).map(v -> {
      List<AppointmentResponse> matches = new ArrayList<>();
      rows.result().forEach(r -> matches.add(response(r)));
      return FhirSearch.searchset(ctx, FhirServer.base(ctx), TYPE, matches, List.of(),
          count.result().iterator().next().getLong(0), paging);
    });
  }

  static AppointmentResponse response(Row r) {
    AppointmentResponse ar = new AppointmentResponse();
    UUID appointment = r.getUUID("id");
    String who = r.getString("who");
    ar.setId(TYPE + "/" + appointment + "." + who);
    ar.setMeta(new Meta().setLastUpdated(Date.from(r.getOffsetDateTime("answered_at").toInstant())));
    ar.setAppointment(new Reference(AppointmentEndpoint.APPOINTMENT + "/" + appointment));
    if (who.equals(PATIENT)) {
      ar.setActor(new Reference(PatientEndpoint.TYPE + "/" + r.getUUID("beneficiary_id"))
          .setDisplay(r.getString("first_name") + " " + r.getString("last_name")));
    } else {
      ar.setActor(new Reference(DirectoryEndpoint.PRACTITIONER + "/" + r.getLong("staff_id"))
          .setDisplay(r.getString("staff_first_name") + " " + r.getString("staff_last_name")));
    }
    ar.setStart(Date.from(r.getOffsetDateTime("starts_at").toInstant()));
    ar.setEnd(Date.from(r.getOffsetDateTime("ends_at").toInstant()));
    boolean declined = "declined".equals(r.getString("answer"));
    ar.setParticipantStatus(declined ? AppointmentResponse.ParticipantStatus.DECLINED : AppointmentResponse.ParticipantStatus.ACCEPTED);
    String reason = r.getString("reason");
    if (reason != null && !reason.isBlank()) ar.setComment(reason);
    else if (who.equals(PATIENT)) ar.setComment(declined ? "Familia a răspuns NU." : "Familia a confirmat (DA).");
    return ar;
  }
}
