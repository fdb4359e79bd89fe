package ro.caravana.optimizer.timetable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Minimal-change re-planning: a therapist on leave Tuesday to Thursday of a published week. */
class ReplanningTest {

  @Test
  @DisplayName("after a Tuesday-Thursday absence the new week is feasible and changes at least 5x fewer sessions than a solve from scratch")
  void therapistAbsenceChangesFewSessions() {
    LocalDate week = TimetableSolvingTest.WEEK;
    Timetable published = TimetableSolver.solve(TimetableSolvingTest.demo(), TimetableSolver.configSteps(600, 1));
    assertEquals(0, published.getScore().hardScore());

    // The kinetotherapist with the most sessions from Tuesday to Thursday is away those three days.
    Map<Staff, Long> midweek = published.getSessions().stream()
        .filter(s -> s.isAssigned() && s.getService() == ServiceKind.KINETOTHERAPY && s.getDay() >= 1 && s.getDay() <= 3)
        .collect(Collectors.groupingBy(Session::getStaff, Collectors.counting()));
    Staff absent = midweek.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    Disruption absence = new Disruption.StaffAbsence(absent.id(), week.plusDays(1), week.plusDays(3));
    Instant mondayNoon = week.atTime(12, 0).atZone(Timetable.ZONE).toInstant();

    Timetable replanned = Replanner.replanFrom(published, mondayNoon, TimetableSolver.configSteps(600, 2), absence);
    assertEquals(0, replanned.getScore().hardScore(), () -> "score " + replanned.getScore());
    assertEquals(List.of(), TimetableSolvingTest.overlaps(replanned));
    for (Session s : replanned.getSessions()) {
      if (s.isAssigned() && s.getStaff().id().equals(absent.id())) {
        assertTrue(s.getDay() < 1 || s.getDay() > 3, () -> "absent therapist still has " + s);
      }
    }
    // Sessions that had started by Monday noon are pinned, so unchanged.
    for (Session s : replanned.getSessions()) {
      if (s.isPinned()) assertEquals(s.getPublishedStart(), s.getStart());
    }

    // The same week, same absence, solved from scratch as a new run would (another seed), knowing nothing
    // of the published timetable.
    Timetable scratchProblem = Replanner.prepare(published, mondayNoon, absence);
    scratchProblem.getSessions().forEach(s -> {
      s.setStaff(null);
      s.setRoom(null);
      s.setStart(null);
      s.publish(false, false); // nothing assigned, so nothing published and nothing pinned
    });
    Timetable fromScratch = TimetableSolver.solve(scratchProblem, TimetableSolver.configSteps(600, 2));

    int replanChanges = Replanner.changedSessions(published, replanned);
    int scratchChanges = Replanner.changedSessions(published, fromScratch);
    int freed = (int) published.getSessions().stream()
        .filter(s -> s.isAssigned() && s.getStaff() == absent && s.getDay() >= 1 && s.getDay() <= 3).count();
    System.out.printf("re-planning changed %d sessions (%d freed by the absence), from scratch %d%n",
        replanChanges, freed, scratchChanges);
    assertTrue(replanChanges >= 1 && replanChanges * 5 <= scratchChanges,
        () -> "re-planning changed " + replanChanges + " sessions (" + freed + " freed by the absence), from scratch "
            + scratchChanges);
  }


  @Test
  @DisplayName("a room closure frees the sessions in that room on those days; a cancellation removes the person")
  void roomClosureAndCancellation() {
    Timetable published = TimetableSolvingTest.demo();
    FirstFitPlanner.plan(published);
    Session some = published.getSessions().stream()
        .filter(s -> s.isAssigned() && s.getRoom() != null && s.getDay() == 2).findFirst().orElseThrow();
    Room room = some.getRoom();
    Session individual = published.getSessions().stream()
        .filter(s -> s.getBeneficiaries().size() == 1).findFirst().orElseThrow();
    Beneficiary cancelled = individual.getBeneficiaries().get(0);
    LocalDate wednesday = TimetableSolvingTest.WEEK.plusDays(2);
    Instant monday = TimetableSolvingTest.WEEK.atStartOfDay(Timetable.ZONE).toInstant();

    Timetable problem = Replanner.prepare(published, monday,
        new Disruption.RoomClosure(room.id(), wednesday, wednesday),
        new Disruption.BeneficiaryCancellation(cancelled.id()));

    for (Session s : problem.getSessions()) {
      assertTrue(!s.attends(cancelled), () -> s + " still has " + cancelled);
      if (s.getRoom() != null && s.getRoom().id().equals(room.id()) && s.getDay() == 2) {
        assertEquals(null, s.getStaff(), () -> s + " is still in the closed room");
        assertTrue(s.isPublished());
      }
    }
    assertTrue(problem.getSessions().stream().noneMatch(s -> s.getId().equals(individual.getId())));
    assertTrue(problem.getSessions().stream().noneMatch(Session::isPinned), "nothing has started on Monday 00:00");
    assertThrows(IllegalArgumentException.class, () -> Replanner.prepare(published, monday,
        new Disruption.StaffAbsence("nobody", wednesday, wednesday)));
  }

  @Test
  @DisplayName("a group cannot exceed its service's capacity")
  void groupCapacity() {
    Timetable t = TimetableSolvingTest.demo();
    List<Beneficiary> eleven = t.getBeneficiaries().subList(0, 11);
    assertThrows(IllegalArgumentException.class, () -> new CarePlan("PL-big", eleven, ServiceKind.SUPPORT_GROUP, 90, 1, 1, 0,
        t.getCentres().get(0), false, null));
  }
}
