-- Erasure (GDPR art. 17) reaches the SMS records too: an erased notice keeps its kind, status, segments,
-- cost and times (the counts stay right) but loses its phone and text.
ALTER TABLE notices ADD COLUMN erased_at timestamptz;
ALTER TABLE notices DROP CONSTRAINT notices_phone_unless_suppressed;
ALTER TABLE notices ADD CONSTRAINT notices_phone_unless_suppressed
  CHECK (phone IS NOT NULL OR status = 'suppressed' OR erased_at IS NOT NULL);
ALTER TABLE sms_replies ADD COLUMN erased_at timestamptz;

-- Events carry ids and facts, never CNPs, phones or names: the keys that did are removed from every
-- event already written (and so from what the relay will still publish); new events never get them.
CREATE FUNCTION scrub_personal_data(doc jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE jsonb_typeof(doc)
    WHEN 'object' THEN (
      SELECT COALESCE(jsonb_object_agg(key, scrub_personal_data(value)), '{}'::jsonb)
        FROM jsonb_each(doc)
       WHERE key NOT IN ('cnp', 'phone', 'firstName', 'lastName', 'guardianName', 'beneficiaryName', 'familyName',
                         'doctorName', 'staffName', 'recordedBy', 'note'))
    WHEN 'array' THEN (
      SELECT COALESCE(jsonb_agg(scrub_personal_data(value) ORDER BY n), '[]'::jsonb)
        FROM jsonb_array_elements(doc) WITH ORDINALITY AS e(value, n))
    ELSE doc
  END
$$;

UPDATE outbox SET payload = scrub_personal_data(payload) WHERE payload <> scrub_personal_data(payload);
