-- Postdesk schema, version 6: letters split from a merged PDF. Such a letter
-- points at a page range of the original file (kept once, not copied per
-- letter): its first page (0-based) and page count; both NULL = the whole file.
-- `copy_sha256`: the SHA-256 of the outbox copy when that copy is not the file
-- as checked (a split letter's copy holds only its pages); NULL = `sha256`.
ALTER TABLE letters ADD COLUMN source_first_page INTEGER;
ALTER TABLE letters ADD COLUMN source_pages INTEGER;
ALTER TABLE letters ADD COLUMN copy_sha256 TEXT;
