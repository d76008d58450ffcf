-- Stage successes beside observations (undecayed counts since listing), so the calibration the
-- Nostr publisher signs (kind 30783) can compare each posterior with the raw evidence; and what
-- was published (created_at, tags as JSON), so the oracle routes can show an assertion without
-- a relay.
ALTER TABLE endpoint_stage_posteriors ADD COLUMN successes bigint NOT NULL DEFAULT 0;
ALTER TABLE nostr_published ADD COLUMN created_at bigint NOT NULL DEFAULT 0;
ALTER TABLE nostr_published ADD COLUMN tags text NOT NULL DEFAULT '[]';
