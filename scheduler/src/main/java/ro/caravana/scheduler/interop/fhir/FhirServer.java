package ro.caravana.scheduler.interop.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.http.Problems;
import ro.caravana.scheduler.report.AttendanceReport;

/**
 * The FHIR R4 door under {@value #BASE}: HAPI's R4 structures, JSON only ({@value #CONTENT_TYPE}). The
 * access gate in front of it is the one of {@code /api} (same tokens, roles and county scope, audited
 * reads); resources are mounted by their endpoints through {@link #read}, {@link #search}, {@link #create}
 * and {@link #update}, which also record what {@code metadata} declares. Every error leaves as an
 * {@link OperationOutcome}.
 */
public final class FhirServer {

  public static final String BASE = "/fhir/r4";
  public static final String CONTENT_TYPE = "application/fhir+json";
  private static final Logger LOG = LoggerFactory.getLogger(FhirServer.class);

  private final FhirContext context;
  private final Capability capability = new Capability();
  private Router router;

  private FhirServer(FhirContext context) {
    this.context = context;
  }

  public static FhirServer create() {
    return new FhirServer(FhirContext.forR4Cached());
  }

  public FhirContext context() {
    return context;
  }

  /** Loads HAPI's model (about a second, once) off the event loop, so the first request does not pay for it. */
  public Future<FhirServer> warm(Vertx vertx) {
    return vertx.executeBlocking(() -> {
      parser().encodeResourceToString(new OperationOutcome());
      return this;
    }, false);
  }

  /**
   * Mounts every FHIR route on the router, after the access gate (which covers {@value #BASE} as it covers
   * {@code /api}) and after the body handler of {@value #BASE}.
   */
  public static FhirServer mount(Router router, Vertx vertx, Pool pool, ZoneId zone) {
    FhirServer server = create();
    server.warm(vertx).onFailure(e -> LOG.warn("FHIR model not preloaded: {}", e.toString()));
    server.router = router;
    router.route(BASE + "/*").failureHandler(server::failure);
    new PatientEndpoint(pool).mount(server);
    new AppointmentEndpoint(pool, zone).mount(server);
    new DirectoryEndpoint(pool).mount(server);
    SlotEndpoint slots = new SlotEndpoint(pool, zone);
    slots.mount(server);
    new CarePlanEndpoint(pool).mount(server);
    new CommunicationEndpoint(pool).mount(server);
    new AppointmentResponseEndpoint(pool).mount(server);
    new FhirWrites(server, pool, slots).mount();
    new MeasureReportEndpoint(new AttendanceReport(pool, zone), zone).mount(server);
    server.finish();
    return server;
  }

  /** The capability statement and the answer for anything else under {@value #BASE}. */
  private void finish() {
    String version = java.util.Objects.requireNonNullElse(FhirServer.class.getPackage().getImplementationVersion(), "dev");
    router.get(BASE + "/metadata").handler(ctx -> send(ctx, 200, capability.statement(base(ctx), version)));
    router.route(BASE + "/*").handler(ctx -> ctx.fail(ApiError.notFound(null,
        "Tipul de resursă sau operația nu este suportată.", "Resource type or interaction not supported.")));
  }

  /** The resource types with at least one interaction, as metadata declares them. */
  public java.util.Set<String> types() {
    return capability.types();
  }

  void read(String type, Function<RoutingContext, Future<? extends Resource>> handler) {
    capability.interaction(type, TypeRestfulInteraction.READ);
    router.get(BASE + "/" + type + "/:id").handler(ctx -> handler.apply(ctx)
        .onSuccess(r -> send(ctx, 200, r)).onFailure(ctx::fail));
  }

  void search(String type, List<Capability.SearchParam> params, List<String> includes,
      Function<RoutingContext, Future<? extends Resource>> handler) {
    capability.search(type, params, includes);
    router.get(BASE + "/" + type).handler(ctx -> handler.apply(ctx)
        .onSuccess(r -> send(ctx, 200, r)).onFailure(ctx::fail));
  }

  /** POST of a new resource: the handler answers the stored resource, sent as 201 with its Location. */
  void create(String type, Function<RoutingContext, Future<? extends Resource>> handler) {
    capability.interaction(type, TypeRestfulInteraction.CREATE);
    router.post(BASE + "/" + type).handler(ctx -> handler.apply(ctx).onSuccess(r -> {
      ctx.response().putHeader("Location", base(ctx) + "/" + r.getIdElement().toUnqualified().getValue());
      send(ctx, 201, r);
    }).onFailure(ctx::fail));
  }

  void update(String type, Function<RoutingContext, Future<? extends Resource>> handler) {
    capability.interaction(type, TypeRestfulInteraction.UPDATE);
    router.put(BASE + "/" + type + "/:id").handler(ctx -> handler.apply(ctx)
        .onSuccess(r -> send(ctx, 200, r)).onFailure(ctx::fail));
  }

  private IParser parser() {
    return context.newJsonParser().setPrettyPrint(false);
  }

  /** The body as a resource of the given class; anything else is 400. */
  <T extends Resource> T body(RoutingContext ctx, Class<T> type) {
    Buffer raw = ctx.body() == null ? null : ctx.body().buffer();
    if (raw == null || raw.length() == 0) {
      throw ApiError.badRequest("body", "Lipsește resursa FHIR din corpul cererii.", "The FHIR resource is missing from the body.");
    }
    try {
      return parser().parseResource(type, raw.toString(java.nio.charset.StandardCharsets.UTF_8));
    } catch (DataFormatException | ClassCastException e) {
      throw ApiError.badRequest("body", "Corpul nu este o resursă " + type.getSimpleName() + " FHIR R4 în JSON.",
          "The body is not a FHIR R4 " + type.getSimpleName() + " resource in JSON.");
    }
  }

  void send(RoutingContext ctx, int status, Resource resource) {
    if (resource.getMeta().hasVersionId()) ctx.response().putHeader("ETag", "W/\"" + resource.getMeta().getVersionId() + "\"");
    ctx.response().setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE + "; charset=utf-8")
        .end(parser().encodeResourceToString(resource));
  }

  /** {@code http://host:port/fhir/r4} as the client addressed it, for fullUrl and paging links. */
  static String base(RoutingContext ctx) {
    String uri = ctx.request().absoluteURI();
    int at = uri == null ? -1 : uri.indexOf(BASE);
    return at < 0 ? BASE : uri.substring(0, at + BASE.length());
  }

  private void failure(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    ApiError error = Problems.toApiError(ctx.failure(), ctx.statusCode());
    if (error == null) {
      String incident = Long.toHexString(System.nanoTime());
      LOG.error("incident {} on {} {}", incident, ctx.request().method(), ctx.request().path(), ctx.failure());
      error = new ApiError(500, null, "Eroare internă (incident " + incident + ").", "Internal error (incident " + incident + ").");
    }
    if (error.status() == 401) ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"caravana\"");
    send(ctx, error.status(), outcome(error));
  }

  /** An OperationOutcome for an error: the English reason as diagnostics, the Romanian one as details. */
  static OperationOutcome outcome(ApiError error) {
    OperationOutcome oo = new OperationOutcome();
    var issue = oo.addIssue().setSeverity(error.status() >= 500 ? OperationOutcome.IssueSeverity.FATAL
        : OperationOutcome.IssueSeverity.ERROR).setCode(issueType(error.status())).setDiagnostics(error.reasonEn());
    issue.getDetails().setText(error.reasonRo());
    if (error.field() != null) issue.getExpression().add(new StringType(error.field()));
    return oo;
  }

  private static IssueType issueType(int status) {
    return switch (status) {
      case 400 -> IssueType.INVALID;
      case 401 -> IssueType.LOGIN;
      case 403 -> IssueType.FORBIDDEN;
      case 404 -> IssueType.NOTFOUND;
      case 406, 415 -> IssueType.NOTSUPPORTED;
      case 409 -> IssueType.CONFLICT;
      case 412 -> IssueType.CONFLICT;
      case 413 -> IssueType.TOOLONG;
      case 422 -> IssueType.BUSINESSRULE;
      case 429 -> IssueType.THROTTLED;
      default -> status >= 500 ? IssueType.EXCEPTION : IssueType.PROCESSING;
    };
  }
}
