//! The outbox worker and the status refresh, the same for every provider (each
//! one is a `dyn Provider` from the factory in `providers.rs`). A letter is in
//! SQLite before any call; `claim_next` marks it `submitting` in one transaction;
//! only connection errors, timeouts, 429 and 5xx are retried (exponential backoff
//! with jitter), under the same idempotency key; anything else fails the letter
//! at once with the provider's message and code.
//!
//! Never twice: an attempt after the first (a crash, a timeout, a lost answer
//! before it) first asks the provider whether it has the letter
//! (`Provider::find`: by our idempotency key, or the steps stored so far) and
//! only sends when it has not; a multi-step send resumes after its last stored
//! step. A send the provider refuses as a duplicate is looked up the same way
//! instead of failing. Up to `IN_FLIGHT` sends run at once; each letter is
//! claimed in its own transaction.
//!
//! One letter, one sender: the window and `postdesk-cli` run this worker on the
//! same database. A claim names its process run (`Inner::owner`) and holds a
//! lease that the process renews while it lives (`lease_loop`); only a letter
//! whose lease ran out (its process died) goes back to the queue, and every
//! change after a claim is written only while the claim is still ours. Pause is
//! in the database, read by every process's worker.
use std::time::Duration;

use rand::Rng;
use time::OffsetDateTime;

use crate::app::Postdesk;
use crate::error::{provider_error, CoreError, RuleCode};
use crate::model::{now_rfc3339, AppError, LetterState, OutboxProgress};
use crate::store::{Claim, LetterRow, Transition};
use postdesk_providers::{Checkpoint, DeliveryState, DeliveryStatus, ProviderError, Steps};

/// A status answer in the job list's terms.
struct MappedStatus {
    state: LetterState,
    status_text: String,
    registered_number: Option<String>,
    error: Option<AppError>,
}

fn mapped_status(s: &DeliveryStatus, provider_id: &str, kind: crate::model::ProviderKind) -> MappedStatus {
    let state = match s.state {
        DeliveryState::Submitted => LetterState::Submitted,
        DeliveryState::Accepted => LetterState::Accepted,
        DeliveryState::Released => LetterState::Released,
        DeliveryState::Printing => LetterState::Printing,
        DeliveryState::Sent => LetterState::Sent,
        DeliveryState::Failed => LetterState::Failed,
        DeliveryState::Cancelled => LetterState::Cancelled,
    };
    let error = (state == LetterState::Failed).then(|| {
        let text = s
            .errors
            .iter()
            .map(|e| format!("{}: {}", e.code.as_deref().unwrap_or(""), e.description.as_deref().unwrap_or("")))
            .collect::<Vec<_>>()
            .join("; ");
        let first = s.errors.first().and_then(|e| e.description.as_deref());
        let notes = s
            .errors
            .iter()
            .map(|e| crate::model::ProviderNote {
                code: e.code.clone().unwrap_or_default(),
                text: e.description.clone().unwrap_or_default(),
            })
            .collect::<Vec<_>>();
        let first_code = notes.first().map(|n| n.code.clone()).unwrap_or_default();
        let params = provider_params(kind, &first_code, notes);
        AppError::new(
            "provider_letter_error",
            first
                .map(|d| format!("The print centre could not process the letter: {d}"))
                .unwrap_or_else(|| "The print centre reported an error for this letter.".into()),
        )
        .with_details(if text.is_empty() { format!("status {} for {provider_id}", s.provider_status) } else { text })
        .with_params(params)
    });
    MappedStatus { state, status_text: s.provider_status.clone(), registered_number: s.registered_number.clone(), error }
}

/// After this many attempts a retryable failure becomes final.
pub const MAX_ATTEMPTS: u32 = 8;
/// Sends at the same time (each one HTTP request with one letter).
pub const IN_FLIGHT: usize = 4;

/// `outbox-progress` events at most this often while a batch moves (each one is a
/// few small queries; a 1,000-letter batch changes thousands of times).
pub const PROGRESS_EVERY: Duration = Duration::from_millis(250);

pub(crate) fn spawn(app: Postdesk) {
    let a = app.clone();
    tokio::spawn(async move { lease_loop(a).await });
    let a = app.clone();
    tokio::spawn(async move { submit_loop(a).await });
    let a = app.clone();
    tokio::spawn(async move { progress_loop(a).await });
    tokio::spawn(async move { poll_loop(app).await });
}

fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

/// No wait the outbox or the status refresh schedules is longer than this,
/// whatever a provider or a setting says (the waits themselves are at most
/// 15 min); it keeps the date arithmetic below from overflowing.
pub const MAX_WAIT: Duration = Duration::from_secs(60 * 60);
/// Longest wait before a retry: the backoff's cap, and the most of a
/// provider's `Retry-After` that is honoured.
pub const MAX_RETRY_WAIT: Duration = Duration::from_secs(300);

/// The time `d` from now (at most `MAX_WAIT`), as RFC 3339.
fn after(d: Duration) -> String {
    let now = OffsetDateTime::now_utc();
    let d = time::Duration::try_from(d.min(MAX_WAIT)).unwrap_or(time::Duration::ZERO);
    rfc3339(now.checked_add(d).unwrap_or(now))
}

/// 1 s, 2 s, 4 s … capped at 5 min, each ±25 % so a batch does not retry in step.
pub fn backoff(attempt: u32) -> Duration {
    let base = Duration::from_secs(1u64 << attempt.saturating_sub(1).min(8)).min(MAX_RETRY_WAIT);
    let jitter = rand::thread_rng().gen_range(0.75..1.25);
    base.mul_f64(jitter)
}

/// How long a retryable failure waits: the provider's `Retry-After` (bounded
/// again here: it comes from outside), else the backoff.
fn retry_wait(p: &ProviderError, attempts: u32) -> Duration {
    match &p.kind {
        postdesk_providers::ErrorKind::RateLimited { retry_after: Some(d) } => (*d).min(MAX_RETRY_WAIT),
        _ => backoff(attempts),
    }
}

/// The spacing of status calls: the account's minimum, growing with the time
/// the letter has spent in its state, up to 3× the minimum in the sandbox
/// (`local`) or 15 min; a provider's `Retry-After` can stretch it to `MAX_WAIT`.
fn poll_spacing(min: Duration, local: bool, since_change: Duration, retry_after: Option<Duration>) -> Duration {
    let cap = if local { min.saturating_mul(3) } else { Duration::from_secs(15 * 60) };
    let next = (since_change / 4).clamp(min, cap.max(min));
    match retry_after {
        Some(d) => next.max(d).min(MAX_WAIT.max(min)),
        None => next,
    }
}

/// Unix time in ms (leases).
pub(crate) fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

/// This process run's claim, with a fresh lease.
pub(crate) fn claim(app: &Postdesk) -> Claim {
    Claim { owner: app.inner.owner.clone(), until_ms: now_ms().saturating_add(app.inner.claim_lease.as_millis() as i64) }
}

/// Renews this process's leases three times per lease, so a claim outlives
/// any provider call (each bounded by its own timeout) while the process lives.
async fn lease_loop(app: Postdesk) {
    loop {
        tokio::time::sleep(app.inner.claim_lease / 3).await;
        if let Err(e) = app.store().renew_leases(&app.inner.owner, claim(&app).until_ms) {
            tracing::error!("outbox lease: {e}");
        }
    }
}

async fn submit_loop(app: Postdesk) {
    let slots = app.inner.slots.clone();
    let mut reconciled = std::time::Instant::now();
    reconcile_in_flight(&app).await;
    release_scheduled(&app, true);
    loop {
        let Ok(slot) = slots.clone().acquire_owned().await else { return };
        if app.inner.stopping.load(std::sync::atomic::Ordering::SeqCst) {
            return;
        }
        // Letters of a process that died mid-send (their lease ran out), also
        // while this one runs.
        if reconciled.elapsed() >= app.inner.claim_lease / 2 {
            reconcile_in_flight(&app).await;
            reconciled = std::time::Instant::now();
        }
        release_scheduled(&app, false);
        if app.outbox_paused() {
            // Letters in flight finish; nothing new starts until `resume_outbox`,
            // here or in another process (which cannot wake this one: look again).
            drop(slot);
            tokio::select! {
                _ = app.inner.wake_outbox.notified() => {}
                _ = tokio::time::sleep(PAUSE_CHECK) => {}
            }
            continue;
        }
        match app.store().claim_next(&now_rfc3339(), &claim(&app)) {
            Ok(Some(row)) => {
                let a = app.clone();
                tokio::spawn(async move {
                    submit(&a, row).await;
                    drop(slot);
                    // A retry may now be due sooner than the loop's sleep.
                    a.inner.wake_outbox.notify_one();
                });
                continue;
            }
            Ok(None) => {}
            Err(e) => tracing::error!("outbox: {e}"),
        }
        drop(slot);
        // Also soon enough to take over a dead process's letters when its lease runs out.
        let most = Duration::from_secs(5).min(app.inner.claim_lease / 2);
        let wait = match app.store().next_attempt_due() {
            Ok(Some(at)) => until(&at).min(most),
            _ => most,
        };
        // Also when the next scheduled letter's day begins.
        let wait = match app.store().next_scheduled_ms() {
            Ok(Some(at)) => wait.min(Duration::from_millis(at.saturating_sub(app.now_ms()).max(0) as u64)),
            _ => wait,
        };
        tokio::select! {
            _ = app.inner.wake_outbox.notified() => {}
            _ = tokio::time::sleep(wait) => {}
        }
    }
}

fn until(at: &str) -> Duration {
    OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339)
        .map(|t| (t - OffsetDateTime::now_utc()).try_into().unwrap_or(Duration::ZERO))
        .unwrap_or(Duration::ZERO)
}

/// A scheduled letter released at start-up later than this after its time
/// waited for Postdesk to run: its history says it went at once.
pub const LATE: Duration = Duration::from_secs(24 * 60 * 60);

/// Scheduled letters whose time has come (by the app's clock) go to the queue.
/// At start-up, one more than `LATE` past its time gets the late note
/// (`send_on_late:<date>`).
fn release_scheduled(app: &Postdesk, at_start: bool) {
    let now = app.now_ms();
    let late_before = at_start.then(|| now.saturating_sub(LATE.as_millis() as i64));
    match app.store().release_scheduled(now, late_before) {
        Ok(letters) => letters.iter().for_each(|l| app.letter_changed(l)),
        Err(e) => tracing::error!("outbox release: {e}"),
    }
}

/// How often a paused worker looks whether another process resumed sending.
const PAUSE_CHECK: Duration = Duration::from_secs(1);

/// Letters a killed process left in `submitting` (its lease ran out): the
/// provider may or may not have them. They go back to the queue; being past
/// their first attempt, the worker asks the provider for them before it sends
/// anything (see `submit`). A letter another live process is sending stays.
async fn reconcile_in_flight(app: &Postdesk) {
    match app.store().requeue_expired(now_ms(), "Postdesk stopped while sending; checking again") {
        Ok(letters) => letters.iter().for_each(|l| app.letter_changed(l)),
        Err(e) => tracing::error!("outbox reconcile: {e}"),
    }
}

async fn submit(app: &Postdesk, mut row: LetterRow) {
    let id = row.letter.id;
    let owner = app.inner.owner.as_str();
    // The outbox copy may be missing (the disk was full at Send): make it first;
    // while the disk stays full the letter waits in the queue with the reason.
    // One that is there is never made again here: `read_pdf` checks its bytes.
    if let Some(archive) = row.archive_path.as_deref().filter(|a| !std::path::Path::new(a).exists()) {
        // A split letter's copy is its pages, extracted; its hash is kept for `read_pdf`.
        let made = match row.letter.split_from {
            Some(r) => app
                .ensure_split_copy(&row.letter, r, std::path::Path::new(archive))
                .and_then(|sha| app.store().set_copy_sha256(id, &sha).map(|_| Some(sha))),
            None => crate::app::ensure_archive(std::path::Path::new(&row.letter.path), std::path::Path::new(archive), &row.letter.sha256).map(|_| None),
        };
        if let Ok(Some(sha)) = &made {
            row.copy_sha256 = Some(sha.clone());
        }
        if let Err(e) = made {
            let err = AppError::from(&e);
            let full = matches!(e, CoreError::DiskFull { .. });
            let later = crate::app::outbox_later();
            let changed = if full {
                app.store().transition(
                    id,
                    LetterState::Queued,
                    Transition {
                        error: Some(&err),
                        note: Some("disk full; waiting for room"),
                        next_attempt_at: Some(&later),
                        undo_attempt: true,
                        claim: Some(owner),
                        ..Default::default()
                    },
                )
            } else {
                app.store().transition(id, LetterState::Failed, Transition { error: Some(&err), claim: Some(owner), ..Default::default() })
            };
            match changed {
                Ok(l) => app.letter_changed(&l),
                Err(e) => tracing::error!("outbox: letter {id}: {e}"),
            }
            return;
        }
    }
    let mut interval = Duration::from_secs(5);
    let mut kind = None;
    let result = async {
        let account = app.store().account(row.letter.account_id)?;
        interval = app.status_interval(&account);
        kind = Some(account.provider);
        let provider = app.provider(&account).await?;
        let letter = crate::sending::outgoing(&account, &row)?;
        // An earlier attempt may have reached the provider: ask before sending again.
        if row.letter.attempts > 1 {
            if let Some(provider_id) = provider.find(&letter, &row.steps).await? {
                return Ok((provider_id, Some("found at the provider after an interrupted send")));
            }
        }
        let data = read_pdf(&row)?;
        let mut steps = row.steps.clone();
        let checkpoint = RowCheckpoint { store: app.store(), id, owner };
        match provider.submit(&letter, &data, &mut steps, &checkpoint).await {
            Ok(provider_id) => Ok((provider_id, None)),
            Err(p) if provider.is_duplicate_refusal(&p) => match provider.find(&letter, &steps).await? {
                Some(provider_id) => Ok((provider_id, Some("the provider already had it (duplicate refused)"))),
                None => Err(CoreError::Provider(p)),
            },
            Err(p) => Err(CoreError::Provider(p)),
        }
    }
    .await;
    let store = app.store();
    let changed = match result {
        Ok((letter_id, note)) => store.transition(
            id,
            LetterState::Submitted,
            Transition { provider_id: Some(&letter_id), note, next_poll_at: Some(&after(interval)), claim: Some(owner), ..Default::default() },
        ),
        Err(CoreError::Provider(p)) if p.is_retryable() && row.letter.attempts < MAX_ATTEMPTS => {
            let wait = retry_wait(&p, row.letter.attempts);
            let err = provider_error(&p);
            store.transition(
                id,
                LetterState::Queued,
                Transition {
                    error: Some(&err),
                    note: Some("will try again"),
                    next_attempt_at: Some(&after(wait)),
                    claim: Some(owner),
                    ..Default::default()
                },
            )
        }
        Err(e) => {
            if matches!(&e, CoreError::Provider(p) if p.kind == postdesk_providers::ErrorKind::Auth) {
                app.forget_client(row.letter.account_id);
            }
            let err = send_error(kind, &e);
            store.transition(id, LetterState::Failed, Transition { error: Some(&err), claim: Some(owner), ..Default::default() })
        }
    };
    match changed {
        Ok(l) => app.letter_changed(&l),
        Err(e @ CoreError::NotFound { .. }) => tracing::warn!("outbox: letter {id}: another process took it over ({e}); its result is not written"),
        Err(e) => tracing::error!("outbox: letter {id}: {e}"),
    }
}

/// A provider's own refusal keeps the provider's code for the window, as
/// `<provider>_<code>` (`ekopost_126`, `epost_E613`), which it words by code; the
/// English message and the provider's text stay for logs and "Details".
fn send_error(kind: Option<crate::model::ProviderKind>, e: &CoreError) -> AppError {
    // EasyPost's ways in (API key, OAuth2 client, client certificate) each have
    // their own words, the same as Test connection's.
    if let (Some(crate::model::ProviderKind::Easypost), CoreError::Provider(p)) = (kind, e) {
        if p.kind == postdesk_providers::ErrorKind::Auth {
            return AppError::from(&crate::easypost_setup::setup_error(p.clone())).with_details(p.to_string());
        }
    }
    let mut err = AppError::from(e);
    if let (Some(kind), CoreError::Provider(p)) = (kind, e) {
        let code = p.code.as_deref().unwrap_or("");
        let notes = p
            .messages
            .iter()
            .map(|m| crate::model::ProviderNote {
                code: m.code.clone().unwrap_or_default(),
                text: m.description.clone().unwrap_or_default(),
            })
            .collect();
        let params = provider_params(kind, code, notes);
        if let (postdesk_providers::ErrorKind::Rejected, Some(code)) = (&p.kind, &params.provider_code) {
            err.code = format!("{}_{code}", params.provider.as_deref().unwrap_or_default());
        }
        err.params = Some(params);
    }
    err
}

/// The provider, its code (only a plain one: letters and digits, as providers
/// write them) and its messages, for the window to word by code and list as given.
fn provider_params(
    kind: crate::model::ProviderKind,
    code: &str,
    provider_messages: Vec<crate::model::ProviderNote>,
) -> crate::model::ErrorParams {
    let plain = !code.is_empty() && code.len() <= 12 && code.chars().all(|c| c.is_ascii_alphanumeric());
    crate::model::ErrorParams {
        provider: serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(str::to_string)),
        provider_code: plain.then(|| code.to_string()),
        provider_messages,
        ..Default::default()
    }
}

/// Writes each finished step of a multi-step send into the letter's row before
/// the provider makes the next call.
struct RowCheckpoint<'a> {
    store: &'a crate::store::Store,
    id: i64,
    /// Written only while this process holds the letter's claim.
    owner: &'a str,
}

impl Checkpoint for RowCheckpoint<'_> {
    fn save(&self, steps: &Steps) -> Result<(), ProviderError> {
        self.store.save_steps(self.id, self.owner, steps).map_err(|e| {
            // Not stored = not safe to go on: the letter waits and is tried again.
            ProviderError::new(postdesk_providers::ErrorKind::Transient, format!("cannot record the send's progress: {e}"))
        })?;
        crate::test_hooks::after_step(steps);
        Ok(())
    }
}

/// The bytes to send, checked against the SHA-256 of the bytes the preflight
/// checked, before every attempt: a copy changed since (on disk, by anyone) is
/// never sent, the letter fails with `outbox_copy_changed`.
fn read_pdf(row: &LetterRow) -> Result<Vec<u8>, CoreError> {
    use sha2::Digest;
    let path = row.archive_path.as_deref().unwrap_or(&row.letter.path);
    let data = std::fs::read(path).map_err(|e| CoreError::file(std::path::Path::new(path), e))?;
    if hex::encode(sha2::Sha256::digest(&data)) != row.copy_sha256() {
        return Err(CoreError::Rule {
            code: RuleCode::OutboxCopyChanged,
            params: Box::new(crate::model::ErrorParams { file: Some(row.letter.file_name.clone()), ..Default::default() }),
            message: format!(
                "Postdesk's copy of “{}” in the outbox was changed after the letter was checked, so it was not sent. Drop the PDF again and send it anew.",
                row.letter.file_name
            ),
        });
    }
    Ok(data)
}

/// This process run's mark in the names of its half-written outbox copies
/// (`<sha>.<tag>.part`), so two processes copying the same PDF never write
/// into, or clean away, each other's file.
fn process_tag() -> &'static str {
    static TAG: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TAG.get_or_init(|| uuid::Uuid::new_v4().simple().to_string())
}

/// Where the outbox copy `to` is written before it is renamed into place.
pub(crate) fn temp_path(to: &std::path::Path) -> std::path::PathBuf {
    to.with_extension(format!("{}.part", process_tag()))
}

/// A half-written copy nobody has written to for this long is a crash's
/// leftover (a copy in progress touches its file all the time).
pub const STALE_PART: Duration = Duration::from_secs(10 * 60);

/// After a crash: half-written outbox copies (`*.part`) untouched for
/// `STALE_PART` go (a fresh one is another process's copy in progress), and so
/// do copies no letter refers to that are older than an hour (a crash between
/// the copy and the queueing; the hour spares another process's Send in progress).
pub(crate) fn clean_orphans(store: &crate::store::Store, data_dir: &std::path::Path) {
    let Ok(known) = store.archive_paths() else { return };
    let Ok(dir) = std::fs::read_dir(data_dir.join("archive")) else { return };
    let now = std::time::SystemTime::now();
    for entry in dir.flatten() {
        let path = entry.path();
        let age = entry.metadata().and_then(|m| m.modified()).ok().and_then(|t| now.duration_since(t).ok()).unwrap_or_default();
        let part = path.extension().is_some_and(|e| e == "part");
        let stale = if part { age > STALE_PART } else { age > Duration::from_secs(3600) && !known.contains(&path.display().to_string()) };
        if stale {
            if let Err(e) = std::fs::remove_file(&path) {
                tracing::warn!("outbox: could not remove orphan {}: {e}", path.display());
            }
        }
    }
}

/// Sends `outbox-progress` when the counts changed, at most every
/// `PROGRESS_EVERY`; a batch that just finished is reported once more, `done`.
async fn progress_loop(app: Postdesk) {
    let mut open: Vec<i64> = Vec::new();
    loop {
        app.inner.progress_dirty.notified().await;
        let unfinished = match app.store().unfinished_batches() {
            Ok(ids) => ids,
            Err(e) => {
                tracing::error!("outbox progress: {e}");
                continue;
            }
        };
        let mut ids = unfinished.clone();
        ids.extend(open.iter().filter(|id| !unfinished.contains(id)));
        ids.sort_unstable();
        match app.store().batch_progress(&ids) {
            Ok(batches) => app.inner.events.outbox_progress(&OutboxProgress { paused: app.outbox_paused(), batches }),
            Err(e) => tracing::error!("outbox progress: {e}"),
        }
        open = unfinished;
        tokio::time::sleep(PROGRESS_EVERY).await;
    }
}

async fn poll_loop(app: Postdesk) {
    loop {
        match app.store().due_for_poll(&now_rfc3339()) {
            Ok(rows) => {
                for row in rows {
                    poll_one(&app, row).await;
                }
            }
            Err(e) => tracing::error!("status refresh: {e}"),
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// Asks the provider for one letter's state. The next call is spaced by the
/// account's minimum interval, growing with the time the letter has spent in its
/// state (states take minutes to days at the real providers).
async fn poll_one(app: &Postdesk, row: LetterRow) {
    let id = row.letter.id;
    let Ok(account) = app.store().account(row.letter.account_id) else { return };
    let min = app.status_interval(&account);
    let local = account.base_url.is_none();
    let since_change = row
        .letter
        .history
        .last()
        .and_then(|h| OffsetDateTime::parse(&h.at, &time::format_description::well_known::Rfc3339).ok())
        .and_then(|t| (OffsetDateTime::now_utc() - t).try_into().ok())
        .unwrap_or(Duration::ZERO);
    let next = poll_spacing(min, local, since_change, None);
    let provider_id = row.letter.provider_id.clone().unwrap_or_default();
    let result = match app.provider(&account).await {
        Ok(p) => p.status(&provider_id).await.map(|s| mapped_status(&s, &provider_id, account.provider)),
        Err(e) => {
            tracing::warn!("status refresh: {e}");
            let _ = app.store().set_next_poll(id, &after(next));
            return;
        }
    };
    let store = app.store();
    match result {
        Ok(s) => {
            if s.state != row.letter.state || s.registered_number.is_some() && s.registered_number != row.letter.registered_number {
                let r = store.transition(
                    id,
                    s.state,
                    Transition {
                        provider_status: Some(&s.status_text),
                        registered_number: s.registered_number.as_deref(),
                        error: s.error.as_ref(),
                        next_poll_at: Some(&after(min)),
                        ..Default::default()
                    },
                );
                match r {
                    Ok(l) => {
                        app.letter_changed(&l);
                        if l.state == LetterState::Sent && !l.archived {
                            app.release_archive(&l);
                        }
                    }
                    Err(e) => tracing::error!("status refresh: {e}"),
                }
                return;
            }
        }
        Err(p) => {
            tracing::warn!("status refresh of letter {id}: {p}");
            if let postdesk_providers::ErrorKind::RateLimited { retry_after: Some(d) } = p.kind {
                let _ = store.set_next_poll(id, &after(poll_spacing(min, local, since_change, Some(d))));
                return;
            }
        }
    }
    let _ = store.set_next_poll(id, &after(next));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ProviderKind, ProviderNote};
    use postdesk_providers::ErrorKind;

    fn parse(at: &str) -> OffsetDateTime {
        OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339).unwrap()
    }

    #[test]
    fn a_wait_from_outside_never_overflows_the_schedule() {
        // Duration::MAX + now used to panic in `after` (the time crate's Add).
        for d in [Duration::MAX, Duration::from_secs(u64::MAX), Duration::from_secs(1 << 40)] {
            let at = parse(&after(d));
            let ahead = at - OffsetDateTime::now_utc();
            assert!(ahead <= time::Duration::try_from(MAX_WAIT).unwrap(), "{d:?}: {ahead}");
            assert!(ahead > time::Duration::minutes(59), "{d:?}: {ahead}");
        }
        assert!(parse(&after(Duration::ZERO)) <= OffsetDateTime::now_utc());
    }

    #[test]
    fn a_providers_retry_after_is_bounded_again_in_the_outbox() {
        for d in [Duration::MAX, Duration::from_secs(u64::MAX), Duration::from_secs(86_400)] {
            let p = ProviderError::new(ErrorKind::RateLimited { retry_after: Some(d) }, "429");
            assert_eq!(retry_wait(&p, 1), MAX_RETRY_WAIT, "{d:?}");
        }
        let p = ProviderError::new(ErrorKind::RateLimited { retry_after: Some(Duration::from_secs(2)) }, "429");
        assert_eq!(retry_wait(&p, 1), Duration::from_secs(2));
        let p = ProviderError::new(ErrorKind::Transient, "503");
        assert!(retry_wait(&p, u32::MAX) <= MAX_RETRY_WAIT.mul_f64(1.25));
    }

    #[test]
    fn status_spacing_survives_huge_intervals_and_retry_afters() {
        let min = Duration::from_secs(5);
        assert_eq!(poll_spacing(min, true, Duration::ZERO, None), min);
        assert_eq!(poll_spacing(min, true, Duration::from_secs(3600), None), min * 3);
        assert_eq!(poll_spacing(min, false, Duration::MAX, None), Duration::from_secs(15 * 60));
        assert_eq!(poll_spacing(min, false, Duration::ZERO, Some(Duration::MAX)), MAX_WAIT);
        assert_eq!(poll_spacing(min, false, Duration::ZERO, Some(Duration::from_secs(30))), Duration::from_secs(30));
        // An account's interval from the database (u64 ms) times 3 used to overflow.
        let huge = Duration::from_millis(u64::MAX);
        assert_eq!(poll_spacing(huge, true, Duration::ZERO, None), huge);
        assert_eq!(poll_spacing(huge, true, Duration::ZERO, Some(Duration::MAX)), huge);
        let _ = after(poll_spacing(huge, true, Duration::MAX, Some(Duration::MAX)));
    }

    #[test]
    fn a_providers_refusal_keeps_its_code_for_the_window() {
        let mut p = ProviderError::new(ErrorKind::Rejected, "unique_id already used");
        p.code = Some("126".into());
        let e = send_error(Some(ProviderKind::Ekopost), &CoreError::Provider(p.clone()));
        assert_eq!(e.code, "ekopost_126");
        assert!(e.details.unwrap_or_default().contains("126"), "the provider's code stays under Details");
        let params = e.params.expect("a provider's refusal has params");
        assert_eq!((params.provider.as_deref(), params.provider_code.as_deref()), (Some("ekopost"), Some("126")));
        p.code = Some("E613".into());
        assert_eq!(send_error(Some(ProviderKind::Epost), &CoreError::Provider(p.clone())).code, "epost_E613");
        // Not a refusal, or no usable code: the general code.
        let busy = ProviderError::new(ErrorKind::Transient, "503");
        assert_eq!(send_error(Some(ProviderKind::Ekopost), &CoreError::Provider(busy)).code, "provider_unavailable");
        p.code = Some("../x".into());
        assert_eq!(send_error(Some(ProviderKind::Ekopost), &CoreError::Provider(p)).code, "provider_rejected");
    }

    #[test]
    fn a_failure_at_the_print_centre_carries_the_providers_codes() {
        let status = DeliveryStatus {
            state: DeliveryState::Failed,
            provider_status: "99".into(),
            registered_number: None,
            errors: vec![postdesk_providers::ProviderMessage {
                level: Some("Error".into()),
                code: Some("E612".into()),
                description: Some("No recipient address found".into()),
            }],
        };
        let e = mapped_status(&status, "10000001", ProviderKind::Epost).error.expect("failed");
        assert_eq!(e.code, "provider_letter_error");
        assert!(e.details.unwrap_or_default().contains("E612"));
        let params = e.params.expect("params");
        assert_eq!((params.provider.as_deref(), params.provider_code.as_deref()), (Some("epost"), Some("E612")));
        assert_eq!(params.provider_messages, vec![ProviderNote { code: "E612".into(), text: "No recipient address found".into() }]);
    }
}
