-- Notices and replies are listed to county and centre coordinators, so a notice keeps the county and
-- centre of its beneficiary as they were when it was written (a notice outlives its appointment and,
-- after a deletion, its beneficiary).
ALTER TABLE notices ADD COLUMN county text;
ALTER TABLE notices ADD COLUMN centre_id bigint;

UPDATE notices n SET county = l.county, centre_id = b.centre_id
  FROM beneficiaries b JOIN localities l ON l.siruta = b.locality_siruta
 WHERE b.id = n.beneficiary_id;

CREATE INDEX notices_county_idx ON notices (county, id DESC);

-- The short link of a message resolves through a signed family link (access control): the row names
-- the link the short code currently stands for; a revoked or expired link makes the short code dead.
ALTER TABLE appointment_links ADD COLUMN family_link_id uuid REFERENCES family_links (id) ON DELETE SET NULL;
