-- A freed slot offered by SMS to families who fit it; the first to answer DA takes it.
CREATE TABLE slot_offers (
  id                   bigserial   PRIMARY KEY,
  freed_appointment_id uuid        NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
  beneficiary_id       uuid        NOT NULL REFERENCES beneficiaries (id) ON DELETE CASCADE,
  care_plan_id         uuid        REFERENCES care_plans (id) ON DELETE SET NULL,
  status               text        NOT NULL DEFAULT 'offered' CHECK (status IN ('offered', 'taken', 'lost', 'declined')),
  new_appointment_id   uuid,
  created_at           timestamptz NOT NULL DEFAULT now(),
  answered_at          timestamptz,
  UNIQUE (freed_appointment_id, beneficiary_id)
);
-- one family at most takes a freed slot, whatever the timing of the answers
CREATE UNIQUE INDEX slot_offers_one_taken ON slot_offers (freed_appointment_id) WHERE status = 'taken';
