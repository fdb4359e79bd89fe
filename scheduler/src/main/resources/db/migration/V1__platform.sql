-- Transactional outbox: a state change and the event announcing it commit together;
-- the relay publishes unsent rows to Kafka in id order and marks them sent.
CREATE TABLE outbox (
  id          bigserial PRIMARY KEY,
  event_id    uuid        NOT NULL UNIQUE DEFAULT gen_random_uuid(),
  topic       text        NOT NULL CHECK (topic ~ '^[a-z0-9._-]+$'),
  event_key   text        NOT NULL,
  event_type  text        NOT NULL,
  payload     jsonb       NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  sent_at     timestamptz
);
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;

-- Consumers remember which events they applied, in the same transaction as the effect,
-- so a redelivered event changes nothing.
CREATE TABLE processed_events (
  consumer     text        NOT NULL,
  event_id     uuid        NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);
