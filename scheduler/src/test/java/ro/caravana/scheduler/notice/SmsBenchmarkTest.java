package ro.caravana.scheduler.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static ro.caravana.scheduler.notice.NoticeFixtures.await;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.notice.smpp.LocalSmscServer;
import ro.caravana.scheduler.notice.smpp.SmppCodec;
import ro.caravana.scheduler.notice.text.Gsm7;
import ro.caravana.scheduler.support.TestSystem;

/**
 * Notices per second from appointment events to submit_sm, against the SMSC's raw accept rate in
 * the same run. Runs only with {@code -Dcaravana.bench=true} (see docs/benchmarks.md).
 */
@DisplayName("SMS notices benchmark")
class SmsBenchmarkTest {

  private static final int EVENTS = Integer.getInteger("caravana.bench.events", 10_000);
  private static final int WINDOW = 8;

  @Test
  @Timeout(value = 600, unit = TimeUnit.SECONDS)
  @DisplayName("10,000 appointment events to submit_sm, and the SMSC's raw accept rate")
  void throughput() throws Exception {
    Assumptions.assumeTrue(Boolean.getBoolean("caravana.bench"), "benchmark: run with -Dcaravana.bench=true");
    Vertx vertx = Vertx.vertx();
    SchedulerApp app = await(TestSystem.startApp(vertx, false, TestSystem.config(Map.of(
        "sms.enabled", "true",
        "sms.gateway", "local",
        "sms.quiet-hours", "none",
        "sms.reminder.enabled", "false",
        "sms.sender.poll-ms", "20",
        "sms.sender.batch", "500",
        "sms.smpp.rate-per-second", "0",
        "sms.smpp.window", String.valueOf(WINDOW),
        "outbox.batch", "1000",
        "sms.notifier.group", "notifier-bench-" + System.nanoTime())), (router, ctx) -> { }));
    try {
      Pool pool = app.pool();
      NoticeFixtures fixtures = new NoticeFixtures(pool).prepare();
      LocalSmscServer smsc = app.notices().localSmsc().orElseThrow();
      // wait until the notifier's consumer has joined its group, so the run measures work, not the join
      Thread.sleep(5000);
      long base = smsc.acceptedCount();

      long t0 = System.nanoTime();
      await(pool.withTransaction(tx -> tx.query(seed(EVENTS)).execute()));
      long tCommitted = System.nanoTime();
      long tNotices = 0;
      long tPublished = 0;
      while (true) {
        if (tPublished == 0 && count(pool, "SELECT count(*) FROM outbox WHERE sent_at IS NULL") == 0) {
          tPublished = System.nanoTime();
        }
        if (tNotices == 0 && count(pool, "SELECT count(*) FROM notices") >= EVENTS) tNotices = System.nanoTime();
        if (smsc.acceptedCount() - base >= EVENTS) break;
        if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(8)) throw new AssertionError("too slow");
        Thread.sleep(20);
      }
      long tSubmitted = System.nanoTime();
      if (tNotices == 0) tNotices = tSubmitted;
      if (tPublished == 0) tPublished = tSubmitted;
      double pipelineSeconds = (tSubmitted - tCommitted) / 1e9;
      double notifierSeconds = (tNotices - tCommitted) / 1e9;
      assertEquals(EVENTS, smsc.acceptedCount() - base);

      Notifier notifier = app.notices().notifier().orElseThrow();
      System.out.printf("SMS-BENCH notifier batches=%d avg_records=%.0f db_s=%.2f%n", notifier.batches(),
          (double) notifier.created() / Math.max(1, notifier.batches()), notifier.batchNanos() / 1e9);
      double rawSeconds = rawAcceptSeconds(smsc.port(), EVENTS);
      System.out.printf("SMS-BENCH events=%d seed_commit_s=%.2f events_published_to_kafka_s=%.2f events_to_notices_s=%.2f (%.0f/s) "
              + "events_to_submit_sm_s=%.2f (%.0f notices/s) raw_submit_sm_s=%.2f (%.0f/s, window %d) cpus=%d%n",
          EVENTS, (tCommitted - t0) / 1e9, (tPublished - tCommitted) / 1e9, notifierSeconds, EVENTS / notifierSeconds, pipelineSeconds,
          EVENTS / pipelineSeconds, rawSeconds, EVENTS / rawSeconds, WINDOW, Runtime.getRuntime().availableProcessors());
    } finally {
      await(app.close());
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /** The peer: a bare jSMPP client with the same window, no database, no Kafka, no throttle. */
  private static double rawAcceptSeconds(int port, int messages) throws Exception {
    SMPPSession session = new SMPPSession();
    session.setTransactionTimer(10_000);
    session.setMessageReceiverListener(new MessageReceiverListener() {
      @Override
      public void onAcceptDeliverSm(org.jsmpp.bean.DeliverSm deliverSm) { }

      @Override
      public void onAcceptAlertNotification(org.jsmpp.bean.AlertNotification alertNotification) { }

      @Override
      public org.jsmpp.session.DataSmResult onAcceptDataSm(org.jsmpp.bean.DataSm dataSm, org.jsmpp.session.Session s) {
        return null;
      }
    });
    session.connectAndBind("127.0.0.1", port, new BindParameter(BindType.BIND_TRX, "caravana", "caravana", "",
        TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
    byte[] body = Gsm7.encode("Ana: kinetoterapie joi, 3 decembrie, ora 10:30, Str. Scolii nr. 5, Onesti. DA=confirm, NU=anulez");
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(WINDOW);
    long t0 = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < WINDOW; w++) {
      workers.add(pool.submit(() -> {
        int i;
        while ((i = next.getAndIncrement()) < messages) {
          session.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "Caravana",
              TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "4075" + String.format("%07d", i), new ESMClass(),
              (byte) 0, (byte) 1, null, null, new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0,
              SmppCodec.GSM, (byte) 0, body);
        }
        return null;
      }));
    }
    for (Future<?> f : workers) f.get();
    double seconds = (System.nanoTime() - t0) / 1e9;
    pool.shutdown();
    session.unbindAndClose();
    return seconds;
  }

  /** n beneficiaries with consent, a booked centre appointment each, and its appointment.booked event. */
  private static String seed(int n) {
    return """
        WITH c AS (SELECT id FROM community_centres ORDER BY id LIMIT 1),
        b AS (
          INSERT INTO beneficiaries (id, first_name, last_name, birth_date, sex, locality_siruta, category, phone,
                                     sms_consent, sms_consent_date)
          SELECT gen_random_uuid(), 'Ana', 'Popescu', DATE '2015-04-01', 'F', 178581, 'child',
                 '+4076' || lpad(i::text, 7, '0'), true, DATE '2026-01-10'
            FROM generate_series(1, %d) i
          RETURNING id),
        a AS (
          INSERT INTO appointments (id, beneficiary_id, service, modality, starts_at, ends_at, centre_id)
          SELECT gen_random_uuid(), b.id, 'kinetotherapy', 'centre', now() + interval '3 days',
                 now() + interval '3 days 1 hour', (SELECT id FROM c)
            FROM b
          RETURNING id, beneficiary_id, starts_at)
        INSERT INTO outbox (topic, event_key, event_type, payload)
        SELECT 'caravana.appointments', a.beneficiary_id::text, 'appointment.booked',
               jsonb_build_object('appointmentId', a.id, 'beneficiaryId', a.beneficiary_id, 'startsAt', a.starts_at)
          FROM a
        """.formatted(n);
  }

  private static long count(Pool pool, String sql) throws Exception {
    return await(pool.query(sql).execute()).iterator().next().getLong(0);
  }
}
