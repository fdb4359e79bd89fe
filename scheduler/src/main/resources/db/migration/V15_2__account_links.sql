-- Accounts kept through the API (docs/security.md, "Accounts"). An invited account has no password yet
-- (password_set_at NULL; its hash is of random bytes nobody knows) until the invitee opens the link.
-- version guards PATCH (a stale one is 409); disabled_at says when an account was disabled.
ALTER TABLE accounts ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version > 0);
ALTER TABLE accounts ADD COLUMN password_set_at timestamptz DEFAULT now();
ALTER TABLE accounts ADD COLUMN disabled_at timestamptz;

-- One-time links that set a password: an invitation or a reset. The link carries 256 random bits, the table
-- only their SHA-256; a link is used once, expires, and is revoked when a newer one is made or the account is
-- disabled.
CREATE TABLE account_links (
  token_hash  bytea PRIMARY KEY,
  account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  purpose     text NOT NULL CHECK (purpose IN ('invite', 'reset')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  bigint,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  revoked_at  timestamptz,
  CHECK (expires_at > created_at)
);
CREATE INDEX account_links_account_idx ON account_links (account_id);
