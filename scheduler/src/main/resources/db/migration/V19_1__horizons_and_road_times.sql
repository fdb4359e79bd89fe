-- Road times: an imported (or router-fetched) matrix between localities, asymmetric allowed.
CREATE TABLE travel_matrix (
  from_siruta  integer NOT NULL REFERENCES localities (siruta),
  to_siruta    integer NOT NULL REFERENCES localities (siruta),
  seconds      integer NOT NULL CHECK (seconds >= 0),
  metres       integer NOT NULL CHECK (metres >= 0),
  -- csv: imported by a coordinator; router: fetched from the configured OSRM or GraphHopper endpoint
  source       text NOT NULL CHECK (source IN ('csv', 'router')),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (from_siruta, to_siruta),
  CHECK (from_siruta <> to_siruta)
);

-- Date-ranged road rules: a locality unreachable (closed) or reached more slowly (slow, factor > 1).
CREATE TABLE road_rules (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  siruta       integer NOT NULL REFERENCES localities (siruta),
  from_date    date NOT NULL,
  to_date      date NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('closed', 'slow')),
  -- slow: travel time to and from the locality is multiplied by factor_percent / 100
  factor_percent integer NOT NULL DEFAULT 100 CHECK (factor_percent BETWEEN 100 AND 1000),
  note         text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (to_date >= from_date)
);
CREATE INDEX road_rules_siruta_idx ON road_rules (siruta, from_date);

-- How often a locality is visited by the caravan, set by the county (else from its care plans).
CREATE TABLE locality_visit_frequency (
  siruta       integer PRIMARY KEY REFERENCES localities (siruta),
  every_days   integer NOT NULL CHECK (every_days BETWEEN 7 AND 182),
  max_gap_days integer NOT NULL CHECK (max_gap_days BETWEEN 8 AND 273),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (max_gap_days >= every_days + 2)
);

-- Multi-week caravan horizons: a solve job per county and span of weeks.
CREATE TABLE horizons (
  id            uuid PRIMARY KEY,
  county        text NOT NULL REFERENCES counties (code),
  from_week     text NOT NULL CHECK (from_week ~ '^[0-9]{4}-W[0-9]{2}$'),
  weeks         integer NOT NULL CHECK (weeks BETWEEN 4 AND 13),
  first_day     date NOT NULL,
  last_day      date NOT NULL,
  seconds_limit integer NOT NULL CHECK (seconds_limit BETWEEN 1 AND 600),
  status        text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'solving', 'solved', 'failed')),
  score         text,
  summary       jsonb,
  localities    jsonb,
  error         text,
  requested_by  text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  started_at    timestamptz,
  finished_at   timestamptz
);
CREATE UNIQUE INDEX horizons_active_county_key ON horizons (county) WHERE status IN ('queued', 'solving');
CREATE INDEX horizons_county_idx ON horizons (county, finished_at DESC);

-- The horizon's caravan stops, in driving order per caravan-day; the weekly plan takes its days from these.
CREATE TABLE horizon_stops (
  horizon_id   uuid NOT NULL REFERENCES horizons (id) ON DELETE CASCADE,
  caravan_id   bigint NOT NULL REFERENCES caravans (id),
  day          date NOT NULL,
  position     integer NOT NULL CHECK (position >= 0),
  siruta       integer NOT NULL REFERENCES localities (siruta),
  people       integer NOT NULL CHECK (people >= 0),
  arrives_at   timestamptz NOT NULL,
  departs_at   timestamptz NOT NULL,
  -- from a published weekly plan: kept as it is when the horizon is planned again
  pinned       boolean NOT NULL DEFAULT false,
  -- where the travel time of the leg into this stop came from: csv, router or estimate
  leg_source   text NOT NULL CHECK (leg_source IN ('csv', 'router', 'estimate')),
  -- the last stop of a day: where the time of the way back to the depot came from
  back_source  text CHECK (back_source IN ('csv', 'router', 'estimate')),
  PRIMARY KEY (horizon_id, caravan_id, day, position)
);
CREATE INDEX horizon_stops_day_idx ON horizon_stops (horizon_id, day);
