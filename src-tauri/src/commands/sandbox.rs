use serde_json::Value;

#[tauri::command]
pub fn sandbox_inbox() -> Vec<Value> {
    Vec::new()
}
