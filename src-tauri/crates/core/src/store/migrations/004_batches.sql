-- Batches: the letters one Send queued together, for the window's progress panel
-- (counts, cancel). Pausing is of the whole outbox and lives in settings
-- (`outbox_paused`), so it survives a restart.
CREATE TABLE batches (
  id         INTEGER PRIMARY KEY,
  company_id INTEGER NOT NULL REFERENCES companies(id),
  created_at TEXT NOT NULL
);
ALTER TABLE letters ADD COLUMN batch_id INTEGER REFERENCES batches(id);
CREATE INDEX letters_batch_state ON letters(batch_id, state);

-- Who put a draft on the desk: 'window' or 'cli'. The window's desk shows only
-- its own; `postdesk-cli send` removes drafts a crashed run of it left behind.
ALTER TABLE letters ADD COLUMN origin TEXT NOT NULL DEFAULT 'window';
