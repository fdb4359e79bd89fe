package ro.caravana.scheduler;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.access.Access;
import ro.caravana.scheduler.attendance.FieldApi;
import ro.caravana.scheduler.attendance.FieldDemo;
import ro.caravana.scheduler.consultation.AttendanceFromPresence;
import ro.caravana.scheduler.interop.calendar.CalendarFeeds;
import ro.caravana.scheduler.interop.export.ExportRoutes;
import ro.caravana.scheduler.interop.fhir.FhirServer;
import ro.caravana.scheduler.consultation.ConsultationRoutes;
import ro.caravana.scheduler.consultation.JoinIssuer;
import ro.caravana.scheduler.geo.ServedCounties;
import ro.caravana.scheduler.horizon.Horizons;
import ro.caravana.scheduler.notice.NoticeModule;
import ro.caravana.scheduler.platform.config.AppConfig;
import ro.caravana.scheduler.platform.db.DatabaseSettings;
import ro.caravana.scheduler.platform.db.Migrations;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.http.HttpVerticle;
import ro.caravana.scheduler.platform.http.Problems;
import ro.caravana.scheduler.platform.kafka.KafkaClients;
import ro.caravana.scheduler.platform.http.Requests;
import ro.caravana.scheduler.platform.ops.Metrics;
import ro.caravana.scheduler.platform.ops.OpsRoutes;
import ro.caravana.scheduler.platform.outbox.OutboxRelay;
import ro.caravana.scheduler.platform.outbox.Topics;
import ro.caravana.scheduler.planning.Planning;
import ro.caravana.scheduler.report.AttendanceReport;
import ro.caravana.scheduler.report.ReportRoutes;

/**
 * The scheduler service in one Vert.x instance: migrations first (off the event loop), then the
 * domain data, the outbox relay and the HTTP server. Extra routes (the portal's pages, the
 * signalling endpoint) are mounted by the caller before the server starts.
 */
public final class SchedulerApp {

  private static final Logger LOG = LoggerFactory.getLogger(SchedulerApp.class);

  private final Vertx vertx;
  private final Pool pool;
  private final KafkaAdminClient admin;
  private final int port;
  private final Router router;
  private final Access access;
  private final NoticeModule notices;

  private SchedulerApp(Vertx vertx, Pool pool, KafkaAdminClient admin, int port, Router router, Access access,
      NoticeModule notices) {
    this.vertx = vertx;
    this.pool = pool;
    this.admin = admin;
    this.port = port;
    this.router = router;
    this.access = access;
    this.notices = notices;
  }

  /** What the extra mounts may use. */
  public record Context(Vertx vertx, AppConfig config, Pool pool, String kafkaBootstrap) {}

  public static Future<SchedulerApp> start(Vertx vertx, AppConfig config, DatabaseSettings db, String kafkaBootstrap,
      boolean demo, BiConsumer<Router, Context> extraRoutes) {
    return vertx.executeBlocking(() -> Migrations.run(db.jdbcUrl(), db.user(), db.password()), false)
        // the services and, below, the router are built on a worker: their construction loads some thousand
        // classes (OptaPlanner, Kafka, HAPI FHIR), 1-2 s that would otherwise block an event loop
        .compose(migrations -> vertx.executeBlocking(() -> {
          LOG.info("database migrations applied: {}", migrations);
          Pool pool = db.pool(vertx, DatabaseSettings.Limits.from(config));
          return new Services(new Context(vertx, config, pool, kafkaBootstrap),
              KafkaAdminClient.create(vertx, KafkaClients.admin(kafkaBootstrap)), Planning.create(vertx, config, pool),
              Horizons.create(vertx, config, pool));
        }, false))
        .compose(services -> {
          Pool pool = services.context().pool();
          Planning planning = services.planning();
          Horizons horizons = services.horizons();
          return DomainData.prepare(pool, demo, config.longValue("demo.seed"))
              .compose(v -> ensureTopics(vertx, kafkaBootstrap))
              .compose(v -> demo ? FieldDemo.prepare(pool) : Future.<Void>succeededFuture())
              .compose(v -> Access.prepare(vertx, pool, config, demo))
              .compose(access -> planning.start(kafkaBootstrap).map(access))
              .compose(access -> horizons.start().map(access))
              .compose(access -> vertx.deployVerticle(new OutboxRelay(pool, kafkaBootstrap,
                  config.longValue("outbox.poll-ms"), config.integer("outbox.batch"))).map(access))
              .compose(access -> vertx.deployVerticle(new AttendanceFromPresence(pool,
                  minutes(config, "telemedicine.noshow-grace-minutes"),
                  Duration.ofSeconds(config.longValue("telemedicine.noshow-sweep-seconds")))).map(access))
              // the report projection of attendance marks (caravana.attendance)
              .compose(access -> vertx.deployVerticle(new ro.caravana.scheduler.report.AttendanceProjection(pool,
                  kafkaBootstrap, config.string("report.attendance.group"), ZoneId.of(config.string("zone")))).map(access))
              .compose(access -> NoticeModule.deploy(vertx, config, pool, kafkaBootstrap, demo, access.familyLinks()).compose(notices ->
                  vertx.executeBlocking(() -> router(services.context(), services.admin(), planning, notices, access, (r, c) -> {
                    horizons.mount(r);
                    extraRoutes.accept(r, c);
                  }), false).compose(router -> {
                    HttpVerticle http = new HttpVerticle(router, config.string("http.host"), config.integer("http.port"));
                    return vertx.deployVerticle(http).map(id -> new SchedulerApp(vertx, pool, services.admin(),
                        http.actualPort(), router, access, notices));
                  })));
        });
  }

  /** What start-up builds before anything is deployed. */
  private record Services(Context context, KafkaAdminClient admin, Planning planning, Horizons horizons) {}

  /**
   * Creates the event topics that do not exist yet, with the broker's default partitions and replication.
   * Left to auto-creation, the first large outbox batch meets partitions without a leader: the idempotent
   * producer then fails with out-of-order sequences, the batch expires and the relay sends it again.
   * Kafka being down is not fatal here; the outbox keeps the events until it is back.
   */
  static Future<Void> ensureTopics(Vertx vertx, String bootstrap) {
    return vertx.executeBlocking(() -> {
      try (Admin admin = Admin.create(Map.<String, Object>copyOf(KafkaClients.admin(bootstrap)))) {
        var existing = admin.listTopics().names().get(5, TimeUnit.SECONDS);
        List<NewTopic> missing = Topics.ALL.stream().filter(t -> !existing.contains(t))
            .map(t -> new NewTopic(t, Optional.empty(), Optional.empty())).toList();
        if (!missing.isEmpty()) admin.createTopics(missing).all().get(5, TimeUnit.SECONDS);
        return null;
      }
    }, false).<Void>mapEmpty().recover(e -> {
      LOG.warn("could not create the event topics now (auto-creation will apply): {}", e.toString());
      return Future.succeededFuture();
    });
  }

  private static Router router(Context context, KafkaAdminClient admin, Planning planning, NoticeModule notices,
      Access access, BiConsumer<Router, Context> extraRoutes) {
    Router router = Router.router(context.vertx());
    router.route().handler(Requests::rejectUndecodable);
    Metrics metrics = new Metrics();
    router.route().handler(metrics::count);
    access.mountHeaders(router);
    // spreadsheets may be larger than other bodies: their own limit, and the general handler then leaves them be
    router.route("/api/imports/*").handler(BodyHandler.create(false)
        .setBodyLimit(context.config().longValue("imports.max-bytes")));
    router.route("/api/*").handler(BodyHandler.create(false)
        .setBodyLimit(context.config().longValue("http.body-limit-bytes")));
    // interop: FHIR request bodies, read before the access gate as for /api
    router.route(FhirServer.BASE + "/*").handler(BodyHandler.create(false)
        .setBodyLimit(context.config().longValue("http.body-limit-bytes")));
    new OpsRoutes(context.pool(), admin, metrics).mount(router);
    // the access gate in front of every /api route (docs/security.md)
    access.mountGate(router);
    access.mountRoutes(router);
    ServedCounties served = ServedCounties.from(context.config());
    DomainApi.mount(router, context.pool(), served);
    ro.caravana.scheduler.imports.ImportRoutes.mount(router, context.pool(), served);
    ConsultationRoutes.mount(router, context.pool(), JoinIssuer.eventBus(context.vertx()), access.familyLinks());
    ConsultationRoutes.answerJoinable(context.vertx(), context.pool());
    planning.routes().mount(router);
    ZoneId zone = ZoneId.of(context.config().string("zone"));
    new ReportRoutes(new AttendanceReport(context.pool(), zone), zone, context.pool(), new ro.caravana.scheduler.report.CoverageReport(
        context.pool(), zone, context.config().integer("reports.coverage-max-gap-days"))).mount(router);
    notices.mount(router);
    // interop: FHIR R4, calendar feeds, ministry exports (docs/interop.md)
    FhirServer.mount(router, context.vertx(), context.pool(), zone);
    new CalendarFeeds(context.vertx(), context.pool(), access.settings().jwtSecret(), zone,
        context.config().optional("calendar.link-base").orElse("")).mount(router);
    new ExportRoutes(new AttendanceReport(context.pool(), zone), zone).mount(router);
    new ro.caravana.scheduler.interop.export.RecordExports(context.vertx(), context.pool(), zone).mount(router);
    // field attendance: the clinician's and the caravan crew's day, marks queued offline, walk-ins
    new FieldApi(context.pool(), zone).mount(router);
    extraRoutes.accept(router, context);
    router.route().failureHandler(Problems::handle);
    router.errorHandler(404, ctx -> Problems.send(ctx,
        ApiError.notFound(null, "Resursa nu există.", "No such resource.")));
    router.errorHandler(405, ctx -> Problems.send(ctx,
        new ApiError(405, null, "Metodă nepermisă.", "Method not allowed.")));
    return router;
  }

  /** A duration given in minutes, decimals allowed (tests shorten them to seconds). */
  private static Duration minutes(AppConfig config, String key) {
    try {
      return Duration.ofMillis(Math.round(Double.parseDouble(config.string(key).trim()) * 60_000));
    } catch (NumberFormatException e) {
      throw new IllegalStateException("setting " + key + " must be a number of minutes");
    }
  }

  public int port() { return port; }
  public Pool pool() { return pool; }
  public Vertx vertx() { return vertx; }
  /** The assembled router, so tests can walk every route. */
  public Router router() { return router; }
  public Access access() { return access; }
  public NoticeModule notices() { return notices; }

  public Future<Void> close() {
    return notices.close().transform(v -> admin.close()).transform(v -> pool.close());
  }
}
