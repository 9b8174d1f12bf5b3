use serde_json::Value;

#[tauri::command]
pub fn list_jobs() -> Vec<Value> {
    Vec::new()
}
