package ro.caravana.scheduler.planning;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ro.caravana.scheduler.appointment.Actor;
import ro.caravana.scheduler.appointment.AppointmentEvent;
import ro.caravana.scheduler.appointment.AppointmentLifecycle;
import ro.caravana.scheduler.appointment.AppointmentStatus;
import ro.caravana.scheduler.appointment.StatusReason;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.outbox.EventType;
import ro.caravana.scheduler.platform.outbox.Outbox;
import ro.caravana.scheduler.platform.outbox.OutboxEvent;

/**
 * Turns a solved plan into appointments in one transaction. Against what the county-week already
 * has, only differences become changes and events: new items are booked, moved items changed,
 * items no longer planned cancelled; appointments that already started are never touched.
 */
public final class Publisher {

  private static final String LOCK_PLAN = "SELECT county, week, status FROM plans WHERE id = $1 FOR UPDATE";
  private static final String CURRENT = "SELECT id, item_key, beneficiary_id, service, modality, starts_at, ends_at, staff_id, "
      + "centre_id, room_id, caravan_id, stop_siruta, status, version FROM appointments "
      + "WHERE county = $1 AND week = $2 AND item_key IS NOT NULL FOR UPDATE";
  private static final String INSERT = "INSERT INTO appointments (id, beneficiary_id, care_plan_id, service, modality, starts_at, "
      + "ends_at, staff_id, centre_id, room_id, caravan_id, stop_siruta, status, plan_id, item_key, county, week) "
      + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'booked', $13, $14, $15, $16)";
  /**
   * A moved item, or one cancelled by an earlier plan and planned again (the same row is booked again by the
   * lifecycle: its key is unique). The status is the lifecycle's to write.
   */
  private static final String PLACE = "UPDATE appointments SET starts_at = $2, ends_at = $3, staff_id = $4, centre_id = $5, "
      + "room_id = $6, caravan_id = $7, stop_siruta = $8, plan_id = $9, version = version + 1, updated_at = now() WHERE id = $1";
  private static final String KEEP = "UPDATE appointments SET plan_id = $2 WHERE id = ANY($1)";
  private static final String SUPERSEDE = "UPDATE plans SET status = 'superseded' WHERE county = $1 AND week = $2 "
      + "AND status = 'published' AND id <> $3";
  private static final String MARK_PUBLISHED = "UPDATE plans SET status = 'published', published_at = now() WHERE id = $1";

  private final Pool pool;
  private final PlanRepository plans;

  public Publisher(Pool pool, PlanRepository plans) {
    this.pool = pool;
    this.plans = plans;
  }

  /** Counts of what publishing did. */
  public record Result(int booked, int changed, int cancelled, int unchanged) {
    public JsonObject toJson() {
      return new JsonObject().put("booked", booked).put("changed", changed).put("cancelled", cancelled)
          .put("unchanged", unchanged);
    }
  }

  public Future<Result> publish(UUID planId) {
    return pool.withTransaction(tx -> tx.preparedQuery(LOCK_PLAN).execute(Tuple.of(planId)).compose(rows -> {
      if (rows.size() == 0) throw ApiError.notFound("id", "Planul nu există.", "No such plan.");
      Row plan = rows.iterator().next();
      String status = plan.getString("status");
      if (PlanStatus.PUBLISHED.equals(status) || PlanStatus.SUPERSEDED.equals(status)) {
        throw ApiError.conflict("status", "Planul a fost deja publicat.", "The plan has already been published.");
      }
      if (!PlanStatus.SOLVED.equals(status)) {
        throw ApiError.conflict("status", "Doar un plan rezolvat poate fi publicat (starea: " + status + ").",
            "Only a solved plan can be published (status: " + status + ").");
      }
      String county = plan.getString("county");
      String week = plan.getString("week");
      return plans.items(tx, planId).compose(items -> tx.preparedQuery(CURRENT).execute(Tuple.of(county, week))
          .compose(current -> apply(tx, planId, county, week, items, current)))
          .compose(result -> tx.preparedQuery(SUPERSEDE).execute(Tuple.of(county, week, planId))
              .compose(v -> tx.preparedQuery(MARK_PUBLISHED).execute(Tuple.of(planId)))
              .map(result));
    }));
  }

  private Future<Result> apply(SqlConnection tx, UUID planId, String county, String week, List<PlanOutcome.Item> items,
      io.vertx.sqlclient.RowSet<Row> current) {
    OffsetDateTime now = OffsetDateTime.now();
    Actor actor = new Actor.Plan(planId);
    StatusReason replanned = StatusReason.of(StatusReason.Kind.REPLANNED);
    Map<String, Row> existing = new HashMap<>();
    current.forEach(r -> existing.put(r.getString("item_key"), r));
    List<Tuple> inserts = new ArrayList<>();
    List<AppointmentLifecycle.Created> created = new ArrayList<>();
    List<Tuple> placements = new ArrayList<>();
    List<AppointmentLifecycle.Change> statusChanges = new ArrayList<>();
    List<UUID> planned = new ArrayList<>();
    List<OutboxEvent> moved = new ArrayList<>();
    int rebooked = 0;
    int kept = 0;
    for (PlanOutcome.Item item : items) {
      if (!item.placed()) continue;
      Row old = existing.remove(item.itemKey());
      if (old == null) {
        UUID id = UUID.randomUUID();
        inserts.add(Tuple.tuple().addUUID(id).addUUID(item.beneficiaryId()).addUUID(item.carePlanId())
            .addString(item.service()).addString(item.modality()).addOffsetDateTime(item.startsAt())
            .addOffsetDateTime(item.endsAt()).addLong(item.staffId()).addLong(item.centreId()).addLong(item.roomId())
            .addLong(item.caravanId()).addInteger(item.stopSiruta()).addUUID(planId).addString(item.itemKey())
            .addString(county).addString(week));
        created.add(new AppointmentLifecycle.Created(event(EventType.APPOINTMENT_BOOKED, id, county, planId, item, null, 1),
            actor, replanned));
      } else if ("cancelled".equals(old.getString("status"))) {
        UUID id = old.getUUID("id");
        placements.add(placement(id, item, planId));
        statusChanges.add(new AppointmentLifecycle.Change(id, AppointmentStatus.BOOKED, actor, replanned));
        rebooked++;
      } else if (!old.getOffsetDateTime("starts_at").isAfter(now) || sameAs(old, item)) {
        planned.add(old.getUUID("id")); // started already, or nothing to tell the family
        kept++;
      } else {
        UUID id = old.getUUID("id");
        placements.add(placement(id, item, planId));
        moved.add(event(EventType.APPOINTMENT_CHANGED, id, county, planId, item, old, old.getInteger("version") + 1)
            .toOutbox());
      }
    }
    int cancelled = 0;
    for (Row old : existing.values()) {
      if ("cancelled".equals(old.getString("status")) || !old.getOffsetDateTime("starts_at").isAfter(now)) continue;
      UUID id = old.getUUID("id");
      planned.add(id);
      statusChanges.add(new AppointmentLifecycle.Change(id, AppointmentStatus.CANCELLED, actor, replanned));
      cancelled++;
    }
    Result result = new Result(inserts.size() + rebooked, moved.size(), cancelled, kept);
    return batch(tx, INSERT, inserts)
        .compose(v -> batch(tx, PLACE, placements))
        .compose(v -> planned.isEmpty() ? Future.succeededFuture()
            : tx.preparedQuery(KEEP).execute(Tuple.of(planned.toArray(new UUID[0]), planId)).mapEmpty())
        .compose(v -> AppointmentLifecycle.created(tx, created))
        .compose(v -> AppointmentLifecycle.moveAll(tx, statusChanges))
        .compose(v -> Outbox.appendAll(tx, moved))
        .map(result);
  }

  private static Tuple placement(UUID id, PlanOutcome.Item item, UUID planId) {
    return Tuple.tuple().addUUID(id).addOffsetDateTime(item.startsAt()).addOffsetDateTime(item.endsAt())
        .addLong(item.staffId()).addLong(item.centreId()).addLong(item.roomId()).addLong(item.caravanId())
        .addInteger(item.stopSiruta()).addUUID(planId);
  }

  private static boolean sameAs(Row old, PlanOutcome.Item item) {
    return item.samePlacement(old.getOffsetDateTime("starts_at"), old.getOffsetDateTime("ends_at"),
        old.getLong("staff_id"), old.getLong("centre_id"), old.getLong("room_id"), old.getInteger("stop_siruta"));
  }

  private static Future<Void> batch(SqlConnection tx, String sql, List<Tuple> rows) {
    return rows.isEmpty() ? Future.succeededFuture() : tx.preparedQuery(sql).executeBatch(rows).mapEmpty();
  }

  private static AppointmentEvent event(EventType type, UUID id, String county, UUID planId, PlanOutcome.Item item,
      Row previous, int version) {
    return new AppointmentEvent(type, id, item.beneficiaryId(), county, planId, item.service(), item.modality(),
        item.startsAt().toInstant(), item.endsAt().toInstant(), item.staffId(), item.centreId(), item.roomId(),
        item.caravanId(), item.stopSiruta(), "booked", null, version,
        previous == null ? null : previous.getOffsetDateTime("starts_at").toInstant(),
        previous == null ? null : previous.getLong("centre_id"),
        previous == null ? null : previous.getInteger("stop_siruta"), actorKind(planId), null, null);
  }

  private static String actorKind(UUID planId) {
    return new Actor.Plan(planId).kind();
  }
}
