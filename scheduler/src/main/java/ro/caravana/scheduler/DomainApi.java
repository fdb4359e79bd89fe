package ro.caravana.scheduler;

import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import ro.caravana.scheduler.appointment.AppointmentApi;
import ro.caravana.scheduler.beneficiary.BeneficiaryApi;
import ro.caravana.scheduler.careplan.CarePlanApi;
import ro.caravana.scheduler.common.OpenApiDocument;
import ro.caravana.scheduler.geo.GeoApi;
import ro.caravana.scheduler.geo.ServedCounties;
import ro.caravana.scheduler.organisation.OrganisationApi;

/** Mounts the domain's JSON API under /api. */
public final class DomainApi {

  private DomainApi() {}

  public static void mount(Router router, Pool pool, ServedCounties served) {
    OpenApiDocument.mount(router);
    GeoApi.mount(router, pool, served);
    OrganisationApi.mount(router, pool);
    ro.caravana.scheduler.organisation.OrganisationWrites.mount(router, pool, served);
    BeneficiaryApi.mount(router, pool);
    CarePlanApi.mount(router, pool);
    AppointmentApi.mount(router, pool);
  }
}
