//! The sandbox inbox: the SMS and e-mails the simulated providers sent.
use postdesk_core::{AppError, InboxMessage};
use tauri::State;

use crate::state::Core;

#[tauri::command]
pub async fn sandbox_inbox(core: State<'_, Core>) -> Result<Vec<InboxMessage>, AppError> {
    Ok(core.get()?.inbox().await?)
}
