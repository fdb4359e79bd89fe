package ro.caravana.portal.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import ro.caravana.optimizer.timetable.Beneficiary;
import ro.caravana.optimizer.timetable.Session;
import ro.caravana.optimizer.timetable.Timetable;

/** The timetable as the JSON file of the contract: one object per session, times with offset. */
final class TimetableJson {

  private TimetableJson() {}

  static ObjectNode sessions(ObjectMapper json, Timetable timetable) {
    ObjectNode root = json.createObjectNode();
    root.put("weekStart", timetable.getWeekStart().toString());
    ArrayNode list = root.putArray("sessions");
    for (Session s : timetable.getSessions()) {
      ObjectNode o = list.addObject();
      o.put("id", s.getId());
      o.put("carePlanId", s.getCarePlanId());
      o.put("service", s.getService().name());
      ArrayNode who = o.putArray("beneficiaryIds");
      for (Beneficiary b : s.getBeneficiaries()) who.add(b.id());
      o.put("centreId", s.getCentre().id());
      o.put("priority", s.getPriorityWeight());
      boolean assigned = s.isAssigned();
      o.put("staffId", assigned ? s.getStaff().id() : null);
      o.put("roomId", assigned && s.getRoom() != null ? s.getRoom().id() : null);
      o.put("modality", !assigned ? null : s.isAtHome() ? "PHONE_AT_HOME"
          : s.getService().remoteStaff() ? "TELEMEDICINE_STATION" : "CENTRE");
      o.put("start", assigned ? time(timetable, s.getStart()) : null);
      o.put("end", assigned ? time(timetable, s.getEndMinute()) : null);
    }
    return root;
  }

  /** Week minute to ISO-8601 with offset, as local wall-clock time in Europe/Bucharest. */
  static String time(Timetable timetable, int weekMinute) {
    ZonedDateTime t = timetable.getWeekStart().atStartOfDay().plusMinutes(weekMinute).atZone(Timetable.ZONE);
    return t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}
