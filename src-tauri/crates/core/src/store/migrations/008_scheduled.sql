-- Postdesk schema, version 7: "Send on" a later day. A scheduled letter waits
-- in the outbox in state 'scheduled' until `send_at_ms` (Unix ms: the start of
-- the clerk's day in the clerk's time zone, worked out by the window or the
-- CLI), then the worker makes it 'queued'. `send_on`: the clerk's date
-- (YYYY-MM-DD), for the job list and the late note.
ALTER TABLE letters ADD COLUMN send_on TEXT;
ALTER TABLE letters ADD COLUMN send_at_ms INTEGER;
CREATE INDEX letters_scheduled ON letters(send_at_ms) WHERE state = 'scheduled';
