-- Set-up for pgbench-attendance-mark.sql (docs/reliability.md, "Load"): run once on the database under test.
-- The appointments pgbench marks (numbered, booked, from the 8th week ahead on, so not those the HTTP load marks)
-- and a copy of the outbox (same columns, defaults and indexes) so the events pgbench writes are not relayed.
DROP TABLE IF EXISTS pgbench_marks, pgbench_outbox;
CREATE TABLE pgbench_marks AS
  SELECT row_number() OVER (ORDER BY id)::int AS n, id FROM appointments
   WHERE status = 'booked' AND starts_at > now() + interval '8 weeks';
ALTER TABLE pgbench_marks ADD PRIMARY KEY (n);
CREATE TABLE pgbench_outbox (LIKE outbox INCLUDING ALL);
SELECT count(*) AS appointments_to_mark FROM pgbench_marks;
