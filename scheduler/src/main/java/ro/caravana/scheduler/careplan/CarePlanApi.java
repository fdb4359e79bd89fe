package ro.caravana.scheduler.careplan;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.UUID;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.common.Params;
import ro.caravana.scheduler.common.Vocabulary;
import ro.caravana.scheduler.platform.http.Requests;
import ro.caravana.scheduler.platform.http.Responses;

/** HTTP handlers for /api/care-plans and /api/beneficiaries/{id}/care-plans. */
public final class CarePlanApi {

  private final CarePlanRepository repository;

  private CarePlanApi(CarePlanRepository repository) {
    this.repository = repository;
  }

  public static void mount(Router router, Pool pool) {
    CarePlanApi api = new CarePlanApi(new CarePlanRepository(pool));
    router.get("/api/beneficiaries/:id/care-plans").handler(api::listOfBeneficiary);
    router.post("/api/beneficiaries/:id/care-plans").handler(api::createForBeneficiary);
    router.get("/api/care-plans").handler(api::list);
    router.post("/api/care-plans").handler(api::create);
    router.get("/api/care-plans/:id").handler(api::get);
    router.put("/api/care-plans/:id").handler(api::update);
    router.delete("/api/care-plans/:id").handler(api::delete);
  }

  private void list(RoutingContext ctx) {
    var filter = new CarePlanRepository.Filter(Params.uuid(ctx, "beneficiary"), Params.county(ctx),
        Params.choice(ctx, "service", Vocabulary.SERVICES), Params.choice(ctx, "modality", Vocabulary.MODALITIES));
    repository.list(filter, Caller.of(ctx), Requests.limit(ctx), Requests.offset(ctx))
        .onSuccess(page -> Responses.page(ctx, page.items(), page.total()))
        .onFailure(ctx::fail);
  }

  private void listOfBeneficiary(RoutingContext ctx) {
    UUID beneficiary = Params.pathId(ctx, "id");
    Caller caller = Caller.of(ctx);
    var filter = new CarePlanRepository.Filter(beneficiary, null, null, null);
    int limit = Requests.limit(ctx);
    int offset = Requests.offset(ctx);
    repository.requireBeneficiary(beneficiary, Caller.of(ctx))
        .compose(v -> repository.list(filter, caller, limit, offset))
        .onSuccess(page -> Responses.page(ctx, page.items(), page.total()))
        .onFailure(ctx::fail);
  }

  private void createForBeneficiary(RoutingContext ctx) {
    UUID beneficiary = Params.pathId(ctx, "id");
    JsonObject body = Requests.body(ctx);
    CarePlanInput in = CarePlanInput.from(body, beneficiary);
    repository.requireBeneficiary(beneficiary, Caller.of(ctx))
        .compose(v -> repository.create(in))
        .onSuccess(json -> created(ctx, json))
        .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    CarePlanInput in = CarePlanInput.from(Requests.body(ctx), null);
    repository.create(in)
        .onSuccess(json -> created(ctx, json))
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    repository.find(Params.pathId(ctx, "id"), Caller.of(ctx))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    UUID id = Params.pathId(ctx, "id");
    CarePlanInput in = CarePlanInput.from(Requests.body(ctx), null);
    repository.update(id, in, Caller.of(ctx))
        .onSuccess(json -> Responses.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    repository.delete(Params.pathId(ctx, "id"), Caller.of(ctx))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private static void created(RoutingContext ctx, JsonObject json) {
    ctx.response().putHeader("Location", "/api/care-plans/" + json.getString("id"));
    Responses.json(ctx, 201, json);
  }
}
