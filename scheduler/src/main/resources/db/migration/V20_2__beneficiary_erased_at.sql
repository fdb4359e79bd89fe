-- An erased beneficiary says so on its own row, so that whoever locks the row to compose a message
-- (NoticeRepository's facts) sees the erasure it waited for and writes nothing.
ALTER TABLE beneficiaries ADD COLUMN erased_at timestamptz;
UPDATE beneficiaries b SET erased_at = e.erased_at FROM erasures e WHERE e.beneficiary_id = b.id;
