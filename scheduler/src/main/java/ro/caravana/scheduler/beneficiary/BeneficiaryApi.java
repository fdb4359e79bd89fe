package ro.caravana.scheduler.beneficiary;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.LocalDate;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.common.Params;
import ro.caravana.scheduler.common.Rows;
import ro.caravana.scheduler.common.Vocabulary;
import ro.caravana.scheduler.platform.http.Requests;
import ro.caravana.scheduler.platform.http.Responses;

/** HTTP handlers for /api/beneficiaries. */
public final class BeneficiaryApi {

  private final BeneficiaryRepository repository;

  private BeneficiaryApi(BeneficiaryRepository repository) {
    this.repository = repository;
  }

  public static void mount(Router router, Pool pool) {
    BeneficiaryApi api = new BeneficiaryApi(new BeneficiaryRepository(pool));
    router.get("/api/beneficiaries").handler(api::list);
    router.post("/api/beneficiaries").handler(api::create);
    router.get("/api/beneficiaries/:id").handler(api::get);
    router.put("/api/beneficiaries/:id").handler(api::update);
    router.delete("/api/beneficiaries/:id").handler(api::delete);
  }

  private void list(RoutingContext ctx) {
    var filter = new BeneficiaryRepository.Filter(Params.county(ctx), Params.integer(ctx, "locality"),
        Requests.query(ctx, "centre"), Params.choice(ctx, "category", Vocabulary.CATEGORIES), Requests.query(ctx, "q"));
    repository.list(filter, Caller.of(ctx), Requests.limit(ctx), Requests.offset(ctx))
        .onSuccess(page -> Responses.page(ctx, page.items(), page.total()))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    repository.find(Params.pathId(ctx, "id"), Caller.of(ctx))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    BeneficiaryInput in = BeneficiaryInput.from(Requests.body(ctx), today());
    repository.create(in)
        .onSuccess(json -> {
          ctx.response().putHeader("Location", "/api/beneficiaries/" + json.getString("id"));
          Responses.json(ctx, 201, json);
        })
        .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    var id = Params.pathId(ctx, "id");
    BeneficiaryInput in = BeneficiaryInput.from(Requests.body(ctx), today());
    repository.update(id, in, Caller.of(ctx))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    repository.delete(Params.pathId(ctx, "id"), Caller.of(ctx))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  static LocalDate today() {
    return LocalDate.now(Rows.ZONE);
  }
}
