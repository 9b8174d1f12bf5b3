//! Page previews: PNG bytes straight over the IPC (no base64, no JSON).
use postdesk_core::AppError;
use tauri::ipc::Response;
use tauri::State;

use crate::state::Core;

#[tauri::command]
pub async fn render_page(core: State<'_, Core>, id: i64, page: u32, dpi: f32) -> Result<Response, AppError> {
    let png = core.get()?.render_page(id, page, dpi.clamp(10.0, 300.0)).await?;
    Ok(Response::new(png))
}
