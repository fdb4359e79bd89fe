package ro.caravana.scheduler.planning;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.constraint.ConstraintMatchTotal;
import org.optaplanner.core.api.solver.SolutionManager;
import org.optaplanner.core.api.solver.SolverFactory;
import ro.caravana.optimizer.timetable.Replanner;
import ro.caravana.optimizer.timetable.Room;
import ro.caravana.optimizer.timetable.Session;
import ro.caravana.optimizer.timetable.Staff;
import ro.caravana.optimizer.timetable.Timetable;
import ro.caravana.optimizer.timetable.TimetableConstraintWords;
import ro.caravana.optimizer.timetable.TimetableSolver;
import ro.caravana.optimizer.timetable.WeekTime;
import ro.caravana.scheduler.common.Blocking;
import ro.caravana.scheduler.common.Fields;
import ro.caravana.scheduler.common.Violations;
import ro.caravana.scheduler.platform.http.ApiError;

/**
 * Manual edits of a solved plan's centre timetable: pin or unpin a session, move it (another time, staff member
 * or room) with the solver's own score explanation of the plan before and after the move, said in words, and
 * "re-solve around my edits": a timetable re-plan in which pinned sessions stay where they are.
 *
 * <p>The timetable problem of a plan is rebuilt once (as the planner built it) and kept for the two most recent
 * plans; every request sets the sessions to the plan's stored items first, so the explanation always describes
 * what is stored.
 */
public final class PlanEdits {

  /** The disruption type of a re-plan around manual edits; {@code pinned} lists the sessions that stay. */
  public static final String RESOLVE = "manual_edits";

  private static final String ITEMS_PINNED = "SELECT item_key, pinned FROM plan_items WHERE plan_id = $1";
  private static final String LOCK = "SELECT status FROM plans WHERE id = $1 FOR UPDATE";
  private static final String PIN = "UPDATE plan_items SET pinned = $3 WHERE plan_id = $1 AND item_key = ANY($2)";
  private static final String MOVE = "UPDATE plan_items SET starts_at = $3, ends_at = $4, staff_id = $5, room_id = $6, "
      + "modality = $7, reason = NULL, pinned = true WHERE plan_id = $1 AND item_key = $2";
  private static final String RESCORE = "UPDATE plans SET score = $2, counts = counts || jsonb_build_object("
      + "'sessionsAssigned', $3::int, "
      + "'assigned', (SELECT count(*) FROM plan_items WHERE plan_id = $1 AND starts_at IS NOT NULL), "
      + "'unassigned', (SELECT count(*) FROM plan_items WHERE plan_id = $1 AND starts_at IS NULL)) WHERE id = $1";

  private final PlanningService service;
  private final Function<UUID, Future<WeekProblem>> loader;
  private final SolverFactory<Timetable> factory = SolverFactory.create(TimetableSolver.config(Duration.ofSeconds(1), 1L));
  private final Map<UUID, Future<Model>> models = new LinkedHashMap<>(4, 0.75f, true) {
    @Override protected boolean removeEldestEntry(Map.Entry<UUID, Future<Model>> eldest) {
      return size() > 2;
    }
  };

  /** A plan's rebuilt timetable; every use holds its monitor. */
  record Model(WeekProblem problem, TimetableStep.Built built, Map<String, Session> sessions, Map<String, Staff> staff,
      Map<String, Room> rooms, Map<Long, String> staffNames, Map<Long, String> roomNames) {}

  /** One session's values: start (minutes since Monday), staff and room ids (room may be null). */
  record Placement(int start, String staffId, String roomId) {}

  public PlanEdits(PlanningService service, Function<UUID, Future<WeekProblem>> loader) {
    this.service = service;
    this.loader = loader;
  }

  // ---- reading: a session with what it may become

  /** The session, its current values, the staff and rooms it may take, and what the plan pays for now. */
  public Future<JsonObject> session(JsonObject plan, String sessionKey) {
    UUID id = UUID.fromString(plan.getString("id"));
    return current(id).compose(items -> model(id).compose(m -> Blocking.run(() -> {
      synchronized (m) {
        reset(m, items);
        Session s = sessionOf(m, sessionKey);
        JsonObject out = sessionJson(m, s, items.pinned());
        JsonArray staff = new JsonArray();
        s.getStaffRange().forEach(p -> staff.add(new JsonObject().put("id", Long.parseLong(p.id())).put("name", p.name())));
        JsonArray rooms = new JsonArray();
        s.getRoomRange().forEach(r -> rooms.add(new JsonObject().put("id", Long.parseLong(r.id()))
            .put("name", m.roomNames().get(Long.parseLong(r.id())))));
        return out.put("staffOptions", staff).put("roomOptions", rooms)
            .put("roomOptional", s.isHomePhoneAllowed() && s.getService().remoteStaff());
      }
    })));
  }

  /** The plan's sessions (not the caravan consultations): key, service, start, placed and pinned, in start order. */
  public Future<JsonObject> sessions(JsonObject plan) {
    UUID id = UUID.fromString(plan.getString("id"));
    return current(id).map(c -> {
      Map<String, JsonObject> out = new LinkedHashMap<>();
      for (PlanOutcome.Item i : c.items()) {
        if ("caravan".equals(i.modality())) continue;
        String key = TimetableStep.sessionKey(i.itemKey());
        JsonObject s = out.computeIfAbsent(key, k -> new JsonObject().put("session", k).put("service", i.service())
            .put("start", PlanRepository.iso(i.startsAt())).put("placed", i.placed()).put("pinned", false)
            .put("beneficiaries", 0));
        s.put("beneficiaries", s.getInteger("beneficiaries") + 1);
        if (c.pinned().contains(i.itemKey())) s.put("pinned", true);
      }
      return new JsonObject().put("items", new JsonArray(new ArrayList<>(out.values()))).put("total", out.size());
    });
  }

  // ---- pins

  public Future<JsonObject> pin(JsonObject plan, JsonObject body) {
    UUID id = UUID.fromString(plan.getString("id"));
    Violations v = new Violations();
    String key = v.read(() -> Fields.text(body, "session"));
    Boolean pinned = v.read(() -> {
      if (!Fields.present(body, "pinned")) throw Fields.missing("pinned");
      return Fields.bool(body, "pinned", false);
    });
    v.check();
    requireSolved(plan);
    return current(id).compose(items -> {
      List<String> keys = items.keysOf(key);
      if (keys.isEmpty()) throw noSuchSession();
      return service.plans().pool().withTransaction(tx -> tx.preparedQuery(LOCK).execute(Tuple.of(id)).compose(rows -> {
        requireSolved(rows.iterator().next().getString("status"));
        return tx.preparedQuery(PIN).execute(Tuple.of(id, keys.toArray(new String[0]), pinned));
      })).map(r -> new JsonObject().put("session", key).put("pinned", pinned));
    });
  }

  // ---- moves

  /**
   * Scores the plan as stored and with the session moved, and (unless {@code dryRun}) stores the move, pinning the
   * session so a re-solve keeps it. The answer says in words what the move breaks and what it improves.
   */
  public Future<JsonObject> move(JsonObject plan, JsonObject body) {
    UUID id = UUID.fromString(plan.getString("id"));
    Violations v = new Violations();
    String key = v.read(() -> Fields.text(body, "session"));
    OffsetDateTime start = v.read(() -> Fields.requiredDateTime(body, "start"));
    Long staffId = v.read(() -> {
      Long s = Fields.optionalId(body, "staffId");
      if (s == null) throw Fields.missing("staffId");
      return s;
    });
    Long roomId = v.read(() -> Fields.optionalId(body, "roomId"));
    boolean dryRun = Boolean.TRUE.equals(v.read(() -> Fields.bool(body, "dryRun", false)));
    v.check();
    if (!dryRun) requireSolved(plan);
    return current(id).compose(items -> model(id).compose(m -> Blocking.run(() -> {
      synchronized (m) {
        reset(m, items);
        Session s = sessionOf(m, key);
        Placement to = placement(m, s, start, staffId, roomId);
        SolutionManager<Timetable, HardMediumSoftLongScore> scorer = SolutionManager.create(factory);
        Timetable timetable = m.built().problem();
        var before = scorer.explain(timetable);
        Map<String, ConstraintMatchTotal<HardMediumSoftLongScore>> was = new HashMap<>(before.getConstraintMatchTotalMap());
        HardMediumSoftLongScore scoreBefore = before.getScore();
        s.setStart(to.start());
        s.setStaff(m.staff().get(to.staffId()));
        s.setRoom(to.roomId() == null ? null : m.rooms().get(to.roomId()));
        var after = scorer.explain(timetable);
        JsonObject out = effects(scoreBefore, was, after.getScore(), after.getConstraintMatchTotalMap())
            .put("session", key).put("dryRun", dryRun);
        if (dryRun) return new Moved(out, List.of(), null, 0);
        List<PlanOutcome.Item> moved = TimetableStep.items(m.problem(), List.of(s), m.built().plansOf());
        return new Moved(out, moved, after.getScore(), (int) timetable.assignedCount());
      }
    })).compose(result -> result.items().isEmpty() ? Future.succeededFuture(result.answer())
        : store(plan, id, result).map(result.answer())));
  }

  private record Moved(JsonObject answer, List<PlanOutcome.Item> items, HardMediumSoftLongScore score, int assigned) {}

  private Future<Void> store(JsonObject plan, UUID id, Moved result) {
    JsonObject score = plan.getJsonObject("score") == null ? new JsonObject() : plan.getJsonObject("score").copy();
    String routes = score.getString("routes");
    long hard = (routes == null ? 0 : HardMediumSoftLongScore.parseScore(routes).hardScore()) + result.score().hardScore();
    score.put("timetable", result.score().toString()).put("hard", hard);
    List<Tuple> batch = new ArrayList<>();
    for (PlanOutcome.Item i : result.items()) {
      batch.add(Tuple.tuple().addUUID(id).addString(i.itemKey()).addOffsetDateTime(i.startsAt())
          .addOffsetDateTime(i.endsAt()).addLong(i.staffId()).addLong(i.roomId()).addString(i.modality()));
    }
    return service.plans().pool().withTransaction(tx -> tx.preparedQuery(LOCK).execute(Tuple.of(id)).compose(rows -> {
      requireSolved(rows.iterator().next().getString("status"));
      return tx.preparedQuery(MOVE).executeBatch(batch);
    }).compose(r -> tx.preparedQuery(RESCORE).execute(Tuple.of(id, score, result.assigned())))).mapEmpty();
  }

  /** The requested values, checked against the plan's week, the session's length and the county's staff and rooms. */
  private static Placement placement(Model m, Session s, OffsetDateTime start, long staffId, Long roomId) {
    Violations v = new Violations();
    int minute = Replanner.weekMinute(m.problem().monday(), start.toInstant());
    if (minute < 0 || minute + s.getMinutes() > WeekTime.DAYS * WeekTime.MINUTES_PER_DAY) {
      v.add("start", "Ora trebuie să fie în săptămâna planului.", "The start must be in the plan's week.");
    } else if (minute % WeekTime.SLOT_MINUTES != 0) {
      v.add("start", "Ora trebuie să fie la fix, și un sfert, și jumătate sau fără un sfert.",
          "The start must be on the quarter hour.");
    } else if (WeekTime.day(minute) != WeekTime.day(minute + s.getMinutes() - 1)) {
      v.add("start", "Ședința trebuie să se termine în aceeași zi.", "The session must end on the same day.");
    }
    if (!m.staff().containsKey(String.valueOf(staffId))) {
      v.add("staffId", "Specialistul nu ține ședințe la centrele acestui județ.",
          "No such staff member holds sessions at this county's centres.");
    }
    if (roomId == null) {
      if (!(s.isHomePhoneAllowed() && s.getService().remoteStaff())) {
        v.add("roomId", "Ședința are nevoie de o sală.", "The session needs a room.");
      }
    } else if (!m.rooms().containsKey(String.valueOf(roomId))
        || !m.rooms().get(String.valueOf(roomId)).centre().equals(s.getCentre())) {
      v.add("roomId", "Sala nu este la centrul ședinței.", "The room is not at the session's centre.");
    }
    v.check();
    return new Placement(minute, String.valueOf(staffId), roomId == null ? null : String.valueOf(roomId));
  }

  /** What the move changes, constraint by constraint, in words; the verdict by level (rules, placed work, quality). */
  static JsonObject effects(HardMediumSoftLongScore before, Map<String, ConstraintMatchTotal<HardMediumSoftLongScore>> was,
      HardMediumSoftLongScore after, Map<String, ConstraintMatchTotal<HardMediumSoftLongScore>> now) {
    Set<String> ids = new HashSet<>(was.keySet());
    ids.addAll(now.keySet());
    JsonArray worse = new JsonArray();
    JsonArray better = new JsonArray();
    for (String constraintId : ids.stream().sorted().toList()) {
      ConstraintMatchTotal<HardMediumSoftLongScore> b = was.get(constraintId);
      ConstraintMatchTotal<HardMediumSoftLongScore> a = now.get(constraintId);
      HardMediumSoftLongScore sb = b == null ? HardMediumSoftLongScore.ZERO : b.getScore();
      HardMediumSoftLongScore sa = a == null ? HardMediumSoftLongScore.ZERO : a.getScore();
      int cb = b == null ? 0 : b.getConstraintMatchCount();
      int ca = a == null ? 0 : a.getConstraintMatchCount();
      int cmp = sa.compareTo(sb);
      if (cmp == 0) continue;
      String name = a != null ? a.getConstraintName() : b.getConstraintName();
      var words = TimetableConstraintWords.forConstraint(name);
      String nameRo = words.map(w -> w.name().ro()).orElse("Altă regulă");
      String nameEn = words.map(w -> w.name().en()).orElse("Another rule");
      String whyRo = words.map(w -> " " + w.why().ro()).orElse("");
      String whyEn = words.map(w -> " " + w.why().en()).orElse("");
      int delta = Math.abs(ca - cb);
      JsonObject effect = new JsonObject().put("constraint", name).put("before", cb).put("after", ca);
      if (cmp < 0) {
        effect.put("ro", nameRo + ": " + (delta == 0 ? "mai mult decât înainte" : delta == 1 ? "un caz în plus" : delta + " cazuri în plus")
            + "." + whyRo);
        effect.put("en", nameEn + ": " + (delta == 0 ? "more than before" : delta == 1 ? "one more case" : delta + " more cases")
            + "." + whyEn);
        worse.add(effect);
      } else {
        effect.put("ro", nameRo + ": " + (delta == 0 ? "mai puțin decât înainte" : delta == 1 ? "un caz mai puțin"
            : delta + " cazuri mai puține") + ".");
        effect.put("en", nameEn + ": " + (delta == 0 ? "less than before" : delta == 1 ? "one case fewer" : delta + " cases fewer")
            + ".");
        better.add(effect);
      }
    }
    String verdict;
    String ro;
    String en;
    if (after.hardScore() < before.hardScore()) {
      verdict = "worse";
      ro = "Mutarea încalcă o regulă obligatorie: planul nu poate fi respectat așa.";
      en = "The move breaks a mandatory rule: the plan cannot be kept like this.";
    } else if (after.hardScore() > before.hardScore()) {
      verdict = "better";
      ro = "Mutarea rezolvă un conflict.";
      en = "The move resolves a conflict.";
    } else if (after.mediumScore() < before.mediumScore()) {
      verdict = "worse";
      ro = "Mutarea lasă mai multă muncă neprogramată.";
      en = "The move leaves more work unplaced.";
    } else if (after.mediumScore() > before.mediumScore()) {
      verdict = "better";
      ro = "Mutarea programează o ședință care nu avea loc.";
      en = "The move places a session that had no place.";
    } else if (after.softScore() < before.softScore()) {
      verdict = "worse";
      ro = "Mutarea respectă regulile obligatorii, dar planul devine mai puțin potrivit pentru familii și specialiști.";
      en = "The move keeps the mandatory rules, but the plan suits families and staff less well.";
    } else if (after.softScore() > before.softScore()) {
      verdict = "better";
      ro = "Mutarea respectă regulile obligatorii și face planul mai potrivit pentru familii și specialiști.";
      en = "The move keeps the mandatory rules and makes the plan suit families and staff better.";
    } else {
      verdict = "same";
      ro = "Mutarea nu schimbă nimic din ce urmărește planificarea.";
      en = "The move changes nothing the planner looks at.";
    }
    return new JsonObject().put("verdict", verdict).put("summary", new JsonObject().put("ro", ro).put("en", en))
        .put("breaks", worse).put("improves", better);
  }

  // ---- re-solve around the edits

  /** A timetable re-plan of this plan in which its pinned sessions stay; 202 with the new plan's id. */
  public Future<UUID> resolve(JsonObject plan, String requestedBy) {
    requireSolved(plan);
    UUID id = UUID.fromString(plan.getString("id"));
    return current(id).compose(items -> {
      List<String> pinned = items.pinned().stream().map(TimetableStep::sessionKey).distinct().sorted().toList();
      int seconds = Math.min(plan.getInteger("secondsLimit"), 30);
      PlanRequest request = new PlanRequest(plan.getString("county"), plan.getString("week"), List.of("timetable"), seconds);
      return service.submit(request, id, new Disruption.ManualEdits(pinned), requestedBy);
    });
  }

  // ---- helpers

  /** The plan's stored items and which item keys are pinned. */
  record Current(List<PlanOutcome.Item> items, Set<String> pinned) {
    List<String> keysOf(String sessionKey) {
      return items.stream().map(PlanOutcome.Item::itemKey).filter(k -> TimetableStep.sessionKey(k).equals(sessionKey)
          && items.stream().anyMatch(i -> i.itemKey().equals(k) && !"caravan".equals(i.modality()))).toList();
    }
  }

  private Future<Current> current(UUID id) {
    var pool = service.plans().pool();
    return service.plans().items(pool, id).compose(items -> pool.preparedQuery(ITEMS_PINNED).execute(Tuple.of(id)).map(rows -> {
      Set<String> pinned = new HashSet<>();
      rows.forEach(r -> {
        if (Boolean.TRUE.equals(r.getBoolean("pinned"))) pinned.add(r.getString("item_key"));
      });
      return new Current(items, pinned);
    }));
  }

  private synchronized Future<Model> model(UUID id) {
    Future<Model> cached = models.get(id);
    if (cached != null && !cached.failed()) return cached;
    Future<Model> built = loader.apply(id).compose(problem -> service.plans().items(service.plans().pool(), id)
        .compose(items -> Blocking.run(() -> {
          List<PlanOutcome.Item> caravan = items.stream().filter(i -> "caravan".equals(i.modality())).toList();
          TimetableStep.Built b = TimetableStep.build(problem, caravan);
          if (b == null) throw ApiError.conflict("session", "Județul nu are centre: planul nu are ședințe de mutat.",
              "The county has no centres: the plan has no sessions to move.");
          Map<String, Session> sessions = new HashMap<>();
          b.problem().getSessions().forEach(s -> sessions.put(s.getId(), s));
          Map<String, Staff> staff = new HashMap<>();
          b.problem().getStaff().forEach(s -> staff.put(s.id(), s));
          Map<String, Room> rooms = new HashMap<>();
          b.problem().getRooms().forEach(r -> rooms.put(r.id(), r));
          Map<Long, String> staffNames = new HashMap<>();
          problem.staff().forEach(s -> staffNames.put(s.id(), s.name()));
          Map<Long, String> roomNames = new HashMap<>();
          problem.rooms().forEach(r -> roomNames.put(r.id(), r.name()));
          return new Model(problem, b, sessions, staff, rooms, staffNames, roomNames);
        })));
    models.put(id, built);
    return built;
  }

  /** Sets every session to the plan's stored items (unplaced items leave their session unassigned). */
  private static void reset(Model m, Current current) {
    Map<String, PlanOutcome.Item> bySession = new HashMap<>();
    current.items().forEach(i -> {
      if (!"caravan".equals(i.modality())) bySession.putIfAbsent(TimetableStep.sessionKey(i.itemKey()), i);
    });
    for (Session s : m.sessions().values()) {
      PlanOutcome.Item i = bySession.get(s.getId());
      if (i == null || !i.placed() || i.staffId() == null) {
        s.setStaff(null);
        s.setRoom(null);
        continue;
      }
      s.setStart(Replanner.weekMinute(m.problem().monday(), i.startsAt().toInstant()));
      s.setStaff(m.staff().get(String.valueOf(i.staffId())));
      s.setRoom(i.roomId() == null ? null : m.rooms().get(String.valueOf(i.roomId())));
    }
  }

  private static Session sessionOf(Model m, String key) {
    Session s = key == null ? null : m.sessions().get(key);
    if (s == null) throw noSuchSession();
    return s;
  }

  private static JsonObject sessionJson(Model m, Session s, Set<String> pinnedItems) {
    JsonArray beneficiaries = new JsonArray();
    s.getBeneficiaries().forEach(b -> beneficiaries.add(b.id()));
    boolean pinned = pinnedItems.stream().anyMatch(k -> TimetableStep.sessionKey(k).equals(s.getId()));
    JsonObject j = new JsonObject().put("session", s.getId()).put("service", TimetableStep.serviceName(s.getService()))
        .put("minutes", s.getMinutes()).put("centreId", Long.parseLong(s.getCentre().id()))
        .put("centreName", s.getCentre().name()).put("beneficiaryIds", beneficiaries).put("pinned", pinned)
        .put("placed", s.isAssigned());
    if (s.isAssigned()) {
      j.put("start", PlanRepository.iso(TimetableStep.at(m.problem(), s.getStart())));
      j.put("staffId", Long.parseLong(s.getStaff().id()));
      j.put("roomId", s.getRoom() == null ? null : Long.parseLong(s.getRoom().id()));
    }
    return j;
  }

  private static void requireSolved(JsonObject plan) {
    requireSolved(plan.getString("status"));
  }

  private static void requireSolved(String status) {
    if (!PlanStatus.SOLVED.equals(status)) {
      throw ApiError.conflict("status", "Doar un plan rezolvat și nepublicat poate fi modificat de mână.",
          "Only a solved plan that is not published can be edited by hand.");
    }
  }

  private static ApiError noSuchSession() {
    return ApiError.notFound("session", "Ședința nu face parte din acest plan.", "No such session in this plan.");
  }
}
