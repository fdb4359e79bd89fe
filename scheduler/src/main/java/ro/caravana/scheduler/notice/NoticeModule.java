package ro.caravana.scheduler.notice;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.access.FamilyLinks;
import ro.caravana.scheduler.notice.gateway.DeliveryReport;
import ro.caravana.scheduler.notice.gateway.GatewayListener;
import ro.caravana.scheduler.notice.gateway.InboundSms;
import ro.caravana.scheduler.notice.gateway.SmsGateway;
import ro.caravana.scheduler.notice.http.HttpSmsGateway;
import ro.caravana.scheduler.notice.http.SmsWebhooks;
import ro.caravana.scheduler.notice.reply.ReplyService;
import ro.caravana.scheduler.notice.reply.ReplyThreads;
import ro.caravana.scheduler.notice.smpp.LocalSmscServer;
import ro.caravana.scheduler.notice.smpp.SmppGateway;
import ro.caravana.scheduler.notice.smpp.SmppSettings;
import ro.caravana.scheduler.platform.config.AppConfig;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.http.Requests;
import ro.caravana.scheduler.platform.http.Responses;

/**
 * SMS notices wired together: the gateway (SMPP, HTTP, or the in-process SMSC in demo mode), the
 * notifier (appointment events to notices), the sender, the reminder job, replies, and the
 * routes. {@code SchedulerApp} calls {@link #deploy} once and {@link #mount} on its router.
 */
public final class NoticeModule implements GatewayListener {

  private static final Logger LOG = LoggerFactory.getLogger(NoticeModule.class);

  private final Vertx vertx;
  private final NoticeSettings settings;
  private final NoticeRepository notices;
  private final ReplyService replies;
  private final ReplyThreads threads;
  private final NoticeComposer composer;
  private final FamilyLinks links;
  private final List<String> deployments = new ArrayList<>();
  private SmsGateway gateway;
  private LocalSmscServer localSmsc;
  private Notifier notifier;
  private NoticeSender sender;
  private ReminderJob reminders;

  private NoticeModule(Vertx vertx, NoticeSettings settings, Pool pool, FamilyLinks links) {
    this.vertx = vertx;
    this.settings = settings;
    this.links = links;
    this.notices = new NoticeRepository(pool);
    this.composer = new NoticeComposer(settings, links);
    this.replies = new ReplyService(pool, composer, Clock.systemUTC());
    this.threads = new ReplyThreads(pool);
  }

  /** {@code links}: access control's family links, behind the short link of every message. */
  public static Future<NoticeModule> deploy(Vertx vertx, AppConfig config, Pool pool, String kafkaBootstrap,
      boolean demo, FamilyLinks links) {
    return deploy(vertx, config, pool, kafkaBootstrap, demo, links, Clock.systemUTC());
  }

  public static Future<NoticeModule> deploy(Vertx vertx, AppConfig config, Pool pool, String kafkaBootstrap,
      boolean demo, FamilyLinks links, Clock clock) {
    NoticeSettings configured = NoticeSettings.from(config);
    // the demo's SMSC wakes nobody: unless told otherwise, a demo at night still shows messages delivered
    NoticeSettings settings = demo && !config.bool("sms.demo.quiet-hours")
        ? configured.withQuietHours(QuietHours.parse("none", configured.zone()))
        : configured;
    NoticeModule module = new NoticeModule(vertx, settings, pool, links);
    if (!settings.enabled()) {
      LOG.info("SMS notices are off (sms.enabled=false)");
      return Future.succeededFuture(module);
    }
    NoticeComposer composer = module.composer;
    return vertx.executeBlocking(() -> {
          composer.warmUp();
          return null;
        }, false)
        .compose(v -> module.startGateway(config, demo))
        .compose(v -> module.deploy(module.notifier = new Notifier(pool, kafkaBootstrap, settings, composer, clock)))
        .compose(v -> module.deploy(module.sender = new NoticeSender(module.notices, module.gateway, settings, clock)))
        .compose(v -> config.bool("sms.offer.enabled")
            ? module.deploy(new SlotOffers(pool, kafkaBootstrap, config.string("sms.offer.group"), composer, clock,
                config.integer("sms.offer.candidates")))
            : Future.succeededFuture())
        .compose(v -> settings.digest()
            ? module.deploy(new DigestJob(pool, settings, composer, clock))
            : Future.succeededFuture())
        .compose(v -> settings.remindersEnabled()
            ? module.deploy(module.reminders = new ReminderJob(pool, settings, composer, clock))
            : Future.succeededFuture())
        .map(module);
  }

  private Future<Void> startGateway(AppConfig config, boolean demo) {
    String kind = demo ? "local" : settings.gateway();
    switch (kind) {
      case "smpp" -> gateway = new SmppGateway(vertx, SmppSettings.from(config), this);
      case "local" -> {
        SmppSettings smpp = SmppSettings.from(config);
        try {
          localSmsc = LocalSmscServer.start(config.integer("sms.local.port"), smpp.systemId(), smpp.password(),
              config.longValue("sms.local.receipt-delay-ms"));
        } catch (IOException e) {
          return Future.failedFuture(new UncheckedIOException("cannot start the local SMSC", e));
        }
        gateway = new SmppGateway(vertx, smpp.withEndpoint("127.0.0.1", localSmsc.port()), this);
      }
      case "http" -> {
        String token = settings.webhookToken();
        if (token == null || token.length() < SmsWebhooks.MIN_TOKEN_LENGTH) {
          return Future.failedFuture(new IllegalStateException("sms.gateway=http needs sms.http.webhook-token "
              + "(CARAVANA_SMS_HTTP_WEBHOOK_TOKEN), at least " + SmsWebhooks.MIN_TOKEN_LENGTH
              + " characters: without it anyone could post replies (STOP, NU) in a family's name"));
        }
        gateway = new HttpSmsGateway(vertx, config.string("sms.http.url"),
          config.optional("sms.http.token").orElse(null), config.string("sms.smpp.source-address"),
          config.integer("sms.http.rate-per-second"), config.integer("sms.http.timeout-ms"));
      }
      default -> {
        return Future.failedFuture(new IllegalStateException("sms.gateway must be smpp, http or local, got " + kind));
      }
    }
    LOG.info("SMS gateway: {}", kind);
    return gateway.start();
  }

  private Future<Void> deploy(io.vertx.core.Deployable verticle) {
    return vertx.deployVerticle(verticle).map(id -> {
      deployments.add(id);
      return null;
    });
  }

  /**
   * Mounts the notices API, the provider webhooks (only with the HTTP gateway: with SMPP, replies arrive
   * through the SMPP session and {@code /api/sms/inbound|status} do not exist) and, with the local SMSC, a
   * way to answer as a phone would.
   */
  public void mount(Router router) {
    new NoticeRoutes(notices, replies, links, threads).mount(router);
    if (gateway instanceof HttpSmsGateway) {
      new SmsWebhooks(this, settings.webhookToken()).mount(router);
    } else {
      // said explicitly: otherwise a GET-only route of the same path (the portal's files) turns these into 405
      for (String path : List.of("/api/sms/status", "/api/sms/inbound")) {
        router.post(path).handler(ctx -> ctx.fail(ApiError.notFound("path",
            "Nu există: răspunsurile la SMS sosesc prin conexiunea SMPP.", "Not found: SMS replies arrive through the SMPP session.")));
      }
    }
    if (localSmsc != null) router.post("/api/sms/demo/replies").handler(this::simulateReply);
  }

  private void simulateReply(RoutingContext ctx) {
    JsonObject body = Requests.body(ctx);
    String from = body.getString("from");
    String text = body.getString("text");
    if (from == null || !from.matches("^\\+[1-9][0-9]{6,14}$")) {
      throw ApiError.unprocessable("from", "Numărul trebuie să fie în format internațional (+40...).",
          "The number must be in E.164 format (+40...).");
    }
    if (text == null) throw ApiError.unprocessable("text", "Lipsește textul.", "The text is missing.");
    localSmsc.injectInbound(from, "Caravana", text);
    Responses.json(ctx, 202, new JsonObject().put("from", from).put("text", text));
  }

  @Override
  public Future<Void> onDeliveryReport(DeliveryReport report) {
    return notices.receipt(report);
  }

  @Override
  public Future<Void> onInbound(InboundSms sms) {
    return replies.handle(sms).mapEmpty();
  }

  public NoticeRepository notices() { return notices; }
  public ReplyService replies() { return replies; }
  public NoticeSettings settings() { return settings; }
  public NoticeComposer composer() { return composer; }
  public Optional<LocalSmscServer> localSmsc() { return Optional.ofNullable(localSmsc); }
  public Optional<Notifier> notifier() { return Optional.ofNullable(notifier); }
  public Optional<NoticeSender> sender() { return Optional.ofNullable(sender); }
  public Optional<ReminderJob> reminders() { return Optional.ofNullable(reminders); }
  public Optional<SmsGateway> gateway() { return Optional.ofNullable(gateway); }

  /** Undeploys the verticles, closes the gateway and the local SMSC. */
  public Future<Void> close() {
    List<Future<Void>> undeploys = new ArrayList<>();
    for (String id : deployments) undeploys.add(vertx.undeploy(id).recover(e -> Future.succeededFuture()));
    return Future.join(undeploys)
        .transform(v -> gateway == null ? Future.<Void>succeededFuture() : gateway.stop())
        .transform(v -> {
          if (localSmsc != null) {
            try {
              localSmsc.close();
            } catch (IOException e) {
              LOG.debug("closing the local SMSC: {}", e.toString());
            }
          }
          return Future.<Void>succeededFuture();
        });
  }
}
