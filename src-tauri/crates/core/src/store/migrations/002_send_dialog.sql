-- Postdesk schema, version 2: what the pre-send dialog adds to a letter, and how
-- it was sent.
-- costCenter (≤ 8, [0-9a-zA-Z]) and the clerk's reference (custom1, ≤ 80).
ALTER TABLE letters ADD COLUMN cost_center TEXT;
ALTER TABLE letters ADD COLUMN reference TEXT;
-- Sent in the provider's test mode (testFlag): it has a test result, not a print.
ALTER TABLE letters ADD COLUMN test_mode INTEGER NOT NULL DEFAULT 0;
-- "Save File in Joblist" was on when it was queued: archive/<sha256>.pdf is kept
-- after sending. Letters of version 1 always kept it.
ALTER TABLE letters ADD COLUMN archived INTEGER NOT NULL DEFAULT 1;
