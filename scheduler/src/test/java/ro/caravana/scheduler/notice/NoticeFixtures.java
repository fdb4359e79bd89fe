package ro.caravana.scheduler.notice;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import ro.caravana.scheduler.geo.LocalityImport;
import ro.caravana.scheduler.platform.outbox.Outbox;
import ro.caravana.scheduler.platform.outbox.OutboxEvent;
import ro.caravana.scheduler.platform.outbox.Topics;

/** Beneficiaries and appointments in the real schema, and the events a producer would write with them. */
final class NoticeFixtures {

  static final int ONESTI = 20572;
  static final int VIZANTEA_MANASTIREASCA = 178581;
  private static final AtomicInteger PHONES = new AtomicInteger();

  private final Pool pool;
  private long centreId;

  NoticeFixtures(Pool pool) {
    this.pool = pool;
  }

  NoticeFixtures prepare() throws Exception {
    await(LocalityImport.importIfEmpty(pool));
    centreId = await(pool.query("INSERT INTO community_centres (code, name, locality_siruta, address) VALUES "
        + "('CC-ON-" + System.nanoTime() % 10000 + "', 'Centrul comunitar Onești', " + ONESTI
        + ", 'Str. Școlii nr. 5, Onești') RETURNING id").execute()).iterator().next().getLong(0);
    return this;
  }

  /** A kinetotherapy care plan at the fixture's centre, valid from a month ago. */
  UUID carePlanAtCentre(UUID beneficiary) throws Exception {
    UUID id = UUID.randomUUID();
    await(pool.preparedQuery("INSERT INTO care_plans (id, beneficiary_id, service, sessions_per_week, minutes, modality, "
        + "centre_id, valid_from) VALUES ($1, $2, 'kinetotherapy', 1, 60, 'centre', $3, current_date - 30)")
        .execute(Tuple.of(id, beneficiary, centreId)));
    return id;
  }

  /** A care plan at the fixture's centre with the family's preferred days (none: any) and hours (null: any). */
  UUID carePlanAtCentre(UUID beneficiary, String service, java.util.List<java.time.DayOfWeek> days,
      java.time.LocalTime from, java.time.LocalTime to) throws Exception {
    UUID id = UUID.randomUUID();
    String[] preferred = days.stream().map(java.time.DayOfWeek::name).toArray(String[]::new);
    await(pool.preparedQuery("INSERT INTO care_plans (id, beneficiary_id, service, sessions_per_week, minutes, modality, "
        + "centre_id, valid_from, preferred_days, preferred_from, preferred_to) "
        + "VALUES ($1, $2, $3, 1, 60, 'centre', $4, current_date - 30, $5, $6, $7)")
        .execute(Tuple.of(id, beneficiary, service, centreId, preferred, from, to)));
    return id;
  }

  static String newPhone() {
    return "+4072" + String.format("%07d", PHONES.incrementAndGet());
  }

  UUID beneficiary(String firstName, String phone, boolean consent, String language) throws Exception {
    UUID id = UUID.randomUUID();
    await(pool.preparedQuery("INSERT INTO beneficiaries (id, first_name, last_name, birth_date, sex, locality_siruta, "
            + "category, phone, sms_consent, sms_consent_date, preferred_language) "
            + "VALUES ($1, $2, 'Popescu', DATE '2015-04-01', 'F', $3, 'child', $4, $5, $6, $7)")
        .execute(Tuple.of(id, firstName, VIZANTEA_MANASTIREASCA, phone, consent,
            consent ? LocalDate.of(2026, 1, 10) : null, language)));
    return id;
  }

  /** A booked centre appointment and its appointment.booked event, in one transaction. */
  UUID bookAtCentre(UUID beneficiary, Instant start) throws Exception {
    return book(beneficiary, start, "kinetotherapy", "centre");
  }

  UUID bookCaravan(UUID beneficiary, Instant start) throws Exception {
    return book(beneficiary, start, "medical_consultation", "caravan");
  }

  UUID book(UUID beneficiary, Instant start, String service, String modality) throws Exception {
    return book(beneficiary, start, service, modality, null);
  }

  /** A booked centre appointment announced as part of a publish (its event names the plan): a digest part. */
  UUID bookInPlan(UUID beneficiary, Instant start, UUID planId) throws Exception {
    return book(beneficiary, start, "kinetotherapy", "centre", planId);
  }

  UUID book(UUID beneficiary, Instant start, String service, String modality, UUID planId) throws Exception {
    UUID id = UUID.randomUUID();
    await(pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO appointments (id, beneficiary_id, service, modality, "
            + "starts_at, ends_at, centre_id, stop_siruta, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'booked')")
        .execute(Tuple.of(id, beneficiary, service, modality, start.atOffset(ZoneOffset.UTC),
            start.plusSeconds(3600).atOffset(ZoneOffset.UTC), modality.equals("centre") ? centreId : null,
            modality.equals("caravan") ? VIZANTEA_MANASTIREASCA : null))
        .compose(v -> event(tx, "appointment.booked", id, beneficiary, start, null, planId))));
    return id;
  }

  /** Moves an appointment and writes appointment.changed with the previous start. */
  void move(UUID appointment, UUID beneficiary, Instant oldStart, Instant newStart) throws Exception {
    await(pool.withTransaction(tx -> tx.preparedQuery("UPDATE appointments SET starts_at = $2, ends_at = $3 WHERE id = $1")
        .execute(Tuple.of(appointment, newStart.atOffset(ZoneOffset.UTC), newStart.plusSeconds(3600).atOffset(ZoneOffset.UTC)))
        .compose(v -> event(tx, "appointment.changed", appointment, beneficiary, newStart, oldStart))));
  }

  static Future<UUID> event(SqlClient tx, String type, UUID appointment, UUID beneficiary, Instant start, Instant old) {
    return event(tx, type, appointment, beneficiary, start, old, null);
  }

  static Future<UUID> event(SqlClient tx, String type, UUID appointment, UUID beneficiary, Instant start, Instant old,
      UUID planId) {
    JsonObject payload = new JsonObject().put("appointmentId", appointment.toString())
        .put("beneficiaryId", beneficiary.toString()).put("startsAt", start.toString())
        .put("planId", planId == null ? null : planId.toString());
    if (old != null) payload.put("previousStartsAt", old.toString());
    return Outbox.append(tx, new OutboxEvent(Topics.APPOINTMENTS, beneficiary.toString(), type, payload));
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
