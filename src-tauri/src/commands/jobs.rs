//! The job list.
use postdesk_core::{AppError, Letter};
use tauri::State;

use crate::state::Core;

#[tauri::command]
pub fn list_jobs(core: State<'_, Core>) -> Result<Vec<Letter>, AppError> {
    Ok(core.get()?.jobs()?)
}
