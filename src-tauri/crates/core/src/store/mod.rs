//! The SQLite store: one file in the data folder, WAL, numbered migrations.
//! Every method is one transaction; the connection sits behind a mutex because
//! rusqlite connections are not Sync and our writes are small.
mod letters;
mod setup;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

pub use letters::{LetterRow, NewLetter, Queue, Transition};
pub use setup::AccountRow;

use crate::error::CoreError;

fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("migrations/001_init.sql")),
        M::up(include_str!("migrations/002_send_dialog.sql")),
        M::up(include_str!("migrations/004_batches.sql")),
    ])
}

pub struct Store {
    conn: Mutex<Connection>,
}

impl Store {
    pub fn open(path: &Path) -> Result<Self, CoreError> {
        let mut conn = Connection::open(path).map_err(|e| CoreError::store("open", e))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(|e| CoreError::store("busy_timeout", e))?;
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
        migrations().to_latest(&mut conn).map_err(|e| match e {
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
    fn reopening_keeps_settings() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.sqlite3");
        Store::open(&path).unwrap().set_setting("k", "v").unwrap();
        assert_eq!(Store::open(&path).unwrap().setting("k").unwrap().as_deref(), Some("v"));
    }
}
