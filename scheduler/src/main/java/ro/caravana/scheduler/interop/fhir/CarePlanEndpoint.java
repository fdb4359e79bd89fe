package ro.caravana.scheduler.interop.fhir;

import static org.hl7.fhir.r4.model.Enumerations.SearchParamType.REFERENCE;
import static org.hl7.fhir.r4.model.Enumerations.SearchParamType.TOKEN;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Timing;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.access.Scope;
import ro.caravana.scheduler.common.Rows;

/**
 * Care plans as {@code CarePlan}: one activity (the service, how often, how long, where, the preferred days
 * and hours as its timing), the beneficiary as subject. Scoped like {@code /api/care-plans} (county, centre,
 * a clinician's own people).
 */
final class CarePlanEndpoint {

  static final String TYPE = "CarePlan";

  private static final String SELECT = """
      SELECT p.id, p.beneficiary_id, b.first_name, b.last_name, p.service, p.sessions_per_week, p.interval_weeks,
        p.minutes, p.modality, p.centre_id, c.name AS centre_name, p.valid_from, p.valid_to, p.preferred_days,
        p.preferred_from, p.preferred_to, p.version, p.updated_at
      FROM care_plans p
        JOIN beneficiaries b ON b.id = p.beneficiary_id
        JOIN localities l ON l.siruta = b.locality_siruta
        LEFT JOIN community_centres c ON c.id = p.centre_id""";
  private static final String FILTER = "\n" + """
       WHERE ($1::uuid IS NULL OR p.id = $1) AND ($2::uuid IS NULL OR p.beneficiary_id = $2)""" + Scope.beneficiaryFilter(3);
  static final String SEARCH = SELECT + FILTER + " ORDER BY p.valid_from, p.id LIMIT $6 OFFSET $7";
  static final String COUNT = """
      SELECT count(*) FROM care_plans p JOIN beneficiaries b ON b.id = p.beneficiary_id
        JOIN localities l ON l.siruta = b.locality_siruta""" + FILTER;

  private final Pool pool;

  CarePlanEndpoint(Pool pool) {
    this.pool = pool;
  }

  void mount(FhirServer server) {
    server.read(TYPE, this::read);
    server.search(TYPE, List.of(
        new Capability.SearchParam("patient", REFERENCE, "Patient/{id}"),
        new Capability.SearchParam("_id", TOKEN, "the care plan id")), List.of(), this::search);
  }

  private Future<CarePlan> read(RoutingContext ctx) {
    UUID id = FhirIds.path(FhirIds.uuid(ctx.pathParam("id")), TYPE);
    Tuple args = Scope.args(Tuple.tuple().addValue(id).addValue(null), Caller.of(ctx)).addValue(1).addValue(0);
    return pool.preparedQuery(SEARCH).execute(args).compose(rows -> rows.size() == 0
        ? Future.failedFuture(FhirIds.notFound(TYPE)) : Future.succeededFuture(carePlan(rows.iterator().next())));
  }

  private Future<Bundle> search(RoutingContext ctx) {
    FhirSearch.onlyKnown(ctx, Set.of("patient", "_id"));
    String rawId = FhirSearch.one(ctx, "_id");
    UUID id = rawId == null ? null : FhirIds.uuid(rawId).orElseThrow(() -> FhirIds.badId("_id"));
    String rawPatient = FhirSearch.one(ctx, "patient");
    UUID patient = rawPatient == null ? null
        : FhirIds.uuid(FhirIds.reference("patient", rawPatient, PatientEndpoint.TYPE)).orElseThrow(() -> FhirIds.badId("patient"));
    var paging = FhirSearch.paging(ctx);
    Caller caller = Caller.of(ctx);
    var rows = pool.preparedQuery(SEARCH).execute(Scope.args(Tuple.of(id, patient), caller)
        .addValue(paging.count()).addValue(paging.offset()));
    var count = pool.preparedQuery(COUNT).execute(Scope.args(Tuple.of(id, patient), caller));
    return Future.all(rows, count).map(v -> {
      List<CarePlan> matches = new ArrayList<>();
      rows.result().forEach(r -> matches.add(carePlan(r)));
      return FhirSearch.searchset(ctx, FhirServer.base(ctx), TYPE, matches, List.of(),
          count.result().iterator().next().getLong(0), paging);
    });
  }

  static CarePlan carePlan(Row r) {
    CarePlan p = new CarePlan();
    p.setId(TYPE + "/" + r.getUUID("id"));
    p.setMeta(new Meta().setVersionId(String.valueOf(r.getInteger("version")))
        .setLastUpdated(Date.from(r.getOffsetDateTime("updated_at").toInstant())));
    LocalDate validTo = r.getLocalDate("valid_to");
    boolean over = validTo != null && validTo.isBefore(LocalDate.now(Rows.ZONE));
    p.setStatus(over ? CarePlan.CarePlanStatus.COMPLETED : CarePlan.CarePlanStatus.ACTIVE);
    p.setIntent(CarePlan.CarePlanIntent.PLAN);
    String service = r.getString("service");
    p.setTitle(FhirCodes.SERVICE_NAMES.getOrDefault(service, service));
    p.setSubject(new Reference(PatientEndpoint.TYPE + "/" + r.getUUID("beneficiary_id"))
        .setDisplay(r.getString("first_name") + " " + r.getString("last_name")));
    Period period = new Period().setStartElement(new DateTimeType(r.getLocalDate("valid_from").toString()));
    if (validTo != null) period.setEndElement(new DateTimeType(validTo.toString()));
    p.setPeriod(period);

    var detail = p.addActivity().getDetail();
    detail.setKind(CarePlan.CarePlanActivityKind.APPOINTMENT);
    detail.setCode(FhirCodes.service(service));
    detail.setStatus(over ? CarePlan.CarePlanActivityStatus.COMPLETED : CarePlan.CarePlanActivityStatus.SCHEDULED);
    Timing timing = new Timing();
    Timing.TimingRepeatComponent repeat = timing.getRepeat();
    repeat.setFrequency(r.getInteger("sessions_per_week")).setPeriod(r.getInteger("interval_weeks"))
        .setPeriodUnit(Timing.UnitsOfTime.WK).setDuration(r.getInteger("minutes")).setDurationUnit(Timing.UnitsOfTime.MIN);
    String[] days = r.getArrayOfStrings("preferred_days");
    if (days != null) {
      for (String day : days) repeat.addDayOfWeek(Timing.DayOfWeek.fromCode(day.substring(0, 3).toLowerCase()));
    }
    LocalTime from = r.getLocalTime("preferred_from");
    if (from != null) repeat.addTimeOfDay(from.withNano(0).toString().length() == 5 ? from + ":00" : from.toString());
    detail.setScheduled(timing);
    String modality = r.getString("modality");
    if (r.getLong("centre_id") != null) {
      detail.setLocation(new Reference("Location/centre-" + r.getLong("centre_id")).setDisplay(r.getString("centre_name")));
    }
    detail.setDescription(FhirCodes.MODALITY_NAMES.getOrDefault(modality, modality)
        + (r.getLocalTime("preferred_to") != null && from != null ? ", preferabil " + from + "–" + r.getLocalTime("preferred_to") : ""));
    return p;
  }
}
