package ro.caravana.scheduler.interop.fhir;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Patient;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.appointment.Actor;
import ro.caravana.scheduler.appointment.AppointmentRepository;
import ro.caravana.scheduler.appointment.AppointmentStatus;
import ro.caravana.scheduler.appointment.StatusReason;
import ro.caravana.scheduler.beneficiary.BeneficiaryInput;
import ro.caravana.scheduler.beneficiary.BeneficiaryRepository;
import ro.caravana.scheduler.common.Rows;
import ro.caravana.scheduler.platform.http.ApiError;

/**
 * The FHIR write path, in one place: a Patient is turned into the JSON API's beneficiary body and goes
 * through the same validation ({@link BeneficiaryInput}) and repository; cancelling an Appointment (an
 * update whose only change is {@code status: cancelled}) goes through the appointment lifecycle
 * ({@code AppointmentRepository.changeStatus}: one owner of the status, its event in the outbox).
 */
final class FhirWrites {

  private static final String LOCALITY_COUNTY = "SELECT county FROM localities WHERE siruta = $1";
  private static final String CURRENT = "SELECT status, version FROM appointments WHERE id = $1";

  private final FhirServer server;
  private final Pool pool;
  private final BeneficiaryRepository beneficiaries;
  private final AppointmentRepository appointments;

  FhirWrites(FhirServer server, Pool pool) {
    this.server = server;
    this.pool = pool;
    this.beneficiaries = new BeneficiaryRepository(pool);
    this.appointments = new AppointmentRepository(pool);
  }

  void mount() {
    server.create(PatientEndpoint.TYPE, this::createPatient);
    server.update(AppointmentEndpoint.APPOINTMENT, this::updateAppointment);
  }

  private Future<Patient> createPatient(RoutingContext ctx) {
    Patient patient = server.body(ctx, Patient.class);
    BeneficiaryInput in = BeneficiaryInput.from(beneficiaryBody(patient), LocalDate.now(Rows.ZONE));
    Caller caller = Caller.of(ctx);
    // the locality names the county the record will belong to: it must be one of the caller's
    return pool.preparedQuery(LOCALITY_COUNTY).execute(Tuple.of(in.localitySiruta())).compose(rows -> {
      if (rows.size() > 0 && !caller.mayAccessCounty(rows.iterator().next().getString("county"))) {
        return Future.failedFuture(ApiError.forbidden("Localitatea este în afara județelor dumneavoastră.",
            "The locality is outside your counties."));
      }
      return beneficiaries.create(in);
    }).compose(json -> PatientEndpoint.byIds(pool, List.of(UUID.fromString(json.getString("id")))))
        .map(found -> found.get(0));
  }

  /** The JSON API's beneficiary body from a Patient; what the Patient lacks is left out for the API to name. */
  static JsonObject beneficiaryBody(Patient p) {
    JsonObject body = new JsonObject();
    if (p.hasName()) {
      var name = p.getNameFirstRep();
      if (name.hasGiven()) body.put("firstName", name.getGivenAsSingleString());
      if (name.hasFamily()) body.put("lastName", name.getFamily());
    }
    for (Identifier id : p.getIdentifier()) {
      if (FhirCodes.CNP.equals(id.getSystem())) body.put("cnp", id.getValue());
    }
    if (p.hasBirthDate()) body.put("birthDate", p.getBirthDateElement().getValueAsString());
    if (p.hasGender()) {
      if (p.getGender() == AdministrativeGender.FEMALE) body.put("sex", "F");
      else if (p.getGender() == AdministrativeGender.MALE) body.put("sex", "M");
      else body.put("sex", p.getGender().toCode());
    }
    if (p.hasAddress()) {
      Extension siruta = p.getAddressFirstRep().getExtensionByUrl(FhirCodes.SIRUTA_EXTENSION);
      if (siruta != null && siruta.getValue() instanceof IntegerType code) body.put("localitySiruta", code.getValue());
    }
    Extension category = p.getExtensionByUrl(FhirCodes.CATEGORY_EXTENSION);
    if (category != null && category.getValue() != null) body.put("category", category.getValue().primitiveValue());
    for (ContactPoint telecom : p.getTelecom()) {
      if (telecom.getSystem() == ContactPoint.ContactPointSystem.PHONE) body.put("phone", telecom.getValue());
    }
    if (p.hasContact() && p.getContactFirstRep().hasName()) body.put("guardianName", p.getContactFirstRep().getName().getText());
    Extension consent = p.getExtensionByUrl(FhirCodes.SMS_CONSENT);
    if (consent != null) {
      Extension given = consent.getExtensionByUrl("given");
      if (given != null && given.getValue() instanceof BooleanType b) body.put("smsConsent", b.booleanValue());
    }
    if (p.hasCommunication() && p.getCommunicationFirstRep().getLanguage().hasText()) {
      body.put("preferredLanguage", p.getCommunicationFirstRep().getLanguage().getText());
    }
    return body;
  }

  /**
   * An update of an Appointment: only cancelling is supported (status {@code cancelled}; the rest must be
   * as served). The version comes from {@code If-Match: W/"n"} or {@code meta.versionId}; a stale one is 409.
   */
  private Future<Appointment> updateAppointment(RoutingContext ctx) {
    UUID id = FhirIds.path(FhirIds.uuid(ctx.pathParam("id")), AppointmentEndpoint.APPOINTMENT);
    Appointment given = server.body(ctx, Appointment.class);
    if (given.hasIdElement() && given.getIdElement().hasIdPart() && !given.getIdElement().getIdPart().equals(id.toString())) {
      throw ApiError.badRequest("id", "Id-ul resursei diferă de cel din adresă.", "The resource id differs from the one in the URL.");
    }
    if (given.getStatus() != Appointment.AppointmentStatus.CANCELLED) {
      throw ApiError.unprocessable("status", "Prin FHIR o programare poate fi doar anulată (status: cancelled).",
          "Through FHIR an appointment can only be cancelled (status: cancelled).");
    }
    Integer version = version(ctx, given);
    Caller caller = Caller.of(ctx);
    String text = given.hasCancelationReason() && given.getCancelationReason().hasText()
        ? given.getCancelationReason().getText() : "Anulată prin FHIR";
    return pool.preparedQuery(CURRENT).execute(Tuple.of(id)).compose(rows -> rows.size() == 0
            ? Future.failedFuture(FhirIds.notFound(AppointmentEndpoint.APPOINTMENT)) : Future.succeededFuture())
        .compose(v -> appointments.changeStatus(id, AppointmentStatus.CANCELLED, version,
            new Actor.Account(caller.accountId(), caller.role()), new StatusReason(StatusReason.Kind.OTHER, text)))
        .compose(json -> AppointmentEndpoint.readForWrite(pool, id, caller));
  }

  private static Integer version(RoutingContext ctx, Appointment given) {
    String ifMatch = ctx.request().getHeader("If-Match");
    String raw = ifMatch != null ? ifMatch.replaceAll("^W/\"|\"$", "")
        : given.getMeta().hasVersionId() ? given.getMeta().getVersionId() : null;
    if (raw == null) return null;
    if (!raw.matches("[1-9][0-9]{0,8}")) {
      throw ApiError.badRequest("If-Match", "Versiunea este un număr întreg pozitiv.", "The version is a positive whole number.");
    }
    return Integer.parseInt(raw);
  }
}
