// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // Started as the PDF worker of a Postdesk window (see `postdesk_pdf::worker`):
    // it checks and renders PDFs for the window, nothing else.
    if std::env::var_os(postdesk_pdf::worker::WORKER_ENV).is_some() {
        std::process::exit(postdesk_pdf::worker::serve_stdio());
    }
    postdesk::run();
}
