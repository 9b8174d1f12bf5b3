-- Postdesk schema, version 1. Secrets never live here: see secrets.rs.
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE companies (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  is_sandbox INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

CREATE TABLE accounts (
  id            INTEGER PRIMARY KEY,
  company_id    INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  provider      TEXT NOT NULL,
  environment   TEXT NOT NULL,
  -- provider-specific non-secret settings, JSON (EpostSettings for E-POST)
  settings_json TEXT NOT NULL,
  defaults_json TEXT NOT NULL,
  -- NULL for sandbox accounts: they follow the simulator of the running process
  base_url      TEXT,
  vendor_id     TEXT NOT NULL,
  -- the least time between two status calls, in ms (E-POST: 5000)
  status_interval_ms INTEGER NOT NULL DEFAULT 5000,
  created_at    TEXT NOT NULL,
  UNIQUE (company_id, provider)
);

CREATE TABLE letters (
  id               INTEGER PRIMARY KEY,
  company_id       INTEGER NOT NULL REFERENCES companies(id),
  account_id       INTEGER NOT NULL REFERENCES accounts(id),
  state            TEXT NOT NULL,
  file_name        TEXT NOT NULL,
  path             TEXT NOT NULL,
  sha256           TEXT NOT NULL,
  pages            INTEGER NOT NULL,
  bytes            INTEGER NOT NULL,
  preflight_json   TEXT NOT NULL,
  recipient_json   TEXT,
  options_json     TEXT NOT NULL,
  -- made once when the letter is queued, reused on every attempt
  idempotency_key  TEXT,
  -- the unique fileName the provider sees
  wire_file_name   TEXT,
  archive_path     TEXT,
  provider_id      TEXT,
  provider_status  TEXT,
  registered_number TEXT,
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT,
  next_poll_at     TEXT,
  last_error_json  TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX letters_state ON letters(state);
CREATE INDEX letters_company_sha ON letters(company_id, sha256);
CREATE UNIQUE INDEX letters_idempotency ON letters(idempotency_key) WHERE idempotency_key IS NOT NULL;

CREATE TABLE letter_history (
  id        INTEGER PRIMARY KEY,
  letter_id INTEGER NOT NULL REFERENCES letters(id) ON DELETE CASCADE,
  state     TEXT NOT NULL,
  at        TEXT NOT NULL,
  note      TEXT
);
CREATE INDEX letter_history_letter ON letter_history(letter_id);
