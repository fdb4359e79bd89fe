package ro.caravana.scheduler.interop.fhir;

import static org.hl7.fhir.r4.model.Enumerations.SearchParamType.STRING;
import static org.hl7.fhir.r4.model.Enumerations.SearchParamType.TOKEN;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Patient;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.access.Scope;

/**
 * Beneficiaries as {@code Patient}: the CNP as an identifier ({@link FhirCodes#CNP}), the guardian as
 * {@code contact}, the SMS consent as an extension, the locality (SIRUTA, name, county) as the address.
 */
final class PatientEndpoint {

  static final String TYPE = "Patient";

  static final String SELECT = """
      SELECT b.id, b.first_name, b.last_name, b.cnp, b.birth_date, b.sex, b.locality_siruta, l.name AS locality_name,
        l.county, co.name AS county_name, b.centre_id, b.guardian_name, b.phone, b.sms_consent, b.sms_consent_date,
        b.preferred_language, b.category, b.version, b.updated_at
      FROM beneficiaries b
        JOIN localities l ON l.siruta = b.locality_siruta
        JOIN counties co ON co.code = l.county""";
  private static final String FILTER = "\n" + """
       WHERE ($1::text IS NULL OR b.cnp = $1)
         AND ($2::text IS NULL OR translate(lower(b.last_name || ' ' || b.first_name), 'ăâîșşțţ', 'aaisstt')
                                  LIKE '%' || translate(lower($2), 'ăâîșşțţ', 'aaisstt') || '%')
         AND ($3::uuid IS NULL OR b.id = $3)""" + Scope.beneficiaryFilter(4);
  static final String SEARCH = SELECT + FILTER + " ORDER BY b.last_name, b.first_name, b.id LIMIT $7 OFFSET $8";
  static final String COUNT = "SELECT count(*) FROM beneficiaries b JOIN localities l ON l.siruta = b.locality_siruta"
      + FILTER;
  static final String BY_IDS = SELECT + " WHERE b.id = ANY($1)";

  private final Pool pool;

  PatientEndpoint(Pool pool) {
    this.pool = pool;
  }

  void mount(FhirServer server) {
    server.read(TYPE, this::read);
    server.search(TYPE, List.of(
        new Capability.SearchParam("identifier", TOKEN, "CNP: " + FhirCodes.CNP + "|{cnp} or {cnp}"),
        new Capability.SearchParam("name", STRING, "part of the family or given name, diacritics ignored"),
        new Capability.SearchParam("_id", TOKEN, "the beneficiary id")), List.of(), this::search);
  }

  /** The path id was checked against the caller's scope by the access gate (out of scope is 404 there). */
  private Future<Patient> read(RoutingContext ctx) {
    UUID id = FhirIds.path(FhirIds.uuid(ctx.pathParam("id")), TYPE);
    return byIds(pool, List.of(id)).compose(found -> found.isEmpty()
        ? Future.failedFuture(FhirIds.notFound(TYPE)) : Future.succeededFuture(found.get(0)));
  }

  private Future<Bundle> search(RoutingContext ctx) {
    FhirSearch.onlyKnown(ctx, Set.of("identifier", "name", "_id"));
    String cnp = cnp(FhirSearch.one(ctx, "identifier"));
    String name = FhirSearch.one(ctx, "name");
    String rawId = FhirSearch.one(ctx, "_id");
    UUID id = rawId == null ? null : FhirIds.uuid(rawId).orElseThrow(() -> FhirIds.badId("_id"));
    var paging = FhirSearch.paging(ctx);
    Caller caller = Caller.of(ctx);
    Tuple filter = Scope.args(Tuple.of(cnp, name, id), caller);
    Tuple page = Scope.args(Tuple.of(cnp, name, id), caller).addValue(paging.count()).addValue(paging.offset());
    var rows = pool.preparedQuery(SEARCH).execute(page);
    var count = pool.preparedQuery(COUNT).execute(filter);
    return Future.all(rows, count).map(v -> {
      List<Patient> matches = new ArrayList<>();
      rows.result().forEach(r -> matches.add(patient(r)));
      return FhirSearch.searchset(ctx, FhirServer.base(ctx), TYPE, matches, List.of(),
          count.result().iterator().next().getLong(0), paging);
    });
  }

  /** {@code system|value} with the CNP system, or a bare value; another system matches nobody. */
  private static String cnp(String token) {
    if (token == null) return null;
    int bar = token.indexOf('|');
    if (bar < 0) return token;
    return token.substring(0, bar).equals(FhirCodes.CNP) ? token.substring(bar + 1) : "\u0000no-match";
  }

  static Future<List<Patient>> byIds(Pool pool, List<UUID> ids) {
    if (ids.isEmpty()) return Future.succeededFuture(List.of());
    return pool.preparedQuery(BY_IDS).execute(Tuple.of(ids.toArray(UUID[]::new))).map(rows -> {
      List<Patient> out = new ArrayList<>();
      rows.forEach(r -> out.add(patient(r)));
      return out;
    });
  }

  static Patient patient(Row r) {
    Patient p = new Patient();
    p.setId(TYPE + "/" + r.getUUID("id"));
    p.setMeta(new Meta().setVersionId(String.valueOf(r.getInteger("version")))
        .setLastUpdated(Date.from(r.getOffsetDateTime("updated_at").toInstant())));
    p.setActive(true);
    if (r.getString("cnp") != null) {
      p.addIdentifier().setUse(Identifier.IdentifierUse.OFFICIAL).setSystem(FhirCodes.CNP).setValue(r.getString("cnp"))
          .setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", "NI",
              "National unique individual identifier")).setText("CNP"));
    }
    p.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(r.getString("last_name")).addGiven(r.getString("first_name"));
    p.setGender("F".equals(r.getString("sex")) ? AdministrativeGender.FEMALE : AdministrativeGender.MALE);
    LocalDate birth = r.getLocalDate("birth_date");
    p.setBirthDateElement(new DateType(birth.toString()));
    if (r.getString("phone") != null) {
      p.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setUse(ContactPoint.ContactPointUse.MOBILE)
          .setValue(r.getString("phone"));
    }
    p.addAddress(locality(r.getInteger("locality_siruta"), r.getString("locality_name"), r.getString("county_name")));
    if (r.getString("guardian_name") != null) {
      p.addContact().setName(new HumanName().setText(r.getString("guardian_name"))).addRelationship(new CodeableConcept()
          .addCoding(new Coding(FhirCodes.CONTACT_ROLE, "N", "Next-of-Kin"))
          .addCoding(new Coding(FhirCodes.ROLE_CODE, "GUARD", "guardian")).setText("Tutore / reprezentant legal"));
    }
    Extension consent = new Extension(FhirCodes.SMS_CONSENT);
    consent.addExtension("given", new BooleanType(r.getBoolean("sms_consent")));
    if (r.getLocalDate("sms_consent_date") != null) {
      consent.addExtension("date", new DateType(r.getLocalDate("sms_consent_date").toString()));
    }
    p.addExtension(consent);
    p.addExtension(FhirCodes.CATEGORY_EXTENSION, new org.hl7.fhir.r4.model.CodeType(r.getString("category")));
    // the ISO 639 code as text: R4's offline language value set lists too few languages (no ro, no hu) for a coding
    p.addCommunication().setPreferred(true).setLanguage(new CodeableConcept().setText(r.getString("preferred_language")));
    return p;
  }

  /** A locality as an Address, its SIRUTA code in an extension ({@link FhirCodes#SIRUTA_EXTENSION}). */
  static Address locality(Integer siruta, String name, String countyName) {
    Address a = new Address().setUse(Address.AddressUse.HOME).setType(Address.AddressType.PHYSICAL)
        .setCity(name).setDistrict(countyName).setCountry("RO");
    a.addExtension(FhirCodes.SIRUTA_EXTENSION, new org.hl7.fhir.r4.model.IntegerType(siruta));
    return a;
  }
}
