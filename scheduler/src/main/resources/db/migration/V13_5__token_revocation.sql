-- Bearer tokens can be recalled before they expire.
-- 1. Logout puts the token's jti on a deny list, kept until the token would have expired anyway
--    (an hourly cleanup deletes rows past expires_at), shared by every instance through PostgreSQL.
-- 2. Every account has a token generation, written into each token it is issued. Disabling or
--    enabling the account, changing its role, counties, centre, staff link, e-mail or password raises
--    the generation (trigger below), so every token issued before the change stops working at once;
--    the same change revokes the account's portal sessions.
CREATE TABLE revoked_tokens (
  jti        uuid        PRIMARY KEY,
  account_id bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX revoked_tokens_expires_idx ON revoked_tokens (expires_at);

ALTER TABLE accounts ADD COLUMN token_generation integer NOT NULL DEFAULT 0;

CREATE FUNCTION accounts_revoke_tokens_on_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.disabled IS DISTINCT FROM OLD.disabled
     OR NEW.role IS DISTINCT FROM OLD.role
     OR NEW.counties IS DISTINCT FROM OLD.counties
     OR NEW.centre_id IS DISTINCT FROM OLD.centre_id
     OR NEW.staff_id IS DISTINCT FROM OLD.staff_id
     OR NEW.email IS DISTINCT FROM OLD.email
     OR NEW.password_hash IS DISTINCT FROM OLD.password_hash THEN
    NEW.token_generation := OLD.token_generation + 1;
    UPDATE sessions SET revoked_at = now() WHERE account_id = NEW.id AND revoked_at IS NULL;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER accounts_revoke_tokens BEFORE UPDATE ON accounts
  FOR EACH ROW EXECUTE FUNCTION accounts_revoke_tokens_on_change();
