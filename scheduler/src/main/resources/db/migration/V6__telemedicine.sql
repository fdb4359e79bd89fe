-- Telemedicine: how each remote appointment (a consultation) went, as the signalling's presence
-- events report it. The appointment's own status (fulfilled, noshow) and its attendance mark are
-- written in the same transaction; this table keeps what only the call knows.
CREATE TABLE consultations (
  appointment_id   uuid PRIMARY KEY REFERENCES appointments (id) ON DELETE CASCADE,
  state            text NOT NULL DEFAULT 'scheduled'
                   CHECK (state IN ('scheduled', 'waiting', 'in-progress', 'completed', 'no-show')),
  family_joined_at timestamptz,
  doctor_joined_at timestamptz,
  started_at       timestamptz,
  ended_at         timestamptz,
  -- doctor and family connected together (admitted, both sockets open), in seconds
  together_seconds integer NOT NULL DEFAULT 0 CHECK (together_seconds >= 0),
  attended         boolean NOT NULL DEFAULT false,
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- The no-show sweep looks for remote appointments still booked after their end.
CREATE INDEX appointments_remote_booked_idx ON appointments (ends_at) WHERE modality = 'remote' AND status = 'booked';
