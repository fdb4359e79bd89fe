package ro.caravana.optimizer.routing.score;

import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import java.time.LocalDate;
import java.util.SortedSet;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintCollectors;
import org.optaplanner.core.api.score.stream.ConstraintFactory;
import org.optaplanner.core.api.score.stream.ConstraintProvider;
import org.optaplanner.core.api.score.stream.Joiners;
import org.optaplanner.core.api.score.stream.bi.BiConstraintStream;
import ro.caravana.optimizer.routing.domain.CaravanDay;
import ro.caravana.optimizer.routing.domain.Visit;

/**
 * Caravan routes. Hard: what makes a plan unusable. Medium: visits left out. Soft: cost and the
 * families' comfort, in travel-time ticks (seconds for real plans) so they trade off on one scale.
 */
public class RoutingConstraintProvider implements ConstraintProvider {

  public static final String SHIFT_END = "Return to depot before the shift ends";
  public static final String TIME_WINDOW = "Service starts within the time window";
  public static final String SKILLS = "Crew has the required skills";
  public static final String CAPACITY = "Caravan capacity";
  public static final String ALLOWED_DATE = "Visit on an allowed date";
  public static final String PUBLISHED_DAY = "Nothing added to a published caravan-day";
  public static final String UNASSIGNED = "Unassigned visit";
  public static final String CARAVAN_DAYS_USED = "Caravan-days used";
  public static final String TRAVEL_TIME = "Travel time";
  public static final String VISIT_SPACING = "Spacing of repeat visits";
  public static final String SAME_CREW = "Same crew as the last visit";
  public static final String SERIES_MAX_GAP = "Longest gap between visits of a locality";
  public static final String SERIES_SPACING = "Even spacing of a locality's visits";
  public static final String SERIES_SAME_CREW = "Same crew as the locality's previous visit";

  /** Soft ticks per day that a repeat visit is early or late against its frequency (30 min of driving). */
  public static final long SPACING_TICKS_PER_DAY = 1_800;
  /** Soft ticks for a crew change at a locality (20 min of driving). */
  public static final long CREW_CHANGE_TICKS = 1_200;

  @Override
  public Constraint[] defineConstraints(ConstraintFactory factory) {
    return new Constraint[] {
        // Hard
        shiftEnd(factory),
        timeWindow(factory),
        skills(factory),
        capacity(factory),
        allowedDate(factory),
        publishedDay(factory),
        seriesMaxGap(factory),
        // Medium
        unassignedVisit(factory),
        // Soft
        caravanDaysUsed(factory),
        travelTime(factory),
        visitSpacing(factory),
        sameCrew(factory),
        seriesSpacing(factory),
        seriesSameCrew(factory),
    };
  }

  /** The crew is back at its end depot by the end of the shift; penalty in ticks of overrun. */
  Constraint shiftEnd(ConstraintFactory factory) {
    return factory.forEach(Visit.class)
        .filter(v -> v.isPlanned() && v.getNext() == null && v.shiftOverrun() > 0)
        .penalizeLong(HardMediumSoftLongScore.ONE_HARD, Visit::shiftOverrun)
        .justifyWith((v, score) -> new RoutingJustification(v.getId(), v.getCaravanDay().getId(),
            v.shiftOverrun(), "back at the depot after the shift end"))
        .asConstraint(SHIFT_END);
  }

  /** Families were told a time: service may start late by 0 ticks; waiting for the window is fine. */
  Constraint timeWindow(ConstraintFactory factory) {
    return factory.forEach(Visit.class)
        .filter(v -> v.isPlanned() && v.lateness() > 0)
        .penalizeLong(HardMediumSoftLongScore.ONE_HARD, Visit::lateness)
        .justifyWith((v, score) -> new RoutingJustification(v.getId(), v.getCaravanDay().getId(),
            v.lateness(), "arrives after the time window"))
        .asConstraint(TIME_WINDOW);
  }

  /** A speech therapist cannot be replaced by a nurse; one point per missing skill. */
  Constraint skills(ConstraintFactory factory) {
    return factory.forEach(Visit.class)
        .filter(v -> v.isPlanned() && v.missingSkillCount() > 0)
        .penalizeLong(HardMediumSoftLongScore.ONE_HARD, Visit::missingSkillCount)
        .justifyWith((v, score) -> new RoutingJustification(v.getId(), v.getCaravanDay().getId(),
            v.missingSkillCount(), "crew lacks a required skill"))
        .asConstraint(SKILLS);
  }

  /** Consultations a caravan can hold in a day; penalty in consultations over capacity. */
  Constraint capacity(ConstraintFactory factory) {
    return factory.forEach(CaravanDay.class)
        .filter(d -> !d.isUnassignedList() && d.totalDemand() > d.getCapacity())
        .penalizeLong(HardMediumSoftLongScore.ONE_HARD, d -> d.totalDemand() - d.getCapacity())
        .justifyWith((d, score) -> new RoutingJustification(d.getId(), d.getId(),
            d.totalDemand() - d.getCapacity(), "demand over capacity"))
        .asConstraint(CAPACITY);
  }

  /** A visit happens only on the dates its frequency allows (and the locality agreed to). */
  Constraint allowedDate(ConstraintFactory factory) {
    return factory.forEach(Visit.class)
        .filter(v -> v.isPlanned() && v.isOnDisallowedDate())
        .penalizeLong(HardMediumSoftLongScore.ONE_HARD, v -> 1L)
        .justifyWith((v, score) -> new RoutingJustification(v.getId(), v.getCaravanDay().getId(), 1,
            "date not allowed for this visit"))
        .asConstraint(ALLOWED_DATE);
  }

  /**
   * Families on a published day were told their times: the construction heuristic may not slip a
   * new visit in (local search moves are filtered; construction moves are not).
   */
  Constraint publishedDay(ConstraintFactory factory) {
    return factory.forEach(Visit.class)
        .filter(v -> v.isPlanned() && v.getCaravanDay().isPinned() && !v.isPinned())
        .penalizeLong(HardMediumSoftLongScore.ONE_HARD, v -> 1L)
        .justifyWith((v, score) -> new RoutingJustification(v.getId(), v.getCaravanDay().getId(), 1,
            "added to a published day"))
        .asConstraint(PUBLISHED_DAY);
  }

  /** What did not fit, weighted by priority times demand, so the bigger needs are served first. */
  Constraint unassignedVisit(ConstraintFactory factory) {
    return factory.forEach(Visit.class)
        .filter(Visit::isUnplanned)
        .penalizeLong(HardMediumSoftLongScore.ONE_MEDIUM, Visit::unassignedWeight)
        .justifyWith((v, score) -> new RoutingJustification(v.getId(), "-", v.unassignedWeight(),
            "not planned"))
        .asConstraint(UNASSIGNED);
  }

  /** Each caravan-day that drives costs its fixed cost (fewer vans first, when the cost is set high). */
  Constraint caravanDaysUsed(ConstraintFactory factory) {
    return factory.forEach(CaravanDay.class)
        .filter(d -> d.isDriving() && d.getFixedCost() > 0)
        .penalizeLong(HardMediumSoftLongScore.ONE_SOFT, CaravanDay::getFixedCost)
        .justifyWith((d, score) -> new RoutingJustification(d.getId(), d.getId(), d.getFixedCost(),
            "caravan-day used"))
        .asConstraint(CARAVAN_DAYS_USED);
  }

  /** Time on the road, depot to depot; counted per leg so a move rescores only the legs it changes. */
  Constraint travelTime(ConstraintFactory factory) {
    return factory.forEach(Visit.class)
        .filter(Visit::isPlanned)
        .penalizeLong(HardMediumSoftLongScore.ONE_SOFT,
            v -> v.travelTimeFromPrevious() + v.travelTimeToDepotIfLast())
        .justifyWith((v, score) -> new RoutingJustification(v.getId(), v.getCaravanDay().getId(),
            v.travelTimeFromPrevious() + v.travelTimeToDepotIfLast(), "travel to this stop (and back if last)"))
        .asConstraint(TRAVEL_TIME);
  }

  /** A locality should be seen every N days, evenly: each day early or late costs. */
  Constraint visitSpacing(ConstraintFactory factory) {
    return factory.forEach(Visit.class)
        .filter(v -> v.isPlanned() && v.spacingDeviationDays() > 0)
        .penalizeLong(HardMediumSoftLongScore.ONE_SOFT, v -> v.spacingDeviationDays() * SPACING_TICKS_PER_DAY)
        .justifyWith((v, score) -> new RoutingJustification(v.getId(), v.getCaravanDay().getId(),
            v.spacingDeviationDays(), "days off the wanted visit interval"))
        .asConstraint(VISIT_SPACING);
  }

  /** Families and crews know each other: prefer the crew that came last time. */
  Constraint sameCrew(ConstraintFactory factory) {
    return factory.forEach(Visit.class)
        .filter(v -> v.isPlanned() && v.isCrewChange())
        .penalizeLong(HardMediumSoftLongScore.ONE_SOFT, v -> CREW_CHANGE_TICKS)
        .justifyWith((v, score) -> new RoutingJustification(v.getId(), v.getCaravanDay().getId(), 1,
            "different crew than last time"))
        .asConstraint(SAME_CREW);
  }

  /** Consecutive planned visits of one locality's series (visit k and visit k+1 of a horizon). */
  private static BiConstraintStream<Visit, Visit> consecutiveInSeries(ConstraintFactory factory) {
    return factory.forEach(Visit.class)
        .filter(v -> v.getSeriesKey() != null && v.isPlanned())
        .join(Visit.class,
            Joiners.equal(Visit::getSeriesKey),
            Joiners.equal(v -> v.getSeriesIndex() + 1, Visit::getSeriesIndex),
            Joiners.filtering((a, b) -> b.isPlanned()));
  }

  /**
   * A locality is never left longer than its maximum gap between two planned visits (a visit left out
   * makes the gap of its neighbours count); penalty in days over the maximum.
   */
  Constraint seriesMaxGap(ConstraintFactory factory) {
    return factory.forEach(Visit.class)
        .filter(v -> v.getSeriesKey() != null && v.isPlanned())
        .groupBy(Visit::getSeriesKey, ConstraintCollectors.toSortedSet(v -> v.getCaravanDay().getDate()),
            ConstraintCollectors.max(Visit::getMaxGapDays))
        .filter((series, dates, maxGap) -> gapExcessDays(dates, maxGap) > 0)
        .penalizeLong(HardMediumSoftLongScore.ONE_HARD, (series, dates, maxGap) -> gapExcessDays(dates, maxGap))
        .justifyWith((series, dates, maxGap, score) -> new RoutingJustification(series, "-",
            gapExcessDays(dates, maxGap), "days over the longest gap between visits"))
        .asConstraint(SERIES_MAX_GAP);
  }

  /** Days by which the gaps between consecutive {@code dates} exceed {@code maxGap}, summed. */
  static long gapExcessDays(SortedSet<LocalDate> dates, int maxGap) {
    long excess = 0;
    LocalDate previous = null;
    for (LocalDate d : dates) {
      if (previous != null) excess += Math.max(0, d.toEpochDay() - previous.toEpochDay() - maxGap);
      previous = d;
    }
    return excess;
  }

  /** Visits of a locality as evenly spaced as the calendar allows: each day off the wanted interval costs. */
  Constraint seriesSpacing(ConstraintFactory factory) {
    return consecutiveInSeries(factory)
        .filter((a, b) -> a.seriesSpacingDeviation(b) > 0)
        .penalizeLong(HardMediumSoftLongScore.ONE_SOFT, (a, b) -> a.seriesSpacingDeviation(b) * SPACING_TICKS_PER_DAY)
        .justifyWith((a, b, score) -> new RoutingJustification(b.getId(), b.getCaravanDay().getId(),
            a.seriesSpacingDeviation(b), "days off the wanted interval since the previous visit"))
        .asConstraint(SERIES_SPACING);
  }

  /** The crew of a locality's previous visit in the horizon comes again when it can. */
  Constraint seriesSameCrew(ConstraintFactory factory) {
    return consecutiveInSeries(factory)
        .filter(Visit::isSeriesCrewChange)
        .penalizeLong(HardMediumSoftLongScore.ONE_SOFT, (a, b) -> CREW_CHANGE_TICKS)
        .justifyWith((a, b, score) -> new RoutingJustification(b.getId(), b.getCaravanDay().getId(), 1,
            "different crew than the previous visit"))
        .asConstraint(SERIES_SAME_CREW);
  }
}
