package ro.caravana.scheduler.consultation;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import ro.caravana.scheduler.platform.http.ApiError;

/**
 * Hands out what a participant needs to join (provider, page url, token, room, ICE servers). The
 * signalling signs the tokens; the scheduler asks it over the event bus, so neither module depends
 * on the other and the signalling can run as its own process (clustered event bus).
 */
@FunctionalInterface
public interface JoinIssuer {

  /** Request: {@code consultationId, start, end, as, provider, participant {id, name}}; reply: the ticket. */
  String ADDRESS = "caravana.signalling.join";

  /**
   * @param as       {@code doctor} or {@code family}
   * @param provider {@code jitsi}, {@code builtin}, or null for the configured default
   */
  Future<JsonObject> join(Consultation consultation, String as, String provider);

  static JoinIssuer eventBus(Vertx vertx) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(5000);
    return (c, as, provider) -> {
      boolean doctor = as.equals("doctor");
      JsonObject request = new JsonObject()
          .put("consultationId", c.id().toString())
          .put("start", c.start().toInstant().toString())
          .put("end", c.end().toInstant().toString())
          .put("as", as)
          .put("provider", provider)
          .put("participant", new JsonObject()
              .put("id", doctor ? "staff:" + c.doctorId() : "beneficiary:" + c.beneficiaryId())
              .put("name", doctor ? c.doctorName() : c.familyName()));
      return vertx.eventBus().<JsonObject>request(ADDRESS, request, options)
          .map(reply -> reply.body())
          .recover(e -> Future.failedFuture(problem(e, provider)));
    };
  }

  private static Throwable problem(Throwable e, String provider) {
    if (e instanceof ReplyException r && r.failureType() == ReplyFailure.RECIPIENT_FAILURE && r.failureCode() == 400) {
      return ApiError.badRequest("provider",
          "Furnizorul „" + provider + "” nu este disponibil (jitsi necesită configurare; builtin este mereu disponibil).",
          "Provider '" + provider + "' is not available (jitsi needs configuration; builtin always is).");
    }
    return new ApiError(503, null, "Serviciul de telemedicină nu răspunde; încercați din nou.",
        "The telemedicine service does not answer; try again.");
  }
}
