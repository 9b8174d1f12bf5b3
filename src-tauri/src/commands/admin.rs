//! Setup screen, "Change administrator contact" (code by the other channel), and
//! the setup assistant's own commands.
use postdesk_core::{AdminContact, AppError, Letter};
use tauri::State;

use crate::state::Core;

#[tauri::command]
pub fn epost_admin_contact(core: State<'_, Core>) -> Result<AdminContact, AppError> {
    Ok(core.get()?.epost_admin_contact()?)
}

/// New e-mail, step 1: the code goes by SMS to the current mobile.
#[tauri::command]
pub async fn epost_email_request(core: State<'_, Core>, new_email: String) -> Result<(), AppError> {
    Ok(core.get()?.epost_email_request(&new_email).await?)
}

#[tauri::command]
pub async fn epost_set_email(core: State<'_, Core>, new_email: String, sms_code: String) -> Result<AdminContact, AppError> {
    Ok(core.get()?.epost_set_email(&new_email, &sms_code).await?)
}

/// New mobile, step 1: the code goes by e-mail to the current address.
#[tauri::command]
pub async fn epost_mobile_request(core: State<'_, Core>, new_mobile: String) -> Result<(), AppError> {
    Ok(core.get()?.epost_mobile_request(&new_mobile).await?)
}

#[tauri::command]
pub async fn epost_set_mobile(core: State<'_, Core>, new_mobile: String, email_code: String) -> Result<AdminContact, AppError> {
    Ok(core.get()?.epost_set_mobile(&new_mobile, &email_code).await?)
}

#[tauri::command]
pub async fn epost_test_email(core: State<'_, Core>) -> Result<(), AppError> {
    Ok(core.get()?.epost_test_email().await?)
}

#[tauri::command]
pub async fn epost_test_mobile(core: State<'_, Core>) -> Result<(), AppError> {
    Ok(core.get()?.epost_test_mobile().await?)
}

/// Whether the setup assistant opens at start: not once finished, and never when
/// `POSTDESK_SKIP_WIZARD=1` (the e2e harness sets it for every test but the
/// assistant's own).
#[tauri::command]
pub fn wizard_pending(core: State<'_, Core>) -> Result<bool, AppError> {
    let skip = std::env::var("POSTDESK_SKIP_WIZARD").is_ok_and(|v| v.trim() == "1");
    Ok(!skip && !core.get()?.wizard_done()?)
}

#[tauri::command]
pub fn wizard_finish(core: State<'_, Core>) -> Result<(), AppError> {
    Ok(core.get()?.set_wizard_done()?)
}

/// Makes and queues a one-page test letter (sandbox or test mode only).
#[tauri::command]
pub async fn wizard_test_letter(core: State<'_, Core>) -> Result<Letter, AppError> {
    Ok(core.get()?.wizard_test_letter().await?)
}
