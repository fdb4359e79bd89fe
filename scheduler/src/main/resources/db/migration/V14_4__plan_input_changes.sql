-- What changed in a county's planning inputs (care plans, beneficiaries, centres, rooms, staff, caravans), as the
-- events on their topics tell it: read by planning.PlanInputChanges, shown with a plan as the changes it has not
-- seen. Ids and facts only; one row per event (the event id makes a repeat harmless).
CREATE TABLE plan_input_changes (
  event_id    uuid        PRIMARY KEY,
  county      text        NOT NULL,
  type        text        NOT NULL,
  subject_id  text,
  occurred_at timestamptz NOT NULL
);
CREATE INDEX plan_input_changes_county_at ON plan_input_changes (county, occurred_at);
