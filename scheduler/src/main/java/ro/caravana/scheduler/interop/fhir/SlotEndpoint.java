package ro.caravana.scheduler.interop.fhir;

import static org.hl7.fhir.r4.model.Enumerations.SearchParamType.DATE;
import static org.hl7.fhir.r4.model.Enumerations.SearchParamType.REFERENCE;
import static org.hl7.fhir.r4.model.Enumerations.SearchParamType.TOKEN;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import ro.caravana.scheduler.access.Caller;
import ro.caravana.scheduler.interop.fhir.FhirIds.ScheduleId;
import ro.caravana.scheduler.interop.fhir.FhirIds.SlotId;
import ro.caravana.scheduler.platform.http.ApiError;

/**
 * Free and busy time as {@code Schedule} and {@code Slot}. A Schedule is the time of a staff member
 * ({@code staff-N}, their weekly working hours less their leave), of a room ({@code room-N}, its centre's
 * opening hours) or of a caravan stop ({@code stop-SIRUTA}, the published route's arrival to departure
 * there). Only days of weeks whose plan is published in the owner's county have slots. The time is cut into
 * {@link #LENGTH} slots from the start of each working window; a slot is busy when the appointments that are
 * not cancelled and overlap it reach the owner's capacity (one, or a room's capacity). Slots are computed,
 * not stored: the id ({@link SlotId}) names the schedule and the start, so it reads back the same slot.
 * Everything is within the caller's counties: another county's schedule is 404.
 */
final class SlotEndpoint {

  static final String SCHEDULE = "Schedule";
  static final String SLOT = "Slot";
  static final Duration LENGTH = Duration.ofMinutes(30);
  /** A Slot search without {@code start} covers this many days from today; a wider range than MAX_DAYS is 400. */
  static final int DEFAULT_DAYS = 28;
  static final int MAX_DAYS = 92;

  /** Whose time a schedule is: county (scope), display, capacity, hours and where its appointments go. */
  record Owner(ScheduleId id, String county, String display, int capacity, String hours, Long centreId) {}

  /** A computed slot; {@code caravanId} is the caravan at a stop (null for staff and rooms). */
  record FreeBusy(SlotId id, OffsetDateTime start, OffsetDateTime end, boolean free, Long caravanId) {}

  private static final String STAFF = """
      SELECT s.county, s.first_name || ' ' || s.last_name AS display, 1 AS capacity,
        s.weekly_availability::text AS hours, s.home_centre_id AS centre_id
      FROM staff s WHERE s.id = $1 AND s.retired_at IS NULL""";
  private static final String ROOM = """
      SELECT l.county, c.name || ' – ' || r.name AS display, r.capacity, c.opening_hours::text AS hours, c.id AS centre_id
      FROM rooms r JOIN community_centres c ON c.id = r.centre_id JOIN localities l ON l.siruta = c.locality_siruta
      WHERE r.id = $1 AND r.retired_at IS NULL AND c.retired_at IS NULL""";
  private static final String STOP = """
      SELECT l.county, l.name AS display, 1 AS capacity, NULL::text AS hours, NULL::bigint AS centre_id
      FROM localities l WHERE l.siruta = $1""";
  private static final String PUBLISHED_WEEKS = "SELECT DISTINCT week FROM plans WHERE county = $1 AND status = 'published'";
  private static final String LEAVE = """
      SELECT from_date, to_date FROM staff_leave WHERE staff_id = $1 AND to_date >= $2 AND from_date <= $3""";
  private static final String STOP_WINDOWS = """
      SELECT ps.arrives_at, ps.departs_at, ps.caravan_id FROM plan_stops ps JOIN plans p ON p.id = ps.plan_id
      WHERE p.status = 'published' AND ps.stop_siruta = $1 AND ps.departs_at > $2 AND ps.arrives_at < $3
      ORDER BY ps.arrives_at""";
  private static final String BUSY = """
      SELECT starts_at, ends_at FROM appointments
      WHERE %s = $1 AND status <> 'cancelled' AND ends_at > $2 AND starts_at < $3""";

  /** Every schedule of the caller's counties: staff, rooms, and the stops of published routes. */
  private static final String SCHEDULES = """
      SELECT kind, id, county, display FROM (
        SELECT 'staff' AS kind, s.id, s.county, s.first_name || ' ' || s.last_name AS display
          FROM staff s WHERE s.retired_at IS NULL
        UNION ALL
        SELECT 'room', r.id, l.county, c.name || ' – ' || r.name
          FROM rooms r JOIN community_centres c ON c.id = r.centre_id JOIN localities l ON l.siruta = c.locality_siruta
         WHERE r.retired_at IS NULL AND c.retired_at IS NULL
        UNION ALL
        SELECT DISTINCT 'stop', ps.stop_siruta::bigint, l.county, l.name
          FROM plan_stops ps JOIN plans p ON p.id = ps.plan_id AND p.status = 'published'
          JOIN localities l ON l.siruta = ps.stop_siruta) x
      WHERE ($1::text[] IS NULL OR county = ANY($1)) AND ($2::text IS NULL OR kind = $2) AND ($3::bigint IS NULL OR id = $3)""";

  private final Pool pool;
  private final ZoneId zone;

  SlotEndpoint(Pool pool, ZoneId zone) {
    this.pool = pool;
    this.zone = zone;
  }

  void mount(FhirServer server) {
    server.read(SCHEDULE, this::readSchedule);
    server.search(SCHEDULE, List.of(
        new Capability.SearchParam("actor", REFERENCE, "Practitioner/{id}, Location/room-{id} or Location/stop-{siruta}"),
        new Capability.SearchParam("_id", TOKEN, "staff-{id}, room-{id} or stop-{siruta}")), List.of(), this::searchSchedules);
    server.read(SLOT, this::readSlot);
    server.search(SLOT, List.of(
        new Capability.SearchParam("schedule", REFERENCE, "Schedule/{id}; required"),
        new Capability.SearchParam("start", DATE, "start of the slot; ge, le, gt, lt, eq; at most " + MAX_DAYS
            + " days, " + DEFAULT_DAYS + " days from today when absent"),
        new Capability.SearchParam("status", TOKEN, "free or busy (comma = or)")), List.of(), this::searchSlots);
  }

  // ---- Schedule

  private Future<Schedule> readSchedule(RoutingContext ctx) {
    ScheduleId id = FhirIds.path(FhirIds.schedule(ctx.pathParam("id")), SCHEDULE);
    return owner(pool, id, Caller.of(ctx)).map(SlotEndpoint::schedule);
  }

  private Future<Bundle> searchSchedules(RoutingContext ctx) {
    FhirSearch.onlyKnown(ctx, Set.of("actor", "_id"));
    ScheduleId id = null;
    String rawId = FhirSearch.one(ctx, "_id");
    if (rawId != null) id = FhirIds.schedule(rawId).orElseThrow(() -> FhirIds.badId("_id"));
    String actor = FhirSearch.one(ctx, "actor");
    if (actor != null) {
      ScheduleId byActor = actorSchedule(actor);
      if (id != null && !id.equals(byActor)) id = new ScheduleId(ScheduleId.Kind.STAFF, 0); // both given, disagreeing: none
      else id = byActor;
    }
    var paging = FhirSearch.paging(ctx);
    Tuple filter = Tuple.tuple().addValue(Caller.of(ctx).countyScope())
        .addValue(id == null ? null : id.kind().name().toLowerCase()).addValue(id == null ? null : id.number());
    Tuple page = Tuple.tuple().addValue(filter.getValue(0)).addValue(filter.getValue(1)).addValue(filter.getValue(2))
        .addValue(paging.count()).addValue(paging.offset());
    var rows = pool.preparedQuery(SCHEDULES + " ORDER BY kind, id LIMIT $4 OFFSET $5").execute(page);
    var count = pool.preparedQuery("SELECT count(*) FROM (" + SCHEDULES + ") n").execute(filter);
    return Future.all(rows, count).map(v -> {
      List<Schedule> matches = new ArrayList<>();
      for (Row r : rows.result()) {
        ScheduleId sid = new ScheduleId(ScheduleId.Kind.valueOf(r.getString("kind").toUpperCase()), r.getLong("id"));
        matches.add(schedule(new Owner(sid, r.getString("county"), r.getString("display"), 1, null, null)));
      }
      return FhirSearch.searchset(ctx, FhirServer.base(ctx), SCHEDULE, matches, List.of(),
          count.result().iterator().next().getLong(0), paging);
    });
  }

  /** {@code Practitioner/N} → staff-N, {@code Location/room-N} → room-N, {@code Location/stop-S} → stop-S. */
  private static ScheduleId actorSchedule(String actor) {
    if (actor.startsWith(DirectoryEndpoint.PRACTITIONER + "/")) {
      return FhirIds.number(actor.substring(DirectoryEndpoint.PRACTITIONER.length() + 1))
          .map(n -> new ScheduleId(ScheduleId.Kind.STAFF, n)).orElseThrow(() -> FhirIds.badId("actor"));
    }
    if (actor.startsWith("Location/")) {
      var loc = FhirIds.location(actor.substring("Location/".length())).orElseThrow(() -> FhirIds.badId("actor"));
      return switch (loc.kind()) {
        case ROOM -> new ScheduleId(ScheduleId.Kind.ROOM, loc.number());
        case STOP -> new ScheduleId(ScheduleId.Kind.STOP, loc.number());
        case CENTRE -> throw ApiError.badRequest("actor", "Un centru nu are program propriu: căutați sălile lui.",
            "A centre has no schedule of its own: search its rooms.");
      };
    }
    throw ApiError.badRequest("actor", "„actor” este Practitioner/{id} sau Location/{id}.",
        "'actor' is Practitioner/{id} or Location/{id}.");
  }

  static Schedule schedule(Owner o) {
    Schedule s = new Schedule();
    s.setId(SCHEDULE + "/" + o.id().text());
    s.setActive(true);
    s.addActor(actor(o));
    s.setComment("Timp liber și ocupat în intervale de " + LENGTH.toMinutes()
        + " de minute, pentru săptămânile cu planul publicat.");
    return s;
  }

  private static Reference actor(Owner o) {
    return switch (o.id().kind()) {
      case STAFF -> new Reference(DirectoryEndpoint.PRACTITIONER + "/" + o.id().number()).setDisplay(o.display());
      case ROOM, STOP -> new Reference("Location/" + o.id().text()).setDisplay(o.display());
    };
  }

  // ---- Slot

  private Future<Slot> readSlot(RoutingContext ctx) {
    SlotId id = FhirIds.path(FhirIds.slot(ctx.pathParam("id")), SLOT);
    return find(pool, id, Caller.of(ctx)).map(f -> slot(f.slot()));
  }

  /** A slot and its owner, as booking needs them. */
  record Found(Owner owner, FreeBusy slot) {}

  /** The slot the id names, recomputed for its day; unknown or out of the caller's counties is 404. */
  Future<Found> find(SqlClient db, SlotId id, Caller caller) {
    LocalDate day = id.start().toLocalDate();
    return owner(db, id.schedule(), caller).compose(o -> slots(db, o, day, day.plusDays(1)).compose(all -> {
      for (FreeBusy s : all) {
        if (s.id().equals(id)) return Future.succeededFuture(new Found(o, s));
      }
      return Future.failedFuture(FhirIds.notFound(SLOT));
    })).recover(e -> Future.failedFuture(e instanceof ApiError a && a.status() == 404 ? FhirIds.notFound(SLOT) : e));
  }

  private Future<Bundle> searchSlots(RoutingContext ctx) {
    FhirSearch.onlyKnown(ctx, Set.of("schedule", "start", "status"));
    String raw = FhirSearch.one(ctx, "schedule");
    if (raw == null) {
      throw ApiError.badRequest("schedule", "Căutarea intervalelor cere „schedule” (Schedule/{id}).",
          "A Slot search needs 'schedule' (Schedule/{id}).");
    }
    ScheduleId id = FhirIds.schedule(FhirIds.reference("schedule", raw, SCHEDULE)).orElseThrow(() -> FhirIds.badId("schedule"));
    Set<Boolean> wanted = statuses(FhirSearch.one(ctx, "status"));
    var range = FhirSearch.dates(ctx, "start", zone);
    OffsetDateTime from = range.from() != null ? range.from()
        : range.to() != null ? range.to().minusDays(DEFAULT_DAYS) : LocalDate.now(zone).atStartOfDay(zone).toOffsetDateTime();
    OffsetDateTime to = range.to() != null ? range.to() : from.plusDays(DEFAULT_DAYS);
    if (Duration.between(from, to).toDays() > MAX_DAYS) {
      throw ApiError.badRequest("start", "Se pot căuta cel mult " + MAX_DAYS + " de zile odată.",
          "At most " + MAX_DAYS + " days can be searched at once.");
    }
    var paging = FhirSearch.paging(ctx);
    Caller caller = Caller.of(ctx);
    LocalDate firstDay = from.atZoneSameInstant(zone).toLocalDate();
    LocalDate lastDay = to.atZoneSameInstant(zone).toLocalDate().plusDays(1);
    // another county's schedule, or one that does not exist, has no slots for this caller: an empty searchset
    return owner(pool, id, caller).compose(o -> slots(pool, o, firstDay, lastDay))
        .recover(e -> e instanceof ApiError a && a.status() == 404 ? Future.succeededFuture(List.of()) : Future.failedFuture(e))
        .map(all -> {
          List<Slot> matches = new ArrayList<>();
          for (FreeBusy s : all) {
            if (!s.start().isBefore(from) && s.start().isBefore(to) && wanted.contains(s.free())) matches.add(slot(s));
          }
          List<Slot> pageOf = matches.subList(Math.min(paging.offset(), matches.size()),
              Math.min(paging.offset() + paging.count(), matches.size()));
          return FhirSearch.searchset(ctx, FhirServer.base(ctx), SLOT, pageOf, List.of(), matches.size(), paging);
        });
  }

  /** {@code free}, {@code busy} or both (comma = or) as the wanted values of "is free". */
  private static Set<Boolean> statuses(String v) {
    if (v == null) return Set.of(true, false);
    Set<Boolean> out = new HashSet<>();
    for (String code : v.split(",", -1)) {
      switch (code) {
        case "free" -> out.add(true);
        case "busy" -> out.add(false);
        default -> throw ApiError.badRequest("status", "Starea unui interval este „free” sau „busy”: „" + code + "”.",
            "A slot's status is 'free' or 'busy': '" + code + "'.");
      }
    }
    return out;
  }

  Slot slot(FreeBusy s) {
    Slot slot = new Slot();
    slot.setId(SLOT + "/" + s.id().text());
    slot.setSchedule(new Reference(SCHEDULE + "/" + s.id().schedule().text()));
    slot.setStatus(s.free() ? Slot.SlotStatus.FREE : Slot.SlotStatus.BUSY);
    slot.setStart(Date.from(s.start().toInstant()));
    slot.setEnd(Date.from(s.end().toInstant()));
    return slot;
  }

  /**
   * Inside a booking's transaction: holds the slot (an advisory lock on its schedule, so two bookings of the
   * same schedule queue up) and checks it is still free; taken meanwhile is 409.
   */
  static Future<Void> hold(SqlClient tx, Found found) {
    FreeBusy s = found.slot();
    Object key = key(s.id().schedule());
    return tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1))").execute(Tuple.of("slot:" + s.id().schedule().text()))
        .compose(v -> tx.preparedQuery(BUSY.formatted(column(s.id().schedule()))).execute(Tuple.of(key, s.start(), s.end())))
        .compose(rows -> rows.size() >= found.owner().capacity() ? Future.failedFuture(taken()) : Future.succeededFuture());
  }

  static ApiError taken() {
    return ApiError.conflict("slot", "Intervalul nu mai este liber.", "The slot is no longer free.");
  }

  /** The owner's key as its column holds it: a SIRUTA code is an integer, the others bigints. */
  private static Object key(ScheduleId id) {
    return id.kind() == ScheduleId.Kind.STOP ? (Object) (int) id.number() : (Object) id.number();
  }

  private static String column(ScheduleId id) {
    return switch (id.kind()) {
      case STAFF -> "staff_id";
      case ROOM -> "room_id";
      case STOP -> "stop_siruta";
    };
  }

  // ---- computing the slots

  /** The owner of a schedule within the caller's counties, else 404. */
  static Future<Owner> owner(SqlClient db, ScheduleId id, Caller caller) {
    String sql = switch (id.kind()) {
      case STAFF -> STAFF;
      case ROOM -> ROOM;
      case STOP -> STOP;
    };
    Object key = key(id);
    return db.preparedQuery(sql).execute(Tuple.of(key)).compose(rows -> {
      Row r = rows.size() == 0 ? null : rows.iterator().next();
      if (r == null || !caller.mayAccessCounty(r.getString("county"))) return Future.failedFuture(FhirIds.notFound(SCHEDULE));
      return Future.succeededFuture(new Owner(id, r.getString("county"), r.getString("display"), r.getInteger("capacity"),
          r.getString("hours"), r.getLong("centre_id")));
    });
  }

  /** Every slot of the owner on the days [first, last), in start order. */
  Future<List<FreeBusy>> slots(SqlClient db, Owner o, LocalDate first, LocalDate last) {
    OffsetDateTime from = first.atStartOfDay(zone).toOffsetDateTime();
    OffsetDateTime to = last.atStartOfDay(zone).toOffsetDateTime();
    Future<List<Window>> windows = switch (o.id().kind()) {
      case STOP -> db.preparedQuery(STOP_WINDOWS).execute(Tuple.of(key(o.id()), from, to)).map(rows -> {
        List<Window> out = new ArrayList<>();
        rows.forEach(r -> out.add(new Window(r.getOffsetDateTime("arrives_at"), r.getOffsetDateTime("departs_at"),
            r.getLong("caravan_id"))));
        return out;
      });
      case STAFF, ROOM -> db.preparedQuery(PUBLISHED_WEEKS).execute(Tuple.of(o.county())).compose(weeks -> {
        Set<String> published = new HashSet<>();
        weeks.forEach(r -> published.add(r.getString("week")));
        Future<Set<LocalDate>> away = o.id().kind() == ScheduleId.Kind.STAFF
            ? db.preparedQuery(LEAVE).execute(Tuple.of(o.id().number(), first, last)).map(rows -> {
                Set<LocalDate> days = new HashSet<>();
                rows.forEach(r -> r.getLocalDate("from_date").datesUntil(r.getLocalDate("to_date").plusDays(1)).forEach(days::add));
                return days;
              })
            : Future.succeededFuture(Set.of());
        return away.map(leave -> weeklyWindows(o, first, last, published, leave));
      });
    };
    Object key = key(o.id());
    Future<List<OffsetDateTime[]>> busy = db.preparedQuery(BUSY.formatted(column(o.id()))).execute(Tuple.of(key, from, to)).map(rows -> {
      List<OffsetDateTime[]> out = new ArrayList<>();
      rows.forEach(r -> out.add(new OffsetDateTime[] {r.getOffsetDateTime("starts_at"), r.getOffsetDateTime("ends_at")}));
      return out;
    });
    return Future.all(windows, busy).map(v -> cut(o, windows.result(), busy.result()));
  }

  /** A span of working time; {@code caravanId} is the caravan at a stop. */
  record Window(OffsetDateTime start, OffsetDateTime end, Long caravanId) {}

  /** Working windows from weekly hours, on days of published weeks that are not leave days. */
  private List<Window> weeklyWindows(Owner o, LocalDate first, LocalDate last, Set<String> published, Set<LocalDate> leave) {
    JsonObject hours;
    try {
      hours = o.hours() == null ? new JsonObject() : new JsonObject(o.hours());
    } catch (RuntimeException e) {
      hours = new JsonObject();
    }
    List<Window> out = new ArrayList<>();
    for (LocalDate day = first; day.isBefore(last); day = day.plusDays(1)) {
      String week = day.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      if (!published.contains(week) || leave.contains(day)) continue;
      Object spec = hours.getValue(day.getDayOfWeek().name());
      List<LocalTime[]> spans = new ArrayList<>();
      if (spec instanceof JsonArray list) { // staff: [{"from": "08:00", "to": "16:00"}, ...]
        for (Object item : list) {
          if (item instanceof JsonObject span) spans.add(times(span.getString("from"), span.getString("to")));
        }
      } else if (spec instanceof JsonObject span) { // centre: {"open": "08:00", "close": "16:00"}
        spans.add(times(span.getString("open"), span.getString("close")));
      }
      for (LocalTime[] span : spans) {
        if (span == null || !span[1].isAfter(span[0])) continue;
        out.add(new Window(day.atTime(span[0]).atZone(zone).toOffsetDateTime(), day.atTime(span[1]).atZone(zone).toOffsetDateTime(), null));
      }
    }
    out.sort((a, b) -> a.start().compareTo(b.start()));
    return out;
  }

  private static LocalTime[] times(String from, String to) {
    try {
      return from == null || to == null ? null : new LocalTime[] {LocalTime.parse(from), LocalTime.parse(to)};
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Cuts each window into slots of {@link #LENGTH}; busy when overlapping appointments reach the capacity. */
  private List<FreeBusy> cut(Owner o, List<Window> windows, List<OffsetDateTime[]> busy) {
    List<FreeBusy> out = new ArrayList<>();
    Set<SlotId> seen = new HashSet<>();
    for (Window w : windows) {
      for (OffsetDateTime t = w.start(); !t.plus(LENGTH).isAfter(w.end()); t = t.plus(LENGTH)) {
        OffsetDateTime end = t.plus(LENGTH);
        int overlapping = 0;
        for (OffsetDateTime[] b : busy) {
          if (b[0].isBefore(end) && b[1].isAfter(t)) overlapping++;
        }
        SlotId id = new SlotId(o.id(), t.atZoneSameInstant(zone).toLocalDateTime());
        if (seen.add(id)) out.add(new FreeBusy(id, t, end, overlapping < o.capacity(), w.caravanId()));
      }
    }
    return out;
  }
}
