//! Start-up marker: the Send desk tells the shell once it is painted and takes drops.

use std::sync::Once;

/// The desk is painted and interactive (the window calls it once, after its first
/// frame with the drop listeners in place). Logged; with `POSTDESK_STARTUP_MARK=1`
/// also printed on stdout as `postdesk: desk ready`, the marker
/// `scripts/measure-release.sh` times a cold start by.
#[tauri::command]
pub fn desk_ready() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        tracing::info!("the Send desk is ready");
        if std::env::var_os("POSTDESK_STARTUP_MARK").is_some_and(|v| v == "1") {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "postdesk: desk ready");
            let _ = out.flush();
        }
    });
}
