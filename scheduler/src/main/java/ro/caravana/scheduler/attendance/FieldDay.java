package ro.caravana.scheduler.attendance;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import ro.caravana.scheduler.access.Caller;

/**
 * A clinician's or caravan crew member's day: their appointments (and their caravan's) in order, grouped by
 * place (caravan stops in visiting order), each with its latest attendance mark; and, for walk-ins, the
 * people living in the day's stop localities (name and birth year only).
 */
public final class FieldDay {

  private static final String APPOINTMENTS = """
      SELECT a.id, a.starts_at, a.ends_at, a.service, a.modality, a.status, a.stop_siruta, sl.name AS stop_name,
             a.centre_id, c.name AS centre_name, c.address AS centre_address, v.name AS caravan_name,
             b.id AS beneficiary_id, b.first_name, b.last_name,
             m.status AS mark_status, m.marked_at, m.recorded_by, m.note AS mark_note
        FROM appointments a
        JOIN beneficiaries b ON b.id = a.beneficiary_id
        LEFT JOIN localities sl ON sl.siruta = a.stop_siruta
        LEFT JOIN community_centres c ON c.id = a.centre_id
        LEFT JOIN caravans v ON v.id = a.caravan_id
        LEFT JOIN LATERAL (SELECT status, COALESCE(marked_at, recorded_at) AS marked_at, recorded_by, note
                             FROM attendance_marks WHERE appointment_id = a.id
                            ORDER BY COALESCE(marked_at, recorded_at) DESC, idempotency_key DESC NULLS LAST LIMIT 1) m ON true
       WHERE (a.staff_id = $1 OR a.caravan_id = (SELECT s.caravan_id FROM staff s WHERE s.id = $1))
         AND a.starts_at >= $2 AND a.starts_at < $3
       ORDER BY a.starts_at, a.id""";
  private static final String PEOPLE = """
      SELECT b.id, b.first_name, b.last_name, extract(year FROM b.birth_date)::int AS birth_year, b.locality_siruta
        FROM beneficiaries b
       WHERE b.locality_siruta = ANY($1)
       ORDER BY b.last_name, b.first_name, b.id LIMIT 2000""";
  private static final String NEXT_DAY = """
      SELECT min(a.starts_at) FROM appointments a
       WHERE (a.staff_id = $1 OR a.caravan_id = (SELECT s.caravan_id FROM staff s WHERE s.id = $1))
         AND a.starts_at >= $2 AND a.status <> 'cancelled'""";
  private static final String STAFF = """
      SELECT s.first_name, s.last_name, s.role, s.caravan_id, v.name AS caravan_name
        FROM staff s LEFT JOIN caravans v ON v.id = s.caravan_id WHERE s.id = $1""";

  private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm");

  private final Pool pool;
  private final ZoneId zone;

  public FieldDay(Pool pool, ZoneId zone) {
    this.pool = pool;
    this.zone = zone;
  }

  /**
   * The caller's day: {@code date}, {@code staff}, {@code places} (each {@code siruta} or {@code centreId},
   * {@code name}, {@code from}, {@code to}, {@code appointments}), {@code appointments} in time order and
   * {@code people} (walk-in candidates). Callers without a staff record get an empty day.
   */
  public Future<JsonObject> day(Caller caller, LocalDate date, boolean withPeople) {
    JsonObject out = new JsonObject().put("date", date.toString()).put("places", new JsonArray())
        .put("appointments", new JsonArray()).put("people", new JsonArray());
    if (caller.staffId() == null) return Future.succeededFuture(out);
    OffsetDateTime from = date.atStartOfDay(zone).toOffsetDateTime();
    OffsetDateTime to = date.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
    return pool.preparedQuery(STAFF).execute(Tuple.of(caller.staffId())).compose(staff -> {
      if (staff.size() > 0) {
        Row s = staff.iterator().next();
        out.put("staff", new JsonObject().put("role", s.getString("role")).put("caravanId", s.getLong("caravan_id"))
            .put("caravanName", s.getString("caravan_name")));
      }
      return pool.preparedQuery(APPOINTMENTS).execute(Tuple.of(caller.staffId(), from, to));
    }).compose(rows -> {
      Map<String, JsonObject> places = new LinkedHashMap<>();
      JsonArray all = out.getJsonArray("appointments");
      for (Row r : rows) {
        JsonObject a = appointment(r);
        all.add(a);
        String placeKey = r.getInteger("stop_siruta") != null ? "stop:" + r.getInteger("stop_siruta")
            : r.getLong("centre_id") != null ? "centre:" + r.getLong("centre_id") : "remote";
        JsonObject place = places.computeIfAbsent(placeKey, k -> place(r, a));
        place.put("to", a.getString("endTime"));
        place.getJsonArray("appointments").add(a);
      }
      places.values().forEach(out.getJsonArray("places")::add);
      Integer[] stops = places.values().stream().map(p -> p.getInteger("siruta")).filter(s -> s != null)
          .toArray(Integer[]::new);
      if (!withPeople || stops.length == 0) return Future.succeededFuture(out);
      return pool.preparedQuery(PEOPLE).execute(Tuple.of(stops)).map(people -> {
        for (Row p : people) {
          out.getJsonArray("people").add(new JsonObject().put("id", p.getUUID("id").toString())
              .put("name", p.getString("first_name") + " " + p.getString("last_name"))
              .put("birthYear", p.getInteger("birth_year")).put("siruta", p.getInteger("locality_siruta")));
        }
        return out;
      });
    });
  }

  /** The first day from {@code from} on with an appointment for the caller, if any. */
  public Future<LocalDate> nextDayWithWork(Caller caller, LocalDate from) {
    if (caller.staffId() == null) return Future.succeededFuture(null);
    return pool.preparedQuery(NEXT_DAY).execute(Tuple.of(caller.staffId(), from.atStartOfDay(zone).toOffsetDateTime()))
        .map(rows -> {
          OffsetDateTime t = rows.iterator().next().getOffsetDateTime(0);
          return t == null ? null : t.atZoneSameInstant(zone).toLocalDate();
        });
  }

  private JsonObject appointment(Row r) {
    OffsetDateTime starts = r.getOffsetDateTime("starts_at");
    OffsetDateTime ends = r.getOffsetDateTime("ends_at");
    String mark = r.getString("mark_status");
    FieldMark.Kind kind = mark == null ? null : FieldMark.Kind.ofMarkStatus(mark);
    return new JsonObject()
        .put("id", r.getUUID("id").toString())
        .put("startsAt", starts.toString())
        .put("time", starts.atZoneSameInstant(zone).format(HM))
        .put("endTime", ends.atZoneSameInstant(zone).format(HM))
        .put("service", r.getString("service"))
        .put("modality", r.getString("modality"))
        .put("status", r.getString("status"))
        .put("beneficiaryId", r.getUUID("beneficiary_id").toString())
        .put("name", r.getString("first_name") + " " + r.getString("last_name"))
        .put("mark", kind == null ? (mark == null ? null : mark) : kind.wire())
        .put("markedAt", r.getOffsetDateTime("marked_at") == null ? null
            : r.getOffsetDateTime("marked_at").atZoneSameInstant(zone).format(HM))
        .put("markedBy", r.getString("recorded_by"))
        .put("note", r.getString("mark_note"));
  }

  private static JsonObject place(Row r, JsonObject first) {
    JsonObject p = new JsonObject().put("from", first.getString("time")).put("appointments", new JsonArray());
    if (r.getInteger("stop_siruta") != null) {
      return p.put("kind", "stop").put("siruta", r.getInteger("stop_siruta")).put("name", r.getString("stop_name"))
          .put("caravanName", r.getString("caravan_name"));
    }
    if (r.getLong("centre_id") != null) {
      return p.put("kind", "centre").put("centreId", r.getLong("centre_id")).put("name", r.getString("centre_name"))
          .put("address", r.getString("centre_address"));
    }
    return p.put("kind", "remote");
  }
}
