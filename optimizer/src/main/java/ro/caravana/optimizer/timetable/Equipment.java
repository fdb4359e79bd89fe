package ro.caravana.optimizer.timetable;

/** What a room at a community centre is fitted with. */
public enum Equipment {
  TELEMEDICINE_STATION,
  KINETOTHERAPY,
  SPEECH_THERAPY,
  GROUP_ROOM
}
