package ro.caravana.scheduler.consultation;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.OffsetDateTime;
import java.util.Set;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.common.Params;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.http.Requests;
import ro.caravana.scheduler.platform.http.Responses;

/**
 * The consultation API: remote appointments as consultations, and the join ticket per participant.
 * <ul>
 *   <li>{@code GET /api/consultations?limit=&offset=&appointmentStatus=}</li>
 *   <li>{@code GET /api/consultations/{id}}</li>
 *   <li>{@code GET /api/consultations/{id}/join?as=doctor|family&provider=jitsi|builtin}</li>
 * </ul>
 */
public final class ConsultationRoutes {

  private static final Set<String> APPOINTMENT_STATUSES = Set.of("proposed", "booked", "arrived", "fulfilled", "cancelled", "noshow");
  private static final Set<String> ROLES = Set.of("doctor", "family");

  private final ConsultationRepository repository;
  private final JoinIssuer issuer;

  private ConsultationRoutes(ConsultationRepository repository, JoinIssuer issuer) {
    this.repository = repository;
    this.issuer = issuer;
  }

  public static void mount(Router router, Pool pool, JoinIssuer issuer) {
    ConsultationRoutes routes = new ConsultationRoutes(new ConsultationRepository(pool), issuer);
    router.get("/api/consultations").handler(routes::list);
    router.get("/api/consultations/:id").handler(routes::get);
    router.get("/api/consultations/:id/join").handler(routes::join);
  }

  /**
   * {@code GET /api/family/{token}/join}: the family's ticket to the call, for a family link of a remote
   * appointment (the family page's "join" button); the link decides, as for the rest of the family page.
   */
  public static void mountFamilyJoin(Router router, Pool pool, JoinIssuer issuer,
      java.util.function.Function<String, io.vertx.core.Future<java.util.UUID>> appointmentOfLink) {
    ConsultationRoutes routes = new ConsultationRoutes(new ConsultationRepository(pool), issuer);
    router.get("/api/family/:token/join").handler(ctx -> appointmentOfLink.apply(ctx.pathParam("token"))
        .compose(routes.repository::findByFamilyLink)
        .compose(c -> {
          check(c);
          return routes.issuer.join(c, "family", null)
              .map(ticket -> ticket.put("start", ConsultationRepository.iso(c.start())).put("end", ConsultationRepository.iso(c.end())));
        })
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail));
  }

  private void list(RoutingContext ctx) {
    repository.list(Params.choice(ctx, "appointmentStatus", APPOINTMENT_STATUSES), Caller.of(ctx),
        Requests.limit(ctx), Requests.offset(ctx))
        .onSuccess(page -> Responses.page(ctx, page.items(), page.total()))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    repository.findJson(Params.pathId(ctx, "id"), Caller.of(ctx))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private void join(RoutingContext ctx) {
    String as = Requests.query(ctx, "as");
    if (as == null || !ROLES.contains(as)) {
      throw ApiError.badRequest("as", "Parametrul „as” este „doctor” sau „family”.", "Parameter 'as' is 'doctor' or 'family'.");
    }
    String provider = Requests.query(ctx, "provider");
    repository.find(Params.pathId(ctx, "id"), Caller.of(ctx))
        .compose(c -> {
          check(c);
          return issuer.join(c, as, provider)
              .map(ticket -> ticket.put("start", ConsultationRepository.iso(c.start())).put("end", ConsultationRepository.iso(c.end())));
        })
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private static void check(Consultation c) {
    if (!c.open()) {
      throw ApiError.conflict("status", "Consultația nu mai poate fi deschisă (stare: " + c.status() + ").",
          "The consultation can no longer be joined (status: " + c.status() + ").");
    }
    if (OffsetDateTime.now().isAfter(c.end().plusMinutes(30))) {
      throw ApiError.conflict("end", "Intervalul consultației a trecut.", "The consultation's slot is over.");
    }
    if (c.doctorId() == null) {
      throw ApiError.conflict("doctor", "Consultația nu are încă un medic repartizat.", "The consultation has no doctor assigned yet.");
    }
  }
}
