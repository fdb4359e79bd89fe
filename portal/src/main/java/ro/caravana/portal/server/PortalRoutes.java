package ro.caravana.portal.server;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import ro.caravana.portal.page.PageRoutes;
import ro.caravana.portal.telemedicine.TelemedicineRoutes;
import ro.caravana.scheduler.SchedulerApp;

/** The portal's own routes (pages, static assets, signalling), mounted beside the scheduler's API. */
public final class PortalRoutes {

  private PortalRoutes() {}

  public static void mount(Router router, SchedulerApp.Context context) {
    // the consultation call page and the signalling WebSocket, before the catch-all static handler
    TelemedicineRoutes.mount(router, context);
    // server-rendered pages (Handlebars, templates/*.hbs), see ro.caravana.portal.page.Pages
    PageRoutes.mount(router, context);
    // scripts, styles and the former single-page view
    router.get("/*").handler(StaticHandler.create("webroot").setIndexPage("index.html").setCachingEnabled(false));
  }
}
