-- Postdesk schema, version 5: the window and `postdesk-cli` share one outbox.
-- Which process run holds a letter — the one sending it (`submitting`), or, for
-- a draft, the one that checked it — and until when (Unix ms). The holder
-- renews the lease while it lives; a letter whose lease ran out belongs to a
-- process that died, and another takes it over. Letters an older version left
-- in `submitting` have no lease: they are taken over at the next start.
ALTER TABLE letters ADD COLUMN claim_owner TEXT;
ALTER TABLE letters ADD COLUMN lease_until_ms INTEGER;
