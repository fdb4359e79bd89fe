package ro.caravana.scheduler.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ro.caravana.scheduler.notice.NoticeFixtures.await;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import ro.caravana.scheduler.notice.smpp.LocalSmscServer;
import ro.caravana.scheduler.notice.smpp.SmppGateway;
import ro.caravana.scheduler.notice.smpp.SmppSettings;
import ro.caravana.scheduler.platform.config.AppConfig;
import ro.caravana.scheduler.support.TestSystem;

@DisplayName("The SMPP path through an SMSC outage")
class SmsOutageTest {

  private static final int NOTICES = 1000;
  private static Vertx vertx;
  private static Pool pool;
  private static LocalSmscServer smsc;
  private static SmppGateway gateway;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    pool = TestSystem.freshDatabase(vertx);
    smsc = LocalSmscServer.start(0, "caravana", "secret", 5);
  }

  @AfterAll
  static void stop() throws Exception {
    if (gateway != null) await(gateway.stop());
    smsc.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  @DisplayName("stopping the SMSC in the middle of 1,000 notices loses none; only submits in flight at the cut may go twice")
  void outageMidBatch() throws Exception {
    await(SmscBatch.queue(pool, "test", "+4074", "Mesaj de test", NOTICES));
    AppConfig config = SmscBatch.config(Map.of(
        "sms.retry.backoff-max-ms", "1000",
        "sms.retry.limit", "50",
        "sms.smpp.rate-per-second", "400",
        "sms.smpp.reconnect-max-ms", "1000"));
    gateway = await(SmscBatch.startSender(vertx, pool, config, smsc.port()));

    long deadline = System.currentTimeMillis() + 30_000;
    // 350: halfway through the sender's fourth claim of 100, so submits are in flight when the link drops
    while (smsc.acceptedCount() < 350 && System.currentTimeMillis() < deadline) Thread.sleep(1);
    smsc.halt(); // abrupt: in-flight submits lose their link, receipts not yet sent are kept for later
    int beforeOutage = smsc.acceptedCount();
    assertTrue(beforeOutage >= 350 && beforeOutage < NOTICES, "outage starts mid-batch, at " + beforeOutage);
    Thread.sleep(3000);
    assertEquals(0L, count("status IN ('failed', 'suppressed')"), "an outage fails nothing");
    smsc.resume();

    deadline = System.currentTimeMillis() + 90_000;
    while (count("status = 'delivered'") < NOTICES && System.currentTimeMillis() < deadline) Thread.sleep(100);
    assertEquals((long) NOTICES, count("status = 'delivered'"), "every notice delivered");

    List<LocalSmscServer.Submitted> accepted = smsc.accepted();
    Map<String, Long> perPhone = accepted.stream()
        .collect(Collectors.groupingBy(LocalSmscServer.Submitted::destination, HashMap::new, Collectors.counting()));
    assertEquals(NOTICES, perPhone.size(), "every phone reached");
    // SMPP has no idempotency key: a submit_sm_resp the SMSC wrote just as the link dropped may never reach the
    // sender, which must then submit again (at least once). Only such submits, in flight at the cut (at most one
    // window), may reach a phone twice; every other phone gets its message exactly once.
    int window = SmppSettings.from(config).window();
    List<String> twice = perPhone.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    assertTrue(twice.size() <= window, "at most the submits in flight at the cut go twice: " + twice);
    for (String phone : twice) {
      assertEquals(2L, perPhone.get(phone), phone);
      int first = 0;
      while (!accepted.get(first).destination().equals(phone)) first++;
      assertTrue(first < beforeOutage, phone + " was first accepted before the cut");
    }
    assertEquals(NOTICES + twice.size(), accepted.size(), "no phone got the message twice outside the cut");
    Row ids = await(pool.query("SELECT count(DISTINCT gateway_message_id), sum(attempts) FROM notices").execute())
        .iterator().next();
    assertEquals(NOTICES, ids.getLong(0), "one gateway message id per notice");
    long retried = await(pool.query("SELECT count(*) FROM notices WHERE attempts > 1").execute()).iterator().next().getLong(0);
    System.out.printf("outage test: accepted before outage %d, total attempts %d for %d notices, %d retried%n",
        beforeOutage, ids.getLong(1), NOTICES, retried);
    assertTrue(retried > 0, "submits in flight when the link dropped were retried");
  }

  private static long count(String where) throws Exception {
    return await(pool.query("SELECT count(*) FROM notices WHERE " + where).execute()).iterator().next().getLong(0);
  }
}
