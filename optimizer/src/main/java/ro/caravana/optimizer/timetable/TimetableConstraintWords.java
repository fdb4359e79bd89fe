package ro.caravana.optimizer.timetable;

import static ro.caravana.optimizer.text.ConstraintWords.of;
import static ro.caravana.optimizer.timetable.TimetableConstraintProvider.*;

import java.util.Map;
import java.util.Optional;
import ro.caravana.optimizer.text.ConstraintWords;

/** The words for every constraint of {@link TimetableConstraintProvider} (a test checks none is missing). */
public final class TimetableConstraintWords {

  public static final Map<String, ConstraintWords> ALL = Map.ofEntries(
      Map.entry(STAFF_CONFLICT, of("Specialist programat de două ori", "Staff member double-booked",
          "Un specialist nu poate ține două ședințe în același timp.", "A staff member cannot hold two sessions at once.")),
      Map.entry(ROOM_CONFLICT, of("Sală ocupată de două ori", "Room double-booked",
          "O sală găzduiește o singură ședință o dată.", "A room hosts one session at a time.")),
      Map.entry(BENEFICIARY_CONFLICT, of("Beneficiar programat de două ori", "Beneficiary double-booked",
          "Un beneficiar nu poate fi în două ședințe în același timp.", "A beneficiary cannot attend two sessions at once.")),
      Map.entry(CARAVAN_CONFLICT, of("Beneficiar la caravană în același timp", "Beneficiary at the caravan at that time",
          "Beneficiarul are deja o consultație la caravana medicală în acel interval.",
          "The beneficiary already has a caravan consultation at that time.")),
      Map.entry(STAFF_SKILL, of("Specialist fără calificarea cerută", "Staff member lacks the qualification",
          "Terapia o ține doar un specialist calificat pentru ea.", "Only a qualified staff member may deliver the therapy.")),
      Map.entry(STAFF_CENTRE, of("Specialistul nu lucrează la acest centru", "Staff member does not work at this centre",
          "Specialiștii lucrează doar la centrele stabilite cu ei.", "Staff work only at the centres agreed with them.")),
      Map.entry(STAFF_AVAILABILITY, of("Specialist indisponibil sau în concediu", "Staff member unavailable or on leave",
          "În afara programului de lucru sau în concediu.", "Outside working hours or on leave.")),
      Map.entry(CENTRE_HOURS, of("În afara programului centrului", "Outside the centre's opening hours",
          "Centrul este închis la acea oră.", "The centre is closed at that time.")),
      Map.entry(ROOM_EQUIPMENT, of("Sală nepotrivită", "Unsuitable room",
          "Sala nu are dotarea de care are nevoie terapia.", "The room lacks the equipment the therapy needs.")),
      Map.entry(ROOM_CLOSED, of("Sală închisă", "Room closed",
          "Sala nu poate fi folosită în acel interval.", "The room cannot be used at that time.")),
      Map.entry(ROOM_REQUIRED, of("Ședința are nevoie de o sală", "The session needs a room",
          "Doar telemedicina prin telefon are loc fără sală.", "Only telemedicine by phone takes place without a room.")),
      Map.entry(BENEFICIARY_AVAILABILITY, of("Beneficiar indisponibil", "Beneficiary unavailable",
          "Beneficiarul nu poate veni atunci (de exemplu copiii sunt la școală).",
          "The beneficiary cannot come then (children are at school, for example).")),
      Map.entry(STAFF_TRAVEL, of("Timp insuficient pentru drum între centre", "Not enough time to travel between centres",
          "Specialistul care schimbă centrul are nevoie de timpul de drum.", "A staff member changing centres needs the drive time.")),
      Map.entry(SAME_THERAPY_SAME_DAY, of("Aceeași terapie de două ori în aceeași zi", "The same therapy twice a day",
          "Cel mult o ședință dintr-o terapie pe zi pentru o persoană.", "At most one session of a therapy per person per day.")),
      Map.entry(UNASSIGNED_SESSION, of("Ședință neprogramată", "Session not placed",
          "Nu s-a găsit o oră, o sală și un specialist potrivite în această săptămână.",
          "No suitable time, room and staff member was found this week.")),
      Map.entry(PREFERRED_TIME, of("În afara orei preferate", "Outside the preferred time",
          "Familia a cerut alte ore (de exemplu după școală).", "The family asked for other times (after school, for example).")),
      Map.entry(THERAPIST_CONTINUITY, of("Alt terapeut decât înainte", "A different therapist than before",
          "Beneficiarul lucrează de obicei cu alt terapeut.", "The beneficiary usually works with another therapist.")),
      Map.entry(COMPACT_STAFF_DAY, of("Pauze lungi în ziua specialistului", "Idle gaps in a staff day",
          "Ședințele specialistului sunt răsfirate pe parcursul zilei.", "The staff member's sessions are spread across the day.")),
      Map.entry(FAIR_LOAD, of("Încărcare inegală a specialiștilor", "Uneven staff load",
          "Unii specialiști au mult mai multe ședințe decât alții.", "Some staff have many more sessions than others.")),
      Map.entry(SPREAD_ACROSS_WEEK, of("Aceeași terapie în zile consecutive", "The same therapy on consecutive days",
          "Ședințele unei terapii sunt mai utile răspândite în săptămână.", "A therapy's sessions work better spread over the week.")),
      Map.entry(PUBLISHED_SESSION_MOVED, of("Ședință anunțată, modificată", "Announced session changed",
          "Familia a primit deja ora; schimbarea înseamnă un nou SMS.", "The family was already told; a change means a new SMS.")),
      Map.entry(PUBLISHED_SESSION_MOVED_LATE, of("Ședință anunțată, modificată cu mai puțin de 24 de ore înainte",
          "Announced session changed less than 24 h ahead",
          "Familia trebuie anunțată din nou în ultimul moment.", "The family must be told again at the last minute.")));

  private TimetableConstraintWords() {}

  public static Optional<ConstraintWords> forConstraint(String constraintId) {
    return Optional.ofNullable(ALL.get(constraintId));
  }
}
