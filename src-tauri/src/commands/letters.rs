//! The letter desk: files in, drafts, send.
use std::path::PathBuf;

use postdesk_core::{AppError, Letter};
use tauri::State;

use crate::state::Core;

#[tauri::command]
pub async fn add_files(core: State<'_, Core>, paths: Vec<PathBuf>) -> Result<Vec<Letter>, AppError> {
    Ok(core.get()?.add_files(paths).await?)
}

#[tauri::command]
pub fn list_drafts(core: State<'_, Core>) -> Result<Vec<Letter>, AppError> {
    Ok(core.get()?.drafts()?)
}

#[tauri::command]
pub fn remove_draft(core: State<'_, Core>, id: i64) -> Result<(), AppError> {
    Ok(core.get()?.remove_draft(id)?)
}

