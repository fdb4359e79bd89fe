-- Notice kinds: a digest lists several appointments of one phone, a reply answers a family's SMS,
-- a question asks before acting (cancel all of a digest?), an offer proposes a freed slot.
ALTER TABLE notices DROP CONSTRAINT notices_kind_check;
ALTER TABLE notices ADD CONSTRAINT notices_kind_check
  CHECK (kind IN ('booked', 'changed', 'cancelled', 'reminder', 'digest', 'reply', 'question', 'offer', 'noshow'));

-- The appointments a notice is about, in the order it lists them ("NU 2" cancels position 2).
CREATE TABLE notice_items (
  notice_id      bigint      NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
  position       integer     NOT NULL CHECK (position >= 1),
  appointment_id uuid        NOT NULL,
  -- the start this notice announced for it
  starts_at      timestamptz NOT NULL,
  PRIMARY KEY (notice_id, position)
);
CREATE INDEX notice_items_appointment_idx ON notice_items (appointment_id);

-- What one publish (or re-plan) tells a phone, gathered until the publish has settled, then sent as
-- one notice per phone. One row per event (its id is unique and the row is kept once used), so a
-- redelivered event adds nothing.
CREATE TABLE digest_parts (
  id                 bigserial   PRIMARY KEY,
  event_id           uuid        NOT NULL UNIQUE,
  plan_id            uuid        NOT NULL,
  phone              text        NOT NULL,
  appointment_id     uuid        NOT NULL,
  kind               text        NOT NULL CHECK (kind IN ('booked', 'changed')),
  previous_starts_at timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  consumed_at        timestamptz
);
CREATE INDEX digest_parts_waiting_idx ON digest_parts (plan_id, created_at) WHERE consumed_at IS NULL;
