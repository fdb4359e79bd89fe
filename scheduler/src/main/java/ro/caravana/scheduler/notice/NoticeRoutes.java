package ro.caravana.scheduler.notice;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.access.FamilyLinks;
import ro.caravana.scheduler.common.Params;
import ro.caravana.scheduler.notice.reply.ReplyService;
import ro.caravana.scheduler.notice.reply.ReplyThreads;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.http.Requests;
import ro.caravana.scheduler.platform.http.Responses;

/**
 * Read side for coordinators: {@code GET /api/notifications}, {@code GET /api/notifications/{id}}
 * and {@code GET /api/sms/replies} (answers that were neither DA, NU nor STOP are the ones to read),
 * {@code GET /api/sms/threads} (the coordinator's queue: those answers with the messages to and from their phone),
 * each limited to the caller's counties (and centre); and the short link of a message,
 * {@code GET /l/{code}}, which shows the family's page of the signed family link it stands for.
 */
public final class NoticeRoutes {

  private static final Set<String> STATUSES = Set.of("queued", "held", "sending", "sent", "delivered", "failed",
      "suppressed");
  private static final Set<String> KINDS = NoticeKind.codes();
  private static final Set<String> INTENTS = Set.of("confirm", "cancel", "stop", "other");

  private final NoticeRepository notices;
  private final ReplyService replies;
  private final FamilyLinks links;
  private final ReplyThreads threads;

  public NoticeRoutes(NoticeRepository notices, ReplyService replies, FamilyLinks links, ReplyThreads threads) {
    this.notices = notices;
    this.replies = replies;
    this.links = links;
    this.threads = threads;
  }

  public void mount(Router router) {
    router.get("/api/notifications").handler(this::list);
    router.get("/api/notifications/:id").handler(this::get);
    router.get("/api/sms/replies").handler(this::replies);
    router.get("/api/sms/threads").handler(this::threads);
    if (links != null) router.get("/l/:code").handler(this::shortLink);
  }

  /**
   * The short link: no data of its own, only a redirect to {@code /api/family/{token}} while the family
   * link behind the code works (that route is rate-limited and shows the one appointment). Unknown codes
   * and dead links answer the same 404.
   */
  private void shortLink(RoutingContext ctx) {
    String accept = ctx.request().getHeader("Accept");
    boolean api = accept != null && accept.contains("application/json") && !accept.contains("text/html");
    notices.resolve(ctx.pathParam("code")).onSuccess(found -> {
      if (found.isEmpty()) {
        // a browser gets the family page's "this link no longer works" (404, HTML)
        if (api) ctx.fail(ApiError.notFound("code", "Linkul nu este valid sau a expirat.", "The link is not valid or has expired."));
        else ctx.reroute("/familie/-");
        return;
      }
      // the family's page (HTML, served by the portal) under this same address; API clients asking for
      // JSON are sent to the family link's API
      String token = links.tokenOf(found.get());
      if (api) {
        ctx.response().setStatusCode(302).putHeader("Location", "/api/family/" + token)
            .putHeader("Cache-Control", "no-store").end();
        return;
      }
      ctx.reroute("/familie/" + token);
    }).onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    int limit = Requests.limit(ctx);
    int offset = Requests.offset(ctx);
    var filter = new NoticeRepository.Filter(oneOf(ctx, "status", STATUSES), Params.county(ctx),
        Params.uuid(ctx, "appointmentId"), oneOf(ctx, "kind", KINDS), Params.uuid(ctx, "beneficiaryId"));
    Caller caller = Caller.of(ctx);
    Future.all(notices.list(caller, limit, offset, filter), notices.count(caller, filter))
        .onSuccess(all -> Responses.page(ctx, new JsonArray(all.<java.util.List<Object>>resultAt(0)), all.<Long>resultAt(1)))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    long id = ro.caravana.scheduler.common.Ids.pathNumber(ctx, "id");
    notices.get(Caller.of(ctx), id).onSuccess(found -> found.ifPresentOrElse(n -> Responses.json(ctx, 200, n),
        () -> ctx.fail(ApiError.notFound("id", "Notificarea nu există.", "No such notification."))))
        .onFailure(ctx::fail);
  }

  private void replies(RoutingContext ctx) {
    int limit = Requests.limit(ctx);
    int offset = Requests.offset(ctx);
    String intent = oneOf(ctx, "intent", INTENTS);
    String county = Params.county(ctx);
    Caller caller = Caller.of(ctx);
    java.util.UUID beneficiary = Params.uuid(ctx, "beneficiaryId");
    Future.all(replies.list(caller, limit, offset, intent, county, beneficiary), replies.count(caller, intent, county, beneficiary))
        .onSuccess(all -> Responses.page(ctx, new JsonArray(all.<java.util.List<Object>>resultAt(0)), all.<Long>resultAt(1)))
        .onFailure(ctx::fail);
  }

  private void threads(RoutingContext ctx) {
    int limit = Requests.limit(ctx);
    int offset = Requests.offset(ctx);
    String county = Params.county(ctx);
    Caller caller = Caller.of(ctx);
    Future.all(threads.list(caller, county, limit, offset), threads.count(caller, county))
        .onSuccess(all -> Responses.page(ctx, new JsonArray(all.<java.util.List<Object>>resultAt(0)), all.<Long>resultAt(1)))
        .onFailure(ctx::fail);
  }

  private static String oneOf(RoutingContext ctx, String name, Set<String> allowed) {
    String v = Requests.query(ctx, name);
    if (v != null && !allowed.contains(v)) {
      throw ApiError.badRequest(name, "Valoare necunoscută pentru „" + name + "”: " + v + ".",
          "Unknown value for '" + name + "': " + v + ". Allowed: " + String.join(", ", allowed.stream().sorted().toList()));
    }
    return v;
  }
}
