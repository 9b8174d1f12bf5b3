//! Splitting a merged PDF on the desk: where it would be cut, then the drafts.
use postdesk_core::{AppError, Letter, PageRange, SplitPlan, SplitRule};
use tauri::State;

use crate::state::Core;

/// Where `rule` would cut the draft `id` into letters; nothing is changed.
#[tauri::command]
pub async fn split_preview(core: State<'_, Core>, id: i64, rule: SplitRule) -> Result<SplitPlan, AppError> {
    Ok(core.get()?.split_preview(id, rule).await?)
}

/// The draft `id` replaced by one draft per range (each preflighted as a letter).
#[tauri::command]
pub async fn split_draft(core: State<'_, Core>, id: i64, ranges: Vec<PageRange>) -> Result<Vec<Letter>, AppError> {
    Ok(core.get()?.split_draft(id, ranges).await?)
}
