package ro.caravana.portal.telemedicine;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.consultation.Consultation;
import ro.caravana.scheduler.consultation.ConsultationRoutes;
import ro.caravana.scheduler.consultation.JoinIssuer;
import ro.caravana.signalling.ConsultationSlot;
import ro.caravana.signalling.JoinTickets;
import ro.caravana.signalling.JoinTickets.Provider;
import ro.caravana.signalling.Participant;
import ro.caravana.signalling.Participant.Role;
import ro.caravana.signalling.Signalling;
import ro.caravana.signalling.SignallingConfig;
import ro.caravana.signalling.rtc.PresenceSink;

/**
 * Wires telemedicine into the portal: the signalling endpoint and call page, and the scheduler's
 * consultation API with join tickets signed by the signalling. Presence events travel on the event
 * bus to the scheduler's attendance consumer.
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
    ConsultationRoutes.mount(router, context.pool(), issuer(signalling.tickets()));
    LOG.info("telemedicine: {} and built-in signalling on /ws/consultations/{{id}}",
        signalling.tickets().jitsiAvailable() ? "Jitsi at " + config.jitsiDomain().orElseThrow() : "no Jitsi");
    return signalling;
  }

  static JoinIssuer issuer(JoinTickets tickets) {
    return (Consultation c, String as, String provider) -> {
      Provider chosen = Provider.parse(provider).orElse(tickets.defaultProvider());
      if (chosen == Provider.JITSI && !tickets.jitsiAvailable()) throw new IllegalArgumentException("Jitsi is not configured");
      Participant who = Role.parse(as) == Role.DOCTOR
          ? new Participant("staff:" + c.doctorId(), c.doctorName(), Role.DOCTOR)
          : new Participant("beneficiary:" + c.beneficiaryId(), c.familyName(), Role.FAMILY);
      ConsultationSlot slot = new ConsultationSlot(c.id().toString(), c.start().toInstant(), c.end().toInstant());
      JsonObject ticket = tickets.join(slot, who, chosen);
      return ticket.put("start", c.start().toString()).put("end", c.end().toString())
          .put("issuedAt", Instant.now().toString());
    };
  }
}
