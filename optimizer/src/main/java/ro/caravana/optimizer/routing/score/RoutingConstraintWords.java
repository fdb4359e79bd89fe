package ro.caravana.optimizer.routing.score;

import static ro.caravana.optimizer.routing.score.RoutingConstraintProvider.*;
import static ro.caravana.optimizer.text.ConstraintWords.of;

import java.util.Map;
import java.util.Optional;
import ro.caravana.optimizer.text.ConstraintWords;

/** The words for every constraint of {@link RoutingConstraintProvider} (a test checks none is missing). */
public final class RoutingConstraintWords {

  public static final Map<String, ConstraintWords> ALL = Map.ofEntries(
      Map.entry(SHIFT_END, of("Întoarcere la bază după program", "Back at the base after the shift",
          "Echipajul trebuie să revină la bază înainte de sfârșitul programului.", "The crew must be back before the shift ends.")),
      Map.entry(TIME_WINDOW, of("În afara intervalului orar al opririi", "Outside the stop's time window",
          "Consultațiile încep în intervalul stabilit cu localitatea.", "Consultations start within the window agreed with the locality.")),
      Map.entry(SKILLS, of("Echipaj fără specialitatea cerută", "Crew lacks the required specialty",
          "Oprirea are nevoie de un specialist pe care echipajul nu îl are.", "The stop needs a specialist the crew does not have.")),
      Map.entry(CAPACITY, of("Capacitatea caravanei depășită", "Caravan capacity exceeded",
          "Caravana poate face un număr limitat de consultații pe zi.", "A caravan can hold a limited number of consultations a day.")),
      Map.entry(ALLOWED_DATE, of("Zi nepermisă pentru vizită", "Visit on a day it is not allowed",
          "Localitatea poate fi vizitată doar în anumite zile.", "The locality may be visited on certain days only.")),
      Map.entry(PUBLISHED_DAY, of("Oprire adăugată la o zi deja anunțată", "Stop added to an announced caravan day",
          "Traseul acestei zile a fost deja comunicat.", "This day's route was already announced.")),
      Map.entry(UNASSIGNED, of("Oprire neplanificată", "Stop not placed",
          "Nicio caravană nu a avut timp, capacitate sau echipaj potrivit pentru această localitate.",
          "No caravan had the time, capacity or crew for this locality.")),
      Map.entry(CARAVAN_DAYS_USED, of("Zile de caravană folosite", "Caravan days used",
          "Fiecare zi de caravană costă combustibil și echipaj.", "Every caravan day costs fuel and crew time.")),
      Map.entry(TRAVEL_TIME, of("Timp pe drum", "Time on the road",
          "Mai puțin timp pe drum înseamnă mai mult timp pentru consultații.", "Less time on the road leaves more for consultations.")),
      Map.entry(VISIT_SPACING, of("Vizite repetate la intervale inegale", "Uneven spacing of repeat visits",
          "Fiecare localitate trebuie vizitată la intervale regulate.", "Each locality should be visited at regular intervals.")),
      Map.entry(SAME_CREW, of("Alt echipaj decât la vizita trecută", "A different crew than last visit",
          "Oamenii preferă să revadă aceiași medici.", "People prefer to see the same doctors again.")),
      Map.entry(SERIES_MAX_GAP, of("Pauză prea lungă între vizitele unei localități", "Too long between a locality's visits",
          "Nicio localitate nu rămâne nevizitată mai mult decât intervalul maxim stabilit.",
          "No locality goes unvisited for longer than its agreed maximum.")),
      Map.entry(SERIES_SPACING, of("Vizitele unei localități la intervale inegale", "A locality's visits unevenly spaced",
          "Vizitele unei localități urmează ritmul cerut cât de exact permite calendarul.",
          "A locality's visits follow the rhythm asked for as closely as the calendar allows.")),
      Map.entry(SERIES_SAME_CREW, of("Alt echipaj decât la vizita anterioară a localității", "A different crew than the locality's previous visit",
          "Familiile revăd, când se poate, echipajul de data trecută.",
          "Families see the crew of the previous visit again when possible.")));

  private RoutingConstraintWords() {}

  public static Optional<ConstraintWords> forConstraint(String constraintId) {
    return Optional.ofNullable(ALL.get(constraintId));
  }
}
