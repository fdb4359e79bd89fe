-- Private calendar feeds (iCalendar) of a staff member or a caravan. The URL's token is the feed id and an
-- HMAC of it (key derived from auth.jwt-secret), so no secret is stored here; revoking or rotating sets
-- revoked_at, after which the token is refused. At most one live feed per staff member or caravan.
CREATE TABLE calendar_feeds (
  id          uuid PRIMARY KEY,
  subject     text NOT NULL CHECK (subject IN ('staff', 'caravan')),
  subject_id  bigint NOT NULL CHECK (subject_id > 0),
  created_by  bigint,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz,
  last_read_at timestamptz
);
CREATE UNIQUE INDEX calendar_feeds_live_idx ON calendar_feeds (subject, subject_id) WHERE revoked_at IS NULL;
