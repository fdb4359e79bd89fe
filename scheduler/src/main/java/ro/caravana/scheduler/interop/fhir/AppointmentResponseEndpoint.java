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
 * A family's answer (DA / NU) to an appointment as {@code AppointmentResponse/{appointment}.patient}, whatever
 * the channel (SMS reply, family link, or a coordinator recording it through FHIR): accepted when the family
 * confirmed ({@code appointment_confirmations}), declined when the family called it off (a cancellation with
 * reason {@code family_declined}). Nothing is stored here: the answer lives in the appointment's lifecycle.
 * An appointment the family has not answered has no AppointmentResponse. Scoped like the appointments.
 */
final class AppointmentResponseEndpoint {

  static final String TYPE = "AppointmentResponse";
  static final String PATIENT_SUFFIX = ".patient";

  private static final String SELECT = """
      SELECT a.id, a.beneficiary_id, b.first_name, b.last_name, a.starts_at, a.ends_at, a.version, a.updated_at,
        ac.confirmed_at, d.changed_at AS declined_at, d.reason AS declined_reason
      FROM appointments a
        JOIN beneficiaries b ON b.id = a.beneficiary_id
        JOIN localities l ON l.siruta = b.locality_siruta
        LEFT JOIN appointment_confirmations ac ON ac.appointment_id = a.id
        LEFT JOIN LATERAL (SELECT sc.changed_at, sc.reason FROM appointment_status_changes sc
          WHERE sc.appointment_id = a.id AND sc.to_status = 'cancelled' AND sc.reason_class = 'family_declined'
          ORDER BY sc.id DESC LIMIT 1) d ON a.status = 'cancelled'""";
  private static final String FILTER = "\n" + """
       WHERE (ac.appointment_id IS NOT NULL OR d.changed_at IS NOT NULL)
         AND ($1::uuid IS NULL OR a.id = $1) AND ($2::uuid IS NULL OR a.beneficiary_id = $2)""" + Scope.appointmentFilter(3);
  static final String SEARCH = SELECT + FILTER + " ORDER BY a.starts_at, a.id LIMIT $6 OFFSET $7";
  static final String COUNT = "SELECT count(*) FROM (" + SELECT + FILTER + ") x";

  private final Pool pool;

  AppointmentResponseEndpoint(Pool pool) {
    this.pool = pool;
  }

  void mount(FhirServer server) {
    server.read(TYPE, this::read);
    server.search(TYPE, List.of(
        new Capability.SearchParam("appointment", REFERENCE, "Appointment/{id}"),
        new Capability.SearchParam("actor", REFERENCE, "Patient/{id} (the family's answers)"),
        new Capability.SearchParam("_id", TOKEN, "{appointment id}.patient")), List.of(), this::search);
  }

  /** {@code {appointment uuid}.patient}, or empty. */
  static Optional<UUID> id(String text) {
    if (text == null || !text.endsWith(PATIENT_SUFFIX)) return Optional.empty();
    return FhirIds.uuid(text.substring(0, text.length() - PATIENT_SUFFIX.length()));
  }

  private Future<AppointmentResponse> read(RoutingContext ctx) {
    UUID appointment = FhirIds.path(id(ctx.pathParam("id")), TYPE);
    return find(pool, appointment, Caller.of(ctx));
  }

  /** The family's answer to an appointment in the caller's scope, or 404. */
  static Future<AppointmentResponse> find(Pool pool, UUID appointment, Caller caller) {
    Tuple args = Scope.args(Tuple.tuple().addValue(appointment).addValue(null), caller).addValue(1).addValue(0);
    return pool.preparedQuery(SEARCH).execute(args).compose(rows -> rows.size() == 0
        ? Future.failedFuture(FhirIds.notFound(TYPE)) : Future.succeededFuture(response(rows.iterator().next())));
  }

  private Future<Bundle> search(RoutingContext ctx) {
    FhirSearch.onlyKnown(ctx, Set.of("appointment", "actor", "_id"));
    UUID appointment = null;
    String rawId = FhirSearch.one(ctx, "_id");
    if (rawId != null) appointment = id(rawId).orElseThrow(() -> FhirIds.badId("_id"));
    String rawAppointment = FhirSearch.one(ctx, "appointment");
    if (rawAppointment != null) {
      UUID named = FhirIds.uuid(FhirIds.reference("appointment", rawAppointment, AppointmentEndpoint.APPOINTMENT))
          .orElseThrow(() -> FhirIds.badId("appointment"));
      // both given and different: nothing matches
      appointment = appointment != null && !appointment.equals(named) ? new UUID(0, 0) : named;
    }
    String rawActor = FhirSearch.one(ctx, "actor");
    UUID patient = rawActor == null ? null
        : FhirIds.uuid(FhirIds.reference("actor", rawActor, PatientEndpoint.TYPE)).orElseThrow(() -> FhirIds.badId("actor"));
    var paging = FhirSearch.paging(ctx);
    Caller caller = Caller.of(ctx);
    Tuple filter = Scope.args(Tuple.tuple().addValue(appointment).addValue(patient), caller);
    var rows = pool.preparedQuery(SEARCH).execute(Scope.args(Tuple.tuple().addValue(appointment).addValue(patient), caller)
        .addValue(paging.count()).addValue(paging.offset()));
    var count = pool.preparedQuery(COUNT).execute(filter);
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
    ar.setId(TYPE + "/" + appointment + PATIENT_SUFFIX);
    OffsetDateTime declined = r.getOffsetDateTime("declined_at");
    OffsetDateTime confirmed = r.getOffsetDateTime("confirmed_at");
    OffsetDateTime at = declined != null ? declined : confirmed;
    ar.setMeta(new Meta().setLastUpdated(Date.from(at.toInstant())));
    ar.setAppointment(new Reference(AppointmentEndpoint.APPOINTMENT + "/" + appointment));
    ar.setActor(new Reference(PatientEndpoint.TYPE + "/" + r.getUUID("beneficiary_id"))
        .setDisplay(r.getString("first_name") + " " + r.getString("last_name")));
    ar.setStart(Date.from(r.getOffsetDateTime("starts_at").toInstant()));
    ar.setEnd(Date.from(r.getOffsetDateTime("ends_at").toInstant()));
    if (declined != null) {
      ar.setParticipantStatus(AppointmentResponse.ParticipantStatus.DECLINED);
      ar.setComment(r.getString("declined_reason") == null ? "Familia a răspuns NU." : r.getString("declined_reason"));
    } else {
      ar.setParticipantStatus(AppointmentResponse.ParticipantStatus.ACCEPTED);
      ar.setComment("Familia a confirmat (DA).");
    }
    return ar;
  }
}
