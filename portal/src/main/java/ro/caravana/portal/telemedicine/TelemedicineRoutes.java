package ro.caravana.portal.telemedicine;

import io.vertx.ext.web.Router;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.platform.config.AppConfig;
import ro.caravana.signalling.Signalling;
import ro.caravana.signalling.SignallingConfig;
import ro.caravana.signalling.rtc.CallGate;
import ro.caravana.signalling.rtc.PresenceSink;

/**
 * Wires telemedicine into the portal: the signalling endpoint and the call page, on the same event
 * bus as the scheduler, which asks it for join tickets and hears its presence events.
 */
public final class TelemedicineRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(TelemedicineRoutes.class);

  private TelemedicineRoutes() {}

  /** The placeholder Jitsi domain of demo mode: tokens can be asked for and decoded; no call happens there. */
  public static final String DEMO_JITSI_DOMAIN = "meet.demo.invalid";

  /**
   * Demo mode without a Jitsi deployment: a placeholder domain and a random secret per start, so
   * {@code provider=jitsi} answers a real token; calls default to the built-in signalling.
   */
  public static AppConfig withDemoDefaults(AppConfig config) {
    if (config.optional("jitsi.domain").isPresent()) return config;
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    AppConfig demo = config.with("jitsi.domain", DEMO_JITSI_DOMAIN)
        .with("jitsi.secret", Base64.getUrlEncoder().withoutPadding().encodeToString(secret))
        .with("jitsi.key-id", "")
        .with("jitsi.tenant", "");
    return config.optional("telemedicine.default-provider").orElse("auto").equals("auto")
        ? demo.with("telemedicine.default-provider", "builtin") : demo;
  }

  public static Signalling mount(Router router, SchedulerApp.Context context) {
    SignallingConfig config = SignallingConfig.from(key -> context.config().optional(key).orElse(null));
    if (context.config().optional("telemedicine.token-secret").isEmpty()) {
      LOG.info("telemedicine.token-secret is empty: a random one is used, so join links stop working at restart");
    }
    Signalling signalling = Signalling.mount(router, context.vertx(), config, PresenceSink.eventBus(context.vertx()),
        CallGate.eventBus(context.vertx()));
    LOG.info("telemedicine: {}; built-in signalling on /ws/consultations/{id}",
        signalling.tickets().jitsiAvailable() ? "Jitsi at " + config.jitsiDomain().orElseThrow() : "no Jitsi");
    return signalling;
  }
}
