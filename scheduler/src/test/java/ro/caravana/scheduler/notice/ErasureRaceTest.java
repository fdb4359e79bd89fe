package ro.caravana.scheduler.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static ro.caravana.scheduler.notice.NoticeFixtures.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import ro.caravana.scheduler.access.Gdpr;
import ro.caravana.scheduler.support.TestSystem;

/**
 * An erasure racing the notifier: the notifier reads who to tell (phone, first name) in its transaction and
 * writes the notice later in the same transaction. Whichever starts first, no notice with the phone may be left
 * once both have committed.
 */
@DisplayName("Erasure racing the notifier")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ErasureRaceTest {

  private static Vertx vertx;
  private static Pool pool;
  private static NoticeFixtures fixtures;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    pool = TestSystem.freshDatabase(vertx);
    fixtures = new NoticeFixtures(pool).prepare();
  }

  @AfterAll
  static void stop() throws Exception {
    if (pool != null) await(pool.close());
    vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private record Open(SqlConnection connection, Transaction tx) {
    static Open begin() throws Exception {
      SqlConnection c = await(pool.getConnection());
      return new Open(c, await(c.begin()));
    }

    void commit() throws Exception {
      await(tx.commit());
      await(connection.close());
    }
  }

  /** The future has not completed within half a second: it waits on a lock. */
  private static void stillWaiting(Future<?> f, String what) throws Exception {
    Thread.sleep(500);
    assertFalse(f.isComplete(), what + " did not wait for the other transaction");
  }

  private static UUID bookedFor(String name) throws Exception {
    UUID person = fixtures.beneficiary(name, NoticeFixtures.newPhone(), true, "ro");
    return fixtures.bookAtCentre(person, Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS));
  }

  private static UUID beneficiaryOf(UUID appointment) throws Exception {
    return await(pool.preparedQuery("SELECT beneficiary_id FROM appointments WHERE id = $1").execute(Tuple.of(appointment)))
        .iterator().next().getUUID(0);
  }

  @Test
  @DisplayName("erasure first: the notifier waits, then finds no one to tell")
  void erasureFirst() throws Exception {
    UUID appointment = bookedFor("Ilinca");
    UUID person = beneficiaryOf(appointment);
    Open erasure = Open.begin();
    await(Gdpr.erase(erasure.connection(), person, "request", null));

    Open notifier = Open.begin();
    Future<Map<UUID, AppointmentFacts>> read = NoticeRepository.facts(notifier.connection(), List.of(appointment));
    stillWaiting(read, "the notifier's read");
    erasure.commit();
    Map<UUID, AppointmentFacts> facts = await(read);
    notifier.commit();
    assertEquals(Map.of(), facts, "the notifier read an erased person");
  }

  @Test
  @DisplayName("notifier first: the erasure waits, then scrubs the notice the notifier wrote")
  void notifierFirst() throws Exception {
    UUID appointment = bookedFor("Sorina");
    UUID person = beneficiaryOf(appointment);
    Open notifier = Open.begin();
    AppointmentFacts facts = await(NoticeRepository.facts(notifier.connection(), List.of(appointment))).get(appointment);
    String phone = facts.phone();
    assertEquals("Sorina", facts.firstName());

    Open erasure = Open.begin();
    Future<Void> erased = Gdpr.erase(erasure.connection(), person, "request", null);
    stillWaiting(erased, "the erasure");
    await(notifier.connection().preparedQuery("INSERT INTO notices (dedupe_key, appointment_id, beneficiary_id, kind, "
            + "phone, body, encoding, segments, cost_bani, status) "
            + "VALUES ($1, $2, $3, 'booked', $4, $5, 'GSM-7', 1, 6, 'queued')")
        .execute(Tuple.of("race:" + appointment, appointment, person, phone, "Sorina: kinetoterapie")));
    notifier.commit();
    await(erased);
    erasure.commit();

    var left = await(pool.preparedQuery("SELECT count(*) FROM notices WHERE beneficiary_id = $1 "
        + "AND (phone IS NOT NULL OR body <> '')").execute(Tuple.of(person))).iterator().next().getLong(0);
    assertEquals(0L, left, "a notice written just before the erasure kept the phone or the text");
    assertEquals(0L, await(pool.preparedQuery("SELECT count(*) FROM notices WHERE phone = $1").execute(Tuple.of(phone)))
        .iterator().next().getLong(0));
  }
}
