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
import org.hl7.fhir.r4.model.AppointmentResponse;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.access.Role;
import ro.caravana.scheduler.access.Scope;
import ro.caravana.scheduler.appointment.Actor;
import ro.caravana.scheduler.appointment.AppointmentInput;
import ro.caravana.scheduler.appointment.AppointmentLifecycle;
import ro.caravana.scheduler.appointment.AppointmentRepository;
import ro.caravana.scheduler.appointment.AppointmentStatus;
import ro.caravana.scheduler.appointment.StatusReason;
import ro.caravana.scheduler.beneficiary.BeneficiaryInput;
import ro.caravana.scheduler.beneficiary.BeneficiaryRepository;
import ro.caravana.scheduler.common.Fields;
import ro.caravana.scheduler.common.Rows;
import ro.caravana.scheduler.platform.http.ApiError;

/**
 * The FHIR write path, in one place: a Patient (create, update) is turned into the JSON API's beneficiary body
 * and goes through the same validation ({@link BeneficiaryInput}) and repository; a booking (Appointment create
 * on a free Slot) goes through {@link AppointmentInput} and {@code AppointmentRepository.create} with the slot
 * held in the same transaction; cancelling an Appointment (an update whose only change is
 * {@code status: cancelled}) and a family's answer (AppointmentResponse) go through the appointment lifecycle
 * (one owner of the status, its event in the outbox).
 */
final class FhirWrites {

  private static final String LOCALITY_COUNTY = "SELECT county FROM localities WHERE siruta = $1";
  private static final String CURRENT = "SELECT status, version FROM appointments WHERE id = $1";
  private static final String BENEFICIARY_COUNTY =
      "SELECT l.county FROM beneficiaries b JOIN localities l ON l.siruta = b.locality_siruta WHERE b.id = $1";

  private final FhirServer server;
  private final Pool pool;
  private final BeneficiaryRepository beneficiaries;
  private final AppointmentRepository appointments;

  private final SlotEndpoint slots;

  FhirWrites(FhirServer server, Pool pool, SlotEndpoint slots) {
    this.server = server;
    this.pool = pool;
    this.slots = slots;
    this.beneficiaries = new BeneficiaryRepository(pool);
    this.appointments = new AppointmentRepository(pool);
  }

  void mount() {
    server.create(PatientEndpoint.TYPE, this::createPatient);
    server.update(PatientEndpoint.TYPE, this::updatePatient);
    server.create(AppointmentEndpoint.APPOINTMENT, this::createAppointment);
    server.update(AppointmentEndpoint.APPOINTMENT, this::updateAppointment);
    server.create(AppointmentResponseEndpoint.TYPE, this::createResponse);
  }

  /**
   * An answer to an appointment. The family's ({@code actor} its Patient), recorded by a coordinator (a phone
   * call): {@code accepted} confirms the appointment ({@code AppointmentLifecycle.confirm}: a proposed one becomes
   * booked, the confirmation and its event are written), {@code declined} cancels it with reason
   * {@code family_declined}. The staff member's ({@code actor} their Practitioner), only by themselves:
   * {@code accepted} books a proposed appointment, {@code declined} cancels it; both through the lifecycle with the
   * comment as reason. The appointment must be in the caller's scope (404); the actor must be its participant (422).
   */
  private Future<AppointmentResponse> createResponse(RoutingContext ctx) {
    AppointmentResponse given = server.body(ctx, AppointmentResponse.class);
    String appointmentRef = given.getAppointment().getReference();
    if (appointmentRef == null) {
      throw ApiError.badRequest("appointment", "Răspunsul numește programarea (Appointment/{id}).",
          "The response names its appointment (Appointment/{id}).");
    }
    UUID id = FhirIds.uuid(FhirIds.reference("appointment", appointmentRef, AppointmentEndpoint.APPOINTMENT))
        .orElseThrow(() -> FhirIds.badId("appointment"));
    String actorRef = given.getActor().getReference();
    boolean family = actorRef != null && actorRef.startsWith(PatientEndpoint.TYPE + "/");
    boolean staff = actorRef != null && actorRef.startsWith(DirectoryEndpoint.PRACTITIONER + "/");
    if (!family && !staff) {
      throw Fields.invalid("actor", "Răspunde familia (Patient/{id}) sau profesionistul (Practitioner/{id}).",
          "The family (Patient/{id}) or the practitioner (Practitioner/{id}) answers.");
    }
    String actorId = actorRef.substring(actorRef.indexOf('/') + 1);
    if (family ? FhirIds.uuid(actorId).isEmpty() : FhirIds.number(actorId).isEmpty()) throw FhirIds.badId("actor");
    var answer = given.getParticipantStatus();
    if (answer != AppointmentResponse.ParticipantStatus.ACCEPTED && answer != AppointmentResponse.ParticipantStatus.DECLINED) {
      throw Fields.invalid("participantStatus", "Răspunsul este „accepted” (DA) sau „declined” (NU).",
          "The answer is 'accepted' (DA) or 'declined' (NU).");
    }
    Caller caller = Caller.of(ctx);
    // the family's answer is recorded by coordinators; a practitioner answers only for themselves
    boolean mayRecord = family ? caller.is(Role.ADMIN, Role.COUNTY_COORDINATOR, Role.CENTRE_COORDINATOR)
        : caller.role().isClinician() && caller.staffId() != null && actorId.equals(caller.staffId().toString());
    if (!mayRecord) {
      throw ApiError.forbidden(family ? "Răspunsul familiei îl înregistrează un coordonator." : "Un profesionist răspunde doar pentru sine.",
          family ? "A coordinator records the family's answer." : "A practitioner answers only for themselves.");
    }
    Actor actor = new Actor.Account(caller.accountId(), caller.role());
    String comment = given.hasComment() && !given.getComment().isBlank() ? given.getComment() : null;
    boolean accepted = answer == AppointmentResponse.ParticipantStatus.ACCEPTED;
    return AppointmentEndpoint.readForWrite(pool, id, caller).compose(current -> {
      boolean participant = current.getParticipant().stream()
          .anyMatch(p -> actorRef.equals(p.getActor().getReference()));
      if (!participant) {
        return Future.failedFuture(Fields.invalid("actor", "Actorul nu participă la programare.",
            "The actor does not take part in the appointment."));
      }
      if (staff && accepted && current.getStatus() != Appointment.AppointmentStatus.PROPOSED) {
        return Future.failedFuture(ApiError.conflict("participantStatus",
            "Doar o programare propusă așteaptă acceptul profesionistului.",
            "Only a proposed appointment awaits the practitioner's acceptance."));
      }
      StatusReason reason = family && !accepted ? new StatusReason(StatusReason.Kind.FAMILY_DECLINED, comment)
          : comment == null ? null : new StatusReason(StatusReason.Kind.OTHER, comment);
      return pool.withTransaction(tx -> family && accepted
          ? AppointmentLifecycle.confirm(tx, id, actor).<Void>mapEmpty()
          : AppointmentLifecycle.move(tx, new AppointmentLifecycle.Change(id,
              accepted ? AppointmentStatus.BOOKED : AppointmentStatus.CANCELLED, actor, reason)).<Void>mapEmpty());
    }).compose(v -> AppointmentResponseEndpoint.find(pool,
        new AppointmentResponseEndpoint.Id(id, family ? AppointmentResponseEndpoint.PATIENT : AppointmentResponseEndpoint.PRACTITIONER),
        caller));
  }

  private Future<Patient> createPatient(RoutingContext ctx) {
    Patient patient = server.body(ctx, Patient.class);
    BeneficiaryInput in = BeneficiaryInput.from(beneficiaryBody(patient), LocalDate.now(Rows.ZONE));
    Caller caller = Caller.of(ctx);
    return localityInScope(in.localitySiruta(), caller).compose(v -> beneficiaries.create(in))
        .compose(json -> PatientEndpoint.byIds(pool, List.of(UUID.fromString(json.getString("id")))))
        .map(found -> found.get(0));
  }

  /**
   * A Patient replaced (PUT): the JSON API's update ({@code BeneficiaryRepository.update}, same validation,
   * version from {@code If-Match} or {@code meta.versionId}, stale is 409); the new locality must be in the
   * caller's counties (403).
   */
  private Future<Patient> updatePatient(RoutingContext ctx) {
    UUID id = FhirIds.path(FhirIds.uuid(ctx.pathParam("id")), PatientEndpoint.TYPE);
    Patient patient = server.body(ctx, Patient.class);
    sameId(patient, id);
    JsonObject fromPatient = beneficiaryBody(patient);
    Integer version = version(ctx, patient);
    Caller caller = Caller.of(ctx);
    // what a Patient does not carry (centre, household, flags, data consent) stays as stored
    return beneficiaries.find(id, caller).compose(current -> {
      JsonObject body = new JsonObject();
      for (String kept : KEPT_ON_UPDATE) {
        if (current.getValue(kept) != null) body.put(kept, current.getValue(kept));
      }
      body.mergeIn(fromPatient);
      if (version != null) body.put("version", version);
      BeneficiaryInput in = BeneficiaryInput.from(body, LocalDate.now(Rows.ZONE));
      return localityInScope(in.localitySiruta(), caller).compose(v -> beneficiaries.update(id, in, caller));
    }).compose(json -> PatientEndpoint.byIds(pool, List.of(id))).map(found -> found.get(0));
  }

  /** Beneficiary fields a FHIR Patient does not map: an update keeps them. */
  private static final List<String> KEPT_ON_UPDATE = List.of("householdId", "centreId", "flags", "dataConsent", "dataConsentDate");

  /** The locality names the county a record belongs to: it must be one of the caller's (403). */
  private Future<Void> localityInScope(Integer siruta, Caller caller) {
    return pool.preparedQuery(LOCALITY_COUNTY).execute(Tuple.of(siruta)).compose(rows -> {
      if (rows.size() > 0 && !caller.mayAccessCounty(rows.iterator().next().getString("county"))) {
        return Future.failedFuture(ApiError.forbidden("Localitatea este în afara județelor dumneavoastră.",
            "The locality is outside your counties."));
      }
      return Future.succeededFuture();
    });
  }

  private static void sameId(Resource given, UUID id) {
    if (given.hasIdElement() && given.getIdElement().hasIdPart() && !given.getIdElement().getIdPart().equals(id.toString())) {
      throw ApiError.badRequest("id", "Id-ul resursei diferă de cel din adresă.", "The resource id differs from the one in the URL.");
    }
  }

  /**
   * A booking from outside: an Appointment naming one free {@code Slot} and its {@code Patient}, with the
   * service as {@code serviceType} (or {@code basedOn} a CarePlan). The slot gives the time, the staff member,
   * room or caravan stop; the rest is the JSON API's creation ({@link AppointmentInput}, the lifecycle, the
   * outbox), with the slot held and re-checked in the same transaction. An unknown slot is 404, a taken or
   * past one 409.
   */
  private Future<Appointment> createAppointment(RoutingContext ctx) {
    Appointment given = server.body(ctx, Appointment.class);
    if (given.getSlot().size() != 1) {
      throw ApiError.badRequest("slot", "Programarea numește exact un interval (slot: Slot/{id}).",
          "The appointment names exactly one slot (slot: Slot/{id}).");
    }
    String slotRef = given.getSlotFirstRep().getReference();
    FhirIds.SlotId slotId = FhirIds.slot(slotRef != null && slotRef.startsWith(SlotEndpoint.SLOT + "/")
        ? slotRef.substring(SlotEndpoint.SLOT.length() + 1) : null).orElseThrow(() -> FhirIds.notFound(SlotEndpoint.SLOT));
    UUID patient = null;
    for (var p : given.getParticipant()) {
      String ref = p.getActor().getReference();
      if (ref != null && ref.startsWith(PatientEndpoint.TYPE + "/")) {
        patient = FhirIds.uuid(ref.substring(PatientEndpoint.TYPE.length() + 1)).orElseThrow(() -> FhirIds.badId("participant"));
      }
    }
    if (patient == null) {
      throw ApiError.badRequest("participant", "Programarea numește pacientul (participant.actor: Patient/{id}).",
          "The appointment names its patient (participant.actor: Patient/{id}).");
    }
    JsonObject body = new JsonObject().put("beneficiaryId", patient.toString());
    for (var type : given.getServiceType()) {
      for (var coding : type.getCoding()) {
        if (FhirCodes.SERVICE.equals(coding.getSystem())) body.put("service", coding.getCode());
      }
    }
    for (var based : given.getBasedOn()) {
      String ref = based.getReference();
      if (ref != null && ref.startsWith(CarePlanEndpoint.TYPE + "/")) {
        body.put("carePlanId", FhirIds.uuid(ref.substring(CarePlanEndpoint.TYPE.length() + 1))
            .orElseThrow(() -> FhirIds.badId("basedOn")).toString());
      }
    }
    if (given.hasStatus()) body.put("status", given.getStatus().toCode());
    Caller caller = Caller.of(ctx);
    UUID beneficiary = patient;
    return slots.find(pool, slotId, caller).compose(found -> {
      var slot = found.slot();
      if (!slot.start().toInstant().isAfter(java.time.Instant.now())) {
        return Future.failedFuture(ApiError.conflict("slot", "Intervalul a trecut.", "The slot is in the past."));
      }
      if (!slot.free()) return Future.failedFuture(SlotEndpoint.taken());
      return pool.preparedQuery(BENEFICIARY_COUNTY).execute(Tuple.of(beneficiary))
          .compose(rows -> Scope.beneficiaryVisible(pool, caller, beneficiary).compose(visible -> {
            if (rows.size() == 0) {
              return Future.failedFuture(Fields.invalid("participant", "Pacientul nu există.", "No such patient."));
            }
            if (!visible) {
              return Future.failedFuture(ApiError.forbidden("Pacientul este în afara domeniului dumneavoastră.",
                  "The patient is outside your scope."));
            }
            if (!rows.iterator().next().getString("county").equals(found.owner().county())) {
              return Future.failedFuture(Fields.invalid("slot", "Intervalul este în alt județ decât pacientul.",
                  "The slot is in another county than the patient."));
            }
            place(body, found);
            AppointmentInput in = AppointmentInput.from(body);
            return appointments.create(in, new Actor.Account(caller.accountId(), caller.role()),
                tx -> SlotEndpoint.hold(tx, found));
          }));
    }).compose(json -> AppointmentEndpoint.readForWrite(pool, UUID.fromString(json.getString("id")), caller));
  }

  /** Time and place from the slot: a staff member's centre (or telemedicine), a room, or a caravan stop. */
  private static void place(JsonObject body, SlotEndpoint.Found found) {
    var slot = found.slot();
    body.put("startsAt", slot.start().toString()).put("endsAt", slot.end().toString());
    long number = slot.id().schedule().number();
    switch (slot.id().schedule().kind()) {
      case STAFF -> {
        body.put("staffId", number);
        if ("telemedicine".equals(body.getString("service"))) {
          body.put("modality", "remote");
        } else if (found.owner().centreId() != null) {
          body.put("modality", "centre").put("centreId", found.owner().centreId());
        } else {
          throw Fields.invalid("slot", "Acest membru al personalului nu are un centru: programați la o oprire a caravanei.",
              "This staff member has no centre: book on a caravan stop's slot.");
        }
      }
      case ROOM -> body.put("modality", "centre").put("roomId", number).put("centreId", found.owner().centreId());
      case STOP -> {
        body.put("modality", "caravan").put("stopSiruta", (int) number);
        if (slot.caravanId() != null) body.put("caravanId", slot.caravanId());
      }
    }
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
      Extension date = consent.getExtensionByUrl("date");
      if (date != null && date.getValue() != null) body.put("smsConsentDate", date.getValue().primitiveValue());
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
    sameId(given, id);
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

  private static Integer version(RoutingContext ctx, Resource given) {
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
