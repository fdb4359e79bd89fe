-- Failed sign-ins counted per e-mail as typed (known or not) and client address. The answer delay and
-- the lockout depend on this pair only: an unknown e-mail is answered like a known one at every failure
-- count, and failures from one address cannot lock a real user out everywhere else.
CREATE TABLE login_failures (
  email        text        NOT NULL,
  client       text        NOT NULL,
  failures     integer     NOT NULL DEFAULT 0 CHECK (failures >= 0),
  locked_until timestamptz,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (email, client)
);
CREATE INDEX login_failures_updated_idx ON login_failures (updated_at);
