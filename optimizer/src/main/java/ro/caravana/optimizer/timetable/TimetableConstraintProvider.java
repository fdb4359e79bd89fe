package ro.caravana.optimizer.timetable;

import static org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore.ONE_HARD;
import static org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore.ONE_MEDIUM;
import static org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore.ONE_SOFT;

import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintCollectors;
import org.optaplanner.core.api.score.stream.ConstraintFactory;
import org.optaplanner.core.api.score.stream.ConstraintProvider;
import org.optaplanner.core.api.score.stream.Joiners;
import org.optaplanner.core.api.score.stream.uni.UniConstraintStream;

/**
 * Scores a centre timetable. Hard: never violated in a usable timetable (weights are minutes of
 * violation, so the solver sees how far it is from feasible). Medium: sessions left unassigned,
 * weighted by the priority of whom they serve. Soft: quality for families and staff, and, when
 * re-planning, the cost of changing what families were already told. See docs/timetable.md.
 */
public class TimetableConstraintProvider implements ConstraintProvider {

  public static final String STAFF_CONFLICT = "Staff double-booked";
  public static final String ROOM_CONFLICT = "Room double-booked";
  public static final String BENEFICIARY_CONFLICT = "Beneficiary double-booked";
  public static final String CARAVAN_CONFLICT = "Beneficiary at a caravan appointment";
  public static final String STAFF_SKILL = "Staff lacks the skill";
  public static final String STAFF_CENTRE = "Staff not allowed at the centre";
  public static final String STAFF_AVAILABILITY = "Staff unavailable or on leave";
  public static final String CENTRE_HOURS = "Outside centre opening hours";
  public static final String ROOM_EQUIPMENT = "Room unsuitable";
  public static final String ROOM_CLOSED = "Room closed";
  public static final String ROOM_REQUIRED = "Session needs a room";
  public static final String BENEFICIARY_AVAILABILITY = "Beneficiary unavailable";
  public static final String STAFF_TRAVEL = "Not enough travel time between centres";
  public static final String SAME_THERAPY_SAME_DAY = "Same therapy twice a day";

  public static final String UNASSIGNED_SESSION = "Unassigned session";

  public static final String PREFERRED_TIME = "Outside preferred time";
  public static final String THERAPIST_CONTINUITY = "Different therapist than before";
  public static final String COMPACT_STAFF_DAY = "Idle time in a staff day";
  public static final String FAIR_LOAD = "Unfair staff load";
  public static final String SPREAD_ACROSS_WEEK = "Same therapy on consecutive days";
  public static final String PUBLISHED_SESSION_MOVED = "Published session changed";
  public static final String PUBLISHED_SESSION_MOVED_LATE = "Published session changed within 24 h";

  /** Soft cost per beneficiary whose session is outside their (family's) preferred times. */
  public static final int PREFERRED_TIME_WEIGHT = 10;
  /** Soft cost of a session with another therapist than the one who delivered it before. */
  public static final int CONTINUITY_WEIGHT = 30;
  /** Soft cost of two sessions of one care plan on consecutive days. */
  public static final int SPREAD_WEIGHT = 20;
  /** Soft cost of changing the time, staff or room of a published session (or dropping it). */
  public static final int PUBLISHED_MOVE_WEIGHT = 300;
  /** The same, when the published start is less than 24 h away: families must be called again. */
  public static final int PUBLISHED_LATE_MOVE_WEIGHT = 3_000;

  @Override
  public Constraint[] defineConstraints(ConstraintFactory factory) {
    return new Constraint[] {
        // Hard
        staffConflict(factory), // a person cannot be in two sessions at once
        roomConflict(factory), // a room hosts one session at a time
        beneficiaryConflict(factory), // a beneficiary cannot attend two sessions at once
        caravanConflict(factory), // nor a session while at a caravan appointment
        staffSkill(factory), // only qualified staff deliver a therapy
        staffCentre(factory), // staff work only at the centres agreed with them
        staffAvailability(factory), // working hours and leave
        centreHours(factory), // the centre is open
        roomEquipment(factory), // the room of the centre has what the therapy needs
        roomClosed(factory), // a closed room cannot be used
        roomRequired(factory), // only telemedicine by phone may take place without a room
        beneficiaryAvailability(factory), // children after school, stated availability
        staffTravel(factory), // staff moving between centres need the drive time
        sameTherapySameDay(factory), // at most one session of a therapy per person per day
        // Medium
        unassignedSession(factory), // every required session should take place, priorities first
        // Soft
        preferredTime(factory), // families' preferred times
        therapistContinuity(factory), // the same therapist as before
        compactStaffDay(factory), // few idle gaps in a staff day
        fairLoad(factory), // work spread fairly across staff
        spreadAcrossWeek(factory), // a care plan's sessions spread across the week
        publishedSessionMoved(factory), // re-planning: keep what families were told
        publishedSessionMovedLate(factory) // ... especially close to the appointment
    };
  }

  /** Sessions that take place (have a staff member); includes home telemedicine with no room. */
  private static UniConstraintStream<Session> assigned(ConstraintFactory factory) {
    return factory.forEachIncludingNullVars(Session.class).filter(Session::isAssigned);
  }

  static int overlapMinutes(Session a, Session b) {
    return Math.min(a.getEndMinute(), b.getEndMinute()) - Math.max(a.getStartMinute(), b.getStartMinute());
  }

  /** Minutes between two sessions of one day (negative when they overlap). */
  static int gapMinutes(Session a, Session b) {
    return Math.max(b.getStartMinute() - a.getEndMinute(), a.getStartMinute() - b.getEndMinute());
  }

  // Hard

  Constraint staffConflict(ConstraintFactory factory) {
    return assigned(factory)
        .join(assigned(factory), Joiners.equal(Session::getStaff),
            Joiners.overlapping(Session::getStartMinute, Session::getEndMinute))
        .filter((a, b) -> a.getIndex() < b.getIndex())
        .penalizeLong(ONE_HARD, TimetableConstraintProvider::overlapMinutes)
        .justifyWith((a, b, score) -> SessionJustification.of(a, b,
            "%s is booked for %s and %s at the same time (%d min overlap)"
                .formatted(a.getStaff().id(), a.getId(), b.getId(), overlapMinutes(a, b))))
        .asConstraint(STAFF_CONFLICT);
  }

  Constraint roomConflict(ConstraintFactory factory) {
    return assigned(factory).filter(s -> s.getRoom() != null)
        .join(assigned(factory).filter(s -> s.getRoom() != null), Joiners.equal(Session::getRoom),
            Joiners.overlapping(Session::getStartMinute, Session::getEndMinute))
        .filter((a, b) -> a.getIndex() < b.getIndex())
        .penalizeLong(ONE_HARD, TimetableConstraintProvider::overlapMinutes)
        .justifyWith((a, b, score) -> SessionJustification.of(a, b,
            "room %s hosts %s and %s at the same time".formatted(a.getRoom().id(), a.getId(), b.getId())))
        .asConstraint(ROOM_CONFLICT);
  }

  /** Each beneficiary of each assigned session. */
  private static UniConstraintStream<Attendance> attendances(ConstraintFactory factory) {
    return assigned(factory).flattenLast(Session::getAttendances);
  }

  static int overlapMinutes(Attendance a, Attendance b) {
    return Math.min(a.end(), b.end()) - Math.max(a.start(), b.start());
  }

  Constraint beneficiaryConflict(ConstraintFactory factory) {
    return attendances(factory)
        .join(attendances(factory), Joiners.equal(Attendance::beneficiary),
            Joiners.overlapping(Attendance::startMinute, Attendance::endMinute))
        .filter((a, b) -> a.session().getIndex() < b.session().getIndex())
        .penalizeLong(ONE_HARD, TimetableConstraintProvider::overlapMinutes)
        .justifyWith((a, b, score) -> SessionJustification.of(a.session(), b.session(),
            "%s is expected at %s and %s at the same time"
                .formatted(a.beneficiary().id(), a.session().getId(), b.session().getId())))
        .asConstraint(BENEFICIARY_CONFLICT);
  }

  Constraint caravanConflict(ConstraintFactory factory) {
    return attendances(factory)
        .join(CaravanAppointment.class, Joiners.equal(Attendance::beneficiary, CaravanAppointment::beneficiary),
            Joiners.overlapping(Attendance::startMinute, Attendance::endMinute, CaravanAppointment::start, CaravanAppointment::end))
        .penalizeLong(ONE_HARD, (a, c) -> Math.min(a.end(), c.endMinute()) - Math.max(a.start(), c.startMinute()))
        .justifyWith((a, c, score) -> SessionJustification.of(a.session(),
            "%s is at caravan appointment %s during %s".formatted(c.beneficiary().id(), c.id(), a.session().getId())))
        .asConstraint(CARAVAN_CONFLICT);
  }

  Constraint staffSkill(ConstraintFactory factory) {
    return assigned(factory)
        .filter(s -> !s.getStaff().canDeliver(s.getService()))
        .penalizeLong(ONE_HARD, Session::getMinutes)
        .justifyWith((s, score) -> SessionJustification.of(s,
            "%s does not deliver %s".formatted(s.getStaff().id(), s.getService())))
        .asConstraint(STAFF_SKILL);
  }

  Constraint staffCentre(ConstraintFactory factory) {
    return assigned(factory)
        .filter(s -> !s.getStaff().mayServe(s.getService(), s.getCentre()))
        .penalizeLong(ONE_HARD, Session::getMinutes)
        .justifyWith((s, score) -> SessionJustification.of(s,
            "%s does not work at centre %s".formatted(s.getStaff().id(), s.getCentre().id())))
        .asConstraint(STAFF_CENTRE);
  }

  Constraint staffAvailability(ConstraintFactory factory) {
    return assigned(factory)
        .filter(s -> !s.getStaff().availability().covers(s.getStartMinute(), s.getEndMinute()))
        .penalizeLong(ONE_HARD, s -> s.getStaff().availability().minutesOutside(s.getStartMinute(), s.getEndMinute()))
        .justifyWith((s, score) -> SessionJustification.of(s,
            "%s is not working or on leave at %s".formatted(s.getStaff().id(), WeekTime.format(s.getStartMinute()))))
        .asConstraint(STAFF_AVAILABILITY);
  }

  Constraint centreHours(ConstraintFactory factory) {
    return assigned(factory)
        .filter(s -> !s.isAtHome() && !s.getCentre().openingHours().covers(s.getStartMinute(), s.getEndMinute()))
        .penalizeLong(ONE_HARD, s -> s.getCentre().openingHours().minutesOutside(s.getStartMinute(), s.getEndMinute()))
        .justifyWith((s, score) -> SessionJustification.of(s,
            "centre %s is closed at %s".formatted(s.getCentre().id(), WeekTime.format(s.getStartMinute()))))
        .asConstraint(CENTRE_HOURS);
  }

  Constraint roomEquipment(ConstraintFactory factory) {
    return assigned(factory)
        .filter(s -> s.getRoom() != null && !s.getRoom().suits(s.getService(), s.getCentre()))
        .penalizeLong(ONE_HARD, Session::getMinutes)
        .justifyWith((s, score) -> SessionJustification.of(s,
            "room %s is not at centre %s or lacks equipment for %s"
                .formatted(s.getRoom().id(), s.getCentre().id(), s.getService())))
        .asConstraint(ROOM_EQUIPMENT);
  }

  Constraint roomClosed(ConstraintFactory factory) {
    return assigned(factory)
        .filter(s -> s.getRoom() != null && !s.getRoom().available().covers(s.getStartMinute(), s.getEndMinute()))
        .penalizeLong(ONE_HARD, s -> s.getRoom().available().minutesOutside(s.getStartMinute(), s.getEndMinute()))
        .justifyWith((s, score) -> SessionJustification.of(s,
            "room %s is closed at %s".formatted(s.getRoom().id(), WeekTime.format(s.getStartMinute()))))
        .asConstraint(ROOM_CLOSED);
  }

  Constraint roomRequired(ConstraintFactory factory) {
    return assigned(factory)
        .filter(s -> s.getRoom() == null && !s.isAtHome())
        .penalizeLong(ONE_HARD, Session::getMinutes)
        .justifyWith((s, score) -> SessionJustification.of(s,
            "%s takes place at the centre but has no room".formatted(s.getId())))
        .asConstraint(ROOM_REQUIRED);
  }

  Constraint beneficiaryAvailability(ConstraintFactory factory) {
    return assigned(factory)
        .filter(s -> minutesBeneficiariesUnavailable(s) > 0)
        .penalizeLong(ONE_HARD, TimetableConstraintProvider::minutesBeneficiariesUnavailable)
        .justifyWith((s, score) -> SessionJustification.of(s,
            "a beneficiary of %s is not available at %s".formatted(s.getId(), WeekTime.format(s.getStartMinute()))))
        .asConstraint(BENEFICIARY_AVAILABILITY);
  }

  static int minutesBeneficiariesUnavailable(Session s) {
    int minutes = 0;
    for (Beneficiary b : s.getBeneficiaries()) {
      minutes += b.availability().minutesOutside(s.getStartMinute(), s.getEndMinute());
    }
    return minutes;
  }

  Constraint staffTravel(ConstraintFactory factory) {
    return assigned(factory).filter(Session::isInPersonAtCentre)
        .join(assigned(factory).filter(Session::isInPersonAtCentre),
            Joiners.equal(Session::getStaff), Joiners.equal(Session::getDay))
        .filter((a, b) -> a.getIndex() < b.getIndex() && a.getCentre() != b.getCentre()
            && gapMinutes(a, b) < travelMinutes(a, b))
        .penalizeLong(ONE_HARD, (a, b) -> travelMinutes(a, b) - gapMinutes(a, b))
        .justifyWith((a, b, score) -> SessionJustification.of(a, b,
            "%s needs %d min to drive between %s and %s but has %d min"
                .formatted(a.getStaff().id(), travelMinutes(a, b), a.getCentre().id(), b.getCentre().id(),
                    Math.max(0, gapMinutes(a, b)))))
        .asConstraint(STAFF_TRAVEL);
  }

  /** Drive time in the direction of the day's order: from the earlier session's centre to the later one's. */
  static int travelMinutes(Session a, Session b) {
    return a.getStartMinute() <= b.getStartMinute()
        ? a.getCentre().travelMinutesTo(b.getCentre())
        : b.getCentre().travelMinutesTo(a.getCentre());
  }

  Constraint sameTherapySameDay(ConstraintFactory factory) {
    return attendances(factory)
        .join(attendances(factory), Joiners.equal(Attendance::beneficiary), Joiners.equal(Attendance::service),
            Joiners.equal(Attendance::day))
        .filter((a, b) -> a.session().getIndex() < b.session().getIndex())
        .penalizeLong(ONE_HARD, (a, b) -> Math.min(a.session().getMinutes(), b.session().getMinutes()))
        .justifyWith((a, b, score) -> SessionJustification.of(a.session(), b.session(),
            "%s would have %s twice on %s (%s and %s)".formatted(a.beneficiary().id(), a.service(),
                WeekTime.format(a.start()).substring(0, 3), a.session().getId(), b.session().getId())))
        .asConstraint(SAME_THERAPY_SAME_DAY);
  }

  // Medium

  Constraint unassignedSession(ConstraintFactory factory) {
    return factory.forEachIncludingNullVars(Session.class)
        .filter(s -> !s.isAssigned())
        .penalizeLong(ONE_MEDIUM, Session::getPriorityWeight)
        .justifyWith((s, score) -> SessionJustification.of(s,
            "%s (%s) could not be fitted into the week".formatted(s.getId(), s.getService())))
        .asConstraint(UNASSIGNED_SESSION);
  }

  // Soft

  Constraint preferredTime(ConstraintFactory factory) {
    return assigned(factory)
        .filter(s -> beneficiariesOutsidePreference(s) > 0)
        .penalizeLong(ONE_SOFT, s -> (long) PREFERRED_TIME_WEIGHT * beneficiariesOutsidePreference(s))
        .justifyWith((s, score) -> SessionJustification.of(s,
            "%d beneficiaries of %s prefer another time".formatted(beneficiariesOutsidePreference(s), s.getId())))
        .asConstraint(PREFERRED_TIME);
  }

  static int beneficiariesOutsidePreference(Session s) {
    int count = 0;
    for (Beneficiary b : s.getBeneficiaries()) {
      if (!b.preferred().isEmpty() && !b.preferred().covers(s.getStartMinute(), s.getEndMinute())) count++;
    }
    return count;
  }

  Constraint therapistContinuity(ConstraintFactory factory) {
    return assigned(factory)
        .filter(s -> s.getUsualStaff() != null && s.getStaff() != s.getUsualStaff())
        .penalizeLong(ONE_SOFT, s -> CONTINUITY_WEIGHT)
        .justifyWith((s, score) -> SessionJustification.of(s,
            "%s is usually seen by %s, not %s".formatted(s.getId(), s.getUsualStaff().id(), s.getStaff().id())))
        .asConstraint(THERAPIST_CONTINUITY);
  }

  /** Key of one staff member's working day. */
  public record StaffDay(Staff staff, int day) {}

  Constraint compactStaffDay(ConstraintFactory factory) {
    return assigned(factory)
        .groupBy(s -> new StaffDay(s.getStaff(), s.getDay()),
            ConstraintCollectors.min(Session::getStartMinute),
            ConstraintCollectors.max(Session::getEndMinute),
            ConstraintCollectors.sum(Session::getMinutes))
        .filter((day, first, last, worked) -> last - first > worked)
        .penalizeLong(ONE_SOFT, (day, first, last, worked) -> last - first - worked)
        .justifyWith((day, first, last, worked, score) -> new SessionJustification(java.util.List.of(),
            "%s has %d idle minutes between %s and %s"
                .formatted(day.staff().id(), last - first - worked, WeekTime.format(first), WeekTime.format(last))))
        .asConstraint(COMPACT_STAFF_DAY);
  }

  Constraint fairLoad(ConstraintFactory factory) {
    return assigned(factory)
        .groupBy(Session::getStaff, ConstraintCollectors.sum(Session::getMinutes))
        .penalizeLong(ONE_SOFT, (staff, minutes) -> (long) minutes * minutes / 3600)
        .justifyWith((staff, minutes, score) -> new SessionJustification(java.util.List.of(),
            "%s has %d min of sessions; load counts squared so it spreads across staff".formatted(staff.id(), minutes)))
        .asConstraint(FAIR_LOAD);
  }

  Constraint spreadAcrossWeek(ConstraintFactory factory) {
    return assigned(factory)
        .join(assigned(factory), Joiners.equal(Session::getCarePlanId))
        .filter((a, b) -> a.getIndex() < b.getIndex() && Math.abs(a.getDay() - b.getDay()) == 1)
        .penalizeLong(ONE_SOFT, (a, b) -> SPREAD_WEIGHT)
        .justifyWith((a, b, score) -> SessionJustification.of(a, b,
            "%s and %s of one care plan fall on consecutive days".formatted(a.getId(), b.getId())))
        .asConstraint(SPREAD_ACROSS_WEEK);
  }

  Constraint publishedSessionMoved(ConstraintFactory factory) {
    return factory.forEachIncludingNullVars(Session.class)
        .filter(s -> !s.isPublishedStartsSoon() && s.isMovedFromPublished())
        .penalizeLong(ONE_SOFT, s -> PUBLISHED_MOVE_WEIGHT)
        .justifyWith((s, score) -> SessionJustification.of(s,
            "%s was published for %s and the family must be told of the change"
                .formatted(s.getId(), WeekTime.format(s.getPublishedStart()))))
        .asConstraint(PUBLISHED_SESSION_MOVED);
  }

  Constraint publishedSessionMovedLate(ConstraintFactory factory) {
    return factory.forEachIncludingNullVars(Session.class)
        .filter(s -> s.isPublishedStartsSoon() && s.isMovedFromPublished())
        .penalizeLong(ONE_SOFT, s -> PUBLISHED_LATE_MOVE_WEIGHT)
        .justifyWith((s, score) -> SessionJustification.of(s,
            "%s was published for %s, less than 24 h away, and would change at short notice"
                .formatted(s.getId(), WeekTime.format(s.getPublishedStart()))))
        .asConstraint(PUBLISHED_SESSION_MOVED_LATE);
  }
}
