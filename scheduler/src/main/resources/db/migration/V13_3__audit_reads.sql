-- Every read of personal data is audited, not only beneficiary records: which record was read
-- ('appointments:<id>', 'care-plans:<id>', 'notifications:<id>' ...) and, for lists, the filters used
-- (a name search is recorded as such, without the name).
ALTER TABLE audit_log ADD COLUMN record text;
ALTER TABLE audit_log ADD COLUMN filters text;
CREATE INDEX audit_log_record_idx ON audit_log (record, at) WHERE record IS NOT NULL;
