//! Bad local state: the database locked by another program, or damaged.
//!
//! Every start-up that opened the database cleanly leaves a copy of it in
//! `backups/` (`VACUUM INTO`: a consistent snapshot even with the WAL in use);
//! the newest `KEEP` are kept. A damaged database is never deleted: it is put
//! aside as `postdesk.sqlite3.corrupt-<time>` (with its `-wal`/`-shm`), then the
//! newest backup is restored or an empty database is started, as the clerk
//! chooses. Backups hold no secrets (nothing in SQLite does).
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{CoreError, RuleCode};

pub const DB_FILE: &str = "postdesk.sqlite3";
/// Start-up backups kept.
pub const KEEP: usize = 3;

/// What the start-up screen offers when the database could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecoveryInfo {
    /// When the newest backup was taken (RFC 3339), if there is one.
    pub latest_backup_at: Option<String>,
    /// The data folder, for "Copy for support".
    pub data_dir: String,
}

/// The clerk's way out of a damaged database.
#[cfg(test)]
mod tests {
    #[test]
    fn a_backup_is_dated_by_its_name() {
        let p = std::path::Path::new("/x/backups/postdesk-20260101-080000-000123.sqlite3");
        assert_eq!(super::taken_at(p).as_deref(), Some("2026-01-01T08:00:00Z"));
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RecoveryAction {
    /// Put the damaged file aside and restore the newest start-up backup.
    RestoreBackup,
    /// Put the damaged file aside and start with an empty database.
    StartFresh,
}

/// UTC time to the microsecond: names that sort by time and do not collide.
fn stamp() -> String {
    let f = time::macros::format_description!("[year][month][day]-[hour][minute][second]-[subsecond digits:6]");
    time::OffsetDateTime::now_utc().format(&f).unwrap_or_default()
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> CoreError + '_ {
    move |e| CoreError::file(path, e)
}

/// The backups, newest first (names sort by time).
pub fn backups(data_dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(data_dir.join("backups"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "sqlite3")).collect())
        .unwrap_or_default();
    found.sort();
    found.reverse();
    found
}

/// When a backup was taken: from its name (`postdesk-<stamp>.sqlite3`), else its file time.
fn taken_at(p: &Path) -> Option<String> {
    let rfc = &time::format_description::well_known::Rfc3339;
    let f = time::macros::format_description!("[year][month][day]-[hour][minute][second]");
    let name = p.file_stem()?.to_str()?.strip_prefix("postdesk-")?;
    let named = name.get(..15).and_then(|s| time::PrimitiveDateTime::parse(s, &f).ok()).map(|t| t.assume_utc());
    let t = named.or_else(|| std::fs::metadata(p).ok()?.modified().ok().map(time::OffsetDateTime::from))?;
    t.format(rfc).ok()
}

pub fn info(data_dir: &Path) -> RecoveryInfo {
    let latest_backup_at = backups(data_dir).first().and_then(|p| taken_at(p));
    RecoveryInfo { latest_backup_at, data_dir: data_dir.display().to_string() }
}

/// Takes this start-up's backup and drops the oldest beyond `KEEP`.
pub fn backup(conn: &rusqlite::Connection, data_dir: &Path) -> Result<PathBuf, CoreError> {
    let dir = data_dir.join("backups");
    crate::paths::create_private_dir(&dir).map_err(io(&dir))?;
    let mut to = dir.join(format!("postdesk-{}.sqlite3", stamp()));
    while to.exists() {
        to = dir.join(format!("postdesk-{}.sqlite3", stamp()));
    }
    conn.execute("VACUUM INTO ?1", [to.display().to_string()]).map_err(|e| CoreError::store("backup", e))?;
    // SQLite makes the file with its own default permissions.
    crate::paths::set_private(&to).map_err(io(&to))?;
    for old in backups(data_dir).into_iter().skip(KEEP) {
        let _ = std::fs::remove_file(old);
    }
    Ok(to)
}

/// Renames the database and its WAL/SHM to `….corrupt-<time>`; returns the new
/// name of the database file.
pub fn set_aside(data_dir: &Path) -> Result<PathBuf, CoreError> {
    let db = data_dir.join(DB_FILE);
    let (mut suffix, mut aside);
    loop {
        suffix = format!("corrupt-{}", stamp());
        aside = data_dir.join(format!("{DB_FILE}.{suffix}"));
        if !aside.exists() {
            break;
        }
    }
    for ext in ["-wal", "-shm"] {
        let from = data_dir.join(format!("{DB_FILE}{ext}"));
        if from.exists() {
            std::fs::rename(&from, data_dir.join(format!("{DB_FILE}{ext}.{suffix}"))).map_err(io(&from))?;
        }
    }
    if db.exists() {
        std::fs::rename(&db, &aside).map_err(io(&db))?;
    }
    Ok(aside)
}

/// Carries out the clerk's choice. The next `Postdesk::open` opens the result.
pub fn recover(data_dir: &Path, action: RecoveryAction) -> Result<(), CoreError> {
    let latest = backups(data_dir).into_iter().next();
    if action == RecoveryAction::RestoreBackup && latest.is_none() {
        return Err(CoreError::Rule { code: RuleCode::NoBackup, params: Box::default(), message: "There is no backup to restore. Start with an empty database instead.".into() });
    }
    set_aside(data_dir)?;
    if let (RecoveryAction::RestoreBackup, Some(b)) = (action, latest) {
        let db = data_dir.join(DB_FILE);
        let tmp = data_dir.join(format!("{DB_FILE}.restoring"));
        std::fs::copy(&b, &tmp).map_err(io(&b))?;
        crate::paths::set_private(&tmp).map_err(io(&tmp))?;
        std::fs::rename(&tmp, &db).map_err(io(&db))?;
    }
    Ok(())
}
