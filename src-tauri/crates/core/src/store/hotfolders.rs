//! Hot folders and the files they took (see `crate::hotfolder` for the steps).
use rusqlite::{params, OptionalExtension, Row};

use super::Store;
use crate::error::CoreError;
use crate::model::{now_rfc3339, HotFolderMode, HotFolderSettings, Letter};

fn err(what: &'static str) -> impl Fn(rusqlite::Error) -> CoreError {
    move |e| CoreError::store(what, e)
}

/// A hot folder as stored, with its counts.
#[derive(Debug, Clone, PartialEq)]
pub struct HotFolderRow {
    pub id: i64,
    pub settings: HotFolderSettings,
    pub taken: u32,
    pub needs_attention: u32,
    pub last_taken_at: Option<String>,
}

/// Where taking a file has got to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HotFileState {
    /// Recorded; its letters may be made, split and queued, or not yet.
    Taking,
    /// Its letters are done; `moved_to` is where the file goes.
    Moving,
    Done,
}

/// One file a hot folder took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HotFileRow {
    pub id: i64,
    pub folder_id: i64,
    pub folder_path: String,
    pub name: String,
    pub bytes: u64,
    pub state: HotFileState,
    /// "sent" or "needs_attention", once decided.
    pub outcome: Option<String>,
    pub moved_to: Option<String>,
}

const FOLDER_COLS: &str = "f.id, f.path, f.company_id, f.mode, f.options_json, f.split_json, f.send_on_json, f.enabled,
    (SELECT COUNT(*) FROM hot_files h WHERE h.folder_id = f.id AND h.state = 'done' AND h.outcome IS NOT NULL),
    (SELECT COUNT(*) FROM hot_files h WHERE h.folder_id = f.id AND h.state = 'done' AND h.outcome = 'needs_attention'),
    (SELECT MAX(h.started_at) FROM hot_files h WHERE h.folder_id = f.id)";

fn bad_json(e: serde_json::Error) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
}

fn opt_json<T: serde::de::DeserializeOwned>(s: Option<String>) -> rusqlite::Result<Option<T>> {
    s.map(|s| serde_json::from_str(&s)).transpose().map_err(bad_json)
}

fn folder(r: &Row) -> rusqlite::Result<HotFolderRow> {
    let mode: String = r.get(3)?;
    Ok(HotFolderRow {
        id: r.get(0)?,
        settings: HotFolderSettings {
            path: r.get(1)?,
            company_id: r.get(2)?,
            mode: if mode == "send" { HotFolderMode::Send } else { HotFolderMode::Desk },
            options: opt_json(r.get(4)?)?,
            split: opt_json(r.get(5)?)?,
            send_on: opt_json(r.get(6)?)?,
            enabled: r.get(7)?,
        },
        taken: r.get(8)?,
        needs_attention: r.get(9)?,
        last_taken_at: r.get(10)?,
    })
}

const FILE_COLS: &str = "id, folder_id, folder_path, name, bytes, state, outcome, moved_to";

fn file(r: &Row) -> rusqlite::Result<HotFileRow> {
    let state: String = r.get(5)?;
    Ok(HotFileRow {
        id: r.get(0)?,
        folder_id: r.get(1)?,
        folder_path: r.get(2)?,
        name: r.get(3)?,
        bytes: r.get::<_, i64>(4)? as u64,
        state: match state.as_str() {
            "taking" => HotFileState::Taking,
            "moving" => HotFileState::Moving,
            _ => HotFileState::Done,
        },
        outcome: r.get(6)?,
        moved_to: r.get(7)?,
    })
}

fn mode_str(m: HotFolderMode) -> &'static str {
    match m {
        HotFolderMode::Send => "send",
        HotFolderMode::Desk => "desk",
    }
}

fn json<T: serde::Serialize>(v: &Option<T>) -> Option<String> {
    v.as_ref().map(|v| serde_json::to_string(v).expect("plain data serialises"))
}

impl Store {
    pub fn hot_folders(&self) -> Result<Vec<HotFolderRow>, CoreError> {
        let conn = self.conn();
        let mut st = conn.prepare(&format!("SELECT {FOLDER_COLS} FROM hot_folders f ORDER BY f.id")).map_err(err("hot_folders"))?;
        let rows = st.query_map([], folder).map_err(err("hot_folders"))?.collect::<Result<Vec<_>, _>>().map_err(err("hot_folders"));
        rows
    }

    pub fn hot_folder(&self, id: i64) -> Result<HotFolderRow, CoreError> {
        self.conn()
            .query_row(&format!("SELECT {FOLDER_COLS} FROM hot_folders f WHERE f.id = ?1"), [id], folder)
            .optional()
            .map_err(err("hot_folder"))?
            .ok_or(CoreError::NotFound { what: "hot folder", id })
    }

    /// Adds (`id` None) or changes a hot folder; returns its id.
    pub fn save_hot_folder(&self, id: Option<i64>, s: &HotFolderSettings) -> Result<i64, CoreError> {
        let conn = self.conn();
        match id {
            None => {
                conn.execute(
                    "INSERT INTO hot_folders(path, company_id, mode, options_json, split_json, send_on_json, enabled, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![s.path, s.company_id, mode_str(s.mode), json(&s.options), json(&s.split), json(&s.send_on), s.enabled, now_rfc3339()],
                )
                .map_err(err("save_hot_folder"))?;
                Ok(conn.last_insert_rowid())
            }
            Some(id) => {
                let n = conn
                    .execute(
                        "UPDATE hot_folders SET path = ?1, company_id = ?2, mode = ?3, options_json = ?4, split_json = ?5,
                                send_on_json = ?6, enabled = ?7 WHERE id = ?8",
                        params![s.path, s.company_id, mode_str(s.mode), json(&s.options), json(&s.split), json(&s.send_on), s.enabled, id],
                    )
                    .map_err(err("save_hot_folder"))?;
                if n == 0 {
                    return Err(CoreError::NotFound { what: "hot folder", id });
                }
                Ok(id)
            }
        }
    }

    pub fn remove_hot_folder(&self, id: i64) -> Result<(), CoreError> {
        let n = self.conn().execute("DELETE FROM hot_folders WHERE id = ?1", [id]).map_err(err("remove_hot_folder"))?;
        if n == 0 {
            return Err(CoreError::NotFound { what: "hot folder", id });
        }
        Ok(())
    }

    /// Step 1 of taking a file: its row, 'taking'. None when a take of the same
    /// name in this folder is unfinished (this run or another has it).
    pub fn start_hot_file(&self, folder_id: i64, folder_path: &str, name: &str, bytes: u64) -> Result<Option<HotFileRow>, CoreError> {
        let conn = self.conn();
        let n = conn
            .execute(
                "INSERT INTO hot_files(folder_id, folder_path, name, bytes, state, started_at)
                 VALUES (?1, ?2, ?3, ?4, 'taking', ?5) ON CONFLICT DO NOTHING",
                params![folder_id, folder_path, name, bytes as i64, now_rfc3339()],
            )
            .map_err(err("start_hot_file"))?;
        if n == 0 {
            return Ok(None);
        }
        let id = conn.last_insert_rowid();
        conn.query_row(&format!("SELECT {FILE_COLS} FROM hot_files WHERE id = ?1"), [id], file)
            .map(Some)
            .map_err(err("start_hot_file"))
    }

    /// Takes not finished (a run killed in the middle, or a move that failed).
    pub fn unfinished_hot_files(&self) -> Result<Vec<HotFileRow>, CoreError> {
        let conn = self.conn();
        let mut st = conn.prepare(&format!("SELECT {FILE_COLS} FROM hot_files WHERE state != 'done' ORDER BY id")).map_err(err("unfinished_hot_files"))?;
        let rows = st.query_map([], file).map_err(err("unfinished_hot_files"))?.collect::<Result<Vec<_>, _>>().map_err(err("unfinished_hot_files"));
        rows
    }

    pub fn hot_file(&self, id: i64) -> Result<HotFileRow, CoreError> {
        self.conn()
            .query_row(&format!("SELECT {FILE_COLS} FROM hot_files WHERE id = ?1"), [id], file)
            .optional()
            .map_err(err("hot_file"))?
            .ok_or(CoreError::NotFound { what: "hot file", id })
    }

    /// The letters made from a taken file, oldest first.
    pub fn hot_file_letters(&self, hot_file_id: i64) -> Result<Vec<Letter>, CoreError> {
        let ids: Vec<i64> = {
            let conn = self.conn();
            let mut st = conn.prepare("SELECT id FROM letters WHERE hot_file_id = ?1 ORDER BY id").map_err(err("hot_file_letters"))?;
            let ids = st.query_map([hot_file_id], |r| r.get(0)).map_err(err("hot_file_letters"))?.collect::<Result<_, _>>().map_err(err("hot_file_letters"))?;
            ids
        };
        ids.into_iter().map(|id| self.letter(id)).collect()
    }

    /// Step 4: where the file goes, decided and written down before it moves.
    pub fn hot_file_moving(&self, id: i64, outcome: &str, moved_to: &str) -> Result<(), CoreError> {
        self.conn()
            .execute(
                "UPDATE hot_files SET state = 'moving', outcome = ?2, moved_to = ?3 WHERE id = ?1 AND state != 'done'",
                params![id, outcome, moved_to],
            )
            .map_err(err("hot_file_moving"))?;
        Ok(())
    }

    /// Step 5: the file is where `moved_to` says; its letters' path follows it
    /// (a draft on the desk, or a letter whose outbox copy is still to be made,
    /// reads it from there). One transaction.
    pub fn hot_file_done(&self, id: i64, moved_to: Option<&str>) -> Result<(), CoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(err("hot_file_done"))?;
        tx.execute("UPDATE hot_files SET state = 'done', finished_at = ?2 WHERE id = ?1", params![id, now_rfc3339()])
            .map_err(err("hot_file_done"))?;
        if let Some(to) = moved_to {
            tx.execute("UPDATE letters SET path = ?2 WHERE hot_file_id = ?1", params![id, to]).map_err(err("hot_file_done"))?;
        }
        tx.commit().map_err(err("hot_file_done"))
    }
}
