package ro.caravana.scheduler.interop.fhir;

import static org.hl7.fhir.r4.model.Enumerations.SearchParamType.DATE;
import static org.hl7.fhir.r4.model.Enumerations.SearchParamType.TOKEN;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupComponent;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.interop.export.ExportRoutes;
import ro.caravana.scheduler.report.AttendanceReport;

/**
 * The ministry's indicators as one summary {@code MeasureReport} per request: sessions delivered of those
 * planned, attendance, no-shows and coverage of localities, each a group with numerator and denominator,
 * stratified by county or locality (SIRUTA) below the national level. Same parameters and figures as the
 * CSV and XLSX exports ({@code level}, {@code period}, {@code date}, {@code county}, {@code service}).
 */
final class MeasureReportEndpoint {

  static final String TYPE = "MeasureReport";
  static final String MEASURE = FhirCodes.BASE + "/Measure/service-delivery";
  static final String INDICATOR = FhirCodes.BASE + "/CodeSystem/indicator";
  private static final String POPULATION = "http://terminology.hl7.org/CodeSystem/measure-population";

  /** An indicator: its code and Romanian name, and the report fields of its numerator and denominator. */
  private record Indicator(String code, String name, String numerator, String denominator) {}

  private static final List<Indicator> INDICATORS = List.of(
      new Indicator("delivered", "Sesiuni realizate din cele programate", "fulfilled", "planned"),
      new Indicator("attendance", "Prezență (realizate din realizate și absențe)", "fulfilled", "attendanceBase"),
      new Indicator("no-show", "Absențe (din realizate și absențe)", "noShow", "attendanceBase"),
      new Indicator("coverage", "Localități atinse din cele cu beneficiari în evidență", "localitiesReached", "localitiesInCare"));

  private final AttendanceReport report;
  private final ZoneId zone;

  MeasureReportEndpoint(AttendanceReport report, ZoneId zone) {
    this.report = report;
    this.zone = zone;
  }

  void mount(FhirServer server) {
    server.search(TYPE, List.of(
        new Capability.SearchParam("period", TOKEN, "week, month (default) or quarter"),
        new Capability.SearchParam("date", DATE, "a day in the period (YYYY-MM-DD; default today)"),
        new Capability.SearchParam("level", TOKEN, "locality, county (default) or national: the strata"),
        new Capability.SearchParam("county", TOKEN, "a county code (BC, VN, ...) within the caller's counties"),
        new Capability.SearchParam("service", TOKEN, "one service code")), List.of(), this::search);
  }

  private Future<Bundle> search(RoutingContext ctx) {
    FhirSearch.onlyKnown(ctx, Set.of("period", "date", "level", "county", "service"));
    var request = ExportRoutes.request(ctx, zone);
    return ExportRoutes.run(report, request, Caller.of(ctx)).map(json -> {
      MeasureReport mr = measureReport(json, request);
      return FhirSearch.searchset(ctx, FhirServer.base(ctx), TYPE, List.of(mr), List.of(), 1, new FhirSearch.Paging(1, 0));
    });
  }

  MeasureReport measureReport(JsonObject json, ExportRoutes.Request request) {
    MeasureReport mr = new MeasureReport();
    String scope = request.county() == null ? "all" : request.county();
    mr.setId(TYPE + "/" + request.level().name().toLowerCase() + "-" + scope + "-" + request.period().label()
        + (request.service() == null ? "" : "-" + FhirCodes.serviceId(request.service())));
    mr.setStatus(MeasureReport.MeasureReportStatus.COMPLETE);
    mr.setType(MeasureReport.MeasureReportType.SUMMARY);
    mr.setMeasure(MEASURE);
    mr.setDate(new Date());
    mr.getPeriod().setStart(Date.from(request.period().from().atStartOfDay(zone).toInstant()))
        .setEnd(Date.from(request.period().to().plusDays(1).atStartOfDay(zone).minusSeconds(1).toInstant()));
    List<JsonObject> items = new ArrayList<>();
    for (Object o : json.getJsonArray("items")) {
      JsonObject item = ((JsonObject) o).copy();
      item.put("attendanceBase", item.getLong("fulfilled") + item.getLong("noShow"));
      items.add(item);
    }
    boolean locality = request.level() == AttendanceReport.Level.LOCALITY;
    boolean national = request.level() == AttendanceReport.Level.NATIONAL;
    for (Indicator indicator : INDICATORS) {
      // coverage is computed for counties and the country, not for single localities
      if (locality && indicator.code().equals("coverage")) continue;
      MeasureReportGroupComponent group = mr.addGroup();
      group.setCode(new CodeableConcept(new Coding(INDICATOR, indicator.code(), indicator.name())).setText(indicator.name()));
      long numerator = 0;
      long denominator = 0;
      for (JsonObject item : items) {
        numerator += item.getLong(indicator.numerator(), 0L);
        denominator += item.getLong(indicator.denominator(), 0L);
      }
      populations(group.addPopulation(), group.addPopulation(), numerator, denominator);
      if (denominator > 0) group.getMeasureScore().setValue(ratio(numerator, denominator));
      if (!national) {
        var stratifier = group.addStratifier();
        stratifier.addCode().setText(locality ? "Localitate (cod SIRUTA)" : "Județ");
        for (JsonObject item : items) {
          var stratum = stratifier.addStratum();
          stratum.setValue(locality
              ? new CodeableConcept(new Coding(FhirCodes.SIRUTA, String.valueOf(item.getInteger("siruta")), item.getString("name")))
                  .setText(item.getString("name"))
              : new CodeableConcept().setText(item.getString("county")));
          long n = item.getLong(indicator.numerator(), 0L);
          long d = item.getLong(indicator.denominator(), 0L);
          var num = stratum.addPopulation();
          var den = stratum.addPopulation();
          num.setCode(population("numerator")).setCount((int) n);
          den.setCode(population("denominator")).setCount((int) d);
          if (d > 0) stratum.getMeasureScore().setValue(ratio(n, d));
        }
      }
    }
    return mr;
  }

  private static void populations(MeasureReport.MeasureReportGroupPopulationComponent num,
      MeasureReport.MeasureReportGroupPopulationComponent den, long numerator, long denominator) {
    num.setCode(population("numerator")).setCount((int) numerator);
    den.setCode(population("denominator")).setCount((int) denominator);
  }

  private static CodeableConcept population(String code) {
    return new CodeableConcept(new Coding(POPULATION, code, code.equals("numerator") ? "Numerator" : "Denominator"));
  }

  private static java.math.BigDecimal ratio(long part, long whole) {
    return java.math.BigDecimal.valueOf(part).divide(java.math.BigDecimal.valueOf(whole), 4, java.math.RoundingMode.HALF_UP);
  }
}
