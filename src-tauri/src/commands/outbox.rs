//! The outbox as the window's progress panel drives it, and the way out of bad
//! local state (a locked or damaged database) at start-up.
use postdesk_core::recovery::{self, RecoveryAction, RecoveryInfo};
use postdesk_core::{AppError, AppStatus, OutboxProgress, SendReport};
use tauri::{AppHandle, State};

use crate::state::Core;

/// Queues drafts with the duplicate guard: unless `allowDuplicate`, a PDF the
/// company already has in the outbox is returned in `skipped`, not queued.
/// `sendOn`: a later day — the letters wait as `scheduled` until it begins.
/// Off the main thread: a batch of 1,000 copies 1,000 PDFs into the outbox.
#[tauri::command]
pub async fn send_letters_checked(
    core: State<'_, Core>,
    ids: Vec<i64>,
    allow_duplicate: bool,
    overrides: Option<Vec<postdesk_core::LetterOverride>>,
    send_on: Option<postdesk_core::SendOn>,
) -> Result<SendReport, AppError> {
    let core = core.get()?;
    blocking(move || core.send_with_checked_on(&ids, allow_duplicate, &overrides.unwrap_or_default(), send_on.as_ref())).await
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T, postdesk_core::CoreError> + Send + 'static) -> Result<T, AppError> {
    match tauri::async_runtime::spawn_blocking(f).await {
        Ok(r) => Ok(r?),
        Err(e) => Err(AppError::internal(e)),
    }
}

#[tauri::command]
pub fn outbox_progress(core: State<'_, Core>) -> Result<OutboxProgress, AppError> {
    Ok(core.get()?.outbox_progress()?)
}

#[tauri::command]
pub fn pause_outbox(core: State<'_, Core>) -> Result<OutboxProgress, AppError> {
    Ok(core.get()?.pause_outbox()?)
}

#[tauri::command]
pub fn resume_outbox(core: State<'_, Core>) -> Result<OutboxProgress, AppError> {
    Ok(core.get()?.resume_outbox()?)
}

/// Returns how many letters were cancelled (off the main thread: up to a whole batch).
#[tauri::command]
pub async fn cancel_batch(core: State<'_, Core>, id: i64) -> Result<u32, AppError> {
    let core = core.get()?;
    blocking(move || core.cancel_batch(id)).await
}

/// Opens the data again (after "Try again" on a start-up problem).
#[tauri::command]
pub async fn reopen_data(app: AppHandle, core: State<'_, Core>) -> Result<AppStatus, AppError> {
    Ok(core.reopen(&app).await?.status()?)
}

#[tauri::command]
pub fn recovery_info() -> RecoveryInfo {
    recovery::info(&postdesk_core::paths::data_dir())
}

/// The clerk's way out of a damaged database; the damaged file is kept aside.
#[tauri::command]
pub async fn recover_database(app: AppHandle, core: State<'_, Core>, action: RecoveryAction) -> Result<AppStatus, AppError> {
    if core.get().is_ok() {
        let why = "The database is open and fine; nothing to recover.";
        return Err(AppError::new("invalid", why).with_details(why));
    }
    recovery::recover(&postdesk_core::paths::data_dir(), action)?;
    Ok(core.reopen(&app).await?.status()?)
}
