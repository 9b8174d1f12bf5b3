use serde_json::Value;

use super::not_ready;

/// PNG bytes as a raw IPC response (no JSON array of numbers).
#[tauri::command]
pub fn render_page(id: i64, page: u32, dpi: u32) -> Result<tauri::ipc::Response, Value> {
    let _ = (id, page, dpi);
    Err(not_ready("The page preview"))
}
