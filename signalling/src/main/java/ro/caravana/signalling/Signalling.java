package ro.caravana.signalling;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import ro.caravana.signalling.rtc.CallGate;
import ro.caravana.signalling.rtc.PresenceSink;
import ro.caravana.signalling.rtc.SignallingEndpoint;
import ro.caravana.signalling.web.CallPage;

/**
 * The telemedicine module in one place: the WebSocket endpoint, the call page, and the join
 * tickets the scheduler's consultation API asks for over the event bus ({@link JoinService}).
 * Presence events go to {@code sink}.
 */
public final class Signalling {

  private final SignallingEndpoint endpoint;
  private final JoinTickets tickets;

  private Signalling(SignallingEndpoint endpoint, JoinTickets tickets) {
    this.endpoint = endpoint;
    this.tickets = tickets;
  }

  /** {@code gate}: asked whether a consultation is still joinable (not cancelled) before a socket opens. */
  public static Signalling mount(Router router, Vertx vertx, SignallingConfig config, PresenceSink sink, CallGate gate) {
    SignallingEndpoint endpoint = new SignallingEndpoint(vertx, config, sink, gate);
    endpoint.mount(router);
    CallPage.mount(router);
    JoinTickets tickets = new JoinTickets(config);
    JoinService.register(vertx, tickets);
    return new Signalling(endpoint, tickets);
  }

  public SignallingEndpoint endpoint() {
    return endpoint;
  }

  public JoinTickets tickets() {
    return tickets;
  }
}
