package ro.caravana.optimizer.timetable;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Greedy first-fit: takes the unassigned sessions by priority (most constrained first) and gives each the
 * first start, staff member and room that breaks no hard rule, keeping everything already assigned.
 * It is both the benchmark baseline and the solver's construction phase; when re-planning it repairs
 * the sessions a disruption freed, trying their published time first.
 *
 * <p>Starts are tried preferred times first, then from a day that depends on the occurrence, so
 * that a care plan's sessions of one week start spread out.
 */
public final class FirstFitPlanner {

  /** Receives each decision; the solver phase wraps it in variable-change notifications. */
  public interface Assigner {
    void assign(Session session, Integer start, Staff staff, Room room);
  }

  private final Map<Staff, BitSet> staffBusy = new IdentityHashMap<>();
  private final Map<Room, BitSet> roomBusy = new IdentityHashMap<>();
  private final Map<Beneficiary, BitSet> beneficiaryBusy = new IdentityHashMap<>();
  private final Map<Staff, List<Session>> inPersonByStaff = new IdentityHashMap<>();
  private final Map<Staff, Integer> load = new IdentityHashMap<>();
  private final Set<String> therapyDays = new HashSet<>();

  private final long seed;

  private FirstFitPlanner(long seed) { this.seed = seed; }

  /** Assigns what fits; returns the number of sessions it assigned. {@code seed} varies the first day tried. */
  public static int plan(Timetable timetable, long seed, Assigner assigner) {
    return new FirstFitPlanner(seed).run(timetable, assigner);
  }

  /** Plans in place, without a solver (the baseline). */
  public static int plan(Timetable timetable) {
    return plan(timetable, 0, (s, start, staff, room) -> {
      s.setStart(start);
      s.setStaff(staff);
      s.setRoom(room);
    });
  }

  private int run(Timetable timetable, Assigner assigner) {
    for (CaravanAppointment c : timetable.getCaravanAppointments()) {
      mark(beneficiaryBusy.computeIfAbsent(c.beneficiary(), b -> new BitSet()), c.startMinute(), c.endMinute());
    }
    List<Session> open = new ArrayList<>();
    for (Session s : timetable.getSessions()) {
      if (s.isAssigned()) occupy(s, s.getStart(), s.getStaff(), s.getRoom());
      else if (!s.isPinned()) open.add(s);
    }
    open.sort(Comparator.comparingInt(Session::getPriorityWeight).reversed()
        .thenComparing(s -> !s.getService().group())
        .thenComparingLong(s -> (long) s.getStaffRange().size() * s.getStartRange().size())
        .thenComparingInt(Session::getIndex));
    int assigned = 0;
    for (Session s : open) {
      if (tryAssign(s, assigner)) {
        assigned++;
      } else {
        // Leave it unassigned but with a start and a room, so one staff change can place it later.
        Integer start = s.getStart() != null ? s.getStart() : s.getStartRange().get(0);
        Room room = s.getRoom() != null || s.getRoomRange().isEmpty() ? s.getRoom() : s.getRoomRange().get(0);
        assigner.assign(s, start, null, room);
      }
    }
    return assigned;
  }

  private boolean tryAssign(Session s, Assigner assigner) {
    List<Staff> staffOrder = new ArrayList<>(s.getStaffRange());
    staffOrder.sort(Comparator.comparing((Staff p) -> p != s.getPublishedStaff())
        .thenComparing(p -> p != s.getUsualStaff())
        .thenComparingInt(p -> load.getOrDefault(p, 0)));
    List<Room> roomOrder = new ArrayList<>(s.getRoomRange());
    if (s.isHomePhoneAllowed() && s.getService().remoteStaff()) roomOrder.add(null);
    for (int start : startOrder(s)) {
      int end = start + s.getMinutes();
      if (!beneficiariesFree(s, start, end)) continue;
      for (Staff staff : staffOrder) {
        if (!staffFree(s, staff, start, end)) continue;
        for (Room room : roomOrder) {
          if (room != null && !roomFree(room, s, start, end)) continue; // null: phone call at home
          occupy(s, start, staff, room);
          assigner.assign(s, start, staff, room);
          return true;
        }
      }
    }
    return false;
  }

  private List<Integer> startOrder(Session s) {
    int firstDay = Math.floorMod(s.getOccurrence() * 5 / Math.max(1, s.getOccurrences()) + mix(s.getCarePlanId().hashCode() + seed * 0x9E3779B97F4A7C15L), 5);
    List<Integer> starts = new ArrayList<>(s.getStartRange());
    Map<Integer, Integer> key = new HashMap<>();
    for (int m : starts) {
      boolean preferred = s.getBeneficiaries().stream().allMatch(b -> b.preferred().isEmpty() || b.preferred().covers(m, m + s.getMinutes()));
      int day = Math.floorMod(WeekTime.day(m) - firstDay, WeekTime.DAYS);
      int k = (preferred ? 0 : 1) * 100_000 + day * WeekTime.MINUTES_PER_DAY + m % WeekTime.MINUTES_PER_DAY;
      if (s.getPublishedStart() != null && m == s.getPublishedStart()) k = -1;
      key.put(m, k);
    }
    starts.sort(Comparator.comparing(key::get));
    return starts;
  }

  private boolean beneficiariesFree(Session s, int start, int end) {
    for (Beneficiary b : s.getBeneficiaries()) {
      if (!b.availability().covers(start, end)) return false;
      BitSet busy = beneficiaryBusy.get(b);
      if (busy != null && !free(busy, start, end)) return false;
      if (therapyDays.contains(b.id() + "|" + s.getService() + "|" + WeekTime.day(start))) return false;
    }
    return true;
  }

  private boolean staffFree(Session s, Staff staff, int start, int end) {
    if (!staff.canDeliver(s.getService()) || !staff.mayServe(s.getService(), s.getCentre())) return false;
    if (!staff.availability().covers(start, end)) return false;
    BitSet busy = staffBusy.get(staff);
    if (busy != null && !free(busy, start, end)) return false;
    if (s.isInPersonAtCentre()) {
      for (Session other : inPersonByStaff.getOrDefault(staff, List.of())) {
        if (other.getCentre() == s.getCentre() || other.getDay() != WeekTime.day(start)) continue;
        int gap = start >= other.getStartMinute() ? start - other.getEndMinute() : other.getStartMinute() - end;
        int travel = start >= other.getStartMinute()
            ? other.getCentre().travelMinutesTo(s.getCentre()) : s.getCentre().travelMinutesTo(other.getCentre());
        if (gap < travel) return false;
      }
    }
    return true;
  }

  private boolean roomFree(Room room, Session s, int start, int end) {
    if (!room.suits(s.getService(), s.getCentre()) || !room.available().covers(start, end)) return false;
    if (!s.getCentre().openingHours().covers(start, end)) return false;
    BitSet busy = roomBusy.get(room);
    return busy == null || free(busy, start, end);
  }

  private void occupy(Session s, int start, Staff staff, Room room) {
    int end = start + s.getMinutes();
    mark(staffBusy.computeIfAbsent(staff, k -> new BitSet()), start, end);
    if (room != null) mark(roomBusy.computeIfAbsent(room, k -> new BitSet()), start, end);
    for (Beneficiary b : s.getBeneficiaries()) {
      mark(beneficiaryBusy.computeIfAbsent(b, k -> new BitSet()), start, end);
      therapyDays.add(b.id() + "|" + s.getService() + "|" + WeekTime.day(start));
    }
    if (s.isInPersonAtCentre()) {
      // A placeholder carrying the placed interval and centre, for the travel check.
      Session placed = new Session(s.getId(), s.getIndex(), s.getCarePlanId(), s.getService(), s.getMinutes(),
          s.getCentre(), List.of(), 0, false, null);
      placed.setStart(start);
      inPersonByStaff.computeIfAbsent(staff, k -> new ArrayList<>()).add(placed);
    }
    load.merge(staff, s.getMinutes(), Integer::sum);
  }

  /** A well-spread hash (the finaliser of MurmurHash3), so different seeds reorder days independently. */
  private static int mix(long x) {
    x ^= x >>> 33;
    x *= 0xff51afd7ed558ccdL;
    x ^= x >>> 33;
    x *= 0xc4ceb93e53a5b26fL;
    x ^= x >>> 33;
    return (int) x;
  }

  private static int fromSlot(int minute) { return minute / WeekTime.SLOT_MINUTES; }

  private static int toSlot(int minute) { return (minute + WeekTime.SLOT_MINUTES - 1) / WeekTime.SLOT_MINUTES; }

  private static void mark(BitSet b, int start, int end) { b.set(fromSlot(start), toSlot(end)); }

  private static boolean free(BitSet b, int start, int end) {
    int next = b.nextSetBit(fromSlot(start));
    return next < 0 || next >= toSlot(end);
  }
}
