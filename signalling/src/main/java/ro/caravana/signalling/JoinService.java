package ro.caravana.signalling;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import ro.caravana.signalling.JoinTickets.Provider;
import ro.caravana.signalling.Participant.Role;

/**
 * Answers the scheduler's join requests on the event bus ({@link #ADDRESS}): the scheduler knows the
 * consultation and who the participant is; the signalling signs the token. A request the signalling
 * cannot serve (unknown or unconfigured provider, bad data) fails with code 400.
 */
public final class JoinService {

  public static final String ADDRESS = "caravana.signalling.join";

  private JoinService() {}

  public static MessageConsumer<JsonObject> register(Vertx vertx, JoinTickets tickets) {
    return vertx.eventBus().consumer(ADDRESS, m -> answer(m, tickets));
  }

  private static void answer(Message<JsonObject> m, JoinTickets tickets) {
    JsonObject r = m.body();
    try {
      Provider provider = Provider.parse(r.getString("provider")).orElse(tickets.defaultProvider());
      if (provider == Provider.JITSI && !tickets.jitsiAvailable()) {
        m.fail(400, "Jitsi is not configured");
        return;
      }
      JsonObject who = r.getJsonObject("participant");
      Participant participant = new Participant(who.getString("id"), who.getString("name"), Role.parse(r.getString("as")));
      ConsultationSlot slot = new ConsultationSlot(r.getString("consultationId"),
          Instant.parse(r.getString("start")), Instant.parse(r.getString("end")));
      m.reply(tickets.join(slot, participant, provider));
    } catch (IllegalArgumentException | NullPointerException | DateTimeParseException | ClassCastException e) {
      m.fail(400, "bad join request: " + e.getMessage());
    }
  }
}
