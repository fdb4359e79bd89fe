package ro.caravana.scheduler.attendance;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.appointment.Actor;
import ro.caravana.scheduler.appointment.AppointmentEvent;
import ro.caravana.scheduler.appointment.AppointmentLifecycle;
import ro.caravana.scheduler.appointment.StatusReason;
import ro.caravana.scheduler.common.Fields;
import ro.caravana.scheduler.common.Vocabulary;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.outbox.EventType;

/**
 * Someone who came to a caravan stop without an appointment: an existing beneficiary of the stop's
 * locality, or a minimal new record (name, birth date, sex) flagged {@value #REVIEW_FLAG} for the
 * coordinator. Either way a caravan appointment at the stop is created and marked present, in one
 * transaction, once per idempotency key (the device may send it again after a lost answer).
 */
public final class WalkIns {

  public static final String REVIEW_FLAG = "needs_review";
  static final String WALK_IN_FLAG = "walk_in";

  /** The stop must be one of the caller's (or their caravan's) stops that day; its doctor holds the walk-in. */
  private static final String STOP = """
      SELECT a.caravan_id, a.staff_id, a.ends_at FROM appointments a
       WHERE (a.staff_id = $1 OR a.caravan_id = (SELECT s.caravan_id FROM staff s WHERE s.id = $1))
         AND a.stop_siruta = $2 AND a.starts_at >= $3 AND a.starts_at < $4 AND a.caravan_id IS NOT NULL
       ORDER BY a.ends_at DESC LIMIT 1""";
  private static final String LOCK_KEY = "SELECT pg_advisory_xact_lock(hashtext($1::text))";
  private static final String BY_KEY = "SELECT appointment_id FROM attendance_marks WHERE idempotency_key = $1";
  private static final String RESIDENT = "SELECT 1 FROM beneficiaries WHERE id = $1 AND locality_siruta = $2";
  private static final String NEW_PERSON = """
      INSERT INTO beneficiaries (id, first_name, last_name, birth_date, sex, locality_siruta, category, flags)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""";
  private static final String NEW_APPOINTMENT = """
      INSERT INTO appointments (id, beneficiary_id, service, modality, starts_at, ends_at, staff_id, caravan_id,
        stop_siruta, status)
      VALUES ($1, $2, 'medical_consultation', 'caravan', $3, $4, $5, $6, $7, 'booked')""";

  /** A walk-in as the device sends it. */
  public record WalkIn(UUID key, int stopSiruta, OffsetDateTime markedAt, UUID beneficiaryId, NewPerson person,
      String note) {}

  /** The minimal record of someone not known yet. */
  public record NewPerson(String firstName, String lastName, LocalDate birthDate, String sex) {}

  private final Pool pool;
  private final FieldMarks marks;
  private final ZoneId zone;

  public WalkIns(Pool pool, FieldMarks marks, ZoneId zone) {
    this.pool = pool;
    this.marks = marks;
    this.zone = zone;
  }

  public static WalkIn parse(JsonObject body, OffsetDateTime now) {
    UUID key = FieldMark.canonicalUuid(body, "key");
    int stop = Fields.integer(body, "stopSiruta", 1, 999_999);
    OffsetDateTime at = FieldMark.markedAt(body, now);
    String note = FieldMark.note(body);
    boolean known = Fields.present(body, "beneficiaryId");
    boolean fresh = Fields.present(body, "person");
    if (known == fresh) {
      throw Fields.invalid("beneficiaryId", "Alegeți o persoană din listă sau completați una nouă (nu amândouă).",
          "Pick a person from the list or fill in a new one (not both).");
    }
    if (known) return new WalkIn(key, stop, at, FieldMark.canonicalUuid(body, "beneficiaryId"), null, note);
    if (!(body.getValue("person") instanceof JsonObject p)) throw Fields.wrongType("person", "un obiect", "an object");
    LocalDate birth = Fields.requiredDate(p, "birthDate");
    if (birth.isAfter(now.toLocalDate()) || birth.isBefore(LocalDate.of(1900, 1, 1))) {
      throw Fields.invalid("person.birthDate", "Data nașterii nu este plauzibilă.", "The birth date is not plausible.");
    }
    return new WalkIn(key, stop, at, null, new NewPerson(name(p, "firstName"), name(p, "lastName"), birth,
        Fields.choice(p, "sex", Vocabulary.SEXES)), note);
  }

  private static String name(JsonObject p, String field) {
    String v = Fields.text(p, field);
    if (v.length() > 100) throw Fields.invalid("person." + field, "Cel mult 100 de caractere.", "At most 100 characters.");
    return v;
  }

  /** Creates (once per key) the appointment and its present mark; answers the mark's result with the appointment id. */
  public Future<JsonObject> record(Caller caller, WalkIn w) {
    if (caller.staffId() == null) {
      return Future.failedFuture(ApiError.forbidden("Contul nu este legat de un membru al personalului.",
          "The account is not linked to a staff member."));
    }
    return pool.withTransaction(tx -> tx.preparedQuery(LOCK_KEY).execute(Tuple.of(w.key().toString()))
        .compose(l -> tx.preparedQuery(BY_KEY).execute(Tuple.of(w.key())))
        .compose(seen -> {
          if (seen.size() > 0) {
            UUID appointment = seen.iterator().next().getUUID(0);
            return Future.succeededFuture(new JsonObject().put("key", w.key().toString())
                .put("appointmentId", appointment.toString()).put("outcome", FieldMarks.Outcome.DUPLICATE.wire()));
          }
          return create(tx, caller, w);
        }));
  }

  private Future<JsonObject> create(SqlClient tx, Caller caller, WalkIn w) {
    LocalDate day = w.markedAt().atZoneSameInstant(zone).toLocalDate();
    return tx.preparedQuery(STOP).execute(Tuple.of(caller.staffId(), w.stopSiruta(),
            day.atStartOfDay(zone).toOffsetDateTime(), day.plusDays(1).atStartOfDay(zone).toOffsetDateTime()))
        .compose(stops -> {
          if (stops.size() == 0) {
            throw Fields.invalid("stopSiruta", "Localitatea nu este o oprire a caravanei dumneavoastră în acea zi.",
                "The locality is not a stop of your caravan that day.");
          }
          Row stop = stops.iterator().next();
          return beneficiary(tx, w).compose(beneficiary -> {
            UUID appointment = UUID.randomUUID();
            OffsetDateTime start = w.markedAt();
            return tx.preparedQuery(NEW_APPOINTMENT).execute(Tuple.from(new Object[] {appointment, beneficiary, start,
                    start.plusMinutes(20), stop.getLong("staff_id"), stop.getLong("caravan_id"), w.stopSiruta()}))
                .compose(r -> AppointmentLifecycle.created(tx, List.of(new AppointmentLifecycle.Created(
                    new AppointmentEvent(EventType.APPOINTMENT_BOOKED, appointment, beneficiary, null, null,
                        "medical_consultation", "caravan", start.toInstant(), start.plusMinutes(20).toInstant(),
                        stop.getLong("staff_id"), null, null, stop.getLong("caravan_id"), w.stopSiruta(), "booked", null, 1,
                        null, null, null, null, null, null),
                    new Actor.FieldMark(caller.accountId(), w.key()),
                    new StatusReason(StatusReason.Kind.ATTENDANCE_MARK, "walk-in " + w.key())))))
                .compose(e -> marks.apply(tx, caller,
                    new FieldMark(w.key(), appointment, FieldMark.Kind.PRESENT, w.markedAt(), w.note())))
                .map(result -> result.put("beneficiaryId", beneficiary.toString()).put("newRecord", w.person() != null));
          });
        });
  }

  private Future<UUID> beneficiary(SqlClient tx, WalkIn w) {
    if (w.beneficiaryId() != null) {
      return tx.preparedQuery(RESIDENT).execute(Tuple.of(w.beneficiaryId(), w.stopSiruta())).map(rows -> {
        if (rows.size() == 0) {
          throw Fields.invalid("beneficiaryId", "Persoana nu locuiește în localitatea opririi.",
              "The person does not live in the stop's locality.");
        }
        return w.beneficiaryId();
      });
    }
    NewPerson p = w.person();
    UUID id = UUID.randomUUID();
    int age = Period.between(p.birthDate(), w.markedAt().toLocalDate()).getYears();
    // a first guess for the coordinator to check: the record is flagged for review
    String category = age < 18 ? "child" : age >= 65 ? "elderly" : "vulnerable_family";
    return tx.preparedQuery(NEW_PERSON).execute(Tuple.from(new Object[] {id, p.firstName(), p.lastName(), p.birthDate(),
        p.sex(), w.stopSiruta(), category, new String[] {WALK_IN_FLAG, REVIEW_FLAG}})).map(id);
  }
}
