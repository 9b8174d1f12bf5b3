-- Postdesk schema, version 5: one outbox, many providers.
-- Accounts: the switches every provider needs (test mode, show dialog, keep a
-- copy, show restricted areas) move out of the E-POST settings into prefs_json;
-- settings_json keeps only what is the provider's own, tagged by provider:
-- {"epost": {"ekp", "test_email"}}. Missing values take the old defaults.
ALTER TABLE accounts ADD COLUMN prefs_json TEXT NOT NULL DEFAULT '{}';
UPDATE accounts SET prefs_json = json_object(
  'save_file_in_joblist', json(iif(coalesce(json_extract(settings_json, '$.save_file_in_joblist'), 1), 'true', 'false')),
  'show_dialog',          json(iif(coalesce(json_extract(settings_json, '$.show_dialog'), 0), 'true', 'false')),
  'test_mode',            json(iif(coalesce(json_extract(settings_json, '$.test_mode'), 1), 'true', 'false')),
  'show_restricted_area', json(iif(coalesce(json_extract(settings_json, '$.show_restricted_area'), 0), 'true', 'false'))
) WHERE json_valid(settings_json);
UPDATE accounts SET settings_json = json_object('epost', json_object(
  'ekp',        coalesce(json_extract(settings_json, '$.ekp'), ''),
  'test_email', coalesce(json_extract(settings_json, '$.test_email'), '')
)) WHERE provider = 'epost' AND json_valid(settings_json) AND json_extract(settings_json, '$.epost') IS NULL;
-- Letters: the ids of each finished step of a multi-step send (Ekopost's
-- campaign and envelope), written before the next call, so a send interrupted
-- after step k resumes at step k + 1. JSON object, step name → id.
ALTER TABLE letters ADD COLUMN provider_steps_json TEXT;
