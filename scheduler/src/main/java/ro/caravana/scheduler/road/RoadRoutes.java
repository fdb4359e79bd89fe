package ro.caravana.scheduler.road;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.common.Fields;
import ro.caravana.scheduler.common.Ids;
import ro.caravana.scheduler.common.Params;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.http.Requests;
import ro.caravana.scheduler.platform.http.Responses;

/**
 * Road times a county keeps: {@code /api/travel-matrix} (CSV import, list), {@code /api/road-rules}
 * (closures and slow periods) and {@code /api/localities/{siruta}/visit-frequency}.
 */
public final class RoadRoutes {

  /** Longest a road rule may last: a winter, with margin. */
  static final int MAX_RULE_DAYS = 366;

  private final RoadRepository roads;
  private final RoadRouter router;

  public RoadRoutes(RoadRepository roads, RoadRouter router) {
    this.roads = roads;
    this.router = router;
  }

  public void mount(Router router) {
    router.post("/api/travel-matrix").handler(this::importMatrix);
    router.get("/api/travel-matrix").handler(this::listMatrix);
    router.post("/api/travel-matrix/refresh").handler(this::refresh);
    router.post("/api/road-rules").handler(this::createRule);
    router.get("/api/road-rules").handler(this::listRules);
    router.put("/api/localities/:siruta/visit-frequency").handler(this::setFrequency);
  }

  private void importMatrix(RoutingContext ctx) {
    // read as UTF-8 whatever charset the Content-Type claims (an unknown one would throw)
    String text = ctx.body() == null || ctx.body().buffer() == null ? null
        : ctx.body().buffer().toString(java.nio.charset.StandardCharsets.UTF_8);
    if (text == null || text.isBlank()) {
      throw ApiError.badRequest("body", "Lipsește fișierul CSV („" + TravelMatrixCsv.HEADER + "”).",
          "The CSV file is missing ('" + TravelMatrixCsv.HEADER + "').");
    }
    List<RoadNetwork.Entry> entries = TravelMatrixCsv.parse(text);
    roads.importEntries(entries, Caller.of(ctx).countyScope())
        .onSuccess(n -> Responses.json(ctx, 200, new JsonObject().put("imported", n)))
        .onFailure(ctx::fail);
  }

  private void listMatrix(RoutingContext ctx) {
    roads.listEntries(Params.county(ctx), Caller.of(ctx).countyScope(), Requests.limit(ctx), Requests.offset(ctx))
        .onSuccess(page -> Responses.json(ctx, 200, page))
        .onFailure(ctx::fail);
  }

  /** Asks the configured road router for the county's pairs in the background; 202 at once. */
  private void refresh(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    Object county = body.getValue("county");
    if (!(county instanceof String c) || !c.matches("^[A-Z]{1,2}$")) {
      throw ApiError.badRequest("county", "Județul lipsește sau nu este un cod valid (ex. „VN”).",
          "The county is missing or not a valid code (e.g. \"VN\").");
    }
    if (!router.configured()) {
      throw ApiError.conflict("county", "Nu este configurat niciun serviciu de rutare (road.router.kind).",
          "No road router is configured (road.router.kind).");
    }
    router.refresh(c)
        .onSuccess(pairs -> Responses.json(ctx, 202, new JsonObject().put("county", c).put("router", router.kindCode())
            .put("pairs", pairs)))
        .onFailure(ctx::fail);
  }

  private void createRule(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    int siruta = Fields.integer(body, "siruta", 1, 999_999_999);
    LocalDate from = Fields.requiredDate(body, "from");
    LocalDate to = Fields.requiredDate(body, "to");
    if (to.isBefore(from)) {
      throw ApiError.badRequest("to", "„to” este înaintea lui „from”.", "'to' is before 'from'.");
    }
    if (to.toEpochDay() - from.toEpochDay() >= MAX_RULE_DAYS) {
      throw ApiError.badRequest("to", "O regulă durează cel mult " + MAX_RULE_DAYS + " de zile.",
          "A rule lasts at most " + MAX_RULE_DAYS + " days.");
    }
    RoadRule.Kind kind = RoadRule.Kind.valueOf(Fields.choice(body, "kind", Set.of("closed", "slow")).toUpperCase());
    int percent = 100;
    if (kind == RoadRule.Kind.SLOW) {
      Object factor = body.getValue("factor");
      if (!(factor instanceof Number n) || n.doubleValue() < 1.0 || n.doubleValue() > 10.0) {
        throw ApiError.badRequest("factor", "„factor” trebuie să fie un număr între 1 și 10 (ex. 1.5).",
            "'factor' must be a number between 1 and 10 (e.g. 1.5).");
      }
      percent = (int) Math.round(n.doubleValue() * 100);
    } else if (body.containsKey("factor")) {
      throw ApiError.badRequest("factor", "O închidere nu are factor.", "A closure has no factor.");
    }
    String note = Fields.optionalText(body, "note");
    if (note != null && note.length() > 200) {
      throw ApiError.badRequest("note", "Nota are cel mult 200 de caractere.", "The note has at most 200 characters.");
    }
    int factorPercent = percent;
    roads.insertRule(siruta, from, to, kind, factorPercent, note)
        .onSuccess(id -> Responses.json(ctx, 201,
            RoadRepository.ruleJson(new RoadRule(id, siruta, from, to, kind, factorPercent, note))))
        .onFailure(ctx::fail);
  }

  private void listRules(RoutingContext ctx) {
    roads.listRules(Params.county(ctx), Caller.of(ctx).countyScope(), Requests.limit(ctx), Requests.offset(ctx))
        .onSuccess(page -> Responses.json(ctx, 200, page))
        .onFailure(ctx::fail);
  }

  private void setFrequency(RoutingContext ctx) {
    int siruta = siruta(ctx.pathParam("siruta"));
    JsonObject body = Requests.body(ctx);
    int every = Fields.integer(body, "everyDays", 7, 182);
    Integer maxGap = Fields.optionalInteger(body, "maxGapDays", every + 2, 273);
    RoadRepository.Frequency f = new RoadRepository.Frequency(every, maxGap == null ? Math.min(273, every + 7) : maxGap);
    roads.setFrequency(siruta, f)
        .onSuccess(v -> Responses.json(ctx, 200, new JsonObject().put("siruta", siruta)
            .put("everyDays", f.everyDays()).put("maxGapDays", f.maxGapDays())))
        .onFailure(ctx::fail);
  }

  /** A SIRUTA code in a path: ASCII digits only (no signs, decimals, other scripts' digits). */
  static int siruta(String raw) {
    long siruta = Ids.numberOrNegative(raw);
    if (siruta < 0 || siruta > Integer.MAX_VALUE) {
      throw ApiError.notFound("siruta", "Nu există o localitate cu acest cod SIRUTA.", "No locality with this SIRUTA code.");
    }
    return (int) siruta;
  }
}
