//! The smallest Tauri window, built like Postdesk (release, the same tauri, the same
//! target folder): `scripts/measure-release.sh` starts it beside the installed
//! Postdesk. Its page calls `ready` after its first painted frame; the command prints
//! `minimal: ready`, the same kind of marker as Postdesk's `desk_ready`.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[tauri::command]
fn ready() {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "minimal: ready");
    let _ = out.flush();
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!())
        .expect("the minimal window could not start");
}
