//! Setup screen: status of the app, companies, the account's rules.
use postdesk_core::{AppError, AppStatus, EasypostReach, EasypostSecret, EasypostSetup, EkopostSetup, EpostSetup, PostiReach, PostiSetup, Secret};


use postdesk_pdf::ProviderRules;
use tauri::State;

use crate::state::Core;

#[tauri::command]
pub fn app_status(core: State<'_, Core>) -> Result<AppStatus, AppError> {
    Ok(core.get()?.status()?)
}

#[tauri::command]
pub fn provider_rules(core: State<'_, Core>, cover_letter: Option<bool>) -> Result<ProviderRules, AppError> {
    Ok(core.get()?.provider_rules_for(cover_letter)?)
}

#[tauri::command]
pub fn save_epost_setup(core: State<'_, Core>, setup: EpostSetup) -> Result<AppStatus, AppError> {
    Ok(core.get()?.save_epost_setup(setup)?)
}

/// Step 1 of "Set password…": the provider sends the admin an SMS PIN.
#[tauri::command]
pub async fn epost_request_sms(core: State<'_, Core>) -> Result<(), AppError> {
    Ok(core.get()?.epost_request_sms().await?)
}

/// Step 2: PIN + new password in; only "set / not set" comes back, never the secret.
#[tauri::command]
pub async fn epost_set_password(core: State<'_, Core>, sms_code: String, new_password: String) -> Result<AppStatus, AppError> {
    Ok(core.get()?.epost_set_password(&sms_code, Secret::new(new_password)).await?)
}

#[tauri::command]
pub async fn epost_test_connection(core: State<'_, Core>) -> Result<(), AppError> {
    Ok(core.get()?.epost_test_connection().await?)
}

#[tauri::command]
pub fn create_company(core: State<'_, Core>, name: String) -> Result<AppStatus, AppError> {
    Ok(core.get()?.create_company(&name)?)
}

#[tauri::command]
pub fn switch_company(core: State<'_, Core>, id: i64) -> Result<AppStatus, AppError> {
    Ok(core.get()?.switch_company(id)?)
}

/// Copies only EKP, password and secret from another company into the current one.
#[tauri::command]
pub fn copy_credentials(core: State<'_, Core>, from_company_id: i64) -> Result<AppStatus, AppError> {
    Ok(core.get()?.copy_credentials(from_company_id)?)
}

/// A company that sends through Ekopost: in Postdesk's sandbox (the simulator,
/// its key filled in) or against Ekopost itself (its sandbox host first).
#[tauri::command]
pub async fn create_ekopost_company(core: State<'_, Core>, name: String, in_sandbox: bool) -> Result<AppStatus, AppError> {
    Ok(core.get()?.create_ekopost_company(&name, in_sandbox).await?)
}

#[tauri::command]
pub fn save_ekopost_setup(core: State<'_, Core>, setup: EkopostSetup) -> Result<AppStatus, AppError> {
    Ok(core.get()?.save_ekopost_setup(setup)?)
}

/// The API key (or password) goes in once; only "set / not set" comes back.
#[tauri::command]
pub fn ekopost_set_secret(core: State<'_, Core>, secret: String) -> Result<AppStatus, AppError> {
    Ok(core.get()?.ekopost_set_secret(Secret::new(secret))?)
}

/// "Test connection" of any provider (Ekopost; E-POST has its own with the password check).
#[tauri::command]
pub async fn test_connection(core: State<'_, Core>) -> Result<(), AppError> {
    Ok(core.get()?.test_connection().await?)
}

/// A company with a Posti (OmaPosti Pro) key: the sandbox's key, or the
/// customer's own (pasted afterwards).
#[tauri::command]
pub async fn create_posti_company(core: State<'_, Core>, name: String, in_sandbox: bool) -> Result<AppStatus, AppError> {
    Ok(core.get()?.create_posti_company(&name, in_sandbox).await?)
}

#[tauri::command]
pub fn save_posti_setup(core: State<'_, Core>, setup: PostiSetup) -> Result<AppStatus, AppError> {
    Ok(core.get()?.save_posti_setup(setup)?)
}

/// The OmaPosti Pro key goes in once; only "set / not set" comes back.
#[tauri::command]
pub fn posti_set_key(core: State<'_, Core>, key: String) -> Result<AppStatus, AppError> {
    Ok(core.get()?.posti_set_key(Secret::new(key))?)
}

/// Posti's "Test connection": which of the entered agreement ids the key reaches.
#[tauri::command]
pub async fn posti_test_connection(core: State<'_, Core>) -> Result<PostiReach, AppError> {
    Ok(core.get()?.posti_test_connection().await?)
}

/// A company that sends through EasyPost Connect: the sandbox's key, or the
/// customer's own (pasted afterwards); the workflow is picked in Setup.
#[tauri::command]
pub async fn create_easypost_company(core: State<'_, Core>, name: String, in_sandbox: bool) -> Result<AppStatus, AppError> {
    Ok(core.get()?.create_easypost_company(&name, in_sandbox).await?)
}

#[tauri::command]
pub fn save_easypost_setup(core: State<'_, Core>, setup: EasypostSetup) -> Result<AppStatus, AppError> {
    Ok(core.get()?.save_easypost_setup(setup)?)
}

/// An EasyPost secret (`which`: the API key when absent, the OAuth2 client
/// secret, the certificate's password) goes in once; only "set / not set"
/// comes back (`Account.easypost_secrets`).
#[tauri::command]
pub fn easypost_set_key(core: State<'_, Core>, key: String, which: Option<EasypostSecret>) -> Result<AppStatus, AppError> {
    Ok(core.get()?.easypost_set_secret(which.unwrap_or_default(), Secret::new(key))?)
}

/// EasyPost's "Test connection": health, then the account's workflows with the key.
#[tauri::command]
pub async fn easypost_test_connection(core: State<'_, Core>) -> Result<EasypostReach, AppError> {
    Ok(core.get()?.easypost_test_connection().await?)
}

/// "Try again" after the keychain refused a new password E-POST had already taken.
#[tauri::command]
pub fn keychain_retry(core: State<'_, Core>) -> Result<AppStatus, AppError> {
    Ok(core.get()?.keychain_retry()?)
}
