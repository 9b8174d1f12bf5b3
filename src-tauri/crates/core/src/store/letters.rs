//! Letters: drafts on the desk, then the outbox and the job list. Every state
//! change writes a history row in the same transaction.
use rusqlite::{params, OptionalExtension, Row, Transaction};

use super::Store;
use crate::error::CoreError;
use crate::model::{now_rfc3339, Address, AppError, BatchProgress, Letter, LetterState, PageRange, Preflight, SendOptions, StateChange};

pub struct NewLetter {
    pub company_id: i64,
    pub account_id: i64,
    pub file_name: String,
    pub path: String,
    pub preflight: Preflight,
    pub options: SendOptions,
    /// "window" or "cli".
    pub origin: &'static str,
    /// The process run that checked it holds it until its lease runs out (see `Claim`).
    pub claim: Claim,
    /// The pages of `path` this letter is (split from a merged PDF); None = all.
    pub split_from: Option<PageRange>,
    /// Taken from a hot folder: its `hot_files` row and the folder's path.
    pub hot_file: Option<(i64, String)>,
}

/// Who holds a letter and until when: a process run's owner id (made at its
/// start) and the end of its lease in Unix ms, renewed while the process lives
/// (`renew_leases`). A lease that ran out belongs to a process that died.
#[derive(Debug, Clone)]
pub struct Claim {
    pub owner: String,
    pub until_ms: i64,
}

/// A letter with the outbox's private columns.
#[derive(Debug, Clone)]
pub struct LetterRow {
    pub letter: Letter,
    pub idempotency_key: Option<String>,
    pub wire_file_name: Option<String>,
    pub archive_path: Option<String>,
    /// The steps of a multi-step send finished so far (see `Steps`).
    pub steps: postdesk_providers::Steps,
    /// SHA-256 of the outbox copy when it is not the checked file itself (a split
    /// letter's copy holds only its pages); None: the copy has `letter.sha256`.
    pub copy_sha256: Option<String>,
    /// The `hot_files` row it was taken with (see `hotfolder`).
    pub hot_file_id: Option<i64>,
}

impl LetterRow {
    /// What the bytes of the outbox copy must hash to.
    pub fn copy_sha256(&self) -> &str {
        self.copy_sha256.as_deref().unwrap_or(&self.letter.sha256)
    }
}

const COLS: &str = "id, company_id, account_id, state, file_name, path, sha256, pages, bytes, \
    preflight_json, recipient_json, options_json, provider_id, provider_status, registered_number, \
    attempts, last_error_json, created_at, updated_at, idempotency_key, wire_file_name, archive_path, \
    cost_center, reference, test_mode, archived, provider_steps_json, source_first_page, source_pages, copy_sha256, send_on, hot_file_id, source_folder";

fn bad_json(e: serde_json::Error) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
}

fn row(r: &Row) -> rusqlite::Result<LetterRow> {
    let state: String = r.get(3)?;
    let recipient: Option<String> = r.get(10)?;
    let last_error: Option<String> = r.get(16)?;
    Ok(LetterRow {
        letter: Letter {
            id: r.get(0)?,
            company_id: r.get(1)?,
            account_id: r.get(2)?,
            state: LetterState::parse(&state).unwrap_or(LetterState::Failed),
            file_name: r.get(4)?,
            path: r.get(5)?,
            sha256: r.get(6)?,
            pages: r.get(7)?,
            bytes: r.get::<_, i64>(8)? as u64,
            preflight: serde_json::from_str(&r.get::<_, String>(9)?).map_err(bad_json)?,
            recipient: recipient.map(|s| serde_json::from_str::<Address>(&s)).transpose().map_err(bad_json)?,
            options: serde_json::from_str(&r.get::<_, String>(11)?).map_err(bad_json)?,
            provider_id: r.get(12)?,
            provider_status: r.get(13)?,
            registered_number: r.get(14)?,
            attempts: r.get(15)?,
            last_error: last_error.and_then(|s| serde_json::from_str::<AppError>(&s).ok()),
            created_at: r.get(17)?,
            updated_at: r.get(18)?,
            history: Vec::new(),
            cost_center: r.get(22)?,
            reference: r.get(23)?,
            test_mode: r.get(24)?,
            archived: r.get(25)?,
            split_from: match (r.get::<_, Option<u32>>(27)?, r.get::<_, Option<u32>>(28)?) {
                (Some(first_page), Some(pages)) => Some(PageRange { first_page, pages }),
                _ => None,
            },
            send_on: r.get(30)?,
            source_folder: r.get(32)?,
        },
        hot_file_id: r.get(31)?,
        idempotency_key: r.get(19)?,
        wire_file_name: r.get(20)?,
        archive_path: r.get(21)?,
        // Unreadable steps are treated as none: the provider's `find` asks first.
        steps: r.get::<_, Option<String>>(26)?.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default(),
        copy_sha256: r.get(29)?,
    })
}

fn history(tx: &rusqlite::Connection, id: i64) -> rusqlite::Result<Vec<StateChange>> {
    let mut st = tx.prepare_cached("SELECT state, at, note FROM letter_history WHERE letter_id = ?1 ORDER BY id")?;
    let rows = st.query_map([id], |r| {
        let s: String = r.get(0)?;
        Ok(StateChange { state: LetterState::parse(&s).unwrap_or(LetterState::Failed), at: r.get(1)?, note: r.get(2)? })
    })?;
    rows.collect()
}

fn record(tx: &Transaction, id: i64, state: LetterState, note: Option<&str>, at: &str) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO letter_history(letter_id, state, at, note) VALUES (?1, ?2, ?3, ?4)",
        params![id, state.as_str(), at, note],
    )?;
    Ok(())
}

fn err(what: &'static str) -> impl Fn(rusqlite::Error) -> CoreError {
    move |e| CoreError::store(what, e)
}

/// One draft row and its history entry; returns its id.
fn insert(tx: &Transaction, n: &NewLetter, now: &str) -> rusqlite::Result<i64> {
    tx.execute(
        "INSERT INTO letters(company_id, account_id, state, file_name, path, sha256, pages, bytes,
                             preflight_json, recipient_json, options_json, created_at, updated_at, origin,
                             claim_owner, lease_until_ms, source_first_page, source_pages, hot_file_id, source_folder)
         VALUES (?1, ?2, 'draft', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
        params![
            n.company_id,
            n.account_id,
            n.file_name,
            n.path,
            n.preflight.sha256,
            n.preflight.pages,
            n.preflight.bytes as i64,
            serde_json::to_string(&n.preflight).expect("serialisable"),
            n.preflight.address.as_ref().map(|a| serde_json::to_string(a).expect("serialisable")),
            serde_json::to_string(&n.options).expect("serialisable"),
            now,
            n.origin,
            n.claim.owner,
            n.claim.until_ms,
            n.split_from.map(|r| r.first_page),
            n.split_from.map(|r| r.pages),
            n.hot_file.as_ref().map(|h| h.0),
            n.hot_file.as_ref().map(|h| h.1.as_str()),
        ],
    )?;
    let id = tx.last_insert_rowid();
    record(tx, id, LetterState::Draft, None, now)?;
    Ok(id)
}

impl Store {
    pub fn insert_draft(&self, n: &NewLetter) -> Result<Letter, CoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(err("insert_draft"))?;
        let now = now_rfc3339();
        let id = insert(&tx, n, &now).map_err(err("insert_draft"))?;
        tx.commit().map_err(err("insert_draft"))?;
        drop(conn);
        self.letter(id)
    }

    /// A draft split into letters: `parts` become drafts and the draft `original`
    /// goes, in one transaction (all or nothing). Refused (`NotFound`) when
    /// `original` is no longer a draft.
    pub fn replace_draft(&self, original: i64, parts: &[NewLetter]) -> Result<Vec<Letter>, CoreError> {
        let ids = {
            let mut conn = self.conn();
            let tx = conn.transaction().map_err(err("replace_draft"))?;
            let now = now_rfc3339();
            let mut ids = Vec::with_capacity(parts.len());
            for n in parts {
                ids.push(insert(&tx, n, &now).map_err(err("replace_draft"))?);
            }
            let gone = tx.execute("DELETE FROM letters WHERE id = ?1 AND state = 'draft'", [original]).map_err(err("replace_draft"))?;
            if gone == 0 {
                return Err(CoreError::NotFound { what: "draft", id: original });
            }
            tx.commit().map_err(err("replace_draft"))?;
            ids
        };
        ids.into_iter().map(|id| self.letter(id)).collect()
    }

    /// The outbox copy of a queued split letter was written (by the worker, after
    /// a full disk at Send): what its bytes hash to.
    pub fn set_copy_sha256(&self, id: i64, sha256: &str) -> Result<(), CoreError> {
        self.conn()
            .execute("UPDATE letters SET copy_sha256 = ?2 WHERE id = ?1", params![id, sha256])
            .map_err(err("set_copy_sha256"))?;
        Ok(())
    }

    pub fn letter_row(&self, id: i64) -> Result<LetterRow, CoreError> {
        let conn = self.conn();
        let mut r = conn
            .query_row(&format!("SELECT {COLS} FROM letters WHERE id = ?1"), [id], row)
            .optional()
            .map_err(err("letter"))?
            .ok_or(CoreError::NotFound { what: "letter", id })?;
        r.letter.history = history(&conn, id).map_err(err("letter"))?;
        Ok(r)
    }

    pub fn letter(&self, id: i64) -> Result<Letter, CoreError> {
        Ok(self.letter_row(id)?.letter)
    }

    fn letters_where(&self, clause: &str, p: impl rusqlite::Params) -> Result<Vec<Letter>, CoreError> {
        let conn = self.conn();
        let mut st = conn.prepare(&format!("SELECT {COLS} FROM letters WHERE {clause}")).map_err(err("letters"))?;
        let mut out: Vec<Letter> = st
            .query_map(p, row)
            .map_err(err("letters"))?
            .map(|r| r.map(|r| r.letter))
            .collect::<Result<_, _>>()
            .map_err(err("letters"))?;
        for l in &mut out {
            l.history = history(&conn, l.id).map_err(err("letters"))?;
        }
        Ok(out)
    }

    /// The drafts `origin` ("window" or "cli") put on the company's desk.
    pub fn drafts(&self, company_id: i64, origin: &str) -> Result<Vec<Letter>, CoreError> {
        self.letters_where("company_id = ?1 AND state = 'draft' AND origin = ?2 ORDER BY id", params![company_id, origin])
    }

    /// Removes the drafts of `origin` whose run is gone (its lease ran out: a
    /// crashed CLI run's leftovers), never those of a run still checking and
    /// queueing; returns how many.
    pub fn delete_drafts_of(&self, origin: &str, now_ms: i64) -> Result<usize, CoreError> {
        self.conn()
            .execute(
                "DELETE FROM letters WHERE state = 'draft' AND origin = ?1 AND (lease_until_ms IS NULL OR lease_until_ms < ?2)",
                params![origin, now_ms],
            )
            .map_err(err("delete_drafts_of"))
    }

    /// Archive paths some letter refers to.
    pub fn archive_paths(&self) -> Result<std::collections::HashSet<String>, CoreError> {
        let conn = self.conn();
        let mut st = conn.prepare("SELECT DISTINCT archive_path FROM letters WHERE archive_path IS NOT NULL").map_err(err("archive_paths"))?;
        let paths = st.query_map([], |r| r.get(0)).map_err(err("archive_paths"))?.collect::<Result<_, _>>().map_err(err("archive_paths"));
        paths
    }

    /// The job list: every letter that left the desk, newest first.
    pub fn jobs(&self, company_id: Option<i64>) -> Result<Vec<Letter>, CoreError> {
        match company_id {
            Some(c) => self.letters_where("state <> 'draft' AND company_id = ?1 ORDER BY id DESC", [c]),
            None => self.letters_where("state <> 'draft' ORDER BY id DESC", []),
        }
    }

    pub fn delete_draft(&self, id: i64) -> Result<(), CoreError> {
        let n = self
            .conn()
            .execute("DELETE FROM letters WHERE id = ?1 AND state = 'draft'", [id])
            .map_err(err("delete_draft"))?;
        if n == 0 {
            return Err(CoreError::NotFound { what: "draft", id });
        }
        Ok(())
    }

    /// What the clerk confirmed in the pre-send dialog, on a draft (one
    /// transaction for the whole batch, so a batch is changed all or not at all).
    pub fn set_overrides(&self, overrides: &[crate::model::LetterOverride]) -> Result<(), CoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(err("set_overrides"))?;
        let now = now_rfc3339();
        for o in overrides {
            let n = tx
                .execute(
                    "UPDATE letters SET options_json = ?2,
                            recipient_json = COALESCE(?3, recipient_json),
                            cost_center = ?4, reference = ?5, updated_at = ?6
                     WHERE id = ?1 AND state = 'draft'",
                    params![
                        o.id,
                        serde_json::to_string(&o.options).expect("serialisable"),
                        o.recipient.as_ref().map(|a| serde_json::to_string(a).expect("serialisable")),
                        o.cost_center,
                        o.reference,
                        now,
                    ],
                )
                .map_err(err("set_overrides"))?;
            if n == 0 {
                return Err(CoreError::NotFound { what: "draft", id: o.id });
            }
        }
        tx.commit().map_err(err("set_overrides"))
    }

    /// A draft checked again (other rules, or the file changed since it was dropped).
    pub fn update_preflight(&self, id: i64, pf: &Preflight) -> Result<(), CoreError> {
        let n = self
            .conn()
            .execute(
                "UPDATE letters SET preflight_json = ?2, sha256 = ?3, pages = ?4, bytes = ?5, updated_at = ?6
                 WHERE id = ?1 AND state = 'draft'",
                params![
                    id,
                    serde_json::to_string(pf).expect("serialisable"),
                    pf.sha256,
                    pf.pages,
                    pf.bytes as i64,
                    now_rfc3339(),
                ],
            )
            .map_err(err("update_preflight"))?;
        if n == 0 {
            return Err(CoreError::NotFound { what: "draft", id });
        }
        Ok(())
    }

    /// How a draft is about to be sent: in test mode or not, and whether its PDF
    /// stays in the archive afterwards ("Save File in Joblist").
    pub fn set_send_mode(&self, id: i64, test_mode: bool, archived: bool) -> Result<(), CoreError> {
        self.conn()
            .execute(
                "UPDATE letters SET test_mode = ?2, archived = ?3 WHERE id = ?1 AND state = 'draft'",
                params![id, test_mode, archived],
            )
            .map(|_| ())
            .map_err(err("set_send_mode"))
    }

    /// Another letter still needs `archive/<sha256>.pdf`: one that keeps it, or
    /// one not yet final.
    pub fn archive_needed(&self, sha256: &str, except: i64) -> Result<bool, CoreError> {
        self.conn()
            .query_row(
                "SELECT EXISTS(SELECT 1 FROM letters WHERE sha256 = ?1 AND id <> ?2 AND archive_path IS NOT NULL
                   AND (archived = 1 OR state NOT IN ('sent','failed','cancelled')))",
                params![sha256, except],
                |r| r.get(0),
            )
            .map_err(err("archive_needed"))
    }

    /// Draft → queued, with its idempotency key and the fileName the provider will
    /// see, both made once here and reused on every attempt. `waiting` (the outbox
    /// copy could not be written yet, e.g. a full disk) is recorded as the letter's
    /// last error and the first attempt put off to `not_before`.
    pub fn queue(&self, id: i64, q: &Queue<'_>) -> Result<Letter, CoreError> {
        {
            let mut conn = self.conn();
            let tx = conn.transaction().map_err(err("queue"))?;
            let now = now_rfc3339();
            let n = tx
                .execute(
                    "UPDATE letters SET state = CASE WHEN ?10 IS NULL THEN 'queued' ELSE 'scheduled' END,
                            idempotency_key = ?2, wire_file_name = ?3,
                            archive_path = ?4, next_attempt_at = COALESCE(?7, ?5), updated_at = ?5, batch_id = ?6,
                            last_error_json = ?8, claim_owner = NULL, lease_until_ms = NULL, copy_sha256 = ?9,
                            send_on = ?10, send_at_ms = ?11
                     WHERE id = ?1 AND state = 'draft'",
                    params![
                        id,
                        q.key,
                        q.wire_file_name,
                        q.archive_path,
                        now,
                        q.batch_id,
                        q.not_before,
                        q.waiting.map(|e| serde_json::to_string(e).expect("serialisable")),
                        q.copy_sha256,
                        q.send_on.map(|(date, _)| date),
                        q.send_on.map(|(_, at)| at),
                    ],
                )
                .map_err(err("queue"))?;
            if n == 0 {
                return Err(CoreError::NotFound { what: "draft", id });
            }
            let note = q.waiting.map(|e| e.message.as_str());
            let state = if q.send_on.is_some() { LetterState::Scheduled } else { LetterState::Queued };
            record(&tx, id, state, note, &now).map_err(err("queue"))?;
            tx.commit().map_err(err("queue"))?;
        }
        self.letter(id)
    }

    /// Scheduled letters whose time has come (`send_at_ms <= now_ms`) become
    /// `queued`, due at once, in one UPDATE; each gets the history note
    /// `send_on_due:<date>`, or `send_on_late:<date>` when its time was before
    /// `late_before_ms` (Postdesk was not running on the day). Returns them.
    pub fn release_scheduled(&self, now_ms: i64, late_before_ms: Option<i64>) -> Result<Vec<Letter>, CoreError> {
        let ids: Vec<i64> = {
            let mut conn = self.conn();
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(err("release"))?;
            let now = now_rfc3339();
            let due: Vec<(i64, Option<String>, i64)> = {
                let mut st = tx
                    .prepare("SELECT id, send_on, send_at_ms FROM letters WHERE state = 'scheduled' AND send_at_ms <= ?1 ORDER BY id")
                    .map_err(err("release"))?;
                let due = st
                    .query_map([now_ms], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .map_err(err("release"))?
                    .collect::<Result<_, _>>()
                    .map_err(err("release"))?;
                due
            };
            if due.is_empty() {
                return Ok(Vec::new());
            }
            tx.execute(
                "UPDATE letters SET state = 'queued', next_attempt_at = ?2, updated_at = ?2 WHERE state = 'scheduled' AND send_at_ms <= ?1",
                params![now_ms, now],
            )
            .map_err(err("release"))?;
            for (id, date, at) in &due {
                let late = late_before_ms.is_some_and(|before| *at < before);
                let note = format!("{}:{}", if late { "send_on_late" } else { "send_on_due" }, date.as_deref().unwrap_or(""));
                record(&tx, *id, LetterState::Queued, Some(&note), &now).map_err(err("release"))?;
            }
            tx.commit().map_err(err("release"))?;
            due.into_iter().map(|(id, _, _)| id).collect()
        };
        ids.into_iter().map(|id| self.letter(id)).collect()
    }

    /// When the next scheduled letter may go (Unix ms), for the worker's sleep.
    pub fn next_scheduled_ms(&self) -> Result<Option<i64>, CoreError> {
        self.conn()
            .query_row("SELECT MIN(send_at_ms) FROM letters WHERE state = 'scheduled'", [], |r| r.get(0))
            .map_err(err("next_scheduled_ms"))
    }

    /// Cancels one letter that never left us: scheduled, or queued with no
    /// attempt yet (as `cancel_queued`). False when it is in neither state (an
    /// attempt has begun, or it is already final): nothing changed.
    pub fn cancel_unsent(&self, id: i64, note: &str) -> Result<bool, CoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(err("cancel"))?;
        let now = now_rfc3339();
        let n = tx
            .execute(
                "UPDATE letters SET state = 'cancelled', updated_at = ?2
                 WHERE id = ?1 AND (state = 'scheduled' OR state = 'queued' AND attempts = 0)",
                params![id, now],
            )
            .map_err(err("cancel"))?;
        if n == 1 {
            record(&tx, id, LetterState::Cancelled, Some(note), &now).map_err(err("cancel"))?;
        }
        tx.commit().map_err(err("cancel"))?;
        Ok(n == 1)
    }

    /// Letters that never left us and wait for a later first attempt (their
    /// outbox copy waits for disk space) become due now; returns how many.
    pub fn waiting_due_now(&self, now: &str) -> Result<usize, CoreError> {
        self.conn()
            .execute("UPDATE letters SET next_attempt_at = ?1 WHERE state = 'queued' AND attempts = 0 AND next_attempt_at > ?1", [now])
            .map_err(err("waiting_due_now"))
    }

    /// A new batch of the company (one Send of the window or the CLI).
    pub fn new_batch(&self, company_id: i64) -> Result<i64, CoreError> {
        let conn = self.conn();
        conn.execute("INSERT INTO batches(company_id, created_at) VALUES (?1, ?2)", params![company_id, now_rfc3339()])
            .map_err(err("new_batch"))?;
        Ok(conn.last_insert_rowid())
    }

    /// Batches with letters still waiting or being sent.
    pub fn unfinished_batches(&self) -> Result<Vec<i64>, CoreError> {
        let conn = self.conn();
        let mut st = conn
            .prepare_cached(
                "SELECT DISTINCT batch_id FROM letters WHERE state IN ('queued','submitting') AND batch_id IS NOT NULL ORDER BY batch_id",
            )
            .map_err(err("unfinished_batches"))?;
        let ids = st.query_map([], |r| r.get(0)).map_err(err("unfinished_batches"))?.collect::<Result<_, _>>().map_err(err("unfinished_batches"));
        ids
    }

    /// Counts by state of each batch.
    pub fn batch_progress(&self, ids: &[i64]) -> Result<Vec<BatchProgress>, CoreError> {
        let conn = self.conn();
        let mut out = Vec::with_capacity(ids.len());
        let mut head = conn.prepare_cached("SELECT company_id, created_at FROM batches WHERE id = ?1").map_err(err("batch_progress"))?;
        let mut counts = conn
            .prepare_cached("SELECT state, attempts > 0 AND state = 'queued', COUNT(*) FROM letters WHERE batch_id = ?1 GROUP BY 1, 2")
            .map_err(err("batch_progress"))?;
        for &id in ids {
            let Some((company_id, started_at)) = head
                .query_row([id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
                .optional()
                .map_err(err("batch_progress"))?
            else {
                continue;
            };
            let mut p = BatchProgress { id, company_id, started_at, ..Default::default() };
            let rows = counts
                .query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, bool>(1)?, r.get::<_, u32>(2)?)))
                .map_err(err("batch_progress"))?;
            for row in rows {
                let (state, retrying, n) = row.map_err(err("batch_progress"))?;
                p.total += n;
                match LetterState::parse(&state).unwrap_or(LetterState::Failed) {
                    LetterState::Queued => {
                        p.queued += n;
                        if retrying {
                            p.retrying += n;
                        }
                    }
                    // A scheduled letter has no batch; should one ever, it still waits.
                    LetterState::Scheduled => p.queued += n,
                    LetterState::Submitting => p.sending += n,
                    LetterState::Failed => p.failed += n,
                    LetterState::Cancelled => p.cancelled += n,
                    LetterState::Draft => {}
                    _ => p.sent += n,
                }
            }
            p.done = p.queued == 0 && p.sending == 0;
            out.push(p);
        }
        Ok(out)
    }

    /// Cancels the batch's queued letters that no attempt has reached the provider
    /// with (attempts = 0): they become `cancelled` and are never sent. A queued
    /// letter waiting for a retry stays: its earlier attempt may have reached the
    /// provider, and the worker asks the provider before anything else.
    pub fn cancel_queued(&self, batch_id: i64, note: &str) -> Result<Vec<i64>, CoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(err("cancel"))?;
        let now = now_rfc3339();
        let ids: Vec<i64> = {
            let mut st = tx
                .prepare("SELECT id FROM letters WHERE batch_id = ?1 AND state = 'queued' AND attempts = 0")
                .map_err(err("cancel"))?;
            let ids = st.query_map([batch_id], |r| r.get(0)).map_err(err("cancel"))?.collect::<Result<_, _>>().map_err(err("cancel"))?;
            ids
        };
        for id in &ids {
            tx.execute("UPDATE letters SET state = 'cancelled', updated_at = ?2 WHERE id = ?1", params![id, now])
                .map_err(err("cancel"))?;
            record(&tx, *id, LetterState::Cancelled, Some(note), &now).map_err(err("cancel"))?;
        }
        tx.commit().map_err(err("cancel"))?;
        Ok(ids)
    }

    /// A letter of the company with this PDF that is in the outbox: scheduled, queued, with
    /// the provider, or sent since `sent_since` (the provider's duplicate window).
    pub fn outbox_duplicate(&self, company_id: i64, sha256: &str, sent_since: &str, except: i64) -> Result<Option<(i64, LetterState)>, CoreError> {
        self.conn()
            .query_row(
                "SELECT id, state FROM letters
                 WHERE company_id = ?1 AND sha256 = ?2 AND id <> ?4
                   AND (state IN ('scheduled','queued','submitting','submitted','accepted','released','printing')
                        OR state = 'sent' AND updated_at >= ?3)
                 ORDER BY id LIMIT 1",
                params![company_id, sha256, sent_since, except],
                |r| Ok((r.get::<_, i64>(0)?, LetterState::parse(&r.get::<_, String>(1)?).unwrap_or(LetterState::Queued))),
            )
            .optional()
            .map_err(err("outbox_duplicate"))
    }

    /// Takes the next queued letter whose time has come and marks it submitting
    /// (attempts + 1) under `claim` in one transaction, so no two workers take the
    /// same letter.
    pub fn claim_next(&self, now: &str, claim: &Claim) -> Result<Option<LetterRow>, CoreError> {
        let id: Option<i64> = {
            let mut conn = self.conn();
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(err("claim"))?;
            let id: Option<i64> = tx
                .query_row(
                    "SELECT id FROM letters WHERE state = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?1)
                     ORDER BY next_attempt_at, id LIMIT 1",
                    [now],
                    |r| r.get(0),
                )
                .optional()
                .map_err(err("claim"))?;
            if let Some(id) = id {
                tx.execute(
                    "UPDATE letters SET state = 'submitting', attempts = attempts + 1, updated_at = ?2,
                            claim_owner = ?3, lease_until_ms = ?4
                     WHERE id = ?1",
                    params![id, now, claim.owner, claim.until_ms],
                )
                .map_err(err("claim"))?;
                record(&tx, id, LetterState::Submitting, None, now).map_err(err("claim"))?;
            }
            tx.commit().map_err(err("claim"))?;
            id
        };
        id.map(|id| self.letter_row(id)).transpose()
    }

    /// Records the steps of a multi-step send finished so far, before the next
    /// call (only while `owner` holds the letter's claim).
    pub fn save_steps(&self, id: i64, owner: &str, steps: &postdesk_providers::Steps) -> Result<(), CoreError> {
        let json = serde_json::to_string(steps).expect("plain data serialises");
        let n = self
            .conn()
            .execute(
                "UPDATE letters SET provider_steps_json = ?2 WHERE id = ?1 AND state = 'submitting' AND claim_owner = ?3",
                params![id, json, owner],
            )
            .map_err(err("save_steps"))?;
        if n == 0 {
            return Err(CoreError::NotFound { what: "letter being sent", id });
        }
        Ok(())
    }

    /// When the next queued letter falls due (for the worker's sleep).
    pub fn next_attempt_due(&self) -> Result<Option<String>, CoreError> {
        self.conn()
            .query_row("SELECT MIN(next_attempt_at) FROM letters WHERE state = 'queued'", [], |r| r.get(0))
            .map_err(err("next_attempt_due"))
    }

    /// Extends every lease `owner` holds (its letters being sent and its drafts)
    /// to `until_ms`; returns how many.
    pub fn renew_leases(&self, owner: &str, until_ms: i64) -> Result<usize, CoreError> {
        self.conn()
            .execute(
                "UPDATE letters SET lease_until_ms = ?2 WHERE claim_owner = ?1 AND state IN ('draft','submitting')",
                params![owner, until_ms],
            )
            .map_err(err("renew_leases"))
    }

    /// Letters left in `submitting` by a process that died mid-send (their lease
    /// ran out, or they have none) go back to the queue, due at once, with `note`;
    /// a letter another process is still sending stays. Returns them.
    pub fn requeue_expired(&self, now_ms: i64, note: &str) -> Result<Vec<Letter>, CoreError> {
        let ids: Vec<i64> = {
            let mut conn = self.conn();
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(err("requeue"))?;
            let now = now_rfc3339();
            let ids: Vec<i64> = {
                let mut st = tx
                    .prepare("SELECT id FROM letters WHERE state = 'submitting' AND (lease_until_ms IS NULL OR lease_until_ms < ?1)")
                    .map_err(err("requeue"))?;
                let ids = st.query_map([now_ms], |r| r.get(0)).map_err(err("requeue"))?.collect::<Result<_, _>>().map_err(err("requeue"))?;
                ids
            };
            for id in &ids {
                tx.execute(
                    "UPDATE letters SET state = 'queued', next_attempt_at = ?2, updated_at = ?2, claim_owner = NULL, lease_until_ms = NULL
                     WHERE id = ?1",
                    params![id, now],
                )
                .map_err(err("requeue"))?;
                record(&tx, *id, LetterState::Queued, Some(note), &now).map_err(err("requeue"))?;
            }
            tx.commit().map_err(err("requeue"))?;
            ids
        };
        ids.into_iter().map(|id| self.letter(id)).collect()
    }

    /// A state change with the provider's answer. `provider_id` and friends are
    /// only overwritten when given. With `claim`, only while that owner still
    /// holds the letter's claim (else `NotFound`, nothing written); the claim ends.
    pub fn transition(&self, id: i64, to: LetterState, t: Transition<'_>) -> Result<Letter, CoreError> {
        {
            let mut conn = self.conn();
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(err("transition"))?;
            let now = now_rfc3339();
            let (old, owner): (String, Option<String>) = tx
                .query_row("SELECT state, claim_owner FROM letters WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(err("transition"))?;
            if let Some(me) = t.claim {
                // Another process took the letter over (this one's lease ran out):
                // its result is that process's to write.
                if old != LetterState::Submitting.as_str() || owner.as_deref() != Some(me) {
                    return Err(CoreError::NotFound { what: "letter claimed by this process", id });
                }
            }
            tx.execute(
                "UPDATE letters SET state = ?2, updated_at = ?3,
                        provider_id = COALESCE(?4, provider_id),
                        provider_status = COALESCE(?5, provider_status),
                        registered_number = COALESCE(?6, registered_number),
                        last_error_json = CASE WHEN ?7 IS NULL THEN last_error_json ELSE ?7 END,
                        next_attempt_at = COALESCE(?8, next_attempt_at),
                        next_poll_at = COALESCE(?9, next_poll_at),
                        attempts = MAX(0, attempts - ?10),
                        claim_owner = CASE WHEN ?11 IS NULL THEN claim_owner ELSE NULL END,
                        lease_until_ms = CASE WHEN ?11 IS NULL THEN lease_until_ms ELSE NULL END
                 WHERE id = ?1",
                params![
                    id,
                    to.as_str(),
                    now,
                    t.provider_id,
                    t.provider_status,
                    t.registered_number,
                    t.error.map(|e| serde_json::to_string(e).expect("serialisable")),
                    t.next_attempt_at,
                    t.next_poll_at,
                    t.undo_attempt as i64,
                    t.claim,
                ],
            )
            .map_err(err("transition"))?;
            if old != to.as_str() || t.error.is_some() {
                record(&tx, id, to, t.note, &now).map_err(err("transition"))?;
            }
            tx.commit().map_err(err("transition"))?;
        }
        self.letter(id)
    }

    /// Letters the provider has and whose next status call is due.
    pub fn due_for_poll(&self, now: &str) -> Result<Vec<LetterRow>, CoreError> {
        let ids: Vec<i64> = {
            let conn = self.conn();
            let mut st = conn
                .prepare(
                    "SELECT id FROM letters WHERE state IN ('submitted','accepted','released','printing')
                       AND provider_id IS NOT NULL AND (next_poll_at IS NULL OR next_poll_at <= ?1)
                     ORDER BY next_poll_at, id",
                )
                .map_err(err("due_for_poll"))?;
            let ids = st.query_map([now], |r| r.get(0)).map_err(err("due_for_poll"))?.collect::<Result<_, _>>().map_err(err("due_for_poll"))?;
            ids
        };
        ids.into_iter().map(|id| self.letter_row(id)).collect()
    }

    pub fn set_next_poll(&self, id: i64, at: &str) -> Result<(), CoreError> {
        self.conn()
            .execute("UPDATE letters SET next_poll_at = ?2 WHERE id = ?1", params![id, at])
            .map(|_| ())
            .map_err(err("set_next_poll"))
    }

    pub fn count_active(&self) -> Result<(u64, u64), CoreError> {
        self.conn()
            .query_row(
                "SELECT SUM(state IN ('scheduled','queued','submitting')), SUM(state IN ('submitted','accepted','released','printing'))
                 FROM letters",
                [],
                |r| Ok((r.get::<_, Option<i64>>(0)?.unwrap_or(0) as u64, r.get::<_, Option<i64>>(1)?.unwrap_or(0) as u64)),
            )
            .map_err(err("count_active"))
    }
}

/// What `queue` writes.
#[derive(Default)]
pub struct Queue<'a> {
    pub key: &'a str,
    pub wire_file_name: &'a str,
    pub archive_path: Option<&'a str>,
    pub batch_id: Option<i64>,
    pub waiting: Option<&'a AppError>,
    pub not_before: Option<&'a str>,
    /// Send on a later day: the clerk's date and when it may go (Unix ms). The
    /// letter is queued as `scheduled` (the worker releases it then).
    pub send_on: Option<(&'a str, i64)>,
    /// The outbox copy's SHA-256 when it is not the checked file (a split letter).
    pub copy_sha256: Option<&'a str>,
}

/// What a transition writes beside the new state.
#[derive(Default)]
pub struct Transition<'a> {
    /// Only while this owner holds the letter's claim (see `Store::transition`).
    pub claim: Option<&'a str>,
    /// Gives back the attempt `claim_next` counted (the letter never left us,
    /// e.g. its outbox copy could not be written).
    pub undo_attempt: bool,
    pub provider_id: Option<&'a str>,
    pub provider_status: Option<&'a str>,
    pub registered_number: Option<&'a str>,
    pub error: Option<&'a AppError>,
    pub note: Option<&'a str>,
    pub next_attempt_at: Option<&'a str>,
    pub next_poll_at: Option<&'a str>,
}
