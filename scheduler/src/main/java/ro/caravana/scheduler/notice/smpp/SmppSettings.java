package ro.caravana.scheduler.notice.smpp;

import ro.caravana.scheduler.platform.config.AppConfig;

/**
 * An SMPP 3.4 transceiver bind: where, who, and how hard to push.
 *
 * @param window submit_sm requests in flight at once
 * @param ratePerSecond submit_sm per second the operator allows on this bind
 */
public record SmppSettings(String host, int port, String systemId, String password, String systemType,
    String sourceAddress, int ratePerSecond, int window, int enquireLinkMillis, int responseTimeoutMillis,
    long reconnectMinMillis, long reconnectMaxMillis) {

  public static SmppSettings from(AppConfig config) {
    return new SmppSettings(config.string("sms.smpp.host"), config.integer("sms.smpp.port"),
        config.string("sms.smpp.system-id"), config.optional("sms.smpp.password").orElse(""),
        config.optional("sms.smpp.system-type").orElse(""), config.string("sms.smpp.source-address"),
        config.integer("sms.smpp.rate-per-second"), config.integer("sms.smpp.window"),
        config.integer("sms.smpp.enquire-link-ms"), config.integer("sms.smpp.response-timeout-ms"),
        config.longValue("sms.smpp.reconnect-min-ms"), config.longValue("sms.smpp.reconnect-max-ms"));
  }

  public SmppSettings withEndpoint(String newHost, int newPort) {
    return new SmppSettings(newHost, newPort, systemId, password, systemType, sourceAddress, ratePerSecond, window,
        enquireLinkMillis, responseTimeoutMillis, reconnectMinMillis, reconnectMaxMillis);
  }
}
