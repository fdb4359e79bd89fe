-- The database work of one attendance mark (POST /api/appointments/{id}/attendance) without Caravana around it,
-- statement for statement as AppointmentRepository.recordAttendance and AppointmentLifecycle.move do it, in one
-- transaction: lock the appointment with its county, set its status and version, record the status change, insert
-- the mark, append the two events (appointment.arrived and attendance.recorded) to the outbox, re-read the
-- appointment for the answer. Run with -M prepared (the server's statements are prepared too) and -D rows=N
-- (the count printed by pgbench-attendance-setup.sql).
\set n random(1, :rows)
SELECT id AS aid FROM pgbench_marks WHERE n = :n \gset
BEGIN;
SELECT a.id, a.beneficiary_id, COALESCE(a.county, l.county) AS county, a.plan_id, a.service, a.modality,
       a.starts_at, a.ends_at, a.staff_id, a.centre_id, a.room_id, a.caravan_id, a.stop_siruta, a.status, a.version
  FROM appointments a JOIN beneficiaries b ON b.id = a.beneficiary_id JOIN localities l ON l.siruta = b.locality_siruta
 WHERE a.id = :aid::uuid ORDER BY a.id FOR UPDATE OF a;
UPDATE appointments SET status = CASE status WHEN 'arrived' THEN 'fulfilled' ELSE 'arrived' END, version = version + 1,
       updated_at = now() WHERE id = :aid::uuid;
INSERT INTO appointment_status_changes (appointment_id, from_status, to_status, version, actor_kind, actor_ref,
       reason_class, reason) VALUES (:aid::uuid, 'booked', 'arrived', 2, 'account', 'pgbench', 'attendance_mark', 'recorded by pgbench');
INSERT INTO attendance_marks (appointment_id, status, minutes, recorded_by, note)
       VALUES (:aid::uuid, 'arrived', 30, 'pgbench', NULL) RETURNING id, recorded_at;
INSERT INTO pgbench_outbox (topic, event_key, event_type, event_version, payload)
       VALUES ('caravana.appointments', :aid::uuid::text, 'appointment.arrived', 1, jsonb_build_object('appointmentId', :aid::uuid,
       'actor', 'account', 'county', 'BC', 'status', 'arrived', 'previousStatus', 'booked', 'service', 'kinetotherapy',
       'modality', 'centre', 'centreId', 1, 'roomId', 1, 'staffId', 19, 'startsAt', now(), 'endsAt', now(),
       'appointmentVersion', 2, 'reason', 'recorded by pgbench')) RETURNING event_id;
INSERT INTO pgbench_outbox (topic, event_key, event_type, event_version, payload)
       VALUES ('caravana.attendance', :aid::uuid::text, 'attendance.recorded', 1, jsonb_build_object('appointmentId', :aid::uuid,
       'county', 'BC', 'service', 'kinetotherapy', 'status', 'arrived', 'minutes', 30, 'recordedBy', 'pgbench'))
       RETURNING event_id;
SELECT a.*, b.first_name, b.last_name FROM appointments a JOIN beneficiaries b ON b.id = a.beneficiary_id WHERE a.id = :aid::uuid;
END;
