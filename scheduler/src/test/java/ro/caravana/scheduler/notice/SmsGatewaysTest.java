package ro.caravana.scheduler.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ro.caravana.scheduler.notice.NoticeFixtures.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import ro.caravana.scheduler.notice.gateway.DeliveryReport;
import ro.caravana.scheduler.notice.gateway.GatewayListener;
import ro.caravana.scheduler.notice.gateway.InboundSms;
import ro.caravana.scheduler.notice.gateway.OutgoingSms;
import ro.caravana.scheduler.notice.gateway.SendFailure;
import ro.caravana.scheduler.notice.http.HttpSmsGateway;
import ro.caravana.scheduler.notice.smpp.LocalSmscServer;
import ro.caravana.scheduler.notice.smpp.SmppGateway;
import ro.caravana.scheduler.notice.smpp.SmppSettings;
import ro.caravana.scheduler.notice.text.SmsEncoding;
import ro.caravana.scheduler.platform.config.AppConfig;

@DisplayName("The SMPP and HTTP gateways")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SmsGatewaysTest {

  private static Vertx vertx;
  private static LocalSmscServer smsc;
  private static SmppGateway smpp;
  private static final List<DeliveryReport> REPORTS = new CopyOnWriteArrayList<>();
  private static final List<InboundSms> INBOUND = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    smsc = LocalSmscServer.start(0, "caravana", "caravana", 5);
    smsc.failDestinations(d -> d.endsWith("999"));
    GatewayListener listener = new GatewayListener() {
      @Override
      public Future<Void> onDeliveryReport(DeliveryReport report) {
        REPORTS.add(report);
        return Future.succeededFuture();
      }

      @Override
      public Future<Void> onInbound(InboundSms sms) {
        INBOUND.add(sms);
        return Future.succeededFuture();
      }
    };
    smpp = new SmppGateway(vertx, SmppSettings.from(AppConfig.of(Map.of())).withEndpoint("127.0.0.1", smsc.port()),
        listener);
    await(smpp.start());
    long deadline = System.currentTimeMillis() + 10_000;
    while (!smpp.ready() && System.currentTimeMillis() < deadline) Thread.sleep(20);
  }

  @AfterAll
  static void stop() throws Exception {
    await(smpp.stop());
    smsc.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("SMPP carries UCS-2 with emoji, a long GSM-7 text in message_payload and extension characters intact")
  void smppEncodings() throws Exception {
    String ucs2 = "Mâine la Vizantea Mănăstirească 😀";
    String longGsm = "Programare: " + "a".repeat(300) + " {€}";
    String idUcs2 = await(smpp.send(new OutgoingSms(1, "+40721000111", ucs2, SmsEncoding.UCS_2)));
    String idLong = await(smpp.send(new OutgoingSms(2, "+40721000112", longGsm, SmsEncoding.GSM_7)));
    assertNotNull(idUcs2);
    var byDestination = smsc.accepted().stream()
        .collect(java.util.stream.Collectors.toMap(LocalSmscServer.Submitted::destination, s -> s));
    assertEquals(ucs2, byDestination.get("40721000111").text());
    assertEquals(8, byDestination.get("40721000111").dataCoding());
    assertEquals(longGsm, byDestination.get("40721000112").text());
    assertEquals(0, byDestination.get("40721000112").dataCoding());
    waitUntil(() -> REPORTS.stream().anyMatch(r -> r.messageId().equals(idLong)));
    assertTrue(REPORTS.stream().filter(r -> r.messageId().equals(idLong)).findFirst().orElseThrow().delivered());
  }

  @Test
  @DisplayName("an UNDELIV receipt becomes a failed report; inbound deliver_sm becomes a reply in E.164")
  void receiptsAndInbound() throws Exception {
    String id = await(smpp.send(new OutgoingSms(3, "+40721000999", "Test", SmsEncoding.GSM_7)));
    waitUntil(() -> REPORTS.stream().anyMatch(r -> r.messageId().equals(id)));
    DeliveryReport report = REPORTS.stream().filter(r -> r.messageId().equals(id)).findFirst().orElseThrow();
    assertFalse(report.delivered());
    assertEquals("UNDELIV", report.state());
    smsc.injectInbound("+40721000555", "Caravana", "Dă, mulțumesc");
    waitUntil(() -> !INBOUND.isEmpty());
    assertEquals("+40721000555", INBOUND.get(0).from());
    assertEquals("Dă, mulțumesc", INBOUND.get(0).text());
  }

  @Test
  @DisplayName("HTTP: a JSON POST with the bearer token; 503 is retried later, 400 is permanent")
  void http() throws Exception {
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    AtomicInteger answer = new AtomicInteger(200);
    HttpServer provider = await(vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      if (!"Bearer t0ken".equals(req.getHeader("Authorization"))) {
        req.response().setStatusCode(401).end();
        return;
      }
      received.add(body.toJsonObject());
      int status = answer.get();
      req.response().setStatusCode(status).putHeader("Content-Type", "application/json")
          .end(status == 200 ? "{\"messageId\":\"m-" + received.size() + "\"}" : "{}");
    })).listen(0, "127.0.0.1"));
    HttpSmsGateway gateway = new HttpSmsGateway(vertx, "http://127.0.0.1:" + provider.actualPort() + "/sms", "t0ken",
        "Caravana", 100, 2000);
    assertEquals("m-1", await(gateway.send(new OutgoingSms(7, "+40721000777", "Salut", SmsEncoding.GSM_7))));
    assertEquals(new JsonObject().put("reference", "7").put("to", "+40721000777").put("from", "Caravana")
        .put("text", "Salut").put("encoding", "GSM-7"), received.get(0));
    answer.set(503);
    SendFailure busy = failure(gateway.send(new OutgoingSms(8, "+40721000778", "x", SmsEncoding.GSM_7)));
    assertTrue(busy.isTransient());
    answer.set(400);
    assertFalse(failure(gateway.send(new OutgoingSms(9, "+40721000779", "x", SmsEncoding.GSM_7))).isTransient());
    await(provider.close());
    assertTrue(failure(gateway.send(new OutgoingSms(10, "+40721000780", "x", SmsEncoding.GSM_7))).isTransient(),
        "an unreachable provider is a transient failure");
    await(gateway.stop());
  }

  private static SendFailure failure(Future<String> f) throws Exception {
    try {
      await(f);
    } catch (ExecutionException e) {
      return assertInstanceOf(SendFailure.class, e.getCause());
    }
    throw new AssertionError("expected a failure");
  }

  interface Condition {
    boolean holds() throws Exception;
  }

  private static void waitUntil(Condition c) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!c.holds()) {
      if (System.currentTimeMillis() > deadline) throw new AssertionError("timed out");
      Thread.sleep(20);
    }
  }
}
