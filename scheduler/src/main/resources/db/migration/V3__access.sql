-- Access control and privacy: accounts, portal sessions, family links, the audit log, GDPR records.
-- The audit log and the erasure register have no foreign keys: they must outlive the rows they name.

CREATE TABLE accounts (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email           text NOT NULL CHECK (email = lower(btrim(email)) AND email ~ '^[^@\s]+@[^@\s]+$'),
  display_name    text NOT NULL CHECK (btrim(display_name) <> ''),
  role            text NOT NULL CHECK (role IN ('admin', 'county_coordinator', 'centre_coordinator', 'doctor',
                    'therapist', 'nurse', 'supervisor')),
  -- county codes this account works in; empty = every county (admin, national supervisor only)
  counties        text[] NOT NULL DEFAULT '{}',
  centre_id       bigint REFERENCES community_centres (id),
  staff_id        bigint REFERENCES staff (id) ON DELETE SET NULL,
  -- PHC string: $argon2id$v=19$m=...,t=...,p=...$salt$hash
  password_hash   text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  failed_logins   integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
  locked_until    timestamptz,
  disabled        boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now(),
  last_login_at   timestamptz,
  CONSTRAINT accounts_email_key UNIQUE (email),
  CONSTRAINT accounts_scope_needed CHECK (role IN ('admin', 'supervisor') OR cardinality(counties) > 0),
  CONSTRAINT accounts_centre_needed CHECK (role <> 'centre_coordinator' OR centre_id IS NOT NULL)
);

-- Portal sessions: the cookie carries a random token, the table only its SHA-256.
CREATE TABLE sessions (
  token_hash   bytea PRIMARY KEY,
  account_id   bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz,
  ip           text
);
CREATE INDEX sessions_account_idx ON sessions (account_id);

-- Single-purpose links sent to families by SMS: one appointment, an expiry, revocable.
CREATE TABLE family_links (
  id             uuid PRIMARY KEY,
  appointment_id uuid NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
  purpose        text NOT NULL DEFAULT 'appointment' CHECK (purpose IN ('appointment')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,
  revoked_at     timestamptz,
  response       text CHECK (response IN ('confirmed', 'cancelled')),
  responded_at   timestamptz,
  CHECK (expires_at > created_at)
);
CREATE INDEX family_links_appointment_idx ON family_links (appointment_id);

-- Append-only: who read or changed which beneficiary record, when and from where.
CREATE TABLE audit_log (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at             timestamptz NOT NULL DEFAULT now(),
  account_id     bigint,
  account_email  text,
  role           text,
  action         text NOT NULL CHECK (action ~ '^[a-z_.-]+$'),
  beneficiary_id uuid,
  method         text NOT NULL,
  path           text NOT NULL,
  status         integer,
  ip             text
);
CREATE INDEX audit_log_beneficiary_idx ON audit_log (beneficiary_id, at);
CREATE INDEX audit_log_account_idx ON audit_log (account_id, at);
CREATE INDEX audit_log_at_idx ON audit_log (at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = '42501';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Consent as given and withdrawn over time (the beneficiary row holds the current state).
CREATE TABLE consent_events (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  beneficiary_id uuid NOT NULL REFERENCES beneficiaries (id) ON DELETE CASCADE,
  kind           text NOT NULL CHECK (kind IN ('sms', 'data')),
  granted        boolean NOT NULL,
  at             timestamptz NOT NULL DEFAULT now(),
  account_id     bigint
);
CREATE INDEX consent_events_beneficiary_idx ON consent_events (beneficiary_id, at);

-- Beneficiaries whose personal fields were anonymised (on request or by the retention job).
CREATE TABLE erasures (
  beneficiary_id uuid PRIMARY KEY,
  erased_at      timestamptz NOT NULL DEFAULT now(),
  reason         text NOT NULL CHECK (reason IN ('request', 'retention')),
  account_id     bigint
);

-- Whom an SMS may be sent to: consent given, a phone number, not erased. Senders read this view
-- (or call Consent.smsAllowed), never beneficiaries.phone directly.
CREATE VIEW sms_recipients AS
SELECT b.id AS beneficiary_id, b.phone, b.preferred_language, l.county
  FROM beneficiaries b
  JOIN localities l ON l.siruta = b.locality_siruta
 WHERE b.sms_consent AND b.phone IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM erasures e WHERE e.beneficiary_id = b.id);
