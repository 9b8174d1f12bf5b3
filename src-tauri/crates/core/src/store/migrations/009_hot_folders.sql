-- Postdesk schema, version 8: hot folders. A folder the app watches; each file
-- it takes gets a `hot_files` row *before* anything else happens to it, so a
-- run killed in the middle finds the row at the next start and finishes the
-- same file (its letters already made, queued or not) instead of taking it
-- again. A row ends 'done' once the file is moved into `sent/` or
-- `needs-attention/` beside it; `moved_to` is written before that move.
CREATE TABLE hot_folders (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    mode TEXT NOT NULL CHECK (mode IN ('send', 'desk')),
    options_json TEXT,
    split_json TEXT,
    send_on_json TEXT,
    enabled INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);
-- No foreign key to hot_folders: a folder removed keeps its history.
CREATE TABLE hot_files (
    id INTEGER PRIMARY KEY,
    folder_id INTEGER NOT NULL,
    folder_path TEXT NOT NULL,
    name TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    sha256 TEXT,
    state TEXT NOT NULL CHECK (state IN ('taking', 'moving', 'done')),
    outcome TEXT CHECK (outcome IN ('sent', 'needs_attention')),
    moved_to TEXT,
    started_at TEXT NOT NULL,
    finished_at TEXT
);
-- One unfinished take per file name in a folder.
CREATE UNIQUE INDEX hot_files_unfinished ON hot_files(folder_id, name) WHERE state != 'done';
ALTER TABLE letters ADD COLUMN hot_file_id INTEGER;
ALTER TABLE letters ADD COLUMN source_folder TEXT;
CREATE INDEX letters_hot_file ON letters(hot_file_id) WHERE hot_file_id IS NOT NULL;
