//! The core, opened at start-up and shared by every command. When it could not
//! open (no keychain, a locked or damaged database…) every command answers with
//! that error, so the window shows it instead of dying; `reopen_data` and
//! `recover_database` try again once the clerk has done something about it.
use std::sync::{Arc, RwLock};

use postdesk_core::{AddProgress, AppError, EventSink, Letter, OutboxProgress, Postdesk, PostdeskOptions};
use tauri::{AppHandle, Emitter};

pub struct Core(RwLock<Result<Postdesk, AppError>>);

impl Core {
    pub fn get(&self) -> Result<Postdesk, AppError> {
        self.0.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    fn set(&self, opened: Result<Postdesk, AppError>) {
        *self.0.write().unwrap_or_else(|p| p.into_inner()) = opened;
    }

    /// Opens the core again when it is not open (after the clerk closed the
    /// other program or chose a way out of a damaged database).
    pub async fn reopen(&self, app: &AppHandle) -> Result<Postdesk, AppError> {
        if let Ok(core) = self.get() {
            return Ok(core);
        }
        let opened = open_core(app).await;
        self.set(opened.clone());
        opened
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
    fn outbox_progress(&self, progress: &OutboxProgress) {
        let _ = self.0.emit("outbox-progress", progress);
    }
    fn add_progress(&self, progress: &AddProgress) {
        let _ = self.0.emit("add-progress", progress);
    }
    fn hot_folder_took(&self, took: &postdesk_core::HotFolderTook) {
        let _ = self.0.emit("hot-folder-took", took);
    }
}

async fn open_core(app: &AppHandle) -> Result<Postdesk, AppError> {
    let events = Arc::new(WindowEvents(app.clone()));
    let mut opts = PostdeskOptions::from_env();
    // PDFs are checked and drawn in a worker process (this executable again), so a
    // PDF that crashes or hangs pdfium cannot take the window and its outbox down.
    opts.pdf_worker = match postdesk_pdf::worker::WorkerCommand::current_exe() {
        Ok(cmd) => Some(cmd),
        Err(e) => {
            tracing::warn!("no PDF worker process ({e}); PDFs are checked in the window's process");
            None
        }
    };
    // Test builds: the e2e tests drive the own-account path against the sandbox's simulator.
    #[cfg(feature = "e2e")]
    {
        opts.real_api_on_sandbox = std::env::var("POSTDESK_E2E_REAL_API_ON_SANDBOX").is_ok_and(|v| v == "1");
    }
    match Postdesk::open(opts, events).await {
        Ok(core) => {
            let c = core.clone();
            tauri::async_runtime::spawn(async move {
                c.start_workers();
                // The window watches the hot folders (the CLI never does).
                c.start_hot_folders();
            });
            Ok(core)
        }
        Err(e) => {
            tracing::error!("Postdesk could not open its data: {e}");
            Err(AppError::from(e))
        }
    }
}

pub fn open(app: &AppHandle) -> Core {
    Core(RwLock::new(tauri::async_runtime::block_on(open_core(app))))
}
