package ro.caravana.portal.server;

import io.vertx.ext.web.Router;
import ro.caravana.portal.telemedicine.TelemedicineRoutes;
import ro.caravana.scheduler.SchedulerApp;

/** The portal's own routes (pages, static assets, signalling), mounted beside the scheduler's API. */
public final class PortalRoutes {

  private PortalRoutes() {}

  public static void mount(Router router, SchedulerApp.Context context) {
    router.get("/").handler(ctx -> ctx.redirect("/api/openapi.yaml"));
    TelemedicineRoutes.mount(router, context);
  }
}
