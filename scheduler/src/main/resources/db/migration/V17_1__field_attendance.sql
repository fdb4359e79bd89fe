-- Attendance marks from the field (the caravan crew's phones, the clinician's day), possibly made
-- offline and sent later, possibly twice: each carries the idempotency key the device gave it, and
-- the server applies each key once. Two devices marking the same appointment: the mark made last
-- (by the device's time of marking) decides the appointment's status; every mark stays as history.
ALTER TABLE attendance_marks ADD COLUMN idempotency_key uuid;
ALTER TABLE attendance_marks ADD CONSTRAINT attendance_marks_idempotency_key UNIQUE (idempotency_key);
-- when the mark was made on the device (recorded_at is when the server received it)
ALTER TABLE attendance_marks ADD COLUMN marked_at timestamptz;
-- the account that made the mark (recorded_by keeps its e-mail, or 'telemedicine')
ALTER TABLE attendance_marks ADD COLUMN account_id bigint REFERENCES accounts (id) ON DELETE SET NULL;
-- an excused absence (the family sent word): the appointment becomes cancelled, not a no-show
ALTER TABLE attendance_marks DROP CONSTRAINT attendance_marks_status_check;
ALTER TABLE attendance_marks ADD CONSTRAINT attendance_marks_status_check
  CHECK (status IN ('arrived', 'fulfilled', 'noshow', 'excused'));
CREATE INDEX attendance_marks_latest_idx ON attendance_marks (appointment_id, marked_at DESC);
