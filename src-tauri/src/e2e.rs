//! Test-only (`--features e2e`): lets WebDriver tests drop files on the window.
//! WebDriver cannot make an OS-level file drop, so `e2e_drop` emits the same events
//! Tauri emits for a real drop; the web view's `onDragDropEvent` handler runs unchanged.

use std::path::PathBuf;

use serde::Serialize;
use tauri::{Emitter, EventTarget, Manager};

#[derive(Serialize, Clone)]
struct Position {
    x: f64,
    y: f64,
}

/// Same shape as Tauri's own `DragDropPayload`.
#[derive(Serialize, Clone)]
struct DragDrop {
    paths: Vec<PathBuf>,
    position: Position,
}

/// Emits `tauri://drag-enter` then `tauri://drag-drop` to the main window, as Tauri
/// does for a webview window (target: its label), at the window's centre.
#[tauri::command]
pub fn e2e_drop(app: tauri::AppHandle, paths: Vec<PathBuf>) -> Result<(), String> {
    let window = app.get_webview_window("main").ok_or("no main window")?;
    let size = window.inner_size().map_err(|e| e.to_string())?;
    let payload = DragDrop {
        paths,
        position: Position {
            x: f64::from(size.width) / 2.0,
            y: f64::from(size.height) / 2.0,
        },
    };
    let target = EventTarget::labeled("main");
    for event in ["tauri://drag-enter", "tauri://drag-drop"] {
        app.emit_to(target.clone(), event, payload.clone())
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Grants `allow-e2e-drop` to the main window (only this build has the command).
pub fn grant(app: &mut tauri::App) -> tauri::Result<()> {
    app.add_capability(include_str!("../e2e/capability.json"))
}
