package ro.caravana.scheduler.consultation;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Set;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import ro.caravana.scheduler.access.Audit;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.access.FamilyLinks;
import ro.caravana.scheduler.common.Fields;
import ro.caravana.scheduler.common.Ids;
import ro.caravana.scheduler.common.Params;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.http.Requests;
import ro.caravana.scheduler.platform.http.Responses;

/**
 * The consultation API: remote appointments as consultations, and the join ticket per participant.
 * <ul>
 *   <li>{@code GET /api/consultations?limit=&offset=&appointmentStatus=}</li>
 *   <li>{@code GET /api/consultations/{id}}</li>
 *   <li>{@code GET /api/consultations/{id}/join?as=doctor|family&provider=jitsi|builtin} (clinicians, bound to the person)</li>
 *   <li>{@code POST /api/consultations/{id}/participants} (admin: a substitute doctor or a helper, with a reason)</li>
 *   <li>{@code GET /api/family/{token}/join?provider=} (the family, through their link)</li>
 * </ul>
 */
public final class ConsultationRoutes {

  private static final Set<String> APPOINTMENT_STATUSES = Set.of("proposed", "booked", "arrived", "fulfilled", "cancelled", "noshow");
  private static final Set<String> ROLES = Set.of("doctor", "family");

  private final ConsultationRepository repository;
  private final JoinIssuer issuer;
  private final FamilyLinks familyLinks;
  private final Audit audit;

  private ConsultationRoutes(ConsultationRepository repository, JoinIssuer issuer, FamilyLinks familyLinks, Audit audit) {
    this.repository = repository;
    this.issuer = issuer;
    this.familyLinks = familyLinks;
    this.audit = audit;
  }

  public static void mount(Router router, Pool pool, JoinIssuer issuer, FamilyLinks familyLinks) {
    ConsultationRoutes routes = new ConsultationRoutes(new ConsultationRepository(pool), issuer, familyLinks, new Audit(pool));
    router.get("/api/consultations").handler(routes::list);
    router.get("/api/consultations/:id").handler(routes::get);
    router.get("/api/consultations/:id/join").handler(routes::join);
    router.post("/api/consultations/:id/participants").handler(routes::designate);
    router.get("/api/family/:token/join").handler(routes::familyJoin);
  }

  /** The signalling's event bus address for "may this consultation still be joined" (ro.caravana.signalling.rtc.CallGate). */
  public static final String JOINABLE_ADDRESS = "caravana.consultations.joinable";
  private static final String JOINABLE = "SELECT status <> 'cancelled' FROM appointments WHERE id = $1 AND modality = 'remote'";

  /**
   * Answers the signalling before it opens a call socket (and for open calls at each heartbeat): true while
   * the remote appointment exists and is not cancelled, so tickets issued before a cancellation stop working.
   */
  public static void answerJoinable(Vertx vertx, Pool pool) {
    vertx.eventBus().<Object>consumer(JOINABLE_ADDRESS, m -> {
      UUID id = m.body() instanceof String s ? Ids.uuidOrNull(s) : null;
      if (id == null) {
        m.reply(false);
        return;
      }
      pool.preparedQuery(JOINABLE).execute(Tuple.of(id))
          .onSuccess(rows -> m.reply(rows.size() > 0 && Boolean.TRUE.equals(rows.iterator().next().getBoolean(0))))
          .onFailure(e -> m.fail(500, "joinable check failed"));
    });
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

  /**
   * A ticket for a signed-in clinician, bound to the person: the doctor's (moderator's) ticket only to the
   * clinician of the appointment or a substitute an administrator designated; the family's only to a
   * clinician designated as helper (never to the appointment's own clinician, who would be both sides of
   * the call and could make presence mark it fulfilled). Coordinators and supervisors are refused by the
   * policy. Every ticket issued is audited ({@code join-doctor}, {@code join-family}).
   */
  private void join(RoutingContext ctx) {
    String as = Requests.query(ctx, "as");
    if (as == null || !ROLES.contains(as)) {
      throw ApiError.badRequest("as", "Parametrul „as” este „doctor” sau „family”.", "Parameter 'as' is 'doctor' or 'family'.");
    }
    String provider = Requests.query(ctx, "provider");
    Caller caller = Caller.of(ctx);
    if (!caller.role().isClinician() || caller.staffId() == null) throw notYours(as);
    repository.find(Params.pathId(ctx, "id"), caller)
        .compose(c -> repository.designations(c.id(), caller.staffId()).compose(kinds -> {
          boolean allowed = as.equals("doctor")
              ? caller.staffId().equals(c.doctorId()) || kinds.contains("substitute")
              : kinds.contains("helper") && !caller.staffId().equals(c.doctorId());
          if (!allowed) throw notYours(as);
          return ticket(ctx, c, as, provider);
        }))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  /** The family's ticket through their own family link: no account, the link names the appointment. */
  private void familyJoin(RoutingContext ctx) {
    String provider = Requests.query(ctx, "provider");
    familyLinks.appointmentOf(ctx.pathParam("token"))
        .compose(repository::findForFamily)
        .compose(c -> ticket(ctx, c, "family", provider))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private Future<JsonObject> ticket(RoutingContext ctx, Consultation c, String as, String provider) {
    check(c);
    return issuer.join(c, as, provider)
        .compose(ticket -> audit.record(ctx, "join-" + as, c.beneficiaryId()).map(ticket))
        .map(ticket -> ticket.put("start", ConsultationRepository.iso(c.start())).put("end", ConsultationRepository.iso(c.end())));
  }

  /** Body {@code {"staffId", "kind": "substitute"|"helper", "reason"}}: an administrator designates who else may join. */
  private void designate(RoutingContext ctx) {
    UUID id = Params.pathId(ctx, "id");
    JsonObject body = Requests.body(ctx);
    Long staff = Fields.optionalId(body, "staffId");
    if (staff == null) throw Fields.missing("staffId");
    String kind = Fields.choice(body, "kind", Set.of("substitute", "helper"));
    String reason = Fields.text(body, "reason");
    if (reason.length() < 5) {
      throw Fields.invalid("reason", "Motivul trebuie să aibă cel puțin 5 caractere.", "The reason needs at least 5 characters.");
    }
    Caller caller = Caller.of(ctx);
    repository.find(id, caller)
        .compose(c -> repository.designate(c.id(), staff, kind, reason, caller.accountId())
            .compose(v -> audit.record(ctx, "designate-" + kind, c.beneficiaryId())))
        .onSuccess(v -> Responses.json(ctx, 201, new JsonObject().put("consultationId", id.toString())
            .put("staffId", staff).put("kind", kind).put("reason", reason)))
        .onFailure(ctx::fail);
  }

  private static ApiError notYours(String as) {
    return as.equals("doctor")
        ? ApiError.forbidden("Doar medicul programării sau un înlocuitor desemnat primește biletul medicului.",
            "Only the appointment's clinician or a designated substitute gets the doctor's ticket.")
        : ApiError.forbidden("Biletul familiei se primește prin linkul familiei sau de personalul desemnat să o ajute.",
            "The family's ticket comes through the family link or to staff designated to help them.");
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
