-- The appointment's life, one row per status change: who or what made it and why.
CREATE TABLE appointment_status_changes (
  id             bigserial   PRIMARY KEY,
  appointment_id uuid        NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
  from_status    text        CHECK (from_status IN ('proposed', 'booked', 'arrived', 'fulfilled', 'cancelled', 'noshow')),
  to_status      text        NOT NULL CHECK (to_status IN ('proposed', 'booked', 'arrived', 'fulfilled', 'cancelled', 'noshow')),
  version        integer     NOT NULL,
  actor_kind     text        NOT NULL CHECK (actor_kind IN ('account', 'family_link', 'sms_reply', 'presence', 'plan',
                   'attendance', 'system')),
  actor_ref      text,
  reason_class   text,
  reason         text,
  changed_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX appointment_status_changes_by_appointment ON appointment_status_changes (appointment_id, id);

-- Each outbox row names the version of its event type's record (see docs/events.md).
ALTER TABLE outbox ADD COLUMN event_version integer NOT NULL DEFAULT 1 CHECK (event_version > 0);
