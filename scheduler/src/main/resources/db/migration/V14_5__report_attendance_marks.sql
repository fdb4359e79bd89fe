-- The report projection of attendance marks, fed by caravana.attendance (report.AttendanceProjection): the
-- latest mark of each appointment, by county, service and the day it was recorded (Europe/Bucharest), with the
-- minutes the mark gave. Ids and facts only.
CREATE TABLE report_attendance_marks (
  appointment_id uuid        PRIMARY KEY,
  county         text        NOT NULL,
  service        text        NOT NULL,
  day            date        NOT NULL,
  status         text        NOT NULL CHECK (status IN ('arrived', 'fulfilled', 'noshow')),
  minutes        integer,
  recorded_at    timestamptz NOT NULL,
  event_id       uuid        NOT NULL
);
CREATE INDEX report_attendance_marks_day ON report_attendance_marks (day, county);
