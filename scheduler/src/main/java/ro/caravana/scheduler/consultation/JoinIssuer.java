package ro.caravana.scheduler.consultation;

import io.vertx.core.json.JsonObject;

/**
 * Hands out what a participant needs to join (provider, page url, token, room, ICE servers). The
 * signalling module implements it; the portal wires the two together, so the scheduler does not
 * depend on the signalling.
 */
@FunctionalInterface
public interface JoinIssuer {

  /**
   * @param as       {@code doctor} or {@code family}
   * @param provider {@code jitsi}, {@code builtin}, or null for the configured default
   * @throws IllegalArgumentException when the provider is unknown or not configured
   */
  JsonObject join(Consultation consultation, String as, String provider);
}
