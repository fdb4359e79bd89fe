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
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Reference;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.access.Role;

/**
 * The SMS of a beneficiary as {@code Communication}: each notice Caravana sent ({@code Communication/N}, the
 * notice id) and each answer the family sent back ({@code Communication/reply-N}, in response to its notice).
 * No phone number is ever part of the resource. Scoped like {@code /api/notifications} (the county and centre
 * kept on the notice); a clinician sees those about their own appointments, without the text, which only
 * coordinators read.
 */
final class CommunicationEndpoint {

  static final String TYPE = "Communication";
  private static final String REPLY = "reply-";

  private static final String ALL = """
      SELECT * FROM (
        SELECT 'notice' AS source, n.id, n.beneficiary_id, n.appointment_id, n.kind AS category, n.status, n.body,
          n.created_at AS at, n.sent_at, n.delivered_at, NULL::bigint AS notice_id, n.county, n.centre_id
          FROM notices n
        UNION ALL
        SELECT 'reply', r.id, n.beneficiary_id, COALESCE(r.appointment_id, n.appointment_id), r.intent, 'received', r.body,
          r.received_at, NULL::timestamptz, r.received_at, r.notice_id, n.county, n.centre_id
          FROM sms_replies r JOIN notices n ON n.id = r.notice_id) c
      WHERE ($1::text IS NULL OR c.source = $1) AND ($2::bigint IS NULL OR c.id = $2) AND ($3::uuid IS NULL OR c.beneficiary_id = $3)
        AND ($4::text[] IS NULL OR c.county = ANY($4)) AND ($5::bigint IS NULL OR c.centre_id = $5)
        AND ($6::bigint IS NULL OR EXISTS (SELECT 1 FROM appointments sa WHERE sa.id = c.appointment_id AND sa.staff_id = $6))""";
  static final String SEARCH = ALL + " ORDER BY c.at DESC, c.source, c.id DESC LIMIT $7 OFFSET $8";
  static final String COUNT = "SELECT count(*) FROM (" + ALL + ") x";

  /** A Communication id: a notice or a reply and its number. */
  private record Id(String source, long number) {}

  private final Pool pool;

  CommunicationEndpoint(Pool pool) {
    this.pool = pool;
  }

  void mount(FhirServer server) {
    server.read(TYPE, this::read);
    server.search(TYPE, List.of(
        new Capability.SearchParam("patient", REFERENCE, "Patient/{id}: the beneficiary the message was to or from"),
        new Capability.SearchParam("_id", TOKEN, "{notice id} or reply-{reply id}")), List.of(), this::search);
  }

  private static java.util.Optional<Id> id(String text) {
    if (text != null && text.startsWith(REPLY)) return FhirIds.number(text.substring(REPLY.length())).map(n -> new Id("reply", n));
    return FhirIds.number(text).map(n -> new Id("notice", n));
  }

  private Future<Communication> read(RoutingContext ctx) {
    Id id = FhirIds.path(id(ctx.pathParam("id")), TYPE);
    Caller caller = Caller.of(ctx);
    return query(caller, id, null, 1, 0).compose(rows -> rows.isEmpty()
        ? Future.failedFuture(FhirIds.notFound(TYPE)) : Future.succeededFuture(rows.get(0)));
  }

  private Future<Bundle> search(RoutingContext ctx) {
    FhirSearch.onlyKnown(ctx, Set.of("patient", "_id"));
    String rawId = FhirSearch.one(ctx, "_id");
    Id id = rawId == null ? null : id(rawId).orElseThrow(() -> FhirIds.badId("_id"));
    String rawPatient = FhirSearch.one(ctx, "patient");
    UUID patient = rawPatient == null ? null
        : FhirIds.uuid(FhirIds.reference("patient", rawPatient, PatientEndpoint.TYPE)).orElseThrow(() -> FhirIds.badId("patient"));
    var paging = FhirSearch.paging(ctx);
    Caller caller = Caller.of(ctx);
    var count = pool.preparedQuery(COUNT).execute(filter(caller, id, patient));
    var page = query(caller, id, patient, paging.count(), paging.offset());
    return Future.all(page, count).map(v -> FhirSearch.searchset(ctx, FhirServer.base(ctx), TYPE, page.result(), List.of(),
        count.result().iterator().next().getLong(0), paging));
  }

  private static Tuple filter(Caller caller, Id id, UUID patient) {
    return Tuple.tuple().addValue(id == null ? null : id.source()).addValue(id == null ? null : id.number()).addValue(patient)
        .addValue(caller.countyScope()).addValue(caller.centreScope()).addValue(caller.staffScope());
  }

  private Future<List<Communication>> query(Caller caller, Id id, UUID patient, int count, int offset) {
    boolean text = mayReadText(caller);
    return pool.preparedQuery(SEARCH).execute(filter(caller, id, patient).addValue(count).addValue(offset)).map(rows -> {
      List<Communication> out = new ArrayList<>();
      rows.forEach(r -> out.add(communication(r, text)));
      return out;
    });
  }

  /** The text of a message is for those who may read the notices themselves: coordinators (and the admin). */
  static boolean mayReadText(Caller caller) {
    return caller.is(Role.ADMIN, Role.COUNTY_COORDINATOR, Role.CENTRE_COORDINATOR);
  }

  static Communication communication(Row r, boolean withText) {
    Communication c = new Communication();
    boolean reply = "reply".equals(r.getString("source"));
    c.setId(TYPE + "/" + (reply ? REPLY : "") + r.getLong("id"));
    c.setStatus(reply ? Communication.CommunicationStatus.COMPLETED : status(r.getString("status")));
    if (!reply && "suppressed".equals(r.getString("status"))) {
      c.setStatusReason(new CodeableConcept().setText("Nu a fost trimis (fără acord SMS, număr lipsă sau dezabonat)."));
    }
    String category = r.getString("category");
    c.addCategory(FhirCodes.concept(reply ? FhirCodes.SMS_REPLY : FhirCodes.NOTICE_KIND, category,
        (reply ? FhirCodes.REPLY_NAMES : FhirCodes.NOTICE_NAMES).getOrDefault(category, category)));
    c.addMedium(new CodeableConcept(new Coding(FhirCodes.PARTICIPATION_MODE, "WRITTEN", "written")).setText("SMS"));
    UUID beneficiary = r.getUUID("beneficiary_id");
    if (beneficiary != null) {
      Reference patient = new Reference(PatientEndpoint.TYPE + "/" + beneficiary);
      c.setSubject(patient);
      if (reply) c.setSender(patient.copy());
      else c.addRecipient(patient.copy());
    }
    UUID appointment = r.getUUID("appointment_id");
    if (appointment != null) c.addAbout(new Reference(AppointmentEndpoint.APPOINTMENT + "/" + appointment));
    if (reply && r.getLong("notice_id") != null) c.addInResponseTo(new Reference(TYPE + "/" + r.getLong("notice_id")));
    OffsetDateTime sent = r.getOffsetDateTime("sent_at");
    if (sent != null) c.setSent(Date.from(sent.toInstant()));
    OffsetDateTime received = r.getOffsetDateTime("delivered_at");
    if (received != null) c.setReceived(Date.from(received.toInstant()));
    if (withText) c.addPayload().setContent(new org.hl7.fhir.r4.model.StringType(r.getString("body")));
    return c;
  }

  private static Communication.CommunicationStatus status(String notice) {
    return switch (notice) {
      case "queued", "held" -> Communication.CommunicationStatus.PREPARATION;
      case "sending" -> Communication.CommunicationStatus.INPROGRESS;
      case "sent", "delivered" -> Communication.CommunicationStatus.COMPLETED;
      case "failed" -> Communication.CommunicationStatus.STOPPED;
      default -> Communication.CommunicationStatus.NOTDONE;
    };
  }
}
