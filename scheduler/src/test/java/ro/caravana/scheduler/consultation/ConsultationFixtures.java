package ro.caravana.scheduler.consultation;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** A doctor, a beneficiary with a guardian, and remote appointments between them, written with SQL. */
public final class ConsultationFixtures {

  private final Pool pool;
  public final long doctorId;
  public final UUID beneficiaryId;

  private ConsultationFixtures(Pool pool, long doctorId, UUID beneficiaryId) {
    this.pool = pool;
    this.doctorId = doctorId;
    this.beneficiaryId = beneficiaryId;
  }

  public static ConsultationFixtures create(Pool pool) throws Exception {
    int siruta = get(pool.query("SELECT siruta FROM localities WHERE county = 'BC' ORDER BY siruta LIMIT 1").execute())
        .iterator().next().getInteger(0);
    String code = "DR-" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100000);
    long staff = get(pool.preparedQuery("INSERT INTO staff (code, first_name, last_name, role, county) "
        + "VALUES ($1, 'Ioana', 'Mureșan', 'doctor', 'BC') RETURNING id").execute(Tuple.of(code)))
        .iterator().next().getLong(0);
    UUID beneficiary = UUID.randomUUID();
    get(pool.preparedQuery("INSERT INTO beneficiaries (id, first_name, last_name, birth_date, sex, locality_siruta, "
        + "category, guardian_name) VALUES ($1, 'Andrei', 'Țurcanu', DATE '2017-03-04', 'M', $2, 'child', 'Elena Țurcanu')")
        .execute(Tuple.of(beneficiary, siruta)));
    return new ConsultationFixtures(pool, staff, beneficiary);
  }

  public UUID appointment(String modality, OffsetDateTime start, int minutes, String status) throws Exception {
    UUID id = UUID.randomUUID();
    Integer stop = modality.equals("caravan")
        ? get(pool.query("SELECT siruta FROM localities LIMIT 1").execute()).iterator().next().getInteger(0) : null;
    Long centre = null;
    if (modality.equals("centre")) throw new IllegalArgumentException("centre appointments need a centre; not needed here");
    get(pool.preparedQuery("INSERT INTO appointments (id, beneficiary_id, service, modality, starts_at, ends_at, staff_id, "
        + "stop_siruta, centre_id, status) VALUES ($1, $2, 'telemedicine', $3, $4, $5, $6, $7, $8, $9)")
        .execute(Tuple.from(new Object[] {id, beneficiaryId, modality, start, start.plusMinutes(minutes), doctorId, stop,
            centre, status})));
    return id;
  }

  public static <T> T get(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
