-- SMS notices to families. A notice outlives its appointment (it is what the family was told),
-- so it keeps its own copy of the phone and body and has no foreign key to appointments.
CREATE TABLE notices (
  id                 bigserial PRIMARY KEY,
  -- one notice per source: 'event:<event id>' for appointment events, 'reminder:<appointment>:<start>' for reminders
  dedupe_key         text        NOT NULL UNIQUE,
  event_id           uuid,
  appointment_id     uuid,
  beneficiary_id     uuid,
  kind               text        NOT NULL CHECK (kind IN ('booked', 'changed', 'cancelled', 'reminder')),
  phone              text        CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
  language           text        NOT NULL DEFAULT 'ro',
  body               text        NOT NULL,
  encoding           text        NOT NULL CHECK (encoding IN ('GSM-7', 'UCS-2')),
  segments           integer     NOT NULL CHECK (segments >= 1),
  cost_bani          integer     NOT NULL CHECK (cost_bani >= 0),
  -- the appointment start this notice announced, so a later change can say "from ... to ..."
  starts_at          timestamptz,
  status             text        NOT NULL CHECK (status IN ('queued', 'held', 'sending', 'sent', 'delivered', 'failed',
                       'suppressed')),
  -- why it was suppressed or failed, or the last transient error
  reason             text,
  attempts           integer     NOT NULL DEFAULT 0,
  not_before         timestamptz NOT NULL DEFAULT now(),
  gateway_message_id text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  sent_at            timestamptz,
  delivered_at       timestamptz,
  failed_at          timestamptz,
  CONSTRAINT notices_phone_unless_suppressed CHECK (phone IS NOT NULL OR status = 'suppressed')
);
CREATE INDEX notices_due_idx ON notices (not_before, id) WHERE status IN ('queued', 'held');
CREATE INDEX notices_sending_idx ON notices (updated_at) WHERE status = 'sending';
CREATE INDEX notices_gateway_idx ON notices (gateway_message_id) WHERE gateway_message_id IS NOT NULL;
CREATE INDEX notices_phone_sent_idx ON notices (phone, sent_at);
CREATE INDEX notices_sent_idx ON notices (sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX notices_appointment_idx ON notices (appointment_id, id);
CREATE INDEX notices_created_idx ON notices (created_at DESC, id DESC);

-- Delivery receipts as they arrive; a receipt can overtake the submit_sm_resp it belongs to.
CREATE TABLE sms_receipts (
  message_id  text        PRIMARY KEY,
  delivered   boolean     NOT NULL,
  state       text        NOT NULL,
  error       text,
  received_at timestamptz NOT NULL DEFAULT now()
);

-- Phones that answered STOP: nothing more is sent to them.
CREATE TABLE sms_opt_outs (
  phone         text        PRIMARY KEY CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
  opted_out_at  timestamptz NOT NULL DEFAULT now(),
  reply_id      bigint
);

-- Every message a family sent, what it was read as and what it did.
CREATE TABLE sms_replies (
  id             bigserial   PRIMARY KEY,
  phone          text        NOT NULL,
  body           text        NOT NULL,
  intent         text        NOT NULL CHECK (intent IN ('confirm', 'cancel', 'stop', 'other')),
  appointment_id uuid,
  notice_id      bigint REFERENCES notices (id),
  outcome        text        NOT NULL,
  received_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sms_replies_received_idx ON sms_replies (received_at DESC, id DESC);

-- DA answers: the appointment stays booked and is known to be confirmed by the family.
CREATE TABLE appointment_confirmations (
  appointment_id uuid        PRIMARY KEY,
  confirmed_at   timestamptz NOT NULL DEFAULT now(),
  reply_id       bigint REFERENCES sms_replies (id)
);

-- Opaque tokens for the short link in a message (until signed family-link tokens replace them).
CREATE TABLE appointment_links (
  appointment_id uuid        PRIMARY KEY,
  token          text        NOT NULL UNIQUE CHECK (token ~ '^[A-Za-z0-9]{8,32}$'),
  created_at     timestamptz NOT NULL DEFAULT now()
);
