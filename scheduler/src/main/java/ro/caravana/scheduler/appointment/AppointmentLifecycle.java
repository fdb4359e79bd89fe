package ro.caravana.scheduler.appointment;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.outbox.EventType;
import ro.caravana.scheduler.platform.outbox.Outbox;
import ro.caravana.scheduler.platform.outbox.OutboxEvent;

/**
 * The one owner of an appointment's status. Publishing, the API, family links, SMS replies, video
 * presence and attendance marks all change status here, inside the caller's transaction: the row is
 * locked, the move checked ({@link AppointmentStatus}; a refused move is a 409 with a Romanian and
 * English reason), the status and version written, the change recorded with who made it and why
 * ({@code appointment_status_changes}) and the typed event appended to the outbox, all in that
 * transaction. No other code writes {@code appointments.status}.
 */
public final class AppointmentLifecycle {

  /** A requested status change; {@code expectedVersion} (optional) refuses the change if the row moved on. */
  public record Change(UUID appointmentId, AppointmentStatus to, Actor actor, StatusReason reason,
      Integer expectedVersion) {
    public Change(UUID appointmentId, AppointmentStatus to, Actor actor, StatusReason reason) {
      this(appointmentId, to, actor, reason, null);
    }
  }

  /** What a change did; {@code event} is null when the appointment already had that status. */
  public record Outcome(UUID appointmentId, AppointmentStatus from, AppointmentStatus to, int version,
      AppointmentEvent event) {
    public boolean changed() {
      return event != null;
    }
  }

  /** A new appointment row inserted by its creator (publishing, the API), announced and recorded here. */
  public record Created(AppointmentEvent event, Actor actor, StatusReason reason) {}

  static final String LOCK = """
      SELECT a.id, a.beneficiary_id, COALESCE(a.county, l.county) AS county, a.plan_id, a.service, a.modality,
             a.starts_at, a.ends_at, a.staff_id, a.centre_id, a.room_id, a.caravan_id, a.stop_siruta, a.status, a.version
        FROM appointments a
        JOIN beneficiaries b ON b.id = a.beneficiary_id
        JOIN localities l ON l.siruta = b.locality_siruta
       WHERE a.id = ANY($1) ORDER BY a.id FOR UPDATE OF a""";
  static final String SET_STATUS =
      "UPDATE appointments SET status = $2, version = version + 1, updated_at = now() WHERE id = $1";
  static final String RECORD = """
      INSERT INTO appointment_status_changes (appointment_id, from_status, to_status, version, actor_kind, actor_ref,
        reason_class, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""";
  static final String CONFIRMED = """
      INSERT INTO appointment_confirmations (appointment_id, reply_id) VALUES ($1, $2)
      ON CONFLICT (appointment_id) DO NOTHING""";

  private AppointmentLifecycle() {}

  /** One change; fails with 404 (no such appointment), 409 (refused move or stale version) or 422 (no reason). */
  public static Future<Outcome> move(SqlClient tx, Change change) {
    return moveAll(tx, List.of(change)).map(list -> list.get(0));
  }

  /**
   * Several changes in one go (publishing cancels a county-week's dropped appointments this way): one lock
   * query, batched writes. All or nothing: one refused change fails the whole call (and so the caller's
   * transaction).
   */
  public static Future<List<Outcome>> moveAll(SqlClient tx, List<Change> changes) {
    if (changes.isEmpty()) return Future.succeededFuture(List.of());
    UUID[] ids = changes.stream().map(Change::appointmentId).distinct().toArray(UUID[]::new);
    return tx.preparedQuery(LOCK).execute(Tuple.of(ids)).compose(rows -> {
      Map<UUID, Row> current = new HashMap<>();
      rows.forEach(r -> current.put(r.getUUID("id"), r));
      Instant now = Instant.now();
      List<Outcome> outcomes = new ArrayList<>();
      List<Tuple> updates = new ArrayList<>();
      List<Tuple> records = new ArrayList<>();
      List<OutboxEvent> events = new ArrayList<>();
      Map<UUID, Integer> versions = new HashMap<>();
      Map<UUID, AppointmentStatus> statuses = new HashMap<>();
      for (Change c : changes) {
        Row r = current.get(c.appointmentId());
        if (r == null) return Future.failedFuture(notFound());
        AppointmentStatus from = statuses.getOrDefault(c.appointmentId(), AppointmentStatus.of(r.getString("status")));
        int version = versions.getOrDefault(c.appointmentId(), r.getInteger("version"));
        if (c.expectedVersion() != null && c.expectedVersion() != version) {
          return Future.failedFuture(ApiError.conflict("version",
              "Programarea a fost modificată între timp (versiunea curentă " + version + ").",
              "The appointment was changed meanwhile (current version " + version + ")."));
        }
        if (from == c.to()) {
          outcomes.add(new Outcome(c.appointmentId(), from, from, version, null)); // nothing to change, nothing to tell
          continue;
        }
        ApiError refused = refusal(from, c, r.getOffsetDateTime("starts_at").toInstant(), now);
        if (refused != null) return Future.failedFuture(refused);
        int next = version + 1;
        versions.put(c.appointmentId(), next);
        statuses.put(c.appointmentId(), c.to());
        updates.add(Tuple.of(c.appointmentId(), c.to().wire()));
        records.add(Tuple.tuple().addUUID(c.appointmentId()).addString(from.wire()).addString(c.to().wire())
            .addInteger(next).addString(c.actor().kind()).addString(c.actor().ref())
            .addString(c.reason() == null ? null : c.reason().kind().wire())
            .addString(c.reason() == null ? null : c.reason().text()));
        AppointmentEvent event = event(r, typeOf(from, c.to()), from, c.to(), next, c.actor(), c.reason());
        events.add(event.toOutbox());
        if (frees(from, c, event.startsAt(), now)) events.add(FreedSlot.of(event).toOutbox());
        outcomes.add(new Outcome(c.appointmentId(), from, c.to(), next, event));
      }
      if (updates.isEmpty()) return Future.succeededFuture(outcomes);
      return tx.preparedQuery(SET_STATUS).executeBatch(updates)
          .compose(v -> tx.preparedQuery(RECORD).executeBatch(records))
          .compose(v -> Outbox.appendAll(tx, events))
          .map(outcomes);
    });
  }

  /**
   * The family says it will come (an SMS answer or its link): a proposed appointment becomes booked, a booked
   * one is marked confirmed ({@code appointment_confirmations}) and {@code appointment.confirmed} is written.
   * Refused (409) when the appointment started already or is no longer booked.
   */
  public static Future<Outcome> confirm(SqlClient tx, UUID appointmentId, Actor actor) {
    return tx.preparedQuery(LOCK).execute(Tuple.of((Object) new UUID[] {appointmentId})).compose(rows -> {
      if (rows.size() == 0) return Future.failedFuture(notFound());
      Row r = rows.iterator().next();
      AppointmentStatus from = AppointmentStatus.of(r.getString("status"));
      Instant starts = r.getOffsetDateTime("starts_at").toInstant();
      if ((from != AppointmentStatus.BOOKED && from != AppointmentStatus.PROPOSED) || !starts.isAfter(Instant.now())) {
        return Future.failedFuture(tooLate(from));
      }
      Future<Integer> booked = from == AppointmentStatus.PROPOSED
          ? move(tx, new Change(appointmentId, AppointmentStatus.BOOKED, actor,
              StatusReason.of(StatusReason.Kind.FAMILY_CONFIRMED))).map(Outcome::version)
          : Future.succeededFuture(r.getInteger("version"));
      Long replyId = actor instanceof Actor.SmsReply s ? s.replyId() : null;
      return booked.compose(version -> tx.preparedQuery(CONFIRMED).execute(Tuple.of(appointmentId, replyId))
          .compose(v -> {
            AppointmentEvent event = event(r, EventType.APPOINTMENT_CONFIRMED, from, AppointmentStatus.BOOKED, version,
                actor, StatusReason.of(StatusReason.Kind.FAMILY_CONFIRMED));
            return Outbox.append(tx, event.toOutbox())
                .map(id -> new Outcome(appointmentId, from, AppointmentStatus.BOOKED, version, event));
          }));
    });
  }

  /** Records and announces appointments their creator has just inserted (status proposed or booked). */
  public static Future<Void> created(SqlClient tx, List<Created> created) {
    if (created.isEmpty()) return Future.succeededFuture();
    List<Tuple> records = new ArrayList<>();
    List<OutboxEvent> events = new ArrayList<>();
    for (Created c : created) {
      AppointmentEvent e = c.event();
      records.add(Tuple.tuple().addUUID(e.appointmentId()).addString(null).addString(e.status())
          .addInteger(e.appointmentVersion()).addString(c.actor().kind()).addString(c.actor().ref())
          .addString(c.reason() == null ? null : c.reason().kind().wire())
          .addString(c.reason() == null ? null : c.reason().text()));
      events.add(e.toOutbox());
    }
    return tx.preparedQuery(RECORD).executeBatch(records).compose(v -> Outbox.appendAll(tx, events));
  }

  static final String COPY = """
      INSERT INTO appointments (id, beneficiary_id, care_plan_id, service, modality, starts_at, ends_at, staff_id,
        centre_id, room_id, caravan_id, stop_siruta, status, county, week)
      SELECT $1, $2, $3, service, modality, starts_at, ends_at, staff_id, centre_id, room_id, caravan_id, stop_siruta,
             'booked', county, week
        FROM appointments WHERE id = $4""";

  /**
   * Books another family into a freed slot: a new appointment with the slot's time, staff and place, recorded and
   * announced like any creation. The caller holds the lock on the freed appointment (first answer wins).
   */
  public static Future<AppointmentEvent> bookFreedSlot(SqlClient tx, UUID freedId, UUID newId, UUID beneficiaryId,
      UUID carePlanId, Actor actor) {
    StatusReason reason = StatusReason.of(StatusReason.Kind.SLOT_OFFER_TAKEN);
    return tx.preparedQuery(COPY).execute(Tuple.of(newId, beneficiaryId, carePlanId, freedId))
        .compose(v -> tx.preparedQuery(LOCK).execute(Tuple.of((Object) new UUID[] {newId})))
        .compose(rows -> {
          AppointmentEvent e = event(rows.iterator().next(), EventType.APPOINTMENT_BOOKED, null, AppointmentStatus.BOOKED, 1,
              actor, reason);
          return created(tx, List.of(new Created(e, actor, reason))).map(e);
        });
  }

  /** The event type a move announces: the target status, or a change of time/place when neither is a status move. */
  static EventType typeOf(AppointmentStatus from, AppointmentStatus to) {
    return switch (to) {
      case PROPOSED -> EventType.APPOINTMENT_PROPOSED;
      case BOOKED -> EventType.APPOINTMENT_BOOKED;
      case ARRIVED -> EventType.APPOINTMENT_ARRIVED;
      case FULFILLED -> EventType.APPOINTMENT_FULFILLED;
      case CANCELLED -> EventType.APPOINTMENT_CANCELLED;
      case NOSHOW -> EventType.APPOINTMENT_NOSHOW;
    };
  }

  /** A booked slot that has not started, called off by its family or a coordinator (a re-plan reuses its own). */
  static boolean frees(AppointmentStatus from, Change c, Instant startsAt, Instant now) {
    return from == AppointmentStatus.BOOKED && c.to() == AppointmentStatus.CANCELLED && !(c.actor() instanceof Actor.Plan)
        && startsAt.isAfter(now);
  }

  /** The outcomes of attendance, between which a later field mark may move an appointment directly. */
  static final java.util.Set<AppointmentStatus> ATTENDANCE_OUTCOMES =
      java.util.EnumSet.of(AppointmentStatus.FULFILLED, AppointmentStatus.NOSHOW, AppointmentStatus.CANCELLED);

  /** Why a move is refused, or null when it may happen. */
  static ApiError refusal(AppointmentStatus from, Change c, Instant startsAt, Instant now) {
    AppointmentStatus to = c.to();
    // the mark made last decides (the attendance context orders them); a cancellation by anyone else stays
    if (c.actor().marksAttendance() && ATTENDANCE_OUTCOMES.contains(from) && ATTENDANCE_OUTCOMES.contains(to)) return null;
    boolean forward = from.canMoveTo(to);
    boolean undo = from.undoTarget().map(to::equals).orElse(false);
    if (!forward && !undo) {
      return ApiError.conflict("status",
          "O programare „" + from.labelRo() + "” nu poate deveni „" + to.labelRo() + "”.",
          "An appointment that is " + from.labelEn() + " cannot become " + to.labelEn() + ".");
    }
    if (c.actor().family() && !startsAt.isAfter(now)) {
      return tooLate(from);
    }
    if (!forward) { // a correction
      boolean replanned = c.actor() instanceof Actor.Plan && from == AppointmentStatus.CANCELLED;
      if (!replanned && !c.actor().coordinator()) {
        return ApiError.conflict("status",
            "Doar un coordonator poate readuce o programare „" + from.labelRo() + "” la „" + to.labelRo() + "”.",
            "Only a coordinator may return an appointment that is " + from.labelEn() + " to " + to.labelEn() + ".");
      }
      if (!replanned && (c.reason() == null || c.reason().text() == null || c.reason().text().isBlank())) {
        return ApiError.unprocessable("reason",
            "Readucerea unei programări „" + from.labelRo() + "” la „" + to.labelRo() + "” cere un motiv.",
            "Returning an appointment that is " + from.labelEn() + " to " + to.labelEn() + " needs a reason.");
      }
      if (from == AppointmentStatus.CANCELLED && !startsAt.isAfter(now)) {
        return ApiError.conflict("status", "O programare anulată care a trecut nu mai poate fi refăcută.",
            "A cancelled appointment that is already past cannot be restored.");
      }
    }
    return null;
  }

  private static ApiError tooLate(AppointmentStatus from) {
    return ApiError.conflict("status",
        "Programarea nu mai poate fi modificată (a început deja sau este „" + from.labelRo() + "”).",
        "The appointment can no longer be changed (it has started or is " + from.labelEn() + ").");
  }

  static AppointmentEvent event(Row r, EventType type, AppointmentStatus from, AppointmentStatus to, int version,
      Actor actor, StatusReason reason) {
    return new AppointmentEvent(type, r.getUUID("id"), r.getUUID("beneficiary_id"), r.getString("county"),
        r.getUUID("plan_id"), r.getString("service"), r.getString("modality"),
        r.getOffsetDateTime("starts_at").toInstant(), r.getOffsetDateTime("ends_at").toInstant(), r.getLong("staff_id"),
        r.getLong("centre_id"), r.getLong("room_id"), r.getLong("caravan_id"), r.getInteger("stop_siruta"), to.wire(),
        from == null ? null : from.wire(), version, null, null, null, actor.kind(),
        reason == null ? null : reason.kind().wire(), null);
  }

  static ApiError notFound() {
    return ApiError.notFound("id", "Nu există o programare cu acest identificator.", "No appointment with this id.");
  }
}
