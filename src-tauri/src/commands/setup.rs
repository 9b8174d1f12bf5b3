use serde_json::Value;

use super::not_ready;

#[tauri::command]
pub fn app_status() -> Result<Value, Value> {
    Err(not_ready("The account setup"))
}

#[tauri::command]
pub fn provider_rules() -> Result<Value, Value> {
    Err(not_ready("The provider's layout rules"))
}
