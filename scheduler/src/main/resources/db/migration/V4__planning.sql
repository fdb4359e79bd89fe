-- Weekly plans: a solve job per county-week, its draft items, and what publishing made of them.
CREATE TABLE plans (
  id             uuid PRIMARY KEY,
  county         text NOT NULL REFERENCES counties (code),
  week           text NOT NULL CHECK (week ~ '^[0-9]{4}-W[0-9]{2}$'),
  kinds          text[] NOT NULL CHECK (kinds <@ ARRAY['routes', 'timetable']::text[] AND cardinality(kinds) > 0),
  seconds_limit  integer NOT NULL CHECK (seconds_limit BETWEEN 1 AND 3600),
  status         text NOT NULL DEFAULT 'queued'
                 CHECK (status IN ('queued', 'solving', 'solved', 'published', 'superseded', 'failed')),
  -- the plan this one re-plans after a disruption (minimal change against it)
  base_plan_id   uuid REFERENCES plans (id),
  disruption     jsonb,
  score          jsonb,
  counts         jsonb,
  reasons        jsonb,
  error          text,
  requested_by   text,
  -- set when the request came from the plan-requests topic: a redelivered request is recognised
  request_id     uuid CONSTRAINT plans_request_id_key UNIQUE,
  created_at     timestamptz NOT NULL DEFAULT now(),
  started_at     timestamptz,
  finished_at    timestamptz,
  published_at   timestamptz
);
-- One job at a time per county-week: a second request while one is queued or solving is a conflict.
CREATE UNIQUE INDEX plans_active_county_week_key ON plans (county, week) WHERE status IN ('queued', 'solving');
CREATE INDEX plans_county_week_idx ON plans (county, week, created_at DESC);

-- The draft: one row per planned appointment (caravan consultation or centre/remote session).
CREATE TABLE plan_items (
  plan_id        uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  -- stable across plans of the same county-week: care plan + occurrence, so a newer plan can be diffed
  item_key       text NOT NULL,
  beneficiary_id uuid NOT NULL REFERENCES beneficiaries (id) ON DELETE CASCADE,
  care_plan_id   uuid REFERENCES care_plans (id) ON DELETE SET NULL,
  service        text NOT NULL,
  modality       text NOT NULL CHECK (modality IN ('centre', 'caravan', 'remote')),
  starts_at      timestamptz,
  ends_at        timestamptz,
  staff_id       bigint REFERENCES staff (id),
  centre_id      bigint REFERENCES community_centres (id),
  room_id        bigint REFERENCES rooms (id),
  caravan_id     bigint REFERENCES caravans (id),
  stop_siruta    integer REFERENCES localities (siruta),
  -- null when the item could not be placed; then reason says why
  reason         jsonb,
  PRIMARY KEY (plan_id, item_key),
  CHECK ((starts_at IS NULL) = (ends_at IS NULL))
);

-- Caravan stops of a plan (the route), for maps and for the diff.
CREATE TABLE plan_stops (
  plan_id      uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  caravan_id   bigint NOT NULL REFERENCES caravans (id),
  day          date NOT NULL,
  position     integer NOT NULL CHECK (position >= 0),
  stop_siruta  integer NOT NULL REFERENCES localities (siruta),
  arrives_at   timestamptz NOT NULL,
  departs_at   timestamptz NOT NULL,
  PRIMARY KEY (plan_id, caravan_id, day, position)
);

ALTER TABLE appointments ADD COLUMN plan_id uuid REFERENCES plans (id);
ALTER TABLE appointments ADD COLUMN item_key text;
ALTER TABLE appointments ADD COLUMN county text REFERENCES counties (code);
ALTER TABLE appointments ADD COLUMN week text;
-- A published item is one appointment per county-week and key; a newer plan updates it in place.
CREATE UNIQUE INDEX appointments_week_item_key ON appointments (county, week, item_key) WHERE item_key IS NOT NULL;
