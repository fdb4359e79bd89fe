package ro.caravana.optimizer.timetable;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    Timetable published = TimetableSolver.solve(TimetableSolvingTest.demo(), TimetableSolver.configSteps(1_000, 1));
    assertEquals(0, published.getScore().hardScore());

    // The kinetotherapist with the most sessions from Tuesday to Thursday is away those three days.
    Map<Staff, Long> midweek = published.getSessions().stream()
        .filter(s -> s.isAssigned() && s.getService() == ServiceKind.KINETOTHERAPY && s.getDay() >= 1 && s.getDay() <= 3)
        .collect(Collectors.groupingBy(Session::getStaff, Collectors.counting()));
    Staff absent = midweek.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    Disruption absence = new Disruption.StaffAbsence(absent.id(), week.plusDays(1), week.plusDays(3));
    Instant mondayNoon = week.atTime(12, 0).atZone(Timetable.ZONE).toInstant();

    Timetable replanned = Replanner.replanFrom(published, mondayNoon, TimetableSolver.configSteps(1_000, 2), absence);
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
    Timetable fromScratch = TimetableSolver.solve(scratchProblem, TimetableSolver.configSteps(1_000, 2));

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

}
