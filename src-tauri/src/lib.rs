//! The desktop shell: builds the Tauri app, registers plugins and commands.
//! Everything the app *does* lives in the crates below (core, pdf, providers, sim);
//! the command files in `commands/` only translate between IPC and those crates.

mod commands;
#[cfg(feature = "e2e")]
mod e2e;
mod state;

use tauri::Manager;

/// Starts the window and runs until it is closed.
pub fn run() {
    init_logging();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        // Desktop notification when a big batch is done (the window shows its own too).
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_opener::init())
        // Remembers size, position and maximized state per window across restarts.
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .setup(|app| {
            #[cfg(feature = "e2e")]
            e2e::grant(app)?;
            let core = state::open(app.handle());
            app.manage(core);
            Ok(())
        })
        .invoke_handler(handler())
        .run(tauri::generate_context!())
        .expect("Postdesk could not start its window");
}

/// To stderr and to `<data folder>/logs/postdesk.log` (size-bounded, rotated, every
/// line redacted: `postdesk_core::logs`).
fn init_logging() {
    use postdesk_core::logs::{RotatingLog, KEEP, MAX_BYTES};
    use tracing_subscriber::prelude::*;
    let filter = || tracing_subscriber::EnvFilter::new(std::env::var("RUST_LOG").unwrap_or_else(|_| "warn,postdesk=info".into()));
    let logs = postdesk_core::paths::data_dir().join("logs");
    let file = match RotatingLog::open(&logs, MAX_BYTES, KEEP) {
        Ok(log) => Some(tracing_subscriber::fmt::layer().with_ansi(false).with_writer(std::sync::Arc::new(log)).with_filter(filter())),
        Err(e) => {
            eprintln!("postdesk: no log file in {} ({e})", logs.display());
            None
        }
    };
    tracing_subscriber::registry().with(tracing_subscriber::fmt::layer().with_filter(filter())).with(file).init();
}

/// One list of commands; build.rs declares the same names for the capability check.
macro_rules! app_handler {
    ($($extra:path),* $(,)?) => {
        tauri::generate_handler![
            commands::setup::app_status,
            commands::setup::provider_rules,
            commands::setup::save_epost_setup,
            commands::setup::epost_request_sms,
            commands::setup::epost_set_password,
            commands::setup::epost_test_connection,
            commands::setup::create_ekopost_company,
            commands::setup::save_ekopost_setup,
            commands::setup::ekopost_set_secret,
            commands::setup::test_connection,
            commands::setup::create_posti_company,
            commands::setup::save_posti_setup,
            commands::setup::posti_set_key,
            commands::setup::posti_test_connection,
            commands::setup::create_easypost_company,
            commands::setup::save_easypost_setup,
            commands::setup::easypost_set_key,
            commands::setup::easypost_test_connection,
            commands::easypost::peppol_documents,
            commands::easypost::open_peppol_document,
            commands::easypost::peppol_unseen,
            commands::easypost::peppol_mark_seen,
            commands::easypost::easypost_usage,
            commands::setup::keychain_retry,
            commands::jobs::cancel_letter,
            commands::setup::create_company,
            commands::setup::switch_company,
            commands::setup::copy_credentials,
            commands::admin::epost_admin_contact,
            commands::admin::epost_email_request,
            commands::admin::epost_set_email,
            commands::admin::epost_mobile_request,
            commands::admin::epost_set_mobile,
            commands::admin::epost_test_email,
            commands::admin::epost_test_mobile,
            commands::admin::wizard_pending,
            commands::admin::wizard_finish,
            commands::admin::wizard_test_letter,
            commands::letters::add_files,
            commands::letters::list_drafts,
            commands::letters::remove_draft,
            commands::split::split_preview,
            commands::split::split_draft,
            commands::hotfolders::hot_folders,
            commands::hotfolders::hot_folder_save,
            commands::hotfolders::hot_folder_remove,
            commands::preview::render_page,
            commands::jobs::list_jobs,
            commands::jobs::open_archived_pdf,
            commands::jobs::open_test_result,
            commands::jobs::letter_deliveries,
            commands::jobs::resend_delivery,
            commands::jobs::open_delivery_file,
            commands::sandbox::sandbox_inbox,
            commands::outbox::send_letters_checked,
            commands::outbox::outbox_progress,
            commands::outbox::pause_outbox,
            commands::outbox::resume_outbox,
            commands::outbox::cancel_batch,
            commands::outbox::reopen_data,
            commands::outbox::recovery_info,
            commands::outbox::recover_database,
            commands::startup::desk_ready,
            commands::about::about_postdesk,
            commands::about::diagnostics_report,
            $($extra),*
        ]
    };
}

#[cfg(not(feature = "e2e"))]
fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    app_handler![]
}

#[cfg(feature = "e2e")]
fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    app_handler![e2e::e2e_drop]
}
