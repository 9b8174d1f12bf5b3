//! The core, opened once at start-up and shared by every command. When it could
//! not open (no keychain, unreadable database…) every command answers with that
//! error, so the window shows it instead of dying.
use std::sync::Arc;

use postdesk_core::{AppError, EventSink, Letter, Postdesk, PostdeskOptions};
use tauri::{AppHandle, Emitter};

pub struct Core(pub Result<Postdesk, AppError>);

impl Core {
    pub fn get(&self) -> Result<&Postdesk, AppError> {
        self.0.as_ref().map_err(Clone::clone)
    }
}

/// Tells the web view what changed; it never polls the backend in a loop.
struct WindowEvents(AppHandle);

impl EventSink for WindowEvents {
    fn letter_changed(&self, letter: &Letter) {
        let _ = self.0.emit("jobs-changed", letter);
    }
    fn drafts_changed(&self, company_id: i64) {
        let _ = self.0.emit("drafts-changed", company_id);
    }
}

pub fn open(app: &AppHandle) -> Core {
    let events = Arc::new(WindowEvents(app.clone()));
    let opened = tauri::async_runtime::block_on(Postdesk::open(PostdeskOptions::from_env(), events));
    match opened {
        Ok(core) => {
            let c = core.clone();
            tauri::async_runtime::spawn(async move { c.start_workers() });
            Core(Ok(core))
        }
        Err(e) => {
            tracing::error!("Postdesk could not open its data: {e}");
            Core(Err(AppError::from(e)))
        }
    }
}
