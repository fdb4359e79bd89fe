package ro.caravana.scheduler.interop.fhir;

import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;

/**
 * What the server supports, recorded as the routes are mounted ({@link FhirServer#read} and the others), so
 * the {@code metadata} answer lists exactly the interactions and search parameters that are served.
 */
final class Capability {

  /** A search parameter: its name, FHIR type and what it matches. */
  record SearchParam(String name, Enumerations.SearchParamType type, String documentation) {}

  private record Support(Set<TypeRestfulInteraction> interactions, List<SearchParam> params, List<String> includes) {}

  private final Map<String, Support> resources = new LinkedHashMap<>();

  private Support of(String type) {
    return resources.computeIfAbsent(type, t -> new Support(EnumSet.noneOf(TypeRestfulInteraction.class),
        new ArrayList<>(), new ArrayList<>()));
  }

  void interaction(String type, TypeRestfulInteraction interaction) {
    of(type).interactions().add(interaction);
  }

  void search(String type, List<SearchParam> params, List<String> includes) {
    Support s = of(type);
    s.interactions().add(TypeRestfulInteraction.SEARCHTYPE);
    s.params().addAll(params);
    s.includes().addAll(includes);
  }

  Set<String> types() {
    return resources.keySet();
  }

  CapabilityStatement statement(String base, String version) {
    CapabilityStatement cs = new CapabilityStatement();
    cs.setId("caravana");
    cs.setUrl(base + "/metadata");
    cs.setName("Caravana");
    cs.setTitle("Caravana FHIR R4 API");
    cs.setStatus(Enumerations.PublicationStatus.ACTIVE);
    cs.setDate(new Date());
    cs.setPublisher("Caravana");
    cs.setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE);
    cs.getSoftware().setName("Caravana").setVersion(version);
    cs.getImplementation().setDescription("Caravana: caravans, community-centre therapy and telemedicine").setUrl(base);
    cs.setFhirVersion(Enumerations.FHIRVersion._4_0_1);
    cs.addFormat("application/fhir+json");
    cs.addFormat("json");
    CapabilityStatementRestComponent rest = cs.addRest();
    rest.setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
    rest.getSecurity().setCors(false)
        .addService(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/restful-security-service",
            "OAuth", "OAuth")).setText("Bearer token from POST /api/auth/login"))
        .setDescription("The same Bearer token and county scope as /api; reads of beneficiary records are audited.");
    resources.forEach((type, support) -> {
      CapabilityStatementRestResourceComponent r = rest.addResource();
      r.setType(type);
      r.setProfile("http://hl7.org/fhir/StructureDefinition/" + type);
      for (TypeRestfulInteraction i : support.interactions()) r.addInteraction().setCode(i);
      r.setVersioning(CapabilityStatement.ResourceVersionPolicy.VERSIONED);
      r.setReadHistory(false);
      r.setUpdateCreate(false);
      for (SearchParam p : support.params()) {
        r.addSearchParam().setName(p.name()).setType(p.type()).setDocumentation(p.documentation());
      }
      for (String include : support.includes()) r.addSearchInclude(include);
    });
    return cs;
  }
}
