use serde_json::Value;

use super::not_ready;

#[tauri::command]
pub fn add_files(paths: Vec<String>) -> Result<Vec<Value>, Value> {
    let _ = paths;
    Err(not_ready("Adding letters"))
}

#[tauri::command]
pub fn list_drafts() -> Vec<Value> {
    Vec::new()
}

#[tauri::command]
pub fn remove_draft(id: i64) -> Result<(), Value> {
    let _ = id;
    Ok(())
}

#[tauri::command]
pub fn send_letters(ids: Vec<i64>) -> Result<Vec<Value>, Value> {
    let _ = ids;
    Err(not_ready("Sending"))
}
