//! The outbox as the window's progress panel drives it, and the way out of bad
//! local state (a locked or damaged database) at start-up.
use postdesk_core::recovery::{self, RecoveryAction, RecoveryInfo};
use postdesk_core::{AppError, AppStatus, OutboxProgress, SendReport};
use tauri::{AppHandle, State};

use crate::state::Core;

/// Queues drafts with the duplicate guard: unless `allowDuplicate`, a PDF the
/// company already has in the outbox is returned in `skipped`, not queued.
#[tauri::command]
pub fn send_letters_checked(core: State<'_, Core>, ids: Vec<i64>, allow_duplicate: bool) -> Result<SendReport, AppError> {
    Ok(core.get()?.send_checked(&ids, allow_duplicate)?)
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

/// Returns how many letters were cancelled.
#[tauri::command]
pub fn cancel_batch(core: State<'_, Core>, id: i64) -> Result<u32, AppError> {
    Ok(core.get()?.cancel_batch(id)?)
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
        return Err(AppError::new("invalid", "The database is open and fine; nothing to recover."));
    }
    recovery::recover(&postdesk_core::paths::data_dir(), action)?;
    Ok(core.reopen(&app).await?.status()?)
}
