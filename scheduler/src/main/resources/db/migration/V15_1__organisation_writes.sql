-- The organisation becomes editable: versions for optimistic concurrency, retirement instead of deletion
-- (appointments keep pointing at what they used), and the facts a directorate describes about each record.

ALTER TABLE community_centres
  ADD COLUMN closures   jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(closures) = 'array'),
  ADD COLUMN version    integer NOT NULL DEFAULT 1,
  ADD COLUMN retired_at timestamptz,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

ALTER TABLE rooms
  ADD COLUMN kind       text NOT NULL DEFAULT 'therapy' CHECK (kind IN ('therapy', 'consultation', 'group', 'telemedicine')),
  ADD COLUMN version    integer NOT NULL DEFAULT 1,
  ADD COLUMN retired_at timestamptz,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

ALTER TABLE staff
  -- centres besides the home centre where this person may be scheduled
  ADD COLUMN work_centre_ids bigint[] NOT NULL DEFAULT '{}',
  ADD COLUMN version         integer NOT NULL DEFAULT 1,
  ADD COLUMN retired_at      timestamptz,
  ADD COLUMN updated_at      timestamptz NOT NULL DEFAULT now();

ALTER TABLE caravans
  ADD COLUMN equipment      text[] NOT NULL DEFAULT '{}',
  -- whole days on which the caravan does not go out (repairs, inspection)
  ADD COLUMN out_of_service date[] NOT NULL DEFAULT '{}',
  ADD COLUMN version        integer NOT NULL DEFAULT 1,
  ADD COLUMN retired_at     timestamptz,
  ADD COLUMN updated_at     timestamptz NOT NULL DEFAULT now();

CREATE INDEX appointments_centre_idx ON appointments (centre_id, starts_at);
CREATE INDEX appointments_caravan_idx ON appointments (caravan_id, starts_at);
CREATE INDEX appointments_room_idx ON appointments (room_id, starts_at);
