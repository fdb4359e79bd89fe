package ro.caravana.optimizer.timetable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.optaplanner.core.config.solver.SolverConfig;

/**
 * Minimal-change re-planning of a published week. The new problem keeps every session's published start,
 * staff and room; sessions that have started by {@code now} are pinned; sessions a disruption makes
 * impossible are freed (and first-fit tries their published time with another therapist before
 * anything else); the soft constraints make every other change cost, more within 24 h of its start.
 */
public final class Replanner {

  private Replanner() {}

  /** Minutes since the week's Monday 00:00, in local wall-clock time. */
  public static int weekMinute(LocalDate weekStart, Instant instant) {
    LocalDateTime local = LocalDateTime.ofInstant(instant, Timetable.ZONE);
    return (int) Math.max(Integer.MIN_VALUE / 2, Math.min(Integer.MAX_VALUE / 2,
        ChronoUnit.MINUTES.between(weekStart.atStartOfDay(), local)));
  }

  /** Builds the re-planning problem: a new timetable, the published one is not modified. */
  public static Timetable prepare(Timetable published, Instant now, Disruption... disruptions) {
    LocalDate week = published.getWeekStart();
    int nowMinute = weekMinute(week, now);
    Map<String, Staff> staff = new HashMap<>();
    published.getStaff().forEach(p -> staff.put(p.id(), p));
    Map<String, Room> rooms = new HashMap<>();
    published.getRooms().forEach(r -> rooms.put(r.id(), r));
    Set<String> cancelled = new HashSet<>();
    for (Disruption d : disruptions) {
      if (d instanceof Disruption.StaffAbsence a) {
        Staff p = require(staff, a.staffId(), "staff");
        staff.put(p.id(), p.withLeave(dayStart(week, a.from()), dayStart(week, a.to().plusDays(1))));
      } else if (d instanceof Disruption.RoomClosure c) {
        Room r = require(rooms, c.roomId(), "room");
        rooms.put(r.id(), r.withClosure(dayStart(week, c.from()), dayStart(week, c.to().plusDays(1))));
      } else if (d instanceof Disruption.BeneficiaryCancellation c) {
        cancelled.add(c.beneficiaryId());
      }
    }
    List<Staff> newStaff = published.getStaff().stream().map(p -> staff.get(p.id())).toList();
    List<Room> newRooms = published.getRooms().stream().map(r -> rooms.get(r.id())).toList();
    List<Session> sessions = new ArrayList<>();
    for (Session old : published.getSessions()) {
      List<Beneficiary> members = old.getBeneficiaries().stream().filter(b -> !cancelled.contains(b.id())).toList();
      if (members.isEmpty()) continue; // cancelled
      Session s = old.copy(members, p -> staff.get(p.id()), r -> rooms.get(r.id()));
      boolean started = s.isAssigned() && s.getStart() < nowMinute;
      boolean soon = s.isAssigned() && s.getStart() < nowMinute + WeekTime.MINUTES_PER_DAY;
      s.publish(soon, started);
      sessions.add(s);
    }
    SessionFactory.computeRanges(sessions, newStaff, newRooms, nowMinute);
    for (Session s : sessions) {
      if (s.isPinned() || !s.isAssigned()) continue;
      int end = s.getEndMinute();
      boolean staffAway = !s.getStaff().availability().covers(s.getStart(), end);
      boolean roomClosed = s.getRoom() != null && !s.getRoom().available().covers(s.getStart(), end);
      if (staffAway || roomClosed) s.setStaff(null); // freed: the solver finds it a new place
    }
    List<Beneficiary> beneficiaries = published.getBeneficiaries().stream().filter(b -> !cancelled.contains(b.id())).toList();
    List<CaravanAppointment> caravan = published.getCaravanAppointments().stream()
        .filter(c -> !cancelled.contains(c.beneficiary().id())).toList();
    return new Timetable(week, published.getCentres(), newRooms, newStaff, beneficiaries, caravan, sessions);
  }

  /** Default local-search time for re-planning: a coordinator waits for the answer. */
  public static final java.time.Duration DEFAULT_LIMIT = java.time.Duration.ofSeconds(5);

  /** Prepares and solves the re-planning problem within {@link #DEFAULT_LIMIT}. */
  public static Timetable replanFrom(Timetable published, Instant now, Disruption... disruptions) {
    return replanFrom(published, now, TimetableSolver.config(DEFAULT_LIMIT, 1), disruptions);
  }

  /** Prepares and solves the re-planning problem. */
  public static Timetable replanFrom(Timetable published, Instant now, SolverConfig config, Disruption... disruptions) {
    return TimetableSolver.solve(prepare(published, now, disruptions), config);
  }

  /** Counts sessions whose start, staff or room differ between two timetables of the same week (by id). */
  public static int changedSessions(Timetable before, Timetable after) {
    Map<String, Session> old = new HashMap<>();
    before.getSessions().forEach(s -> old.put(s.getId(), s));
    int changed = 0;
    for (Session s : after.getSessions()) {
      Session o = old.get(s.getId());
      if (o == null) continue;
      boolean same = o.isAssigned() == s.isAssigned() && (!s.isAssigned()
          || (o.getStart().equals(s.getStart()) && o.getStaff().id().equals(s.getStaff().id())
              && (o.getRoom() == null ? s.getRoom() == null : s.getRoom() != null && o.getRoom().id().equals(s.getRoom().id()))));
      if (!same) changed++;
    }
    return changed;
  }

  private static int dayStart(LocalDate week, LocalDate day) {
    return (int) ChronoUnit.DAYS.between(week, day) * WeekTime.MINUTES_PER_DAY;
  }

  private static <T> T require(Map<String, T> map, String id, String what) {
    T t = map.get(id);
    if (t == null) throw new IllegalArgumentException("unknown " + what + " " + id);
    return t;
  }

}
