package ro.caravana.scheduler.horizon;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ro.caravana.scheduler.access.Scope;
import ro.caravana.scheduler.platform.http.ApiError;
import ro.caravana.scheduler.platform.outbox.EventType;
import ro.caravana.scheduler.platform.outbox.Outbox;
import ro.caravana.scheduler.platform.outbox.OutboxEvent;

/** Horizons and their stops in PostgreSQL. */
public final class HorizonRepository {

  private static final String COLUMNS = "id, county, from_week, weeks, first_day, last_day, seconds_limit, status, score, "
      + "summary, localities, error, requested_by, created_at, started_at, finished_at";
  private static final String INSERT = "INSERT INTO horizons (id, county, from_week, weeks, first_day, last_day, seconds_limit, "
      + "requested_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
  private static final String SELECT = "SELECT " + COLUMNS + " FROM horizons WHERE id = $1";
  private static final String LIST = "SELECT " + COLUMNS.replace("localities, ", "") + ", count(*) OVER () AS total FROM horizons "
      + "WHERE ($1::text IS NULL OR county = $1)" + Scope.countyFilter("county", 2)
      + " ORDER BY created_at DESC LIMIT $3 OFFSET $4";
  private static final String START = "UPDATE horizons SET status = 'solving', started_at = now() WHERE id = $1 AND status = 'queued'";
  /** What a state change's event needs from the row. */
  private static final String EVENT_FACTS = " RETURNING id, county, from_week, weeks, first_day, last_day";
  private static final String SOLVED = "UPDATE horizons SET status = 'solved', finished_at = now(), score = $2, summary = $3, "
      + "localities = $4 WHERE id = $1 AND status IN ('queued', 'solving')" + EVENT_FACTS;
  private static final String FAIL = "UPDATE horizons SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1 "
      + "AND status IN ('queued', 'solving')" + EVENT_FACTS;
  private static final String RECOVER = "UPDATE horizons SET status = 'failed', finished_at = now(), "
      + "error = 'Oprit de o repornire a serviciului; porniți din nou planificarea. / Stopped by a service restart; start the horizon again.' "
      + "WHERE status IN ('queued', 'solving')" + EVENT_FACTS;
  private static final String COUNTY_EXISTS = "SELECT 1 FROM counties WHERE code = $1";
  private static final String INSERT_STOP = "INSERT INTO horizon_stops (horizon_id, caravan_id, day, position, siruta, people, "
      + "arrives_at, departs_at, pinned, leg_source, back_source) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
  /** The caravan days of a week, from the county's most recent solved horizon that covers it. */
  private static final String WEEK_STOPS = """
      SELECT s.caravan_id, s.day, s.position, s.siruta, s.people FROM horizon_stops s
      WHERE s.horizon_id = (SELECT h.id FROM horizons h WHERE h.county = $1 AND h.status = 'solved'
                              AND h.first_day <= $2 AND h.last_day >= $3 ORDER BY h.finished_at DESC LIMIT 1)
        AND s.day BETWEEN $2 AND $3
      ORDER BY s.day, s.caravan_id, s.position""";

  private final Pool pool;

  public HorizonRepository(Pool pool) {
    this.pool = pool;
  }

  public Pool pool() {
    return pool;
  }

  public Future<UUID> insert(HorizonRequest r, String requestedBy) {
    UUID id = UUID.randomUUID();
    return pool.preparedQuery(COUNTY_EXISTS).execute(Tuple.of(r.county())).compose(rows -> {
      if (rows.size() == 0) {
        throw ApiError.unprocessable("county", "Județul " + r.county() + " nu există.", "No county " + r.county() + ".");
      }
      return pool.withTransaction(tx -> tx.preparedQuery(INSERT + EVENT_FACTS).execute(Tuple.from(new Object[] {id, r.county(),
              r.fromWeek(), r.weeks(), r.firstDay(), r.lastDay(), r.secondsLimit(), requestedBy}))
              .compose(inserted -> Outbox.append(tx, HorizonEvent.of(EventType.HORIZON_REQUESTED, inserted.iterator().next(), null,
                  null, null).toOutbox())))
          .recover(e -> Future.failedFuture(e instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())
              ? ApiError.conflict("county", "Pentru " + r.county() + " un orizont este deja în lucru; așteptați-l.",
                  "A horizon for " + r.county() + " is already being planned; wait for it.")
              : e));
    }).map(id);
  }

  public Future<Optional<JsonObject>> find(UUID id) {
    return pool.preparedQuery(SELECT).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toJson(rows.iterator().next(), true)));
  }

  public Future<JsonObject> list(String county, String[] scope, int limit, int offset) {
    return pool.preparedQuery(LIST).execute(Tuple.of(county, scope, limit, offset)).map(rows -> {
      JsonArray items = new JsonArray();
      long total = 0;
      for (Row r : rows) {
        total = r.getLong("total");
        items.add(toJson(r, false));
      }
      return new JsonObject().put("items", items).put("total", total);
    });
  }

  public Future<Boolean> markSolving(UUID id) {
    return pool.preparedQuery(START).execute(Tuple.of(id)).map(r -> r.rowCount() == 1);
  }

  /** A queued or solving horizon becomes failed, with its {@code horizon.failed} event; a finished one stays as it is. */
  public Future<Void> markFailed(UUID id, String error, String cause) {
    return pool.withTransaction(tx -> tx.preparedQuery(FAIL).execute(Tuple.of(id, error)).compose(rows -> rows.size() == 0
        ? Future.succeededFuture()
        : Outbox.append(tx, HorizonEvent.of(EventType.HORIZON_FAILED, rows.iterator().next(), null, null, cause).toOutbox())
            .mapEmpty()));
  }

  public Future<Integer> recoverAfterRestart() {
    return pool.withTransaction(tx -> tx.query(RECOVER).execute().compose(rows -> {
      List<OutboxEvent> events = new ArrayList<>();
      rows.forEach(r -> events.add(HorizonEvent.of(EventType.HORIZON_FAILED, r, null, null, HorizonEvent.CAUSE_RESTART)
          .toOutbox()));
      return Outbox.appendAll(tx, events).map(events.size());
    }));
  }

  /**
   * Stops, report and the {@code horizon.solved} event in one transaction: a horizon is solved with all its stops or
   * not at all (and not over a horizon a restart already failed).
   */
  public Future<Void> saveResult(UUID id, HorizonResult result) {
    List<Tuple> stops = new ArrayList<>();
    for (HorizonResult.Stop s : result.stops()) {
      stops.add(Tuple.from(new Object[] {id, s.caravanId(), s.day(), s.position(), s.siruta(), s.people(), s.arrivesAt(),
          s.departsAt(), s.pinned(), s.legSource(), s.backSource()}));
    }
    return pool.withTransaction(tx -> (stops.isEmpty() ? Future.succeededFuture()
        : tx.preparedQuery(INSERT_STOP).executeBatch(stops).mapEmpty())
        .compose(v -> tx.preparedQuery(SOLVED).execute(Tuple.of(id, result.score(), result.summary(), result.localities())))
        .compose(rows -> {
          if (rows.size() == 0) {
            throw new IllegalStateException("horizon " + id + " is no longer queued or solving");
          }
          return Outbox.append(tx, HorizonEvent.of(EventType.HORIZON_SOLVED, rows.iterator().next(), result.summary(),
              localityCount(result), null).toOutbox());
        })
        .mapEmpty());
  }

  /** Localities with caravan work in the result (a locality split in parts counts once). */
  private static int localityCount(HorizonResult result) {
    java.util.Set<Integer> sirutas = new java.util.HashSet<>();
    result.localities().forEach(o -> sirutas.add(((JsonObject) o).getInteger("siruta")));
    return sirutas.size();
  }

  /** A caravan stop the horizon asks for in a week. */
  public record WeekStop(long caravanId, LocalDate day, int position, int siruta, int people) {}

  public Future<List<WeekStop>> weekStops(String county, LocalDate monday) {
    return pool.preparedQuery(WEEK_STOPS).execute(Tuple.of(county, monday, monday.plusDays(6))).map(rows -> {
      List<WeekStop> out = new ArrayList<>();
      rows.forEach(r -> out.add(new WeekStop(r.getLong("caravan_id"), r.getLocalDate("day"), r.getInteger("position"),
          r.getInteger("siruta"), r.getInteger("people"))));
      return out;
    });
  }

  public Future<JsonArray> stops(UUID id) {
    return pool.preparedQuery("SELECT s.caravan_id, c.code, s.day, s.position, s.siruta, l.name, s.people, s.arrives_at, "
        + "s.departs_at, s.pinned, s.leg_source, s.back_source FROM horizon_stops s JOIN caravans c ON c.id = s.caravan_id "
        + "JOIN localities l ON l.siruta = s.siruta WHERE s.horizon_id = $1 ORDER BY s.day, s.caravan_id, s.position")
        .execute(Tuple.of(id)).map(rows -> {
          JsonArray out = new JsonArray();
          for (Row r : rows) {
            out.add(new JsonObject().put("caravanId", r.getLong("caravan_id")).put("caravan", r.getString("code"))
                .put("date", r.getLocalDate("day").toString()).put("position", r.getInteger("position"))
                .put("siruta", r.getInteger("siruta")).put("name", r.getString("name")).put("people", r.getInteger("people"))
                .put("arrives", iso(r.getOffsetDateTime("arrives_at"))).put("departs", iso(r.getOffsetDateTime("departs_at")))
                .put("pinned", r.getBoolean("pinned")).put("legSource", r.getString("leg_source"))
                .put("backSource", r.getString("back_source")));
          }
          return out;
        });
  }

  private static JsonObject toJson(Row r, boolean withLocalities) {
    JsonObject j = new JsonObject()
        .put("id", r.getUUID("id").toString())
        .put("county", r.getString("county"))
        .put("fromWeek", r.getString("from_week"))
        .put("weeks", r.getInteger("weeks"))
        .put("firstDay", r.getLocalDate("first_day").toString())
        .put("lastDay", r.getLocalDate("last_day").toString())
        .put("secondsLimit", r.getInteger("seconds_limit"))
        .put("status", r.getString("status"))
        .put("score", r.getString("score"))
        .put("summary", r.getJsonObject("summary"))
        .put("error", r.getString("error"))
        .put("createdAt", iso(r.getOffsetDateTime("created_at")))
        .put("startedAt", iso(r.getOffsetDateTime("started_at")))
        .put("finishedAt", iso(r.getOffsetDateTime("finished_at")));
    if (withLocalities) {
      Object l = r.getValue("localities");
      j.put("localities", l == null ? null : l instanceof JsonArray a ? a : new JsonArray(String.valueOf(l)));
    }
    return j;
  }

  static String iso(OffsetDateTime t) {
    return t == null ? null : t.toString();
  }
}
