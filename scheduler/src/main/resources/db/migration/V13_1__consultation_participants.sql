-- Who, besides the clinician of a remote appointment, may take a ticket of its video call: designated
-- by an administrator with a reason. A substitute takes the doctor's (moderator's) ticket, a helper the
-- family's (staff helping a family join from a caravan stop or a centre). Nobody else gets either.
CREATE TABLE consultation_participants (
  appointment_id uuid        NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
  staff_id       bigint      NOT NULL REFERENCES staff (id),
  kind           text        NOT NULL CHECK (kind IN ('substitute', 'helper')),
  reason         text        NOT NULL CHECK (length(reason) BETWEEN 5 AND 500),
  designated_by  bigint      NOT NULL,
  designated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (appointment_id, staff_id, kind)
);
CREATE INDEX consultation_participants_staff_idx ON consultation_participants (staff_id);
