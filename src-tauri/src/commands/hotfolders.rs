//! Settings → Hot folders: the folders Postdesk watches, added, changed and removed.
use postdesk_core::{AppError, HotFolder, HotFolderSettings};
use tauri::State;

use crate::state::Core;

/// The hot folders, with what each has taken and how its watch is going.
#[tauri::command]
pub fn hot_folders(core: State<'_, Core>) -> Result<Vec<HotFolder>, AppError> {
    Ok(core.get()?.hot_folders()?)
}

/// Adds (`id` null) or changes a hot folder; the path is checked and stored canonical.
#[tauri::command]
pub fn hot_folder_save(core: State<'_, Core>, id: Option<i64>, settings: HotFolderSettings) -> Result<HotFolder, AppError> {
    Ok(core.get()?.save_hot_folder(id, settings)?)
}

/// Forgets a hot folder (its files already taken and their letters stay).
#[tauri::command]
pub fn hot_folder_remove(core: State<'_, Core>, id: i64) -> Result<(), AppError> {
    Ok(core.get()?.remove_hot_folder(id)?)
}
