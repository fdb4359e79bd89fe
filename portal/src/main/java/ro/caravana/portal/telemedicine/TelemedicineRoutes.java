package ro.caravana.portal.telemedicine;

import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.signalling.Signalling;
import ro.caravana.signalling.SignallingConfig;
import ro.caravana.signalling.rtc.PresenceSink;

/**
 * Wires telemedicine into the portal: the signalling endpoint and the call page, on the same event
 * bus as the scheduler, which asks it for join tickets and hears its presence events.
 */
public final class TelemedicineRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(TelemedicineRoutes.class);

  private TelemedicineRoutes() {}

  public static Signalling mount(Router router, SchedulerApp.Context context) {
    SignallingConfig config = SignallingConfig.from(key -> context.config().optional(key).orElse(null));
    if (context.config().optional("telemedicine.token-secret").isEmpty()) {
      LOG.info("telemedicine.token-secret is empty: a random one is used, so join links stop working at restart");
    }
    Signalling signalling = Signalling.mount(router, context.vertx(), config, PresenceSink.eventBus(context.vertx()));
    LOG.info("telemedicine: {}; built-in signalling on /ws/consultations/{{id}}",
        signalling.tickets().jitsiAvailable() ? "Jitsi at " + config.jitsiDomain().orElseThrow() : "no Jitsi");
    return signalling;
  }
}
