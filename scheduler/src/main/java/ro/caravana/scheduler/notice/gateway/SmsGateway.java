package ro.caravana.scheduler.notice.gateway;

import io.vertx.core.Future;

/**
 * Where messages leave Caravana: an SMPP connection to an operator or an HTTP API. Delivery
 * reports and inbound messages come back through the {@link GatewayListener} the gateway was
 * made with.
 */
public interface SmsGateway {

  /** Starts connecting; never fails because the far end is down (it keeps trying). */
  Future<Void> start();

  /**
   * Hands one message over. Succeeds with the gateway's message id once the far end accepted it;
   * fails with {@link SendFailure}, transient (try again later) or permanent.
   */
  Future<String> send(OutgoingSms sms);

  /** True when a message sent now could be accepted. */
  boolean ready();

  Future<Void> stop();
}
