//! The SQLite store: one file in the data folder, WAL, numbered migrations.
//! Every method is one transaction; the connection sits behind a mutex because
//! rusqlite connections are not Sync and our writes are small.
mod hotfolders;
mod letters;
mod setup;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

pub use hotfolders::{HotFileRow, HotFileState, HotFolderRow};
pub use letters::{Claim, LetterRow, NewLetter, Queue, Transition};
pub use setup::AccountRow;

use crate::error::{CoreError, RuleCode};

fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("migrations/001_init.sql")),
        M::up(include_str!("migrations/002_send_dialog.sql")),
        M::up(include_str!("migrations/004_batches.sql")),
        M::up(include_str!("migrations/005_provider_seam.sql")),
        M::up(include_str!("migrations/006_claims.sql")),
        M::up(include_str!("migrations/007_split_letters.sql")),
        M::up(include_str!("migrations/008_scheduled.sql")),
        M::up(include_str!("migrations/009_hot_folders.sql")),
    ])
}

/// The schema version this build knows: one per migration.
pub const SCHEMA_VERSION: usize = 8;

fn too_new(found: usize) -> CoreError {
    CoreError::Rule {
        code: RuleCode::DbTooNew,
        params: Box::default(),
        message: format!(
            "Postdesk's data was saved by a newer version of Postdesk (database version {found}; this version knows up to {SCHEMA_VERSION}). Nothing was changed. Install the newer Postdesk again to open it."
        ),
    }
}

pub struct Store {
    conn: Mutex<Connection>,
}

impl Store {
    pub fn open(path: &Path) -> Result<Self, CoreError> {
        let mut conn = Connection::open(path).map_err(|e| CoreError::store("open", e))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(|e| CoreError::store("busy_timeout", e))?;
        // A database from a newer Postdesk (an upgrade taken back): refused before
        // anything writes to it, so the newer version finds it as it left it.
        let migrations = migrations();
        if let Ok(rusqlite_migration::SchemaVersion::Outside(found)) = migrations.current_version(&conn) {
            return Err(too_new(found.get()));
        }
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| CoreError::store("wal", e))?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| CoreError::store("synchronous", e))?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(|e| CoreError::store("foreign_keys", e))?;
        // A damaged file shows here, not half-way through a send.
        let check: String = conn
            .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
            .map_err(|e| CoreError::store("quick_check", e))?;
        if check != "ok" {
            return Err(CoreError::DbCorrupt { details: format!("quick_check: {check}") });
        }
        // Another program holding the database locked shows here too (after the
        // busy timeout), instead of at the first letter.
        conn.execute_batch("BEGIN IMMEDIATE; COMMIT;").map_err(|e| CoreError::store("write check", e))?;
        migrations.to_latest(&mut conn).map_err(|e| match e {
            rusqlite_migration::Error::RusqliteError { err, .. } => CoreError::store("migrate", err),
            e => CoreError::Store { what: "migrate".into(), details: e.to_string() },
        })?;
        Ok(Self { conn: Mutex::new(conn) })
    }

    /// Takes a start-up backup into `<data_dir>/backups/` (see `recovery`).
    pub fn backup(&self, data_dir: &Path) -> Result<std::path::PathBuf, CoreError> {
        crate::recovery::backup(&self.conn(), data_dir)
    }

    pub(crate) fn conn(&self) -> MutexGuard<'_, Connection> {
        // A poisoned lock only means another thread panicked mid-call; SQLite's
        // own transaction kept the file consistent, so go on.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>, CoreError> {
        use rusqlite::OptionalExtension;
        self.conn()
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| CoreError::store("setting", e))
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), CoreError> {
        self.conn()
            .execute(
                "INSERT INTO settings(key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )
            .map(|_| ())
            .map_err(|e| CoreError::store("set_setting", e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }

    #[test]
    fn schema_version_is_the_number_of_migrations() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrations().to_latest(&mut conn).unwrap();
        let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v as usize, SCHEMA_VERSION);
    }

    /// A database a newer Postdesk wrote (after an upgrade was taken back) is refused
    /// with `db_too_new`, and left byte for byte as it was (no WAL switch, no migration).
    #[test]
    fn a_newer_database_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("postdesk.sqlite3");
        {
            let mut conn = Connection::open(&path).unwrap();
            migrations().to_latest(&mut conn).unwrap();
            conn.execute_batch("CREATE TABLE from_the_future(x); INSERT INTO companies(id, name, is_sandbox, created_at) VALUES (1, 'ACME', 0, 'x');")
                .unwrap();
            conn.pragma_update(None, "user_version", SCHEMA_VERSION as i64 + 2).unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path).err().expect("a newer database must not open");
        let app = crate::model::AppError::from(&err);
        assert_eq!(app.code, "db_too_new");
        assert!(app.message.contains("newer version of Postdesk"), "{}", app.message);
        assert_eq!(std::fs::read(&path).unwrap(), before, "the newer database was changed");
        assert!(!dir.path().join("postdesk.sqlite3-wal").exists());
    }

    /// A data folder written by the version before the provider seam (schema 3:
    /// E-POST's switches inside settings_json) opens with nothing lost: the
    /// switches land in prefs, the EKP and test e-mail in the E-POST settings,
    /// letters keep their state and options.
    #[test]
    fn accounts_of_the_single_provider_schema_migrate_without_loss() {
        use crate::model::{EpostSettings, ProviderKind, ProviderSettings, RegisteredLetter, SendingPrefs};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite3");
        {
            let mut conn = Connection::open(&path).unwrap();
            migrations().to_version(&mut conn, 3).unwrap();
            conn.execute_batch(
                r#"INSERT INTO companies(id, name, is_sandbox, created_at) VALUES (1, 'Sandbox', 1, 'x'), (2, 'ACME GmbH', 0, 'x');
                   INSERT INTO accounts(id, company_id, provider, environment, settings_json, defaults_json, base_url, vendor_id, status_interval_ms, created_at)
                   VALUES (1, 1, 'epost', 'sandbox', '{"ekp":"9000000001","save_file_in_joblist":true,"show_dialog":false,"test_mode":false,"test_email":"clerk@sandbox.postdesk.invalid","show_restricted_area":true}', '{"color":false,"duplex":false,"registered":"none","cover_letter":false}', NULL, 'POSTDESK', 500, 'x'),
                          (2, 2, 'epost', 'live', '{"ekp":"1234567890","save_file_in_joblist":false,"show_dialog":true,"test_mode":false,"test_email":"","show_restricted_area":false}', '{"color":true,"duplex":false,"registered":"einschreiben","cover_letter":true}', 'https://api.epost.docuguide.com', 'POSTDESK', 5000, 'x');
                   INSERT INTO letters(id, company_id, account_id, state, file_name, path, sha256, pages, bytes, preflight_json, options_json, provider_id, created_at, updated_at)
                   VALUES (7, 2, 2, 'printing', 'Brief.pdf', '/tmp/Brief.pdf', 'ab', 1, 10, '{"file":"Brief.pdf","bytes":10,"sha256":"ab","pages":1,"page_sizes_mm":[[210.0,297.0]],"findings":[],"address":null}', '{"color":true,"duplex":false,"registered":"einschreiben","cover_letter":true}', '4711', 'x', 'y');"#,
            )
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        let sandbox = store.company_account(1).unwrap().unwrap();
        assert_eq!(sandbox.prefs, SendingPrefs { save_file_in_joblist: true, show_dialog: false, test_mode: false, show_restricted_area: true });
        assert_eq!(
            sandbox.settings,
            ProviderSettings::Epost(EpostSettings { ekp: "9000000001".into(), test_email: "clerk@sandbox.postdesk.invalid".into() })
        );
        let acme = store.company_account(2).unwrap().unwrap();
        assert_eq!(acme.provider, ProviderKind::Epost);
        assert_eq!(acme.prefs, SendingPrefs { save_file_in_joblist: false, show_dialog: true, test_mode: false, show_restricted_area: false });
        assert_eq!(acme.settings, ProviderSettings::Epost(EpostSettings { ekp: "1234567890".into(), test_email: String::new() }));
        assert!(acme.defaults.color && acme.defaults.cover_letter && acme.defaults.registered == RegisteredLetter::Einschreiben);
        assert_eq!(acme.base_url.as_deref(), Some("https://api.epost.docuguide.com"));
        let letter = store.letter_row(7).unwrap();
        assert_eq!(letter.letter.provider_id.as_deref(), Some("4711"));
        assert_eq!(letter.letter.options.registered, RegisteredLetter::Einschreiben);
        assert!(letter.steps.is_empty());
        // Opening again (a second start) changes nothing.
        drop(store);
        assert_eq!(Store::open(&path).unwrap().company_account(2).unwrap().unwrap(), acme);
    }

    /// A data folder of the version before claims (schema 4) opens; a letter it
    /// left in `submitting` has no lease, so it is taken over at once, while a
    /// letter another live process claims stays its own, and only that owner
    /// can write its result.
    #[test]
    fn letters_of_the_schema_before_claims_migrate_and_claims_have_owners() {
        use crate::model::LetterState;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite3");
        {
            let mut conn = Connection::open(&path).unwrap();
            migrations().to_version(&mut conn, 4).unwrap();
            conn.execute_batch(
                r#"INSERT INTO companies(id, name, is_sandbox, created_at) VALUES (1, 'Sandbox', 1, 'x');
                   INSERT INTO accounts(id, company_id, provider, environment, settings_json, defaults_json, base_url, vendor_id, status_interval_ms, created_at)
                   VALUES (1, 1, 'epost', 'sandbox', '{"epost":{"ekp":"9000000001","test_email":""}}', '{"color":false,"duplex":false,"registered":"none","cover_letter":false}', NULL, 'POSTDESK', 500, 'x');
                   INSERT INTO letters(id, company_id, account_id, state, file_name, path, sha256, pages, bytes, preflight_json, options_json, attempts, idempotency_key, next_attempt_at, created_at, updated_at)
                   VALUES (7, 1, 1, 'submitting', 'a.pdf', '/tmp/a.pdf', 'aa', 1, 10, '{"file":"a.pdf","bytes":10,"sha256":"aa","pages":1,"page_sizes_mm":[[210.0,297.0]],"findings":[],"address":null}', '{"color":false,"duplex":false,"registered":"none","cover_letter":false}', 1, 'k7', NULL, 'x', 'y'),
                          (8, 1, 1, 'queued', 'b.pdf', '/tmp/b.pdf', 'bb', 1, 10, '{"file":"b.pdf","bytes":10,"sha256":"bb","pages":1,"page_sizes_mm":[[210.0,297.0]],"findings":[],"address":null}', '{"color":false,"duplex":false,"registered":"none","cover_letter":false}', 0, 'k8', '9999-01-01T00:00:00Z', 'x', 'y');"#,
            )
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        let now = crate::outbox::now_ms();
        let requeued = store.requeue_expired(now, "checking again").unwrap();
        assert_eq!(requeued.iter().map(|l| (l.id, l.state)).collect::<Vec<_>>(), vec![(7, LetterState::Queued)]);

        // The window claims letter 7 (8 is not due yet); a CLI starting beside
        // it leaves it alone while the lease runs.
        let window = Claim { owner: "window-run".into(), until_ms: now + 60_000 };
        let row = store.claim_next(&crate::model::now_rfc3339(), &window).unwrap().unwrap();
        assert_eq!((row.letter.id, row.letter.attempts), (7, 2));
        assert!(store.requeue_expired(now, "checking again").unwrap().is_empty(), "a live claim is not taken over");
        let cli = Claim { owner: "cli-run".into(), until_ms: now + 60_000 };
        assert!(store.claim_next(&crate::model::now_rfc3339(), &cli).unwrap().is_none(), "nothing else is due");
        // Only the owner writes steps and results.
        let steps = postdesk_providers::Steps::default();
        assert!(store.save_steps(7, "cli-run", &steps).is_err());
        store.save_steps(7, "window-run", &steps).unwrap();
        let other = Transition { claim: Some("cli-run"), provider_id: Some("x"), ..Default::default() };
        assert!(store.transition(7, LetterState::Submitted, other).is_err());
        assert_eq!(store.letter(7).unwrap().state, LetterState::Submitting);
        // The window's lease runs out (it died): the CLI takes the letter over,
        // and the window, should it wake, cannot overwrite the CLI's result.
        assert_eq!(store.renew_leases("window-run", now - 1).unwrap(), 1);
        assert_eq!(store.requeue_expired(now, "checking again").unwrap().len(), 1);
        let again = store.claim_next(&crate::model::now_rfc3339(), &cli).unwrap().unwrap();
        assert_eq!((again.letter.id, again.letter.attempts), (7, 3));
        let late = Transition { claim: Some("window-run"), provider_id: Some("old"), ..Default::default() };
        assert!(store.transition(7, LetterState::Submitted, late).is_err());
        let mine = Transition { claim: Some("cli-run"), provider_id: Some("p7"), ..Default::default() };
        assert_eq!(store.transition(7, LetterState::Submitted, mine).unwrap().provider_id.as_deref(), Some("p7"));
    }

    #[test]
    fn reopening_keeps_settings() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.sqlite3");
        Store::open(&path).unwrap().set_setting("k", "v").unwrap();
        assert_eq!(Store::open(&path).unwrap().setting("k").unwrap().as_deref(), Some("v"));
    }
}
