//! The job list, and the files a job can open: the archived PDF and the test result.
use std::path::Path;

use postdesk_core::{AppError, Delivery, Letter};
use tauri::{AppHandle, State};

use crate::state::Core;

#[tauri::command]
pub fn list_jobs(core: State<'_, Core>) -> Result<Vec<Letter>, AppError> {
    Ok(core.get()?.jobs()?)
}

/// Cancels a letter at the provider, where the provider allows it.
#[tauri::command]
pub async fn cancel_letter(core: State<'_, Core>, id: i64) -> Result<Letter, AppError> {
    Ok(core.get()?.cancel_letter(id).await?)
}

/// Opens `archive/<sha256>.pdf` of a sent letter in the system's PDF viewer;
/// returns its path.
#[tauri::command]
pub fn open_archived_pdf(app: AppHandle, core: State<'_, Core>, id: i64) -> Result<String, AppError> {
    let path = core.get()?.archived_pdf(id)?;
    open_with_system(&app, &path)?;
    Ok(path.display().to_string())
}

/// Fetches the provider's test result of a test-mode letter into the data
/// folder and opens it in the system's PDF viewer; returns its path.
#[tauri::command]
pub async fn open_test_result(app: AppHandle, core: State<'_, Core>, id: i64) -> Result<String, AppError> {
    let path = core.get()?.fetch_test_result(id).await?;
    open_with_system(&app, &path)?;
    Ok(path.display().to_string())
}

/// The letter's deliveries as the provider reports them (EasyPost's sending events).
#[tauri::command]
pub async fn letter_deliveries(core: State<'_, Core>, id: i64) -> Result<Vec<Delivery>, AppError> {
    Ok(core.get()?.letter_deliveries(id).await?)
}

/// Re-sends a delivery in a final state; the deliveries after it.
#[tauri::command]
pub async fn resend_delivery(core: State<'_, Core>, id: i64, delivery_id: String) -> Result<Vec<Delivery>, AppError> {
    Ok(core.get()?.resend_delivery(id, &delivery_id).await?)
}

/// Fetches a delivery's file (proof of delivery, submission report) into the
/// data folder and opens it in the system's PDF viewer; returns its path.
#[tauri::command]
pub async fn open_delivery_file(app: AppHandle, core: State<'_, Core>, id: i64, delivery_id: String, reference: String) -> Result<String, AppError> {
    let path = core.get()?.fetch_delivery_file(id, &delivery_id, &reference).await?;
    open_with_system(&app, &path)?;
    Ok(path.display().to_string())
}

/// The system's default viewer. Test builds (`--features e2e`) only hand the path
/// back: a viewer window would outlive the WebDriver session.
#[cfg(not(feature = "e2e"))]
fn open_with_system(app: &AppHandle, path: &Path) -> Result<(), AppError> {
    use tauri_plugin_opener::OpenerExt;
    app.opener().open_path(path.display().to_string(), None::<&str>).map_err(|e| {
        AppError::new(
            "open_failed",
            "The PDF was saved, but no program to show PDFs could be started. Open it from the folder shown in the details.",
        )
        .with_details(format!("{}: {e}", path.display()))
    })
}

#[cfg(feature = "e2e")]
fn open_with_system(_app: &AppHandle, path: &Path) -> Result<(), AppError> {
    tracing::info!("e2e build: not opening {}", path.display());
    Ok(())
}
