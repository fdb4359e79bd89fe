package ro.caravana.scheduler.notice.gateway;

import io.vertx.core.Future;

/**
 * What a gateway reports back. The gateway acknowledges a report to the far end only after the
 * returned future succeeds, so a report that could not be stored is sent again.
 */
public interface GatewayListener {

  Future<Void> onDeliveryReport(DeliveryReport report);

  Future<Void> onInbound(InboundSms sms);
}
