//! EasyPost Connect's Peppol inbox and usage (the current company's).
use std::path::Path;

use postdesk_core::easypost_inbox::{PeppolListQuery, PeppolPage, Usage};
use postdesk_core::AppError;
use tauri::{AppHandle, State};

use crate::state::Core;

/// One page of the Peppol inbox.
#[tauri::command]
pub async fn peppol_documents(
    core: State<'_, Core>,
    query: PeppolListQuery,
) -> Result<PeppolPage, AppError> {
    Ok(core.get()?.peppol_documents(query).await?)
}

/// Downloads a Peppol document (UBL XML) into the data folder and opens it
/// with the system's viewer; returns its path.
#[tauri::command]
pub async fn open_peppol_document(
    app: AppHandle,
    core: State<'_, Core>,
    sender_id: String,
    id: String,
) -> Result<String, AppError> {
    let path = core.get()?.open_peppol_document(&sender_id, &id).await?;
    open_with_system(&app, &path)?;
    Ok(path.display().to_string())
}

/// How many documents arrived since the inbox was last opened (at most 100).
#[tauri::command]
pub async fn peppol_unseen(core: State<'_, Core>) -> Result<u32, AppError> {
    Ok(core.get()?.peppol_unseen().await?)
}

/// The inbox was opened: what arrived until now is seen.
#[tauri::command]
pub fn peppol_mark_seen(core: State<'_, Core>) -> Result<(), AppError> {
    Ok(core.get()?.peppol_mark_seen()?)
}

/// A month's usage (`YYYY-MM`) per channel.
#[tauri::command]
pub async fn easypost_usage(core: State<'_, Core>, month: String) -> Result<Usage, AppError> {
    Ok(core.get()?.easypost_usage(&month).await?)
}

/// The system's default program for XML. Test builds (`--features e2e`) only
/// hand the path back: a viewer window would outlive the WebDriver session.
#[cfg(not(feature = "e2e"))]
fn open_with_system(app: &AppHandle, path: &Path) -> Result<(), AppError> {
    use tauri_plugin_opener::OpenerExt;
    app.opener().open_path(path.display().to_string(), None::<&str>).map_err(|e| {
        AppError::new(
            "peppol_open_failed",
            "The document was saved, but no program to show it could be started. Open it from the folder shown in the details.",
        )
        .with_details(format!("{}: {e}", path.display()))
    })
}

#[cfg(feature = "e2e")]
fn open_with_system(_app: &AppHandle, path: &Path) -> Result<(), AppError> {
    tracing::info!("e2e build: not opening {}", path.display());
    Ok(())
}
