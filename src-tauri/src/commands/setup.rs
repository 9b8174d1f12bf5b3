//! Setup screen: status of the app, companies, the account's rules.
use postdesk_core::{AppError, AppStatus};
use postdesk_pdf::ProviderRules;
use tauri::State;

use crate::state::Core;

#[tauri::command]
pub fn app_status(core: State<'_, Core>) -> Result<AppStatus, AppError> {
    Ok(core.get()?.status()?)
}

#[tauri::command]
pub fn provider_rules(core: State<'_, Core>) -> Result<ProviderRules, AppError> {
    Ok(core.get()?.provider_rules()?)
}
